/**
 * Run-directory IO: one JSON mapper, atomic writes, SHA-256 fingerprints.
 *
 * <p>Every write goes to a temporary file in the same directory and is renamed into place, so no
 * reader ever sees half an artifact, and a failed command leaves none behind.
 */
package org.dpaudit.core.io;
