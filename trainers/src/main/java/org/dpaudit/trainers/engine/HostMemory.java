package org.dpaudit.trainers.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Single passes over a CPU tensor's own memory in Java, for the few places where the engine would
 * need several operations (each a full read and write) or many small kernel calls for what is one
 * loop: the noisy sum rounded to float32, the unfolded input of a convolution.
 *
 * <p>Why Java and not the engine: between two engine operations the step's engine threads are idle,
 * so a loop split between the calling thread and one helper ({@link #inParts}) has both cores, and it
 * touches each value once. A tensor's memory is reached through {@link NDArray#toByteBuffer(boolean)},
 * which on the PyTorch engine aliases a contiguous CPU tensor (a non-contiguous one is copied into
 * contiguous memory first, so reading is always right); writing needs the alias, which an array just
 * made by the engine on the CPU always is. Any other engine or device is served by the caller's
 * engine operations ({@link #floats} and {@link #doubles} return null).
 */
public final class HostMemory {
  /** A normal-priority thread that takes parts of a split pass (the caller waits for it anyway). */
  private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "dpaudit-host-pass");
    t.setDaemon(true);
    return t;
  });

  private HostMemory() {}

  /**
   * {@code values} as a float32 array (shape (n)) on {@code manager}: on the CPU made empty by the
   * engine and written through its own memory, where {@code NDManager.create(float[])} first copies
   * them into a new direct buffer of its own (inside the MLP's DP step, the 256 clipping coefficients
   * took a median 116 us that way against 167 us, the two alternated call by call); elsewhere that
   * call.
   */
  public static NDArray floatArray(NDManager manager, float[] values) {
    if (manager.getDevice().equals(Device.cpu())) {
      NDArray out = manager.create(new Shape(values.length), DataType.FLOAT32);
      FloatBuffer memory = floats(out, true);
      if (memory != null) {
        memory.put(0, values);
        return out;
      }
      out.close();
    }
    return manager.create(values);
  }

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

  /**
   * The float32 values of {@code a} as a buffer that is the array's own memory, or null. For writing
   * over an array the caller did not just make: a non-contiguous view comes back from {@link
   * NDArray#toByteBuffer(boolean)} as a contiguous copy, which is direct too, and writes to it would
   * be lost. A copy is told by asking twice: each copy is new memory, the array's own is the same.
   */
  public static FloatBuffer ownFloats(NDArray a) {
    if (!onCpu(a, DataType.FLOAT32)) {
      return null;
    }
    ByteBuffer first = memory(a, true);
    if (first != null && a.size() == 0) {
      return first.asFloatBuffer(); // nothing to write, and no address to compare
    }
    ByteBuffer second = first == null ? null : memory(a, true);
    if (second == null || !NativeKernels.sameAddress(first, second)) {
      return null;
    }
    return first.asFloatBuffer();
  }

  private static ByteBuffer memory(NDArray a, boolean write) {
    ByteBuffer b = a.toByteBuffer(true);
    if (write && !b.isDirect()) {
      return null;
    }
    return b.order(ByteOrder.nativeOrder());
  }

  /**
   * {@link #inParts} over {@code count} items (examples, coordinates) in ranges of at most
   * {@code size}: {@code range.accept(from, to)}.
   */
  public static void inRanges(int count, int size, RangeConsumer range) {
    int parts = (count + size - 1) / size;
    inParts(parts, i -> range.accept(i * size, Math.min(count, (i + 1) * size)));
  }

  /** Work on items [from, to). */
  @FunctionalInterface
  public interface RangeConsumer {
    void accept(int from, int to);
  }

  /**
   * Runs {@code part.accept(i)} for every i in [0, parts), each exactly once, on the calling thread
   * and the helper thread, whichever takes it first, and returns when all are done; the first
   * failure is rethrown then. The parts must touch disjoint memory.
   *
   * <p>Why parts taken in turn rather than two fixed halves: on this kind of virtual machine a
   * sleeping helper starts a quarter to half a millisecond after it is woken (its virtual CPU was
   * halted), so with fixed halves the caller finished its own and then waited for the helper's,
   * and a pass split in two took about as long as on one thread. Now the caller takes parts until
   * none is left, the helper joins whenever it wakes, and the caller waits only for the parts the
   * helper has started. When the calling thread's engine runs on one intra-op thread (one model
   * per core, as parallel shadow models and Spark tasks train), the other cores are busy with other
   * models: the caller then runs every part itself.
   */
  public static void inParts(int parts, IntConsumer part) {
    if (parts <= 1 || Engines.intraOpThreads() < 2) {
      for (int i = 0; i < parts; i++) {
        part.accept(i);
      }
      return;
    }
    SharedParts shared = new SharedParts(parts, part);
    HELPER.execute(shared::work);
    shared.work();
    shared.awaitAll();
  }

  /** Parts handed out in turn to whichever thread asks; a failed part stops the rest from starting. */
  private static final class SharedParts {
    private final int parts;
    private final IntConsumer part;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private volatile Throwable failure;

    SharedParts(int parts, IntConsumer part) {
      this.parts = parts;
      this.part = part;
      this.finished = new CountDownLatch(parts);
    }

    void work() {
      for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
        try {
          if (failure == null) {
            part.accept(i);
          }
        } catch (RuntimeException | Error e) {
          failure = e;
        } finally {
          finished.countDown();
        }
      }
    }

    /** Waits (interrupts deferred: a part in progress writes memory the caller will free) and rethrows. */
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable f = failure;
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
    }
  }
}
