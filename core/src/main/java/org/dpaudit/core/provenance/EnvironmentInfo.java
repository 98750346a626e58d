package org.dpaudit.core.provenance;

import java.util.Objects;

/**
 * Where an artifact was made: dpaudit version and commit, Java, OS, architecture, cores, and the
 * tensor engine and device.
 *
 * <p>Recorded because floating-point results differ across platforms, JVMs, engines and devices
 * (Tribuo records the same for the same reason): two runs that differ only here may still differ
 * in their last bits.
 *
 * @param engine the tensor engine and its version, or {@code "none"} for engine-free commands
 * @param device the device the work ran on ({@code "cpu"}, {@code "gpu0"}), or {@code "none"}
 */
public record EnvironmentInfo(
    String dpauditVersion,
    String gitCommit,
    String javaVersion,
    String javaVendor,
    String os,
    String arch,
    int availableProcessors,
    String engine,
    String device) {

  public EnvironmentInfo {
    Objects.requireNonNull(dpauditVersion, "dpauditVersion");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(device, "device");
  }

  /** This JVM's environment, for work done without a tensor engine. */
  public static EnvironmentInfo current() {
    return current("none", "none");
  }

  /** This JVM's environment, for work done on {@code engine} and {@code device}. */
  public static EnvironmentInfo current(String engine, String device) {
    return new EnvironmentInfo(
        BuildInfo.version(),
        BuildInfo.gitCommit(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        engine,
        device);
  }
}
