package org.dpaudit.trainers.loop;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.Randomness;

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
  private final int batchSize;
  private final CounterStream stream;
  private int[] epochPermutation;
  private long permutationEpoch = -1;

  /**
   * @param n the number of training examples
   * @param batchSize the expected batch size (Poisson) or the batch size (shuffle)
   */
  public BatchSampler(SamplerKind kind, int n, int batchSize, Randomness randomness) {
    this.kind = kind;
    this.n = n;
    this.batchSize = batchSize;
    this.stream = randomness.counterStream("sampling");
  }

  /** The sampling rate q = batchSize / n. */
  public double samplingRate() {
    return Math.min(1.0, (double) batchSize / n);
  }

  /** Steps per epoch: n / batchSize rounded up. */
  public long stepsPerEpoch() {
    return (n + batchSize - 1) / batchSize;
  }

  /** The positions in step {@code step}'s batch, ascending. */
  public int[] batch(long step) {
    return kind == SamplerKind.POISSON ? poisson(step) : shuffled(step);
  }

  private int[] poisson(long step) {
    double q = samplingRate();
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
      epochPermutation = permutation(stream.at(-1 - epoch));
      permutationEpoch = epoch;
    }
    int from = (int) ((step % perEpoch) * batchSize);
    int[] b = Arrays.copyOfRange(epochPermutation, from, Math.min(n, from + batchSize));
    Arrays.sort(b);
    return b;
  }

  private int[] permutation(RandomGenerator rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
