package org.dpaudit.trainers.schemes;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.loop.Evaluator;

/** The accuracy of {@link AdaptiveWeightedFusion} over a network's snapshots and its final parameters. */
public final class FusionEvaluator {
  private FusionEvaluator() {}

  /**
   * The fused accuracy on {@code data} of the models {@code snapshots} followed by the network's
   * current parameters, which are restored afterwards.
   */
  public static double accuracy(DpNetwork net, ai.djl.ndarray.NDManager manager, Dataset data,
      List<List<float[]>> snapshots) {
    List<Parameter> params = net.parameters();
    List<float[]> current = new ArrayList<>();
    for (Parameter p : params) {
      current.add(p.getArray().toFloatArray());
    }
    List<List<float[]>> models = new ArrayList<>(snapshots);
    models.add(current);
    int[] idx = new int[data.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    float[][] probabilities = new float[models.size()][];
    try {
      for (int m = 0; m < models.size(); m++) {
        load(params, models.get(m));
        probabilities[m] = softmax(Evaluator.logits(net, manager, data, idx), data.numClasses());
      }
    } finally {
      load(params, current);
    }
    return AdaptiveWeightedFusion.accuracy(probabilities, data.labels(), data.numClasses());
  }

  private static void load(List<Parameter> params, List<float[]> values) {
    for (int i = 0; i < params.size(); i++) {
      org.dpaudit.trainers.nn.ArrayValues.copyInto(params.get(i).getArray(), values.get(i));
    }
  }

  /** Row-wise softmax of n x K logits, in double precision, stored as float. */
  static float[] softmax(float[] logits, int classes) {
    float[] out = new float[logits.length];
    for (int row = 0; row < logits.length; row += classes) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[row + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[row + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        out[row + c] = (float) (Math.exp(logits[row + c] - max) / sum);
      }
    }
    return out;
  }
}
