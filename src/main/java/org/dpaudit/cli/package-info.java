/**
 * The picocli application: parsing, validation and calls into the modules, nothing more.
 *
 * <p>Every command is a {@code Callable<Integer>} returning an {@link org.dpaudit.cli.ExitCodes}
 * value; every exception becomes one line on standard error and exit code 2.
 */
package org.dpaudit.cli;
