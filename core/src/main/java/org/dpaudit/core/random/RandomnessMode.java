package org.dpaudit.core.random;

/** Where a run's random numbers come from; recorded in every artifact. */
public enum RandomnessMode {
  /** Cryptographically strong, unseeded: the default for anything that may be released. */
  SECURE,
  /** Derived from a seed: reproducible, for tests and reproduction only; not for release. */
  SEEDED
}
