package org.dpaudit.trainers.schemes;

import org.dpaudit.core.Checks;

/**
 * ICGC-DP's adaptive weighted fusion module (seed 002), as dpaudit interprets the paper's one
 * sentence about it: "the module assigns weights to prediction tensors according to the variance
 * between them".
 *
 * <p>For one input, M prediction tensors (class-probability vectors p_1..p_M, here the predictions
 * of the last M epochs' models of one DP run) are fused by inverse-variance weighting around their
 * consensus:
 * <pre>
 *   pbar   = (1/M) sum_m p_m                         the consensus
 *   v_m    = (1/K) sum_c (p_m,c - pbar_c)^2          how far tensor m strays from it
 *   w_m    = (1 / (v_m + tau)) / sum_j 1 / (v_j + tau)
 *   fused  = sum_m w_m p_m
 * </pre>
 * A prediction that disagrees with the others gets less weight; equal tensors get equal weights.
 * Inverse-variance weights are the minimum-variance combination of independent estimates, which is
 * the reading of "weights from the variance between them" we found most natural; docs/ say why and
 * what else the sentence could mean. {@code tau} only keeps the division finite.
 *
 * <p>Privacy: the weights depend on the query input and on the released models only, so fusion is
 * post-processing and costs no privacy (every epoch's model is an output the run's accounting
 * already covers).
 */
public final class AdaptiveWeightedFusion {
  /** Keeps 1/v finite when a tensor equals the consensus. */
  static final double TAU = 1e-12;

  private AdaptiveWeightedFusion() {}

  /**
   * The fusion weights of one input's prediction tensors.
   *
   * @param predictions M rows of K class probabilities
   */
  public static double[] weights(double[][] predictions) {
    int m = predictions.length;
    Checks.check(m > 0, "fusion needs at least one prediction tensor");
    int k = predictions[0].length;
    double[] mean = new double[k];
    for (double[] p : predictions) {
      Checks.check(p.length == k, "prediction tensors must have the same length");
      for (int c = 0; c < k; c++) {
        mean[c] += p[c] / m;
      }
    }
    double[] w = new double[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      double v = 0;
      for (int c = 0; c < k; c++) {
        double d = predictions[j][c] - mean[c];
        v += d * d / k;
      }
      w[j] = 1 / (v + TAU);
      total += w[j];
    }
    for (int j = 0; j < m; j++) {
      w[j] /= total;
    }
    return w;
  }

  /** The fused prediction of one input: {@code sum_m w_m p_m}. */
  public static double[] fuse(double[][] predictions) {
    double[] w = weights(predictions);
    double[] out = new double[predictions[0].length];
    for (int j = 0; j < predictions.length; j++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += w[j] * predictions[j][c];
      }
    }
    return out;
  }

  /**
   * The fraction of inputs whose fused prediction's arg-max is the label.
   *
   * @param probabilities one array per model, each n x K class probabilities, row-major
   * @param labels the n labels
   */
  public static double accuracy(float[][] probabilities, int[] labels, int classes) {
    int n = labels.length;
    if (n == 0) {
      return 0;
    }
    long correct = 0;
    double[][] one = new double[probabilities.length][classes];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < probabilities.length; j++) {
        for (int c = 0; c < classes; c++) {
          one[j][c] = probabilities[j][i * classes + c];
        }
      }
      double[] fused = fuse(one);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (fused[c] > fused[best]) {
          best = c;
        }
      }
      if (best == labels[i]) {
        correct++;
      }
    }
    return (double) correct / n;
  }
}
