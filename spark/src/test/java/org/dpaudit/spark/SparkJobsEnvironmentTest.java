package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What executors started as new processes inherit from the driver's environment. */
class SparkJobsEnvironmentTest {
  @Test
  void theDriversAllocatorSettingsAndMatrixProductModeReachTheExecutors() {
    Map<String, String> env = SparkJobs.executorEnvironment(Map.of(
        "GLIBC_TUNABLES", "glibc.malloc.top_pad=67108864", "MKL_CBWR", "AVX2,STRICT", "HOME", "/home/x"));
    assertEquals("glibc.malloc.top_pad=67108864", env.get("GLIBC_TUNABLES"));
    assertEquals("AVX2,STRICT", env.get("MKL_CBWR"));
    assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY"));
    assertFalse(env.containsKey("HOME"), "only the settings that shape a task's speed and arithmetic are passed");
  }

  @Test
  void withoutThemTheDefaults_andNoEmptyAllocatorSetting() {
    Map<String, String> env = SparkJobs.executorEnvironment(Map.of("GLIBC_TUNABLES", " "));
    assertEquals("AUTO,STRICT", env.get("MKL_CBWR"));
    assertFalse(env.containsKey("GLIBC_TUNABLES"));
  }
}
