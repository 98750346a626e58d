package org.dpaudit.trainers.nn;

import ai.djl.nn.Parameter;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.ProjectionLayer;
import smile.feature.extraction.PCA;

/**
 * Fits the input projection of a {@code pca<k>-} model: principal component analysis of the
 * flattened inputs (Smile's {@link PCA}, on the covariance), keeping the top k directions, installed
 * as the model's fixed first layer {@code z = W (x - mean)}.
 *
 * <p>Privacy: the projection is a function of the examples it is fitted on, and nothing adds noise
 * to it. Fitted on the training members, it is a release no accountant covers (the run records a
 * caveat); fitted on data disjoint from the members (the attacker pool, which the threat model
 * treats as public), it costs the members nothing. Abadi et al. 2016, whose MNIST set-up seed 003
 * reuses (PCA to 60 dimensions, 1000 hidden units, C = 4), used a differentially private PCA instead.
 */
public final class InputProjection {
  private InputProjection() {}

  /** Whether {@code model} has an input projection to fit. */
  public static boolean needed(DpModel model) {
    return layer(model) != null;
  }

  /** Fits the projection on {@code data} and installs it in {@code model}. */
  public static void fit(DpModel model, Dataset data) {
    ProjectionLayer layer = layer(model);
    List<Parameter> p = layer.projection();
    int k = Math.toIntExact(p.get(0).getArray().getShape().get(0));
    int d = data.featureSize();
    if (data.size() <= k) {
      throw new InvalidInputException("the input PCA to " + k + " components needs more than " + k
          + " examples to fit on; got " + data.size());
    }
    double[][] x = new double[data.size()][];
    for (int i = 0; i < x.length; i++) {
      float[] e = data.example(i);
      x[i] = new double[d];
      for (int j = 0; j < d; j++) {
        x[i][j] = e[j];
      }
    }
    PCA pca = PCA.fit(x).getProjection(k);
    float[] w = new float[k * d];
    float[] b = new float[k];
    double[] mean = pca.center();
    for (int c = 0; c < k; c++) {
      double shift = 0;
      for (int j = 0; j < d; j++) {
        double v = pca.projection.get(c, j);
        w[c * d + j] = (float) v;
        shift += v * mean[j];
      }
      b[c] = (float) -shift;
    }
    ArrayValues.copyInto(p.get(0).getArray(), w);
    ArrayValues.copyInto(p.get(1).getArray(), b);
  }

  private static ProjectionLayer layer(DpModel model) {
    for (DpLayer l : model.network().layers()) {
      if (l instanceof ProjectionLayer p) {
        return p;
      }
    }
    return null;
  }
}
