package org.dpaudit.trainers.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpaudit.core.DpauditException;

/**
 * Single passes over a CPU tensor's own memory in Java, for the few places where the engine would
 * need several operations (each a full read and write) or many small kernel calls for what is one
 * loop: the noisy sum rounded to float32, the unfolded input of a convolution.
 *
 * <p>Why Java and not the engine: between two engine operations the step's engine threads are idle,
 * so a loop split between the calling thread and one helper ({@link #inTwo}) has both cores, and it
 * touches each value once. A tensor's memory is reached through {@link NDArray#toByteBuffer(boolean)},
 * which on the PyTorch engine aliases a contiguous CPU tensor (a non-contiguous one is copied into
 * contiguous memory first, so reading is always right); writing needs the alias, which an array just
 * made by the engine on the CPU always is. Any other engine or device is served by the caller's
 * engine operations ({@link #floats} and {@link #doubles} return null).
 */
public final class HostMemory {
  /** A normal-priority thread that takes one part of a split pass (the caller waits for it anyway). */
  private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "dpaudit-host-pass");
    t.setDaemon(true);
    return t;
  });

  private HostMemory() {}

  /** Whether {@code a} is a CPU array of type {@code type}: the kind these passes read and write. */
  public static boolean onCpu(NDArray a, DataType type) {
    return a.getDevice().equals(Device.cpu()) && a.getDataType() == type;
  }

  /**
   * The float32 values of {@code a} as a buffer in native order; with {@code write}, one that
   * aliases the array's own memory (else null: writes would be lost). For reading, a copy is as good.
   */
  public static FloatBuffer floats(NDArray a, boolean write) {
    ByteBuffer b = memory(a, write);
    return b == null ? null : b.asFloatBuffer();
  }

  /** The float64 values of {@code a}, as {@link #floats}. */
  public static DoubleBuffer doubles(NDArray a, boolean write) {
    ByteBuffer b = memory(a, write);
    return b == null ? null : b.asDoubleBuffer();
  }

  private static ByteBuffer memory(NDArray a, boolean write) {
    ByteBuffer b = a.toByteBuffer(true);
    if (write && !b.isDirect()) {
      return null;
    }
    return b.order(ByteOrder.nativeOrder());
  }

  /**
   * Runs {@code first} on the calling thread and {@code second} on the helper thread, and returns
   * when both are done; a failure of either is rethrown. The two must touch disjoint memory. When
   * the calling thread's engine runs on one intra-op thread (one model per core, as parallel shadow
   * models and Spark tasks train), the other cores are busy with other models: the caller then runs
   * both parts itself.
   */
  public static void inTwo(Runnable first, Runnable second) {
    if (Engines.intraOpThreads() < 2) {
      first.run();
      second.run();
      return;
    }
    Future<?> other = HELPER.submit(second);
    try {
      first.run();
    } catch (RuntimeException | Error e) {
      await(other); // the helper must be done with the memory before the caller's scope frees it
      throw e;
    }
    await(other);
  }

  private static void await(Future<?> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          task.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the task is writing memory the caller will free
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw new DpauditException("a pass over tensor memory failed: " + cause.getMessage(), cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
