package org.dpaudit.spark;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Where and how a task ran, sent back with its result for the progress lines.
 *
 * @param attempt Spark's attempt number (0 for the first; more after a failure or a lost executor)
 * @param seconds the task's own training time
 */
public record TaskInfo(String executor, String host, int attempt, double seconds) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The running task's, {@code startNanos} being when it started. */
  static TaskInfo of(TaskContext ctx, long startNanos) {
    SparkEnv env = SparkEnv.get();
    String executor = env == null ? "?" : env.executorId();
    String host = env == null ? "?" : env.blockManager().blockManagerId().host();
    return new TaskInfo(executor, host, ctx == null ? 0 : ctx.attemptNumber(), (System.nanoTime() - startNanos) / 1e9);
  }
}
