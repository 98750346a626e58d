package org.dpaudit.trainers.loop;

import java.util.Arrays;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.privacy.SamplingSchedule;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.split.Splitter;

/**
 * Draws each step's batch of example positions (0..n-1).
 *
 * <p>Sampling is part of the privacy mechanism, so it comes from a cryptographically strong stream
 * by default ({@code sampling}), never from a "data seed". The stream is indexed by step (Poisson)
 * or epoch (shuffle), so a resumed run draws exactly the batches it would have drawn.
 */
public final class BatchSampler {
  private final SamplerKind kind;
  private final int n;
  private final int publicSize;
  private final int batchSize;
  private final CounterStream stream;
  private final double actualRateFactor;
  private int[] epochPermutation;
  private long permutationEpoch = -1;

  /**
   * @param n the number of training examples
   * @param batchSize the expected batch size (Poisson) or the batch size (shuffle)
   */
  public BatchSampler(SamplerKind kind, int n, int batchSize, Randomness randomness) {
    this(kind, n, n, batchSize, randomness);
  }

  /**
   * A sampler whose rate and step count come from a <em>public</em> size rather than the true one.
   * With canaries, the true training-set size reveals how many canaries went in; the sampling rate,
   * the number of steps and the normaliser must not. Poisson subsampling's guarantee holds for
   * any q fixed in advance, whatever the true size.
   *
   * @param n the true number of training examples (who can be sampled)
   * @param publicSize the size q and the steps are computed from
   */
  public BatchSampler(SamplerKind kind, int n, int publicSize, int batchSize, Randomness randomness) {
    this(kind, n, publicSize, batchSize, randomness, 1);
  }

  /**
   * As above, but drawing Poisson batches at {@code actualRateFactor} times the rate it reports: an
   * injected bug for the audit's mutation suite (a sampler whose rate disagrees with the ledger).
   */
  public BatchSampler(SamplerKind kind, int n, int publicSize, int batchSize, Randomness randomness,
      double actualRateFactor) {
    this.actualRateFactor = actualRateFactor;
    this.kind = kind;
    this.n = n;
    this.publicSize = publicSize;
    this.batchSize = batchSize;
    this.stream = randomness.counterStream("sampling");
  }

  /** The sampling rate q = batchSize / publicSize. */
  public double samplingRate() {
    return Math.min(1.0, (double) batchSize / publicSize);
  }

  /** The expected batch size q times the public size: the divisor of the noisy sum. */
  public double expectedBatchSize() {
    return samplingRate() * publicSize;
  }

  /** Steps per epoch: publicSize / batchSize rounded up (the count {@code dpaudit accountant} uses too). */
  public long stepsPerEpoch() {
    return SamplingSchedule.stepsPerEpoch(publicSize, batchSize);
  }

  /** The positions in step {@code step}'s batch, ascending. */
  public int[] batch(long step) {
    return kind == SamplerKind.POISSON ? poisson(step) : shuffled(step);
  }

  private int[] poisson(long step) {
    double q = Math.min(1, samplingRate() * actualRateFactor);
    double[] u = new double[n];
    stream.fillUniforms(step, u);
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (u[i] < q) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private int[] shuffled(long step) {
    long perEpoch = stepsPerEpoch();
    long epoch = step / perEpoch;
    if (epoch != permutationEpoch) {
      epochPermutation = Splitter.permutation(n, stream.at(-1 - epoch));
      permutationEpoch = epoch;
    }
    int from = (int) ((step % perEpoch) * batchSize);
    int[] b = Arrays.copyOfRange(epochPermutation, from, Math.min(n, from + batchSize));
    Arrays.sort(b);
    return b;
  }
}
