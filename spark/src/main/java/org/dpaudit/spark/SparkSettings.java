package org.dpaudit.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dpaudit.core.InvalidInputException;

/**
 * Where to run: a Spark master URL ({@code local[*]} embedded, {@code spark://host:7077}, {@code
 * yarn}, {@code k8s://...}) and the Spark settings the user passes through ({@code --spark-conf
 * KEY=VALUE}), which win over dpaudit's defaults.
 */
public record SparkSettings(String master, Map<String, String> conf) {
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\*|\\d+)(,\\s*\\d+)?])?|local-cluster\\[\\d+,\\s*\\d+,\\s*\\d+]|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

  public SparkSettings {
    Objects.requireNonNull(master, "master");
    conf = Map.copyOf(conf == null ? Map.of() : conf);
    if (!MASTER.matcher(master.strip()).matches()) {
      throw new InvalidInputException("--spark " + master + ": not a Spark master URL; use local[*], local[N], "
          + "spark://HOST:7077, yarn or k8s://https://HOST:PORT");
    }
    for (String key : conf.keySet()) {
      if (!key.startsWith("spark.")) {
        throw new InvalidInputException("--spark-conf " + key + ": Spark settings start with 'spark.' (e.g. "
            + "spark.executor.memory=4g)");
      }
    }
    master = master.strip();
  }

  /** Settings from the command line's {@code --spark} and {@code --spark-conf} values. */
  public static SparkSettings of(String master, Map<String, String> conf) {
    return new SparkSettings(master, conf == null ? Map.of() : new LinkedHashMap<>(conf));
  }

  /** Whether the master runs everything inside this JVM ({@code local}, {@code local[N]}). */
  public boolean embedded() {
    return master.equals("local") || master.startsWith("local[");
  }
}
