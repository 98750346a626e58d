package org.dpaudit.trainers.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.grad.DpNetwork;

/** Accuracy and class probabilities of a network on a dataset, in batches, without gradients. */
public final class Evaluator {
  /** Examples per forward pass: large enough to be efficient, small enough for any device. */
  static final int CHUNK = 1000;

  private Evaluator() {}

  /** The fraction of {@code data} classified correctly. */
  public static double accuracy(DpNetwork net, NDManager manager, Dataset data) {
    if (data.size() == 0) {
      return 0;
    }
    long correct = 0;
    for (int from = 0; from < data.size(); from += CHUNK) {
      int to = Math.min(data.size(), from + CHUNK);
      try (NDScope scope = new NDScope()) {
        int[] idx = range(from, to);
        NDArray logits = net.logits(batch(manager, data, idx));
        long[] predicted = logits.argMax(1).toLongArray();
        for (int k = 0; k < idx.length; k++) {
          if (predicted[k] == data.label(idx[k])) {
            correct++;
          }
        }
      }
    }
    return (double) correct / data.size();
  }

  /**
   * Logits for the examples {@code idx} of {@code data}, row-major (n x K). Logits, not
   * probabilities: a float32 probability (or even log-probability) saturates for a confident model,
   * hiding exactly the differences membership attacks look for; margins between logits do not.
   */
  public static float[] logits(DpNetwork net, NDManager manager, Dataset data, int[] idx) {
    float[] out = null;
    int classes = data.numClasses();
    for (int from = 0; from < idx.length; from += CHUNK) {
      int to = Math.min(idx.length, from + CHUNK);
      try (NDScope scope = new NDScope()) {
        int[] part = java.util.Arrays.copyOfRange(idx, from, to);
        float[] p = net.logits(batch(manager, data, part)).toFloatArray();
        if (out == null) {
          out = new float[idx.length * classes];
        }
        System.arraycopy(p, 0, out, from * classes, p.length);
      }
    }
    return out == null ? new float[0] : out;
  }

  /** The examples {@code idx} of {@code data} as one (n, shape...) array on {@code manager}'s device. */
  public static NDArray batch(NDManager manager, Dataset data, int[] idx) {
    int[] shape = data.exampleShape();
    long[] dims = new long[shape.length + 1];
    dims[0] = idx.length;
    for (int i = 0; i < shape.length; i++) {
      dims[i + 1] = shape[i];
    }
    return manager.create(data.gatherFeatures(idx), new Shape(dims));
  }

  /** Labels of the examples {@code idx} as an int array on {@code manager}'s device. */
  public static NDArray labels(NDManager manager, Dataset data, int[] idx) {
    return manager.create(data.gatherLabels(idx));
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
