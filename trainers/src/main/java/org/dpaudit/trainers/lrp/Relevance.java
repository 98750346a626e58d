package org.dpaudit.trainers.lrp;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What one relevance propagation produced.
 *
 * @param layerOutputs for each dense layer in forward order, the relevance of its output neurons,
 *     shape (B, outputs): for the last layer the starting relevance, for a hidden layer what the
 *     layers above passed down to it (activations pass relevance through unchanged)
 * @param input the relevance of the network's input, shape (B, input shape...)
 */
public record Relevance(List<NDArray> layerOutputs, NDArray input) {
  public Relevance {
    layerOutputs = List.copyOf(layerOutputs);
  }

  /**
   * Each dense layer's neuron relevance for the whole batch: the mean over examples of {@code
   * |R_q(x_i)|}. The magnitude, because the epsilon rule can give negative relevance and the budget
   * ratios built on it (entropy, shares) need non-negative weights.
   */
  public double[][] meanAbsolute() {
    double[][] out = new double[layerOutputs.size()][];
    for (int l = 0; l < out.length; l++) {
      out[l] = layerOutputs.get(l).abs().mean(new int[] {0}).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
          .toDoubleArray();
    }
    return out;
  }
}
