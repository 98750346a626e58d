package org.dpaudit.trainers.noise;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.engine.HostMemory;
import org.dpaudit.trainers.engine.NativeKernels;

/**
 * Noise arithmetic on the CPU as single passes over the engine's own memory, in Java.
 *
 * <p>Why: the engine's way to form {@code float32(float64(g) + z)} is three operations (widen, add,
 * round), each reading and writing the whole gradient, plus one more to scale the noise: for the
 * MLP's 535,818 parameters that was about 2.7 ms of a 9 ms step. Here the rounding is the same
 * IEEE operation ({@code (float) (double + double)}: the sum rounded to float64, then to float32,
 * exactly what the engine does), so results are identical bit for bit; it just touches each value
 * once. A tensor's memory is reached through {@link NDArray#toByteBuffer(boolean)}, which on the
 * PyTorch engine aliases a contiguous CPU tensor; an engine or device where it does not is served
 * by the engine operations instead.
 */
final class FusedNoiseAddition {
  /** Values per pass through Java arrays: small enough for the L2 cache. */
  private static final int CHUNK = 1 << 13;

  private FusedNoiseAddition() {}

  /** Whether the fused path can form these sums: float32 gradients and float64 noise on the CPU. */
  static boolean applies(NDList grads, NDArray noise) {
    if (!HostMemory.onCpu(noise, DataType.FLOAT64)) {
      return false;
    }
    for (NDArray g : grads) {
      if (!HostMemory.onCpu(g, DataType.FLOAT32)) {
        return false;
      }
    }
    return true;
  }

  /** Coordinates per part shared by the two threads ({@link HostMemory#inParts}): eight chunks. */
  private static final int PART = 8 * CHUNK;

  /** Below this many coordinates the sums are formed on the calling thread alone. */
  static final int PARALLEL_MIN = 1 << 17;

  /**
   * {@code float32(float64(g) + z)} for each gradient, the noise taken in order; the result arrays
   * are made on the calling thread (its scope owns them), the sums on two threads for large models.
   */
  static NDList add(NDList grads, NDArray noise) {
    return add(grads, noise, 1.0, false);
  }

  /**
   * {@code float32(float64(g) + z * scale)} for each gradient, the standard draws {@code z} taken in
   * order, each product rounded once to float64 (with scale 1, z itself). With {@code inPlace} each
   * sum is written over its gradient where the gradient's buffer is its own memory ({@link
   * HostMemory#ownFloats}; the caller gives the gradients up), else into a new array made on the
   * calling thread (its scope owns it). The sums run on two threads for large models.
   */
  static NDList add(NDList grads, NDArray noise, double scale, boolean inPlace) {
    DoubleBuffer z = HostMemory.doubles(noise, false);
    NDList out = new NDList(grads.size());
    List<NDArray> made = new ArrayList<>();
    FloatBuffer[] in = new FloatBuffer[grads.size()];
    FloatBuffer[] target = new FloatBuffer[grads.size()];
    for (int i = 0; i < grads.size(); i++) {
      NDArray grad = grads.get(i);
      FloatBuffer own = inPlace ? HostMemory.ownFloats(grad) : null;
      NDArray result = grad;
      if (own != null) {
        in[i] = own;
        target[i] = own;
      } else {
        result = grad.getManager().create(grad.getShape(), DataType.FLOAT32);
        made.add(result);
        in[i] = HostMemory.floats(grad, false);
        target[i] = HostMemory.floats(result, true);
      }
      out.add(result);
      if (z == null || in[i] == null || target[i] == null) {
        made.forEach(NDArray::close);
        return NoiseSource.engineAdd(grads, scale == 1.0 ? noise : noise.mul(scale));
      }
    }
    overCoordinates(noise.size(), (from, to) -> forSegments(in, from, to,
        (i, local, at, m) -> segment(in[i], target[i], local, z, at, scale, m)));
    return out;
  }

