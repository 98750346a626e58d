package org.dpaudit.core.accounting;

/** The accountants dpaudit has; each is a different method of proving (epsilon, delta). */
public enum AccountantKind {
  /** Renyi DP (Mironov 2017; Mironov, Talwar, Zhang 2019) with the tight RDP-to-DP conversion. */
  RDP,
  /** Numerical privacy-loss-distribution accounting with pessimistic discretisation. */
  PLD,
  /** Basic and advanced composition of pure epsilon-DP steps. */
  PURE_DP,
  /** Gaussian DP via the central limit theorem (Dong, Roth, Su): an approximation, not a bound. */
  GDP_CLT
}
