package org.dpaudit.datasets.canary;

/** How canaries are made. */
public enum CanaryKind {
  /** A real example (outside every split group) with its label changed to another class. */
  MISLABELED,
  /** Uniform random pixels (or features in [0, 1]) with a random label: far from the data. */
  RANDOM_INPUT
}
