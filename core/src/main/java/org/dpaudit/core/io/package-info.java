/**
 * Run-directory IO: one strict JSON mapper, atomic and durable writes, SHA-256 fingerprints, and one
 * writer per run directory.
 *
 * <p>Every write goes to a temporary file in the same directory, is flushed to disk and renamed into
 * place, and the directory is flushed too, so no reader ever sees half an artifact and a failed
 * command leaves none behind ({@link org.dpaudit.core.io.AtomicFiles}). Commands that write a run
 * hold its operating-system lock ({@link org.dpaudit.core.io.RunLock}) and, on taking it, remove what
 * a killed command left ({@link org.dpaudit.core.io.RunDirectory}). Files are read strictly: a
 * duplicate key, trailing content or a string where a number belongs is an error naming the file and
 * the key ({@link org.dpaudit.core.io.Json}, {@link org.dpaudit.core.io.JsonErrors}), and only regular
 * files are read ({@link org.dpaudit.core.io.InputFiles}).
 */
package org.dpaudit.core.io;
