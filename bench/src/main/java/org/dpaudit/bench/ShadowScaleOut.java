package org.dpaudit.bench;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.attacks.shadow.SequentialShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowTrainer;
import org.dpaudit.spark.SparkJobs;
import org.dpaudit.spark.SparkSettings;
import org.dpaudit.spark.SparkShadowTrainer;
import org.dpaudit.spark.StandaloneCluster;

/**
 * The same LiRA (N shadow models, one seed) on one run, side by side in one process: in-process
 * one model at a time with PyTorch's default threads (dpaudit's trainer before Spark), in-process
 * with one thread per model and as many models at once as cores (the default for CNN targets and
 * with {@code --sequential}; what one-core Spark tasks do), in-process batched with a 4th argument {@code --batched} (MLP
 * targets), Spark {@code local[2]}, and a 2-worker Spark standalone cluster on this machine (master
 * and workers as separate JVMs, one core each, on 127.0.0.1). Prints wall times, ratios to the
 * sequential run, each run's AUC and its difference from the sequential one, and the per-task
 * training time Spark reports.
 *
 * <pre>
 * java ... org.dpaudit.bench.ShadowScaleOut runs/demo/nonprivate 16 1
 * </pre>
 */
public final class ShadowScaleOut {
  private static final Pattern TASK = Pattern.compile("trained on executor \\S+ \\(.*\\) in ([0-9.]+) s");

  private ShadowScaleOut() {}

  record Row(String mode, double seconds, double auc, List<Double> taskSeconds) {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args.length > 0 ? args[0] : "runs/demo/nonprivate");
    int shadows = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Path work = Files.createTempDirectory("dpaudit-bench-scaleout-");
    List<Row> rows = new ArrayList<>();
    rows.add(time("in-process, one model at a time, PyTorch's default threads", copy(run, work, "one"), shadows,
        seed, false, new SequentialShadowTrainer(Device.cpu())));
    rows.add(time("in-process default: one thread per model, " + Runtime.getRuntime().availableProcessors()
        + " at once", copy(run, work, "parallel"), shadows, seed, false, (SparkJobs) null));
    if (args.length > 3 && args[3].equals("--batched")) { // MLP targets: the default in-process trainer
      rows.add(time("in-process, batched", copy(run, work, "batched"), shadows, seed, true, (SparkJobs) null));
    }
    try (SparkJobs local = SparkJobs.create(SparkSettings.of("local[2]", Map.of()), System.err::println)) {
      rows.add(time("Spark local[2]", copy(run, work, "local"), shadows, seed, false, local));
    }
    try (StandaloneCluster cluster = StandaloneCluster.start(work.resolve("cluster"), 2, Duration.ofMinutes(3));
        SparkJobs jobs = SparkJobs.create(SparkSettings.of(cluster.masterUrl(), StandaloneCluster.driverConf()),
            System.err::println)) {
      rows.add(time("Spark standalone, 2 workers x 1 core", copy(run, work, "cluster"), shadows, seed, false, jobs));
    }
    double base = rows.get(0).seconds();
    System.out.printf("%n%d shadow models of %s, seed %d%n%n", shadows, run, seed);
    System.out.println("| mode | wall time (s) | vs the first | AUC | AUC - the first's | AUC - the default's | "
        + "mean task training (s) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      String task = r.taskSeconds().isEmpty() ? "" : String.format("%.1f",
          r.taskSeconds().stream().mapToDouble(Double::doubleValue).average().orElse(0));
      System.out.printf("| %s | %.1f | %.2fx | %.6f | %.1e | %.1e | %s |%n", r.mode(), r.seconds(), base / r.seconds(),
          r.auc(), r.auc() - rows.get(0).auc(), r.auc() - rows.get(1).auc(), task);
    }
  }

  private static Row time(String mode, Path run, int shadows, long seed, boolean batched, SparkJobs spark) {
    return time(mode, run, shadows, seed, batched, spark == null ? null : new SparkShadowTrainer(spark));
  }

  private static Row time(String mode, Path run, int shadows, long seed, boolean batched, ShadowTrainer trainer) {
    System.err.println("== " + mode);
    List<Double> tasks = new ArrayList<>();
    var opts = new AttackRunner.Options(AttackKind.LIRA, shadows, 1000, 1.0, batched, seed, Device.cpu(), null);
    long t0 = System.nanoTime();
    AttackRecord rec = AttackRunner.run(run, opts, trainer, line -> {
      System.err.println(line);
      Matcher m = TASK.matcher(line);
      if (m.find()) {
        tasks.add(Double.parseDouble(m.group(1)));
      }
    });
    return new Row(mode, (System.nanoTime() - t0) / 1e9, rec.auc(), tasks);
  }

  /** The run without its attacks and shadows, so every mode trains all its shadow models. */
  private static Path copy(Path run, Path work, String name) throws IOException {
    Path to = work.resolve(name);
    try (Stream<Path> all = Files.walk(run)) {
      for (Path p : all.toList()) {
        String rel = run.relativize(p).toString();
        if (rel.startsWith("shadows") || rel.startsWith("attacks")) {
          continue;
        }
        Path t = to.resolve(rel);
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return to;
  }
}
