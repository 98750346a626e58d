package org.dpaudit.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * What one Spark task does with its item, on an executor. Serialised to the executors, so an
 * implementation captures only serialisable values (no driver-side objects).
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
  R apply(T item, TaskContext context) throws Exception;
}
