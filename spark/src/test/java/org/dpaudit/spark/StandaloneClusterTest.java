package org.dpaudit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.attacks.shadow.ShadowScoresFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dpaudit on a real Spark standalone cluster: a master and two one-core workers, each its own JVM
 * (their executors too), all on 127.0.0.1. A 4-shadow LiRA submitted through dpaudit gives the
 * in-process shadows and AUC; with one worker killed (with its executor) in the middle of the job,
 * Spark runs the lost task again elsewhere and the result is still the same.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StandaloneClusterTest {
  private static final Pattern FINISHED = Pattern.compile(
      "shadow model (\\d+) trained on executor (\\S+) \\(.*, attempt (\\d+)\\)");

  @TempDir static Path dir;
  static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    TargetRun.reference(); // trained before the cluster takes memory and cores
    cluster = StandaloneCluster.start(dir, 2, Duration.ofMinutes(2));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SparkJobs jobs(List<String> lines) {
    return SparkJobs.create(SparkSettings.of(cluster.masterUrl(), StandaloneCluster.driverConf()), lines::add);
  }

  @Test
  @Order(1)
  void liraOnTheCluster_givesTheInProcessResult() {
    Path run = TargetRun.copy("cluster");
    List<String> lines = new CopyOnWriteArrayList<>();
    AttackRecord rec;
    try (SparkJobs spark = jobs(lines)) {
      rec = AttackRunner.run(run, TargetRun.lira(), new SparkShadowTrainer(spark), lines::add);
    }
    TargetRun.assertSameAsReference(run, rec);
    long executors = lines.stream().map(FINISHED::matcher).filter(Matcher::find).map(m -> m.group(2)).distinct()
        .count();
    assertEquals(2, executors, "both workers' executors trained shadows:\n" + String.join("\n", lines));
  }

  @Test
  @Order(2)
  void aWorkerKilledMidJob_theJobFinishesWithTheSameResult() throws Exception {
    Path run = TargetRun.copy("killed");
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> killed = new CompletableFuture<>();
    List<String> finishedOn = new CopyOnWriteArrayList<>();
    AttackRecord rec;
    try (SparkJobs spark = jobs(lines)) {
      rec = AttackRunner.run(run, TargetRun.lira(), new SparkShadowTrainer(spark), line -> {
        lines.add(line);
        Matcher m = FINISHED.matcher(line);
        if (m.find()) {
          finishedOn.add(m.group(2));
          // After two tasks both executors are busy with their second: kill the first one's worker.
          if (finishedOn.size() == 2 && !killed.isDone()) {
            String executor = finishedOn.get(0);
            CompletableFuture.runAsync(() -> {
              try {
                int worker = cluster.workerOfExecutor(executor);
                cluster.killWorker(worker);
                lines.add("test: killed worker " + worker + " (executor " + executor + ")");
                killed.complete(null);
              } catch (Exception e) {
                killed.completeExceptionally(e);
              }
            });
          }
        }
      });
    }
    killed.get(1, TimeUnit.MINUTES);
    String log = String.join("\n", lines);
    TargetRun.assertSameAsReference(run, rec);
    assertEquals(TargetRun.SHADOWS, ShadowScoresFile.files(run.resolve("shadows/lira")).size());
    assertEquals(TargetRun.SHADOWS, lines.stream().filter(l -> FINISHED.matcher(l).find()).count(),
        "each shadow model is reported once:\n" + log);
    assertTrue(lines.stream().map(FINISHED::matcher).filter(Matcher::find).anyMatch(m -> !m.group(3).equals("1")),
        "a task of the killed worker ran again (attempt 2 or later):\n" + log);
    assertTrue(Files.isRegularFile(run.resolve("attacks/lira.json")));
  }
}
