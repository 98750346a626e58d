package org.dpaudit.spark;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.dpaudit.trainers.engine.Engines;
import scala.Option;

/**
 * A task's share of its executor: PyTorch's intra-op threads follow the cores Spark gave the task
 * ({@code spark.task.cpus}, 1 by default), so tasks running side by side on one executor do not
 * oversubscribe its cores; a task that was given a GPU ({@code spark.task.resource.gpu.amount})
 * trains on that GPU.
 */
final class TaskResources {
  private TaskResources() {}

  /** Sets the calling task thread's PyTorch intra-op threads to the task's cores. */
  static void useTaskCores(TaskContext ctx) {
    Engines.engine();
    int cores = ctx == null ? 1 : Math.max(1, ctx.cpus());
    if (JniUtils.getNumThreads() != cores) {
      JniUtils.setNumThreads(cores);
    }
  }

  /** The GPU Spark assigned to the task, when it assigned one and the engine can use it; else the CPU. */
  static Device device(TaskContext ctx) {
    if (ctx != null) {
      Option<ResourceInformation> gpu = ctx.resources().get("gpu");
      if (gpu.isDefined() && gpu.get().addresses().length > 0 && Engines.engine().getGpuCount() > 0) {
        return Device.gpu(Integer.parseInt(gpu.get().addresses()[0]));
      }
    }
    return Device.cpu();
  }
}
