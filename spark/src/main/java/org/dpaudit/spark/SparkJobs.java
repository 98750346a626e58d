package org.dpaudit.spark;

import ai.djl.pytorch.jni.JniUtils;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.engine.Engines;
import scala.Function2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * A Spark application for one dpaudit command: the context, dpaudit's defaults for it, and {@link
 * #runEach}, which runs one task per item and hands each result to the driver as soon as its task
 * finishes (Spark's own result handler: one call per partition, whatever retries happened).
 *
 * <p>Defaults (a {@code --spark-conf} of the same key wins): no console progress bar (dpaudit prints
 * a line per task), passive OpenMP waiting and MKL's thread-count-independent products ({@code
 * MKL_CBWR}, the driver's) on executors, in local mode no web UI and the loopback address, and
 * for a cluster master the application's jars in {@code spark.jars} ({@link #applicationJars}), so
 * executors get dpaudit, DJL and PyTorch's native library ({@code pytorch-native-cpu}) from the
 * driver.
 */
public final class SparkJobs implements AutoCloseable {
  private final SparkSettings settings;
  private final Consumer<String> log;
  private JavaSparkContext context;
  private int driverThreads;

  private SparkJobs(SparkSettings settings, Consumer<String> log) {
    this.settings = settings;
    this.log = log;
  }

  /**
   * The application for {@code settings}; Spark starts (for a cluster master: connects to it and
   * asks for executors) when the first job needs it, so a command whose models are all trained
   * already never starts it.
   */
  public static SparkJobs create(SparkSettings settings, Consumer<String> log) {
    return new SparkJobs(settings, log);
  }

