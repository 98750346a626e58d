package org.dpaudit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.spark.SparkJobs;
import org.dpaudit.spark.SparkSettings;
import picocli.CommandLine.Option;

/**
 * {@code --spark MASTER} and {@code --spark-conf KEY=VALUE}: train a command's independent models
 * as Spark tasks (docs/spark.md). Without {@code --spark} everything runs in this process.
 */
public final class SparkOptions {
  @Option(names = "--spark", paramLabel = "MASTER", description = "Train the models as Apache Spark tasks: local[*] "
      + "(embedded, nothing to install), local[N] or spark://HOST:7077; yarn and k8s:// through your cluster's "
      + "spark-submit (docs/spark.md)")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "A Spark setting passed through, e.g. "
      + "spark.executor.memory=4g or spark.task.cpus=2; repeatable")
  Map<String, String> conf = new LinkedHashMap<>();

  /** Whether --spark was given. */
  public boolean requested() {
    return master != null;
  }

  /** The checked settings, or null without --spark (--spark-conf alone is an error). */
  public SparkSettings settingsOrNull(picocli.CommandLine cmd) {
    if (master == null) {
      if (!conf.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(cmd, "--spark-conf needs --spark MASTER");
      }
      return null;
    }
    return SparkSettings.of(master, conf);
  }

  /** A Spark application for the command (started when first needed), or null without --spark. */
  public SparkJobs jobsOrNull(picocli.CommandLine cmd, Consumer<String> log) {
    SparkSettings s = settingsOrNull(cmd);
    return s == null ? null : SparkJobs.create(s, log);
  }
}
