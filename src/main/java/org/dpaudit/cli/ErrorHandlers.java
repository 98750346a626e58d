package org.dpaudit.cli;

import java.io.PrintWriter;
import org.dpaudit.core.DpauditException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error ({@code error: <message>}) and exit code
 * {@value ExitCodes#ERROR}. With {@code --verbose} the stack trace follows; without it a user never
 * sees one.
 */
final class ErrorHandlers implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Throwable cause = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
    if (cause instanceof DpauditException) {
      err.println("error: " + oneLine(cause.getMessage()));
    } else if (cause instanceof OutOfMemoryError) {
      err.println("error: out of memory; give Java more with DPAUDIT_JAVA_OPTS=-Xmx16g, or use smaller sizes");
    } else {
      err.println("error: internal error: " + cause.getClass().getSimpleName() + ": " + oneLine(String.valueOf(cause.getMessage()))
          + (Verbosity.isVerbose() ? "" : " (run with --verbose for the stack trace)"));
    }
    if (Verbosity.isVerbose()) {
      cause.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.ERROR;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCodes.ERROR;
  }

  /** Longer messages (usually a library's) are cut: the point of the line is to be read. */
  static final int MAX_MESSAGE = 400;

  private static String oneLine(String s) {
    String line = s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + " ...";
  }
}
