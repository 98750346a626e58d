package org.dpaudit.core.privacy;

/**
 * Which datasets count as neighbours, recorded explicitly in every ledger (as dp_accounting does),
 * because the same mechanism has different epsilons under different relations.
 */
public enum NeighbouringRelation {
  /** Neighbours differ by adding or removing one example: the relation DP-SGD is analysed under. */
  ADD_OR_REMOVE_ONE,
  /** Neighbours differ by replacing one example (roughly twice the sensitivity). */
  REPLACE_ONE
}
