package org.dpaudit.core.artifact.run;

/** How each step's batch is drawn. */
public enum SamplerKind {
  /**
   * Each example joins each step independently with probability q (the default): the sampling the
   * accountants' subsampling analysis assumes.
   */
  POISSON,
  /**
   * Shuffle once per epoch and cut fixed-size batches: common in practice, but the accountants'
   * epsilon then assumes Poisson sampling, a known gap (Chua et al. 2024); run.json says so.
   */
  SHUFFLE
}