  /**
   * The environment executors started as new processes get, from the driver's: passive OpenMP
   * waiting and quiet libtorch logs; thread-count-independent matrix products, as ./dpaudit sets
   * for the driver (a task's model is the one trained in-process with however many threads); and
   * the driver's allocator settings where it has them (./dpaudit's {@code GLIBC_TUNABLES}: freed
   * memory kept rather than faulted in afresh every step, docs/benchmarks.md).
   */
  static Map<String, String> executorEnvironment(Map<String, String> driver) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OMP_WAIT_POLICY", "PASSIVE");
    env.put("TORCH_CPP_LOG_LEVEL", "ERROR");
    env.put("MKL_CBWR", driver.getOrDefault("MKL_CBWR", "AUTO,STRICT"));
    String tunables = driver.get("GLIBC_TUNABLES");
    if (tunables != null && !tunables.isBlank()) {
      env.put("GLIBC_TUNABLES", tunables);
    }
    return env;
  }

  private SparkConf conf() {
    SparkConf conf = new SparkConf().setMaster(settings.master()).setAppName("dpaudit");
    conf.set("spark.ui.showConsoleProgress", "false");
    executorEnvironment(System.getenv()).forEach((name, value) -> conf.set("spark.executorEnv." + name, value));
    if (settings.embedded()) {
      // Nothing leaves this JVM: no web UI, and Spark's internal endpoints on the loopback address.
      conf.set("spark.ui.enabled", "false");
      conf.set("spark.driver.host", "127.0.0.1");
      conf.set("spark.driver.bindAddress", "127.0.0.1");
    } else {
      List<String> jars = applicationJars(System.getProperty("java.class.path"));
      if (!jars.isEmpty()) {
        conf.set("spark.jars", String.join(",", jars));
      }
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }

  /** Spark's cluster managers beyond local and standalone: not on dpaudit's class path unless a spark-submit adds them. */
  private static final Map<String, String> CLUSTER_MANAGERS = Map.of(
      "yarn", "org.apache.spark.scheduler.cluster.YarnClusterManager",
      "k8s://", "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager");

  /** The Spark context, started on first use. */
  synchronized JavaSparkContext context() {
    if (context == null) {
      for (Map.Entry<String, String> m : CLUSTER_MANAGERS.entrySet()) {
        if (settings.master().startsWith(m.getKey()) && !onClassPath(m.getValue())) {
          throw new InvalidInputException("--spark " + settings.master() + ": this dpaudit has Spark's local and "
              + "standalone (spark://) modes only; run it with your cluster's spark-submit, which adds Spark's "
              + m.getKey().replace("://", "").replace("k8s", "Kubernetes").replace("yarn", "YARN")
              + " support (docs/spark.md)");
        }
      }
      SparkConf conf = conf();
      Engines.engine();
      driverThreads = JniUtils.getNumThreads();
      log.accept("starting Spark (" + settings.master() + ") ...");
      try {
        context = new JavaSparkContext(conf);
      } catch (RuntimeException e) {
        throw new InvalidInputException("--spark " + settings.master() + ": Spark did not start: " + rootMessage(e), e);
      }
    }
    return context;
  }

  private static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, SparkJobs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Prints a progress line where the command prints them. */
  void log(String line) {
    log.accept(line);
  }

  /** Whether the master runs everything in this JVM. */
  boolean embedded() {
    return settings.embedded();
  }

  /**
   * Jars a Spark cluster has itself (Spark, Scala, Hadoop, Netty, RocksDB) or executors do not need
   * (ONNX Runtime, used only for imported targets on the driver; native libraries of other
   * platforms), by file name.
   */
  private static final java.util.regex.Pattern NOT_SHIPPED = java.util.regex.Pattern.compile(
      "(spark-|scala-|hadoop-client-|netty-|rocksdbjni-|onnxruntime-).*|.*-(windows|macosx|osx)-[^/]*\\.jar");

  /**
   * The jars to ship to a cluster's executors: every {@code .jar} of {@code classPath} but those the
   * cluster has itself or executors do not use ({@link #NOT_SHIPPED}): dpaudit, DJL with PyTorch's
   * native library, and their libraries (about 200 MB, most of it libtorch).
   */
  static List<String> applicationJars(String classPath) {
    List<String> jars = new ArrayList<>();
    for (String entry : classPath == null ? new String[0] : classPath.split(File.pathSeparator)) {
      File f = new File(entry);
      if (f.isFile() && f.getName().endsWith(".jar") && !NOT_SHIPPED.matcher(f.getName()).matches()) {
        jars.add(f.getAbsolutePath());
      }
    }
    return jars;
  }

  /** The master URL. */
  public String master() {
    return settings.master();
  }

  /**
   * Runs {@code task} on every item, one Spark task per item, and calls {@code done} on the driver
   * with each result and its item's position as soon as that task succeeds: exactly once per item,
   * one call at a time. A task that fails is retried by Spark (up to {@code spark.task.maxFailures}
   * attempts on a cluster; {@code local[N,F]} for F attempts in local mode); if one fails every
   * attempt, this throws with the task's error.
   */
  public <T extends Serializable, R extends Serializable> void runEach(String jobName, List<T> items,
      TaskFunction<T, R> task, ObjIntConsumer<R> done) {
    if (items.isEmpty()) {
      return;
    }
    JavaSparkContext context = context();
    JavaRDD<T> rdd = context.parallelize(items, items.size()).setName(jobName);
    context.setJobDescription(jobName);
    @SuppressWarnings("unchecked")
    Function2<TaskContext, scala.collection.Iterator<T>, R> onExecutor =
        (Function2<TaskContext, scala.collection.Iterator<T>, R> & Serializable) (ctx, it) -> {
          try {
            return task.apply(it.next(), ctx);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new DpauditException(e.getMessage(), e);
          }
        };
    Function2<Object, R, BoxedUnit> onDriver = (partition, result) -> {
      done.accept(result, (Integer) partition);
      return BoxedUnit.UNIT;
    };
    @SuppressWarnings("unchecked")
    ClassTag<R> tag = (ClassTag<R>) (ClassTag<?>) ClassTag$.MODULE$.apply(Serializable.class);
    try {
      context.sc().runJob(rdd.rdd(), onExecutor, onDriver, tag);
    } catch (RuntimeException e) {
      DpauditException ours = find(e, DpauditException.class);
      if (ours != null && !(e instanceof DpauditException)) {
        throw new DpauditException(jobName + " on Spark failed: " + ours.getMessage(), e);
      }
      if (e instanceof DpauditException) {
        throw e;
      }
      throw new DpauditException(jobName + " on Spark failed: " + rootMessage(e), e);
    }
  }

  /** Stops the application; the driver's PyTorch threads are what they were before. */
  @Override
  public synchronized void close() {
    if (context == null) {
      return;
    }
    context.stop();
    context = null;
    if (JniUtils.getNumThreads() != driverThreads) {
      JniUtils.setNumThreads(driverThreads);
    }
  }

  private static <X extends Throwable> X find(Throwable t, Class<X> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (t instanceof SparkException && t.getMessage() != null && t != root) {
      m = t.getMessage().lines().findFirst().orElse(m);
    }
    return m.lines().findFirst().orElse(m);
  }
}
