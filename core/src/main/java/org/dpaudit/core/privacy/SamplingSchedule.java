package org.dpaudit.core.privacy;

import org.dpaudit.core.Checks;

/**
 * DP-SGD's sampling schedule as an accountant needs it: the Poisson sampling rate q and the number
 * of steps T, given directly or derived from a training set of N examples, an expected batch of B
 * and E epochs ({@code q = B / N}, {@code T = ceil(E ceil(N / B))}): the one place that formula lives,
 * so {@code dpaudit accountant}, an import's declared parameters and dpaudit's own trainer count the
 * same steps. An epoch is ceil(N / B) steps, as dpaudit's sampler and PyTorch's (Opacus's) data
 * loaders count it; TF Privacy's {@code compute_dp_sgd_privacy} counts ceil(E N / B) in all, which is
 * never more and up to E - 1 fewer: the count used here is the conservative one.
 *
 * @param samplingRate q in (0, 1]
 * @param steps T, at least 1
 * @param datasetSize N when derived, else null
 * @param batchSize B when derived, else null
 * @param epochs E when derived, else null
 */
public record SamplingSchedule(double samplingRate, long steps, Long datasetSize, Long batchSize, Double epochs) {
  public SamplingSchedule {
    Checks.samplingRate("--sampling-rate", samplingRate);
    Checks.positive("--steps", steps);
  }

  /** q and T given directly. */
  public static SamplingSchedule of(double samplingRate, long steps) {
    return new SamplingSchedule(samplingRate, steps, null, null, null);
  }

  /** q = B / N and T = ceil(E ceil(N / B)) (at least 1). */
  public static SamplingSchedule fromEpochs(long datasetSize, long batchSize, double epochs) {
    long n = Checks.positive("--dataset-size", datasetSize);
    long b = Checks.positive("--batch-size", batchSize);
    Checks.check(b <= n, "--batch-size must be at most --dataset-size (" + n + "); got " + b);
    double e = Checks.positive("--epochs", epochs);
    double exact = e * stepsPerEpoch(n, b);
    Checks.check(exact < Long.MAX_VALUE, "--epochs x ceil(--dataset-size / --batch-size) is too many steps; got " + exact);
    long t = Math.max(1, (long) Math.ceil(exact));
    return new SamplingSchedule((double) b / n, t, n, b, e);
  }

  /** Steps in one epoch of N examples at an expected batch of B: ceil(N / B). */
  public static long stepsPerEpoch(long datasetSize, long batchSize) {
    Checks.positive("--batch-size", batchSize);
    return (Checks.positive("--dataset-size", datasetSize) + batchSize - 1) / batchSize;
  }

  /** Whether q and T were derived from N, B and E. */
  public boolean derived() {
    return datasetSize != null;
  }
}
