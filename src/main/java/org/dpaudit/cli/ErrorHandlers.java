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
    Throwable cause = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
    return report(cause, cmd.getErr());
  }

  /**
   * Prints {@code t} as one line ({@code error: ...}; the stack trace follows with {@code --verbose})
   * and returns {@value ExitCodes#ERROR}. Errors of the JVM itself get their own line: an {@link
   * OutOfMemoryError} says how to give Java more memory, a {@link StackOverflowError} that the input
   * nests too deeply.
   */
  static int report(Throwable t, PrintWriter err) {
    Throwable cause = unwrap(t);
    if (cause instanceof DpauditException) {
      err.println("error: " + oneLine(cause.getMessage()));
    } else if (cause instanceof OutOfMemoryError) {
      err.println("error: out of memory (" + oneLine(String.valueOf(cause.getMessage())) + "); give Java more with "
          + "DPAUDIT_JAVA_OPTS=-Xmx16g, or use smaller sizes");
    } else if (cause instanceof StackOverflowError) {
      err.println("error: stack overflow (an input nested too deeply, or a bug); give Java a larger stack with "
          + "DPAUDIT_JAVA_OPTS=-Xss16m if the input is genuine");
    } else {
      err.println("error: internal error: " + cause.getClass().getSimpleName() + ": "
          + oneLine(String.valueOf(cause.getMessage()))
          + (Verbosity.isVerbose() ? "" : " (run with --verbose for the stack trace)"));
    }
    if (Verbosity.isVerbose()) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.ERROR;
  }

  /**
   * The failure worth naming: a {@link DpauditException} or JVM error wrapped by a library (picocli's
   * execution exception, an {@code ExceptionInInitializerError}, a future's {@code
   * ExecutionException}) is reported as itself.
   */
  private static Throwable unwrap(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth++ < 20; c = c.getCause()) {
      if (c instanceof VirtualMachineError) {
        return c; // out of memory anywhere in the chain is the thing to say, however it was wrapped
      }
    }
    Throwable c = t;
    for (int i = 0; i < 10 && c.getCause() != null && c.getCause() != c; i++) {
      if (c instanceof DpauditException || c instanceof VirtualMachineError) {
        return c;
      }
      if (c instanceof CommandLine.ExecutionException || c instanceof ExceptionInInitializerError
          || c instanceof java.util.concurrent.ExecutionException || c instanceof java.util.concurrent.CompletionException
          || c.getCause() instanceof VirtualMachineError) {
        c = c.getCause();
      } else {
        break;
      }
    }
    return c;
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
