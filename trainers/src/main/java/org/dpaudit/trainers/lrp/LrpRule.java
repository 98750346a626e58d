package org.dpaudit.trainers.lrp;

/**
 * How relevance is passed from a dense layer's outputs {@code k} to its inputs {@code j}, for
 * {@code z_k = sum_j a_j w_jk + b_k} (DJL stores {@code W} as (outputs, inputs), so {@code w_jk} is
 * {@code W[k][j]}).
 *
 * <pre>
 *   Sebastian Bach, Alexander Binder, Gregoire Montavon, Frederick Klauschen, Klaus-Robert Mueller,
 *   Wojciech Samek. On Pixel-Wise Explanations for Non-Linear Classifier Decisions by Layer-Wise
 *   Relevance Propagation. PLoS ONE 10(7): e0130140, 2015 (eq. 58: the epsilon-stabilised rule).
 *   Gregoire Montavon, Sebastian Lapuschkin, Alexander Binder, Wojciech Samek, Klaus-Robert Mueller.
 *   Explaining nonlinear classification decisions with deep Taylor decomposition. Pattern
 *   Recognition 65, 2017 (the z+ and w^2 rules).
 * </pre>
 */
public enum LrpRule {
  /**
   * {@code R_j = sum_k a_j w_jk / (z_k + eps sign(z_k)) R_k}, with sign(0) = +1. Conserves relevance
   * ({@code sum_j R_j = sum_k R_k}) up to what the bias and the stabiliser absorb: exactly {@code
   * sum_j R_j = sum_k (z_k - b_k) / (z_k + eps sign(z_k)) R_k}.
   */
  EPSILON,
  /**
   * {@code R_j = sum_k a_j w+_jk / (sum_j' a_j' w+_j'k) R_k} with {@code w+ = max(0, w)}, biases
   * ignored. For non-negative activations (after ReLU) relevance stays non-negative and is
   * conserved exactly wherever the denominator is positive.
   */
  ZPLUS,
  /**
   * {@code R_j = sum_k w_jk^2 / (sum_j' w_j'k^2) R_k}: needs no activations at all, so relevance
   * computed with it depends only on the weights (for dpaudit: on what was already released).
   * Conserves relevance exactly.
   */
  WSQUARE
}
