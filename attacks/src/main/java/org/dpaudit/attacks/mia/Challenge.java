package org.dpaudit.attacks.mia;

import java.util.Arrays;
import org.dpaudit.trainers.run.LoadedRun;

/**
 * The examples a membership attack must classify: the target's members and an equal-distribution
 * set of non-members, as training-partition indices with their true membership (which only the
 * scoring step uses).
 */
public record Challenge(int[] indices, boolean[] members) {
  public Challenge {
    indices = indices.clone();
    members = members.clone();
  }

  /** Members then non-members of a run. */
  public static Challenge of(LoadedRun run) {
    return of(run.split().members(), run.split().nonMembers());
  }

  /** Members {@code m} then non-members {@code n}. */
  public static Challenge of(int[] m, int[] n) {
    int[] idx = Arrays.copyOf(m, m.length + n.length);
    System.arraycopy(n, 0, idx, m.length, n.length);
    boolean[] in = new boolean[idx.length];
    Arrays.fill(in, 0, m.length, true);
    return new Challenge(idx, in);
  }

  public int size() {
    return indices.length;
  }
}
