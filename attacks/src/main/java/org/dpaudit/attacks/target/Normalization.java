package org.dpaudit.attacks.target;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.dpaudit.core.InvalidInputException;

/**
 * Per-channel standardisation {@code (x - mean_c) / std_c} for models trained on standardised
 * inputs (torchvision's {@code Normalize}); dpaudit's readers give images in [0, 1]. The channel is
 * the first axis of the dataset's example shape ({@code [C, H, W]}); a table's features count as
 * one channel each.
 *
 * @param mean one value per channel
 * @param std one positive value per channel
 */
public record Normalization(double[] mean, double[] std) {
  public Normalization {
    if (mean.length == 0 || mean.length != std.length) {
      throw new InvalidInputException("--normalize needs as many means as standard deviations");
    }
    for (double s : std) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new InvalidInputException("--normalize: standard deviations must be positive; got " + s);
      }
    }
    for (double m : mean) {
      if (!Double.isFinite(m)) {
        throw new InvalidInputException("--normalize: means must be finite; got " + m);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Parses {@code MEAN,STD} (every channel alike) or {@code M1,..,MC,S1,..,SC} (C means, then C
   * standard deviations).
   */
  public static Normalization parse(String text) {
    String[] parts = text.split(",");
    if (parts.length < 2 || parts.length % 2 != 0) {
      throw new InvalidInputException("--normalize takes MEAN,STD or C means then C standard deviations "
          + "(e.g. 0.1307,0.3081); got '" + text + "'");
    }
    double[] v = new double[parts.length];
    for (int i = 0; i < v.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--normalize: '" + parts[i] + "' is not a number");
      }
    }
    int c = v.length / 2;
    return new Normalization(Arrays.copyOfRange(v, 0, c), Arrays.copyOfRange(v, c, v.length));
  }

  /** The text {@link #parse} reads back. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (double m : mean) {
      b.append(b.length() == 0 ? "" : ",").append(m);
    }
    for (double s : std) {
      b.append(',').append(s);
    }
    return b.toString();
  }

  /** Checks that the values fit examples of {@code exampleShape}. */
  void check(int[] exampleShape) {
    int channels = exampleShape.length == 0 ? 1 : exampleShape[0];
    if (mean.length != 1 && mean.length != channels) {
      throw new InvalidInputException("--normalize gives " + mean.length + " channels; the examples have " + channels
          + " (shape " + Arrays.toString(exampleShape) + ")");
    }
  }

  /** {@code batch} (examples of {@code exampleShape}, row-major) standardised, in place. */
  float[] apply(float[] batch, int[] exampleShape) {
    int channels = exampleShape.length == 0 ? 1 : exampleShape[0];
    int size = 1;
    for (int d : exampleShape) {
      size *= d;
    }
    int perChannel = size / channels;
    for (int i = 0; i < batch.length; i++) {
      int c = mean.length == 1 ? 0 : (i % size) / perChannel;
      batch[i] = (float) ((batch[i] - mean[c]) / std[c]);
    }
    return batch;
  }

  /** {@code x} (a batch of examples of {@code exampleShape}) standardised, differentiably. */
  NDArray apply(NDArray x, int[] exampleShape) {
    int channels = exampleShape.length == 0 ? 1 : exampleShape[0];
    long[] dims = new long[exampleShape.length + 1];
    Arrays.fill(dims, 1);
    if (exampleShape.length > 0) {
      dims[1] = channels;
    }
    float[] m = new float[channels];
    float[] s = new float[channels];
    for (int c = 0; c < channels; c++) {
      m[c] = (float) mean[mean.length == 1 ? 0 : c];
      s[c] = (float) std[std.length == 1 ? 0 : c];
    }
    NDArray mm = x.getManager().create(m, new Shape(dims));
    NDArray ss = x.getManager().create(s, new Shape(dims));
    return x.sub(mm).div(ss);
  }
}
