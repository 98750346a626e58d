package org.dpaudit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The dpaudit application's entry point.
 *
 * <h2>Implementation notes</h2>
 * DJL runs offline unless the user says otherwise ({@code ai.djl.offline=true}): the PyTorch native
 * library comes from the jar on the class path, and nothing is downloaded at run time. Every
 * exception becomes one line and exit code 2 ({@link ErrorHandlers}); exit code 1 is kept for
 * findings.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    // A background thread (noise prefetch, a shadow model's trainer) that dies must not print a
    // stack trace: its failure reaches the command through its future and ends in one line there.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (Verbosity.isVerbose()) {
        e.printStackTrace(err);
      }
    });
    System.exit(execute(new PrintWriter(System.out, true), err, args));
  }

  /**
   * Runs {@code args} with the given streams and returns the exit code (for tests). Nothing
   * escapes: picocli hands {@link Error}s (out of memory, stack overflow, a missing native library)
   * past its exception handler, so they are caught here and end in one line and exit code 2, like
   * every other failure.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    try {
      org.dpaudit.core.io.RunLock.describeHolder(holderName(args));
      return newCommandLine(out, err).execute(args);
    } catch (Throwable t) {
      return ErrorHandlers.report(t, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** "dpaudit train", written into the lock files this process holds. */
  private static String holderName(String[] args) {
    StringBuilder s = new StringBuilder("dpaudit");
    for (String a : args) {
      if (a.startsWith("-")) {
        break;
      }
      s.append(' ').append(a);
    }
    return s.toString();
  }

  /** The configured command line: dpaudit's error handling and exit codes. */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // DJL warns at every start that it found no usable CUDA driver: harmless on a CPU machine.
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    // ONNX Runtime's engine warns likewise that its jar has no CUDA provider (ONNX imports run on the CPU).
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", "error");
    Verbosity.reset();
    ErrorHandlers handlers = new ErrorHandlers();
    CommandLine cmd = new CommandLine(new DpauditCommand());
    cmd.setOut(out).setErr(err)
        .setExecutionExceptionHandler(handlers)
        .setParameterExceptionHandler(handlers)
        .setExitCodeExceptionMapper(t -> ExitCodes.ERROR)
        .setCaseInsensitiveEnumValuesAllowed(true)
        // The commands' descriptions are written as lines of up to ~110 characters: at picocli's
        // default 80 columns (used whenever no terminal is detected, e.g. piped to less) every one of
        // them would be broken in two. A wider terminal is still detected and used.
        .setUsageHelpWidth(120)
        .setUsageHelpAutoWidth(true);
    return cmd;
  }
}
