package org.dpaudit.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for tests: a master and N workers (1 core each), each its own JVM
 * started from the Spark jars on the test class path, everything bound to 127.0.0.1. Workers start
 * executors as further JVMs, with the test class path as the cluster's installed jars ({@code
 * SPARK_DIST_CLASSPATH}). Used by the cluster tests and by the scale-out benchmark ({@code bench/}). Every start is bounded in time; {@link #close} kills every process it
 * started, with their children.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  private final int masterPort;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path dir, int masterPort) {
    this.dir = dir;
    this.masterPort = masterPort;
  }

  /** Starts the master and {@code workers} workers, each with one core; waits until all registered. */
  public static StandaloneCluster start(Path dir, int workers, Duration timeout) throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(dir, freePort());
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      Path masterLog = dir.resolve("master.log");
      c.processes.add(c.java("org.apache.spark.deploy.master.Master", masterLog, "--host", "127.0.0.1", "--port",
          String.valueOf(c.masterPort), "--webui-port", String.valueOf(freePort())));
      waitFor(masterLog, "I have been elected leader", deadline);
      for (int i = 0; i < workers; i++) {
        Path log = dir.resolve("worker-" + i + ".log");
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        Process w = c.java("org.apache.spark.deploy.worker.Worker", log, c.masterUrl(), "--host", "127.0.0.1",
            "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir",
            work.toString());
        c.processes.add(w);
        c.workers.add(w);
      }
      for (int i = 0; i < workers; i++) {
        waitFor(dir.resolve("worker-" + i + ".log"), "Successfully registered with master", deadline);
      }
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Driver settings that keep the application on the loopback address. */
  public static Map<String, String> driverConf() {
    return Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1", "spark.ui.enabled",
        "false", "spark.executor.memory", "1g", "spark.executor.cores", "1");
  }

  /** The worker whose work directory holds {@code executorId}'s directory, or -1. */
  int workerOfExecutor(String executorId) throws IOException {
    for (int i = 0; i < workers.size(); i++) {
      try (Stream<Path> apps = Files.list(dir.resolve("work-" + i))) {
        if (apps.anyMatch(app -> Files.isDirectory(app.resolve(executorId)))) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Kills worker {@code i} and its executor at once, as a lost machine would go. */
  void killWorker(int i) throws InterruptedException {
    Process w = workers.get(i);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly();
    w.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Process java(String mainClass, Path log, String... args) throws IOException {
    String classPath = testClassPath();
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
    Files.createDirectories(sparkHome.resolve("jars"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // The tests' simplelogger.properties keeps Spark at warn; the cluster's readiness lines are info.
    cmd.add("-Dorg.slf4j.simpleLogger.log.org.apache.spark=info");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_DIST_CLASSPATH", classPath);
    env.put("SPARK_LOG_DIR", dir.toString());
    return pb.start();
  }

  /** Surefire's class path of the tests (java.class.path is only its booter jar). */
  static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static void waitFor(Path log, String line, long deadline) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out waiting for '" + line + "' in " + log + ":\n"
        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String pathList(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }
}
