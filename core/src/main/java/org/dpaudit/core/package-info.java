/**
 * The engine-free foundation of dpaudit: parameter checks, the exception hierarchy, and (in
 * sub-packages) privacy parameters and accounting, randomness, provenance and run-directory IO.
 *
 * <p>No DJL here, by design: the accountants and the audit math must be testable in milliseconds
 * without native libraries.
 */
package org.dpaudit.core;
