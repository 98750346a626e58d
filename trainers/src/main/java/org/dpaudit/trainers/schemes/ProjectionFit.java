package org.dpaudit.trainers.schemes;

/** The data a model's input projection (PCA) is fitted on. */
public enum ProjectionFit {
  /** The examples trained on: private, and not covered by any accountant. */
  TRAINING_SET,
  /** The attacker pool: disjoint from the training set and treated as public. */
  PUBLIC
}
