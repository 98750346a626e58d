package org.dpaudit.core.accounting;

/**
 * A privacy loss distribution on the grid {@code interval * k} (k an integer), plus a mass at
 * +infinity: the object the PLD accountant composes.
 *
 * <pre>
 *   delta(eps) = infinityMass + sum_{k : loss_k > eps} (1 - e^(eps - loss_k)) probs_k
 *
 *   Sebastian Meiser, Esfandiar Mohammadi. Tight on Budget? Tight Bounds for r-Fold Approximate
 *   Differential Privacy. CCS 2018.
 *   Antti Koskela, Joonas Jalko, Antti Honkela. Computing Tight Differential Privacy Guarantees
 *   Using FFT. AISTATS 2020.
 *   Vadym Doroshenko, Badih Ghazi, Pritish Kamath, Ravi Kumar, Pasin Manurangsi. Connect the
 *   Dots: Tighter Discrete Approximations of Privacy Loss Distributions. PETS 2022.
 * </pre>
 *
 * <h2>Why every step is pessimistic</h2>
 * delta(eps) above is non-decreasing in every loss value and in every mass. So each operation that
 * moves a mass to a higher loss (left tail truncation moves it up to the first kept point; right
 * tail truncation moves it to +infinity), or adds mass (negative round-off clipped to zero; the FFT
 * round-off allowance added at +infinity), can only increase delta(eps) of this distribution and of
 * every composition built from it: the computed epsilon stays an upper bound. The discretisation
 * itself ({@link ConnectTheDots}) dominates the true pair, which composition preserves.
 *
 * <p>Losses can reach several hundred nats: the tail sums keep every exponential at a non-positive
 * argument, relative to the loss currently examined, so nothing overflows.
 */
final class DiscretePld {
  final double interval;
  /** The grid index of {@code probs[0]}: its loss is {@code offset * interval}. */
  final long offset;
  final double[] probs;
  final double infinityMass;

  DiscretePld(double interval, long offset, double[] probs, double infinityMass) {
    this.interval = interval;
    this.offset = offset;
    this.probs = probs;
    this.infinityMass = Math.min(1, infinityMass);
  }

  /** The distribution of "nothing released": loss 0 with probability 1. */
  static DiscretePld identity(double interval) {
    return new DiscretePld(interval, 0, new double[] {1}, 0);
  }

  /** Everything released: all mass at +infinity. */
  static DiscretePld nonPrivate(double interval) {
    return new DiscretePld(interval, 0, new double[] {0}, 1);
  }

  double loss(int index) {
    return (offset + index) * interval;
  }

  /**
   * The distribution of the sum of independent losses from this and {@code other} (sequential
   * composition). Each tail is truncated by at most {@code tailMass / 2} plus the convolution's
   * round-off allowance: the allowance already bounds the round-off noise that fills the far tails,
   * and cutting that noise keeps the grid from growing with every squaring.
   */
  DiscretePld compose(DiscretePld other, double tailMass) {
    FftConvolution.Result c = this == other ? FftConvolution.square(probs) : FftConvolution.convolve(probs, other.probs);
    double inf = infinityMass + other.infinityMass - infinityMass * other.infinityMass + c.allowance();
    return truncated(offset + other.offset, c.values(), inf, tailMass / 2 + c.allowance());
  }

  /** {@code count} independent copies composed, by exponentiation by squaring (about 2 log2(count) convolutions). */
  DiscretePld selfCompose(long count, double tailMass) {
    DiscretePld result = null;
    DiscretePld power = this;
    long k = count;
    while (true) {
      if ((k & 1) == 1) {
        result = result == null ? power : result.compose(power, tailMass);
      }
      k >>= 1;
      if (k == 0) {
        return result;
      }
      power = power.compose(power, tailMass);
    }
  }

  /** The left tail (mass at most {@code budget}) moved up onto the first kept point; the right tail (likewise) to +infinity. */
  private DiscretePld truncated(long start, double[] p, double inf, double budget) {
    int left = 0;
    double leftMass = 0;
    while (left < p.length - 1 && leftMass + p[left] <= budget) {
      leftMass += p[left++];
    }
    int right = p.length - 1;
    double rightMass = 0;
    while (right > left && rightMass + p[right] <= budget) {
      rightMass += p[right--];
    }
    double[] kept = java.util.Arrays.copyOfRange(p, left, right + 1);
    kept[0] += leftMass;
    return new DiscretePld(interval, start + left, kept, inf + rightMass);
  }

  /** delta(eps) of this distribution: the hockey-stick divergence at {@code epsilon}. */
  double delta(double epsilon) {
    double sum = infinityMass;
    for (int k = probs.length - 1; k >= 0 && loss(k) > epsilon; k--) {
      sum -= Math.expm1(epsilon - loss(k)) * probs[k];
    }
    return Math.min(1, sum);
  }

  /**
   * The smallest eps >= 0 with delta(eps) <= {@code delta}; +infinity when the mass at infinity
   * alone exceeds delta.
   *
   * <p>Sweeping down from the largest loss, with {@code U = infinityMass + sum_{j>=k} p_j} and
   * {@code V = sum_{j>=k} p_j e^(loss_k - loss_j)}, delta(eps) = U - e^(eps - loss_k) V for eps in
   * [loss_{k-1}, loss_k]; the first interval where the curve crosses {@code delta} gives
   * {@code eps = loss_k + log((U - delta) / V)}.
   */
  double epsilon(double delta) {
    if (infinityMass > delta) {
      return Double.POSITIVE_INFINITY;
    }
    double decay = Math.exp(-interval);
    double u = infinityMass;
    double v = 0;
    for (int k = probs.length - 1; k >= 0; k--) {
      u += probs[k];
      v = v * decay + probs[k];
      if (v > 0 && (u - decay * v > delta || k == 0)) {
        double eps = u > delta ? loss(k) + Math.log((u - delta) / v) : Double.NEGATIVE_INFINITY;
        return Math.max(0, eps);
      }
    }
    return 0;
  }

  /** delta(eps) at every grid point from index {@code from} to {@code to} (inclusive), by one downward sweep. */
  double[] deltasOnGrid(long from, long to) {
    int n = Math.toIntExact(to - from + 1);
    double[] out = new double[n];
    double decay = Math.exp(-interval);
    double u = infinityMass;
    double v = 0; // sum over losses above the grid point g of p_j e^(g - loss_j)
    int k = probs.length - 1;
    for (int i = n - 1; i >= 0; i--) {
      long g = from + i;
      v *= decay;
      while (k >= 0 && offset + k > g) {
        u += probs[k];
        v += probs[k] * Math.exp((g - offset - k) * interval);
        k--;
      }
      out[i] = Math.min(1, Math.max(0, u - v));
    }
    return out;
  }

  /** The sum of all masses, infinity included (1 up to rounding; a little more after clipping). */
  double totalMass() {
    double s = infinityMass;
    for (double p : probs) {
      s += p;
    }
    return s;
  }

  /** The index of the last grid point: {@code offset + probs.length - 1}. */
  long lastIndex() {
    return offset + probs.length - 1;
  }
}