  /**
   * Plain SGD with the noise added in the same pass: {@code w_i = w_i - lr * float32(float64(g_i) +
   * z * scale)} for the first {@code weights.size()} gradients (the native kernel {@link
   * NativeKernels#noisySgdUpdate}, the same bits as {@link #add} and then {@link
   * NativeKernels#sgdUpdate}), the standard draws {@code z} taken in order; the remaining gradients
   * (not parameters: a white-box audit tensor) get their noise as {@link #add} in place gives it, and
   * are returned. Two threads for large models, as {@link #add}. Null, touching nothing, where the
   * native kernels cannot serve every array (the caller then adds the noise and updates apart).
   */
  static NDList descend(List<NDArray> weights, NDList grads, NDArray standard, double scale, float lr) {
    if (!NativeKernels.available() || !applies(grads, standard)) {
      return null;
    }
    DoubleBuffer z = HostMemory.doubles(standard, false);
    if (z == null || !z.isDirect()) {
      return null;
    }
    int updated = weights.size();
    FloatBuffer[] in = new FloatBuffer[grads.size()];
    FloatBuffer[] target = new FloatBuffer[grads.size()];
    NDList rest = new NDList();
    List<NDArray> made = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < grads.size(); i++) {
      NDArray grad = grads.get(i);
      total += grad.size();
      in[i] = HostMemory.floats(grad, false);
      if (i < updated) {
        NDArray w = weights.get(i);
        target[i] = w.size() == grad.size() ? HostMemory.ownFloats(w) : null; // null unless float32 CPU memory of its own
      } else {
        target[i] = HostMemory.ownFloats(grad);
        NDArray result = grad;
        if (target[i] == null) {
          result = grad.getManager().create(grad.getShape(), DataType.FLOAT32);
          made.add(result);
          target[i] = HostMemory.floats(result, true);
        }
        rest.add(result);
      }
      if (in[i] == null || target[i] == null || !in[i].isDirect() || !target[i].isDirect()) {
        made.forEach(NDArray::close);
        return null;
      }
    }
    if (total != standard.size()) {
      made.forEach(NDArray::close);
      throw new IllegalArgumentException("noise has " + standard.size() + " values for " + total + " coordinates");
    }
    overCoordinates(total, (from, to) -> forSegments(in, from, to, (i, local, at, m) -> {
      if (i < updated) {
        NativeKernels.noisySgdUpdate(target[i], local, in[i], local, z, at, scale, lr, m);
      } else {
        NativeKernels.addNoise(in[i], local, z, at, scale, target[i], local, m);
      }
    }));
    return rest;
  }

  /** Runs {@code range} over the flat coordinates [0, total): on the calling thread for small models, else on two. */
  private static void overCoordinates(long total, HostMemory.RangeConsumer range) {
    if (total < PARALLEL_MIN) {
      range.accept(0, (int) total);
    } else {
      HostMemory.inRanges(Math.toIntExact(total), PART, range);
    }
  }

  /** One gradient's part of a range of flat coordinates: gradient i from {@code local}, draws from {@code at}. */
  @FunctionalInterface
  private interface Segment {
    void accept(int i, int local, long at, int m);
  }

  /** The flat coordinates [from, to) of the gradients taken in order, cut into one segment per gradient. */
  private static void forSegments(FloatBuffer[] in, long from, long to, Segment segment) {
    long offset = 0;
    for (int i = 0; i < in.length && offset < to; i++) {
      int n = in[i].limit();
      long lo = Math.max(from, offset);
      long hi = Math.min(to, offset + n);
      if (lo < hi) {
        segment.accept(i, (int) (lo - offset), lo, (int) (hi - lo));
      }
      offset += n;
    }
  }

  /**
   * {@code m} sums from {@code local} of one gradient, its noise from {@code at}: by dpaudit's native
   * kernel where it runs and the buffers are the engine's own memory (no copy through Java arrays:
   * 0.34-0.55 ms against 0.54-0.88 ms for the MLP's 535,818 values on one thread), else in Java,
   * chunk by chunk. Both round exactly as the engine does.
   */
  private static void segment(FloatBuffer g, FloatBuffer out, int local, DoubleBuffer z, long at, double scale,
      int m) {
    if (NativeKernels.available() && g.isDirect() && z.isDirect() && out.isDirect()) {
      NativeKernels.addNoise(g, local, z, at, scale, out, local, m);
    } else {
      javaSegment(g, out, local, z, at, scale, m);
    }
  }

  /** {@link #segment} in Java: where the native kernel does not run (and for its test). */
  static void javaSegment(FloatBuffer g, FloatBuffer out, int local, DoubleBuffer z, long at, double scale, int m) {
    float[] gs = new float[Math.min(CHUNK, m)];
    double[] zs = new double[gs.length];
    float[] sums = new float[gs.length];
    for (int done = 0; done < m; done += gs.length) {
      int k = Math.min(gs.length, m - done);
      g.get(local + done, gs, 0, k);
      z.get((int) (at + done), zs, 0, k);
      for (int j = 0; j < k; j++) {
        sums[j] = (float) (gs[j] + zs[j] * scale);
      }
      out.put(local + done, sums, 0, k);
    }
  }

  /** {@code standard * scale} in float64 on {@code manager}, each product rounded once. */
  static NDArray scaled(NDManager manager, NDArray standard, double scale) {
    if (!manager.getDevice().equals(Device.cpu())) {
      return standard.mul(scale);
    }
    NDArray result = manager.create(standard.getShape(), DataType.FLOAT64);
    DoubleBuffer in = HostMemory.doubles(standard, false);
    DoubleBuffer target = HostMemory.doubles(result, true);
    if (in == null || target == null) {
      result.close();
      return standard.mul(scale);
    }
    double[] chunk = new double[CHUNK];
    int n = Math.toIntExact(standard.size());
    for (int done = 0; done < n; done += CHUNK) {
      int m = Math.min(CHUNK, n - done);
      in.get(done, chunk, 0, m);
      for (int k = 0; k < m; k++) {
        chunk[k] *= scale;
      }
      target.put(done, chunk, 0, m);
    }
    return result;
  }
}
