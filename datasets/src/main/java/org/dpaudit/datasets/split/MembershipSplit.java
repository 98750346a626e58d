package org.dpaudit.datasets.split;

import java.util.Arrays;
import org.dpaudit.core.provenance.SplitRecord;

/**
 * The indices of a membership split, into the training partition (members, non-members, attacker
 * pool) and the test partition (test; or the training partition when the dataset has no test
 * partition, see {@link #testFromTrain()}). The four groups are disjoint.
 */
public final class MembershipSplit {
  private final int[] members;
  private final int[] nonMembers;
  private final int[] attackerPool;
  private final int[] test;
  private final boolean testFromTrain;
  private final SplitRecord record;

  /**
   * A split from explicit index lists (e.g. the members of a model trained elsewhere); {@code
   * record} must fingerprint exactly these lists ({@link Splitter#fingerprint}).
   */
  public static MembershipSplit of(int[] members, int[] nonMembers, int[] attackerPool, int[] test,
      boolean testFromTrain, SplitRecord record) {
    return new MembershipSplit(members, nonMembers, attackerPool, test, testFromTrain, record);
  }

  MembershipSplit(int[] members, int[] nonMembers, int[] attackerPool, int[] test, boolean testFromTrain,
      SplitRecord record) {
    this.members = members.clone();
    this.nonMembers = nonMembers.clone();
    this.attackerPool = attackerPool.clone();
    this.test = test.clone();
    this.testFromTrain = testFromTrain;
    this.record = record;
  }

  /** Indices (into the training partition) of the target's members, ascending. */
  public int[] members() {
    return members.clone();
  }

  /** Indices (into the training partition) of target non-members, ascending. */
  public int[] nonMembers() {
    return nonMembers.clone();
  }

  /** Indices (into the training partition) of the attacker's pool, ascending. */
  public int[] attackerPool() {
    return attackerPool.clone();
  }

  /** Indices of test examples, ascending. */
  public int[] test() {
    return test.clone();
  }

  /** Whether {@link #test()} indexes the training partition (datasets without a test partition). */
  public boolean testFromTrain() {
    return testFromTrain;
  }

  /** The record that goes into the dataset card. */
  public SplitRecord record() {
    return record;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MembershipSplit s && Arrays.equals(members, s.members)
        && Arrays.equals(nonMembers, s.nonMembers) && Arrays.equals(attackerPool, s.attackerPool)
        && Arrays.equals(test, s.test) && testFromTrain == s.testFromTrain && record.equals(s.record);
  }

  @Override
  public int hashCode() {
    return record.hashCode();
  }
}
