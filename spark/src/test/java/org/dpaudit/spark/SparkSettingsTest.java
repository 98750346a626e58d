package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master URLs and settings are checked up front; a cluster gets dpaudit's jars but not Spark's own. */
class SparkSettingsTest {
  @TempDir Path dir;

  @Test
  void masters_areCheckedAndLocalOnesAreEmbedded() {
    assertTrue(SparkSettings.of("local[2]", Map.of()).embedded());
    assertTrue(SparkSettings.of("local[*]", Map.of()).embedded());
    assertTrue(SparkSettings.of("local[2,4]", Map.of()).embedded());
    assertFalse(SparkSettings.of("spark://head:7077", Map.of()).embedded());
    assertFalse(SparkSettings.of("yarn", Map.of()).embedded());
    assertFalse(SparkSettings.of("k8s://https://api:6443", Map.of()).embedded());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkSettings.of("head:7077", Map.of()));
    assertTrue(e.getMessage().startsWith("--spark head:7077: not a Spark master URL"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> SparkSettings.of("local", Map.of("executor.memory", "4g")));
  }

  @Test
  void yarnAndKubernetes_withoutTheirSparkModules_areAClearError() {
    for (String master : List.of("yarn", "k8s://https://api:6443")) {
      try (SparkJobs jobs = SparkJobs.create(SparkSettings.of(master, Map.of()), m -> { })) {
        InvalidInputException e = assertThrows(InvalidInputException.class, jobs::context);
        assertTrue(e.getMessage().startsWith("--spark " + master + ": this dpaudit has Spark's local and standalone"),
            e.getMessage());
        assertTrue(e.getMessage().contains("spark-submit"), e.getMessage());
      }
    }
  }

  @Test
  void applicationJars_leaveOutWhatAClusterHasAndDirectories() throws IOException {
    List<String> names = List.of("dpaudit.jar", "pytorch-native-cpu-2.7.1-linux-x86_64.jar", "api-0.35.1.jar",
        "spark-core_2.13-4.1.1.jar", "scala-library-2.13.17.jar", "hadoop-client-runtime-3.4.2.jar",
        "netty-all-4.2.7.Final.jar", "onnxruntime-1.21.1.jar", "openblas-0.3.26-1.5.10-windows-x86_64.jar",
        "openblas-0.3.26-1.5.10-linux-x86_64.jar");
    StringBuilder cp = new StringBuilder(Files.createDirectories(dir.resolve("classes")).toString());
    for (String n : names) {
      cp.append(File.pathSeparator).append(Files.createFile(dir.resolve(n)));
    }
    List<String> shipped = SparkJobs.applicationJars(cp.toString()).stream().map(p -> Path.of(p).getFileName()
        .toString()).toList();
    assertEquals(List.of("dpaudit.jar", "pytorch-native-cpu-2.7.1-linux-x86_64.jar", "api-0.35.1.jar",
        "openblas-0.3.26-1.5.10-linux-x86_64.jar"), shipped);
  }
}
