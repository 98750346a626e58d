package org.dpaudit.datasets.canary;

/** How canaries are made. */
public enum CanaryKind {
  /** A real example (outside every split group) with its label changed to another class. */
  MISLABELED,
  /** Uniform random pixels (or features in [0, 1]) with a random label: far from the data. */
  RANDOM_INPUT,
  /**
   * White-box: no data at all, a synthetic per-example gradient on its own coordinate of an audit
   * tensor, observed in every released update (the threat model DP-SGD's accounting covers). Built
   * by the trainer, not here.
   */
  GRADIENT;

  /** Whether canaries of this kind are examples of the dataset (black-box: judged on the final model). */
  public boolean isData() {
    return this != GRADIENT;
  }
}
