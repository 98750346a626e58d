package org.dpaudit.trainers.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import org.dpaudit.core.InvalidInputException;

/**
 * The tensor engine (DJL's PyTorch engine) and device selection.
 *
 * <p>Nothing in dpaudit assumes a CPU: tensors are created on the device chosen here, which is a
 * CUDA GPU whenever DJL finds a CUDA libtorch and a GPU ({@link DeviceChoice#AUTO}), the CPU
 * otherwise. DJL runs offline: the native library comes from the jar on the class path.
 */
public final class Engines {
  /** The engine dpaudit's tensor code runs on. */
  public static final String ENGINE_NAME = "PyTorch";

  private Engines() {}

  /** The PyTorch engine (loaded on first use). */
  public static Engine engine() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    return Engine.getEngine(ENGINE_NAME);
  }

  /** The device for {@code choice}; asking for a GPU where there is none is an error. */
  public static Device device(DeviceChoice choice) {
    Engine e = engine();
    return switch (choice) {
      case CPU -> Device.cpu();
      case AUTO -> e.defaultDevice();
      case GPU -> {
        if (e.getGpuCount() == 0 || !e.defaultDevice().isGpu()) {
          throw new InvalidInputException("--device gpu: no CUDA GPU is usable by DJL's PyTorch engine here "
              + "(it needs a CUDA 12.8 libtorch 2.7.1); use --device auto or cpu");
        }
        yield e.defaultDevice();
      }
    };
  }

  /**
   * A gradient collector for the calling thread: unlike DJL's, several threads may each have one
   * open (several models training in one JVM, as Spark tasks do); see {@link ThreadGradientCollector}.
   */
  public static GradientCollector gradientCollector() {
    engine();
    return new ThreadGradientCollector();
  }

  /**
   * Sets {@code array}'s gradient buffer to zeros in place (a write of zeros, PyTorch's
   * {@code grad.zero_()}); nothing when it has none yet. The next backward pass adds into it: 0 + g
   * is g for every finite g (a negative zero comes out positive), as when the zeros were g - g.
   */
  public static void zeroGradient(ai.djl.ndarray.NDArray array) {
    ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) array);
  }

  /**
   * Runs {@code write} with the calling thread's autograd off ({@code torch.no_grad()}): in-place
   * writes into parameters (initialisation, resume, fusion) are not part of any graph, and PyTorch
   * refuses them on a leaf that requires its gradient while grad mode is on, which is the default in
   * every thread the engine did not start (parallel shadow models, Spark tasks).
   */
  public static void withoutGrad(Runnable write) {
    engine();
    boolean before = ai.djl.pytorch.jni.JniUtils.isGradMode();
    if (before) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }
    try {
      write.run();
    } finally {
      if (before) {
        ai.djl.pytorch.jni.JniUtils.setGradMode(true);
      }
    }
  }

  /** The threads the engine uses inside one operation (PyTorch's intra-op threads). */
  public static int intraOpThreads() {
    engine();
    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
  }

  /**
   * Runs {@code ops} with the calling thread's engine operations on one intra-op thread, on the CPU;
   * elsewhere (a GPU) as they are. For short runs of small element-wise operations: each operation
   * the engine splits across threads first wakes the sleeping second thread ({@code
   * OMP_WAIT_POLICY=PASSIVE}), which on this kind of virtual machine costs more than the operation
   * saves (measured on the MLP's per-example norms at batch 256: 1.57 ms on two threads, 0.69 ms on
   * one, switch included; docs/benchmarks.md). For element-wise operations and reductions along
   * the rows of a batch the values are the same on one thread as on two (PyTorch gives each output
   * to one thread either way; tested on the MLP's first layer); a reduction to a single value of
   * more than 32,768 inputs may be split differently on two threads, and on one it is the same
   * every run.
   */
  public static <T> T onOneThread(Device device, java.util.function.Supplier<T> ops) {
    engine();
    int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    if (before == 1 || !device.equals(Device.cpu())) {
      return ops.get();
    }
    ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    try {
      return ops.get();
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
    }
  }

  /**
   * The most values an array may hold for {@link #onOneThreadIfSmall} to run its operations on one
   * thread: the MLP's first layer at batch 256 is 200,704, the CNN's first convolution's output
   * 802,816; at about a million values one thread's pass (a fraction of a millisecond) outgrows the
   * cost of waking the second.
   */
  public static final long ONE_THREAD_MAX = 1L << 20;

  /**
   * {@link #onOneThread} when the largest array the operations touch holds at most {@link
   * #ONE_THREAD_MAX} values, else the operations as they are. For element-wise operations and
   * reductions only: a matrix product or a convolution needs both threads.
   */
  public static <T> T onOneThreadIfSmall(long largest, Device device, java.util.function.Supplier<T> ops) {
    return largest <= ONE_THREAD_MAX ? onOneThread(device, ops) : ops.get();
  }

  /** The engine and its version, for provenance, e.g. {@code PyTorch 2.7.1 (DJL 0.35.1)}. */
  public static String describe() {
    Engine e = engine();
    return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
  }
}
