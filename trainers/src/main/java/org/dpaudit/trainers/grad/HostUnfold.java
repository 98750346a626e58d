package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.dpaudit.trainers.engine.HostMemory;

/**
 * A convolution's unfolded input (im2col) made in one Java pass over the engine's CPU memory, in
 * the layout of {@link Conv2dLayer#unfold}: (B, T, k*k*C), each row in (u, v, c) order.
 *
 * <p>Why: DJL 0.35.1 has no unfold, and the engine's way (k*k strided slices of the padded
 * channels-last input, then one stack) copies runs of C values in many small pieces. For the MNIST
 * CNN's second layer (16 channels, 13x13, kernel 4, stride 2) that took 3.2 ms of a 30 ms DP step
 * at batch 256; here each window row is one copy of k*C contiguous values, and the examples are
 * split between the calling thread and a helper (the engine's threads are idle between operations).
 * The values are copies, so the result equals the engine's bit for bit (tested).
 */
final class HostUnfold {
  /** Below this many output values the pass stays on the calling thread. */
  static final long PARALLEL_MIN = 1 << 16;

  private HostUnfold() {}

  /**
   * The unfolded input, or null when {@code x} is not a float32 CPU array (the caller then uses the
   * engine's operations).
   *
   * @param x (B, C, H, W), any memory layout
   */
  static NDArray unfold(NDArray x, int kernel, int stride, int padding) {
    if (!HostMemory.onCpu(x, DataType.FLOAT32)) {
      return null;
    }
    Shape s = x.getShape();
    Geometry g = new Geometry(Math.toIntExact(s.get(1)), Math.toIntExact(s.get(2)), Math.toIntExact(s.get(3)),
        kernel, stride, padding);
    long batchSize = s.get(0);
    if (batchSize * g.perExampleOut() > Integer.MAX_VALUE || x.size() > Integer.MAX_VALUE) {
      return null; // beyond what one buffer can index
    }
    int batch = (int) batchSize;
    FloatBuffer in = HostMemory.floats(x.transpose(0, 2, 3, 1), false); // channels-last; a view if already so
    NDArray out = x.getManager().create(new Shape(batch, g.positions(), g.row()), DataType.FLOAT32);
    FloatBuffer target = HostMemory.floats(out, true);
    if (in == null || target == null) {
      out.close();
      return null;
    }
    if ((long) batch * g.perExampleOut() < PARALLEL_MIN || batch < 2) {
      g.examples(in, target, 0, batch);
    } else {
      HostMemory.inRanges(batch, Math.max(1, batch / 16), (from, to) -> g.examples(in, target, from, to));
    }
    return out;
  }

  /** One layer's shapes: channels-last input (H, W, C), zero padding p, kernel k, stride s. */
  private record Geometry(int channels, int height, int width, int kernel, int stride, int padding) {
    int outHeight() {
      return (height + 2 * padding - kernel) / stride + 1;
    }

    int outWidth() {
      return (width + 2 * padding - kernel) / stride + 1;
    }

    int positions() {
      return outHeight() * outWidth();
    }

    /** One output row: k*k*C values. */
    int row() {
      return kernel * kernel * channels;
    }

    int perExampleOut() {
      return positions() * row();
    }

    /** Unfolds examples [from, to): each padded image read once, each window row one copy. */
    void examples(FloatBuffer in, FloatBuffer target, int from, int to) {
      int perExample = height * width * channels;
      int paddedWidth = width + 2 * padding;
      int paddedRow = paddedWidth * channels;
      int run = kernel * channels;
      int outHeight = outHeight();
      int outWidth = outWidth();
      float[] image = new float[(height + 2 * padding) * paddedRow]; // the border stays 0
      float[] rows = new float[perExampleOut()];
      for (int i = from; i < to; i++) {
        long base = (long) i * perExample;
        for (int y = 0; y < height; y++) {
          in.get(Math.toIntExact(base + (long) y * width * channels), image,
              (y + padding) * paddedRow + padding * channels, width * channels);
        }
        int at = 0;
        for (int oy = 0; oy < outHeight; oy++) {
          for (int ox = 0; ox < outWidth; ox++) {
            for (int u = 0; u < kernel; u++) {
              System.arraycopy(image, (stride * oy + u) * paddedRow + stride * ox * channels, rows, at, run);
              at += run;
            }
          }
        }
        target.put(Math.toIntExact((long) i * rows.length), rows, 0, rows.length);
      }
    }
  }
}
