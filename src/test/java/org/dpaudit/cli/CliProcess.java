package org.dpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code dpaudit} as a separate process (the test's class path, {@code java ... Main}), for what an
 * in-process run cannot show: a kill -9, two processes on one run, a small heap, the native
 * engine's own output on the process's standard error.
 */
public final class CliProcess {
  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code dpaudit args}, its streams going to {@code logs}/{@code name}.out and .err. */
  public static CliProcess start(Path logs, String name, List<String> jvmOptions, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    Files.createDirectories(logs);
    Path o = logs.resolve(name + ".out");
    Path e = logs.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    return new CliProcess(pb.start(), o, e);
  }

  public Process process() {
    return process;
  }

  /** Waits for the process (at most {@code minutes}) and returns its exit code. */
  public int waitFor(int minutes) throws InterruptedException {
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the process did not finish in " + minutes + " minutes");
    }
    return process.exitValue();
  }

  /** Kills the process as {@code kill -9} does and waits for it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public String err() throws IOException {
    return Files.readString(err);
  }

  public String out() throws IOException {
    return Files.readString(out);
  }
}
