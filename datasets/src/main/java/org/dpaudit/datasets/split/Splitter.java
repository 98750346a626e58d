package org.dpaudit.datasets.split;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.Randomness;

/**
 * Draws a deterministic, disjoint membership split from a seed.
 *
 * <p>Members, non-members and the attacker pool come from one uniform random permutation of the
 * training partition (Fisher-Yates from the seeded stream {@code split/train}; never DJL's biased
 * Sattolo shuffle), so non-members are exactly exchangeable with members: the precondition for any
 * membership audit to mean something. Test examples come from the test partition (stream {@code
 * split/test}), or, when a dataset has none, from the same permutation after the other groups.
 */
public final class Splitter {
  private Splitter() {}

  /** Splits a dataset with {@code trainSize} training and {@code testSize} test examples. */
  public static MembershipSplit split(int trainSize, int testSize, SplitSpec spec) {
    Randomness r = Randomness.seeded(spec.seed());
    boolean testFromTrain = testSize == 0;
    long needed = (long) spec.members() + spec.nonMembers() + spec.attackerPool() + (testFromTrain ? spec.test() : 0);
    if (needed > trainSize) {
      throw new InvalidInputException("the split needs " + needed + " training examples (members "
          + spec.members() + " + non-members " + spec.nonMembers() + " + attacker pool " + spec.attackerPool()
          + (testFromTrain ? " + test " + spec.test() : "") + ") but the dataset has " + trainSize);
    }
    if (!testFromTrain && spec.test() > testSize) {
      throw new InvalidInputException("the split asks for " + spec.test() + " test examples but the dataset has "
          + testSize);
    }
    int[] perm = permutation(trainSize, r.stream("split/train"));
    int at = 0;
    int[] members = sortedSlice(perm, at, at += spec.members());
    int[] nonMembers = sortedSlice(perm, at, at += spec.nonMembers());
    int[] pool = sortedSlice(perm, at, at += spec.attackerPool());
    int[] test = testFromTrain
        ? sortedSlice(perm, at, at + spec.test())
        : sortedSlice(permutation(testSize, r.stream("split/test")), 0, spec.test());
    SplitRecord record = new SplitRecord(spec.seed(), spec.members(), spec.nonMembers(), spec.attackerPool(),
        spec.test(), fingerprint(members, nonMembers, pool, test));
    return new MembershipSplit(members, nonMembers, pool, test, testFromTrain, record);
  }

  /** A uniform random permutation of 0..n-1 (Fisher-Yates). */
  public static int[] permutation(int n, RandomGenerator rng) {
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

  private static int[] sortedSlice(int[] perm, int from, int to) {
    int[] s = Arrays.copyOfRange(perm, from, to);
    Arrays.sort(s);
    return s;
  }

  /** SHA-256 over the given index lists (lengths included), the split's fingerprint. */
  public static String fingerprint(int[]... groups) {
    int total = 0;
    for (int[] g : groups) {
      total += g.length + 1;
    }
    ByteBuffer buf = ByteBuffer.allocate(total * Integer.BYTES);
    for (int[] g : groups) {
      buf.putInt(g.length);
      for (int i : g) {
        buf.putInt(i);
      }
    }
    return Sha256.of(buf.array());
  }
}
