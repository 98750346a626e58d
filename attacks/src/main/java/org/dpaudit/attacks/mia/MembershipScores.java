package org.dpaudit.attacks.mia;

import java.util.Arrays;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;

/**
 * An attack's per-example output: a score (higher = more likely a member) with the true
 * membership, for every challenge example. One shape for every membership attack, so metrics and
 * audits never care which attack made it.
 *
 * <p>A small final class rather than a record: records compare arrays by identity.
 */
public final class MembershipScores {
  private final String attack;
  private final int[] exampleIds;
  private final double[] scores;
  private final boolean[] members;

  /**
   * @param exampleIds an identifier per example (e.g. its training-partition index)
   * @param scores finite scores, higher meaning "more likely a member"
   * @param members the true membership of each example
   */
  public MembershipScores(String attack, int[] exampleIds, double[] scores, boolean[] members) {
    this.attack = Objects.requireNonNull(attack, "attack");
    if (exampleIds.length != scores.length || scores.length != members.length) {
      throw new InvalidInputException("scores, ids and membership differ in length: " + exampleIds.length + ", "
          + scores.length + ", " + members.length);
    }
    Checks.allFinite("scores", scores);
    this.exampleIds = exampleIds.clone();
    this.scores = scores.clone();
    this.members = members.clone();
  }

  public String attack() {
    return attack;
  }

  public int size() {
    return scores.length;
  }

  public int[] exampleIds() {
    return exampleIds.clone();
  }

  public double[] scores() {
    return scores.clone();
  }

  public boolean[] members() {
    return members.clone();
  }

  /** The number of true members. */
  public int memberCount() {
    int n = 0;
    for (boolean m : members) {
      n += m ? 1 : 0;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MembershipScores s && attack.equals(s.attack) && Arrays.equals(exampleIds, s.exampleIds)
        && Arrays.equals(scores, s.scores) && Arrays.equals(members, s.members);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attack, Arrays.hashCode(scores));
  }
}
