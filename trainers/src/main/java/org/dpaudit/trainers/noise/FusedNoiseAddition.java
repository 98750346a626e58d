package org.dpaudit.trainers.noise;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

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
    if (!noise.getDevice().equals(Device.cpu()) || noise.getDataType() != DataType.FLOAT64) {
      return false;
    }
    for (NDArray g : grads) {
      if (!g.getDevice().equals(Device.cpu()) || g.getDataType() != DataType.FLOAT32) {
        return false;
      }
    }
    return true;
  }

  /** {@code float32(float64(g) + z)} for each gradient, the noise taken in order. */
  static NDList add(NDList grads, NDArray noise) {
    DoubleBuffer z = doubles(noise, false);
    NDList out = new NDList(grads.size());
    float[] g = new float[CHUNK];
    double[] zs = new double[CHUNK];
    float[] sums = new float[CHUNK];
    int offset = 0;
    for (NDArray grad : grads) {
      NDArray result = grad.getManager().create(grad.getShape(), DataType.FLOAT32);
      FloatBuffer in = floats(grad, false);
      FloatBuffer target = floats(result, true);
      if (z == null || in == null || target == null) {
        result.close();
        return NoiseSource.engineAdd(grads, noise);
      }
      int n = Math.toIntExact(grad.size());
      for (int done = 0; done < n; done += CHUNK) {
        int m = Math.min(CHUNK, n - done);
        in.get(done, g, 0, m);
        z.get(offset + done, zs, 0, m);
        for (int k = 0; k < m; k++) {
          sums[k] = (float) (g[k] + zs[k]);
        }
        target.put(done, sums, 0, m);
      }
      offset += n;
      out.add(result);
    }
    return out;
  }

  /** {@code standard * scale} in float64 on {@code manager}, each product rounded once. */
  static NDArray scaled(NDManager manager, NDArray standard, double scale) {
    if (!manager.getDevice().equals(Device.cpu())) {
      return standard.mul(scale);
    }
    NDArray result = manager.create(standard.getShape(), DataType.FLOAT64);
    DoubleBuffer in = doubles(standard, false);
    DoubleBuffer target = doubles(result, true);
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

  /**
   * The float64 values of {@code a} as a buffer; with {@code write}, one that aliases the array's
   * own memory (else null: writes would be lost). For reading, a copy is as good.
   */
  static DoubleBuffer doubles(NDArray a, boolean write) {
    ByteBuffer b = memory(a, write);
    return b == null ? null : b.asDoubleBuffer();
  }

  private static FloatBuffer floats(NDArray a, boolean write) {
    ByteBuffer b = memory(a, write);
    return b == null ? null : b.asFloatBuffer();
  }

  private static ByteBuffer memory(NDArray a, boolean write) {
    ByteBuffer b = a.toByteBuffer(true);
    if (write && !b.isDirect()) {
      return null;
    }
    return b.order(ByteOrder.nativeOrder());
  }
}
