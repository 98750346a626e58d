package org.dpaudit.attacks.inversion;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.WhiteBoxTarget;
import org.dpaudit.core.Checks;
import org.dpaudit.datasets.Dataset;

/**
 * Model inversion (Fredrikson, Jha, Ristenpart 2015): for each class, search for the input the
 * model finds most typical of it.
 *
 * <pre>
 * maximise   J(x) = ln p_c(x) - lambda * TV(x)     over x in [0, 1]^d   (projected Adam ascent)
 * TV(x)      = sum sqrt(dx^2 + eps) + sqrt(dy^2 + eps)   (smoothed anisotropic total variation)
 * white box  grad ln p_c(x) by autograd through the model, with respect to the input
 * black box  grad estimated from queries (antithetic Gaussian smoothing, as NES):
 *            g = sum_i (f(x + s u_i) - f(x - s u_i)) u_i / (2 s n),  u_i ~ N(0, I), 2n queries
 * </pre>
 */
public final class ModelInversion {
  static final double TV_EPSILON = 1e-4;

  private ModelInversion() {}

  /**
   * @param iterations ascent steps per class
   * @param learningRate Adam's step size
   * @param tvWeight lambda, the total-variation weight
   * @param blackBox estimate gradients from queries even when the target is white box
   * @param directions NES directions per estimate (2 queries each)
   * @param smoothing NES smoothing radius s
   */
  public record Options(int iterations, double learningRate, double tvWeight, boolean blackBox, int directions,
      double smoothing) {
    public Options {
      Checks.positive("iterations", iterations);
      Checks.positive("learning rate", learningRate);
      Checks.nonNegative("TV weight", tvWeight);
      Checks.positive("directions", directions);
      Checks.positive("smoothing", smoothing);
    }

    /** Defaults that reconstruct recognisable MNIST digits from an overfit MLP in seconds. */
    public static Options defaults(boolean blackBox) {
      return new Options(blackBox ? 200 : 500, 0.02, 0.0003, blackBox, 25, 0.01);
    }
  }

  /** The reconstructions (one per class, row-major) and the number of model queries used. */
  public record Reconstructions(float[][] images, long queries, boolean whiteBox) {}

  /** Reconstructs one input per class, all classes optimised together. */
  public static Reconstructions run(Target target, int[] shape, List<String> classNames, Options o, RandomGenerator rng,
      Consumer<String> progress) {
    int k = target.numClasses();
    int d = shape[0] * shape[1] * shape[2];
    boolean whiteBox = target instanceof WhiteBoxTarget && !o.blackBox();
    float[] x = new float[k * d];
    double[] m = new double[k * d];
    double[] v = new double[k * d];
    int[] classes = new int[k];
    for (int c = 0; c < k; c++) {
      classes[c] = c;
    }
    long queries = 0;
    for (int it = 1; it <= o.iterations(); it++) {
      float[] grad;
      if (whiteBox) {
        grad = ((WhiteBoxTarget) target).logProbabilityGradient(x, shape, classes).inputGradients();
        queries += k;
      } else {
        grad = estimate(target, x, shape, classNames, k, d, o, rng);
        queries += 2L * o.directions() * k;
      }
      adamAscent(x, grad, tvGradient(x, shape, k), m, v, it, o);
      if (it % Math.max(1, o.iterations() / 4) == 0) {
        progress.accept(String.format("  inversion: iteration %d/%d", it, o.iterations()));
      }
    }
    float[][] images = new float[k][];
    for (int c = 0; c < k; c++) {
      images[c] = Arrays.copyOfRange(x, c * d, (c + 1) * d);
    }
    return new Reconstructions(images, queries, whiteBox);
  }

  /** One projected Adam step on the objective's ascent direction. */
  static void adamAscent(float[] x, float[] grad, double[] tvGrad, double[] m, double[] v, int t, Options o) {
    double b1 = 0.9;
    double b2 = 0.999;
    for (int i = 0; i < x.length; i++) {
      double g = grad[i] - o.tvWeight() * tvGrad[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      double mh = m[i] / (1 - Math.pow(b1, t));
      double vh = v[i] / (1 - Math.pow(b2, t));
      double next = x[i] + o.learningRate() * mh / (Math.sqrt(vh) + 1e-8);
      x[i] = (float) Math.max(0, Math.min(1, next));
    }
  }

  /** The gradient of the smoothed anisotropic total variation of each image. */
  static double[] tvGradient(float[] x, int[] shape, int k) {
    int c = shape[0];
    int h = shape[1];
    int w = shape[2];
    double[] g = new double[x.length];
    for (int img = 0; img < k; img++) {
      for (int ch = 0; ch < c; ch++) {
        int base = img * c * h * w + ch * h * w;
        for (int y = 0; y < h; y++) {
          for (int xx = 0; xx < w; xx++) {
            int i = base + y * w + xx;
            if (xx + 1 < w) {
              double dx = x[i + 1] - x[i];
              double t = dx / Math.sqrt(dx * dx + TV_EPSILON);
              g[i + 1] += t;
              g[i] -= t;
            }
            if (y + 1 < h) {
              double dy = x[i + w] - x[i];
              double t = dy / Math.sqrt(dy * dy + TV_EPSILON);
              g[i + w] += t;
              g[i] -= t;
            }
          }
        }
      }
    }
    return g;
  }

  /** The NES estimate of each class's ln p_c gradient, from 2n queries per class. */
  static float[] estimate(Target target, float[] x, int[] shape, List<String> classNames, int k, int d, Options o,
      RandomGenerator rng) {
    int n = o.directions();
    double s = o.smoothing();
    float[] queries = new float[2 * n * k * d];
    double[][] u = new double[n * k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < n; j++) {
        double[] dir = u[c * n + j];
        for (int i = 0; i < d; i++) {
          dir[i] = gaussian(rng);
          int plus = ((c * n + j) * 2) * d + i;
          queries[plus] = (float) (x[c * d + i] + s * dir[i]);
          queries[plus + d] = (float) (x[c * d + i] - s * dir[i]);
        }
      }
    }
    int[] labels = new int[2 * n * k];
    for (int q = 0; q < labels.length; q++) {
      labels[q] = q / (2 * n);
    }
    Dataset batch = new Dataset("inversion-queries", queries, labels, shape, classNames);
    int[] idx = java.util.stream.IntStream.range(0, labels.length).toArray();
    float[] logits = target.logits(batch, idx);
    float[] grad = new float[k * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < n; j++) {
        int q = (c * n + j) * 2;
        double diff = logProb(logits, q, k, c) - logProb(logits, q + 1, k, c);
        double[] dir = u[c * n + j];
        for (int i = 0; i < d; i++) {
          grad[c * d + i] += (float) (diff * dir[i] / (2 * s * n));
        }
      }
    }
    return grad;
  }

  static double logProb(float[] logits, int row, int k, int c) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, logits[row * k + j]);
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += Math.exp(logits[row * k + j] - max);
    }
    return logits[row * k + c] - max - Math.log(sum);
  }

  /** A standard normal from two uniforms (Box-Muller); attack-side randomness, not DP noise. */
  static double gaussian(RandomGenerator rng) {
    double u1 = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
