package org.dpaudit.datasets.canary;

import java.util.Arrays;
import java.util.BitSet;
import java.util.random.RandomGenerator;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.datasets.split.Splitter;

/**
 * Builds canaries for a one-run audit (Steinke, Nasr, Jagielski 2023) and draws which ones go in.
 *
 * <p>Canaries are made from training-partition examples used by no split group (so they never
 * overlap members, non-members, the attacker pool or the test set), or from random inputs. Their
 * construction is seeded and public (the audit rebuilds them); their inclusion bits are drawn from
 * the run's randomness and kept out of the attack code's way.
 */
public final class Canaries {
  private Canaries() {}

  /** Builds {@code count} canaries of {@code kind} from {@code train} outside {@code split}. */
  public static CanarySet build(Dataset train, MembershipSplit split, int count, CanaryKind kind, long seed) {
    if (!kind.isData()) {
      throw new IllegalArgumentException(kind + " canaries are gradients, not examples; the trainer makes them");
    }
    RandomGenerator rng = Randomness.seeded(seed).stream("canaries/build");
    int d = train.featureSize();
    float[] features = new float[count * d];
    int[] labels = new int[count];
    int[] sources = new int[count];
    int classes = train.numClasses();
    if (kind == CanaryKind.MISLABELED) {
      int[] unused = unused(train.size(), split);
      if (unused.length < count) {
        throw new InvalidInputException(count + " mislabeled canaries need " + count + " training examples outside the "
            + "split, but only " + unused.length + " are left; use fewer canaries or smaller split groups");
      }
      int[] perm = Splitter.permutation(unused.length, rng);
      for (int i = 0; i < count; i++) {
        int src = unused[perm[i]];
        sources[i] = src;
        System.arraycopy(train.example(src), 0, features, i * d, d);
        labels[i] = (train.label(src) + 1 + rng.nextInt(classes - 1)) % classes;
      }
    } else {
      Arrays.fill(sources, -1);
      for (int i = 0; i < count * d; i++) {
        features[i] = (float) rng.nextDouble();
      }
      for (int i = 0; i < count; i++) {
        labels[i] = rng.nextInt(classes);
      }
    }
    Dataset examples = new Dataset(train.name() + "/canaries", features, labels, train.exampleShape(), train.classNames());
    return new CanarySet(examples, kind, seed, sources);
  }

  /** Each canary in independently with probability 1/2. */
  public static boolean[] drawInclusion(int count, RandomGenerator rng) {
    boolean[] in = new boolean[count];
    for (int i = 0; i < count; i++) {
      in[i] = rng.nextBoolean();
    }
    return in;
  }

  /** The canaries whose bit is set, as a dataset. */
  public static Dataset included(CanarySet canaries, boolean[] inclusion) {
    int[] idx = java.util.stream.IntStream.range(0, canaries.size()).filter(i -> inclusion[i]).toArray();
    return canaries.examples().subset(canaries.examples().name() + "/included", idx);
  }

  private static int[] unused(int n, MembershipSplit split) {
    BitSet used = new BitSet(n);
    for (int[] g : new int[][] {split.members(), split.nonMembers(), split.attackerPool()}) {
      for (int i : g) {
        used.set(i);
      }
    }
    if (split.testFromTrain()) {
      for (int i : split.test()) {
        used.set(i);
      }
    }
    return java.util.stream.IntStream.range(0, n).filter(i -> !used.get(i)).toArray();
  }
}
