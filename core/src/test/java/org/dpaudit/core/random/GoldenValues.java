package org.dpaudit.core.random;

/** Golden values for {@link RandomnessTest}; see the comment there on when they may change. */
final class GoldenValues {
  static final long SEED42_NOISE_0 = 6341155090698298309L;
  static final long SEED42_NOISE_1 = -4763377166033437233L;
  static final long SEED42_NOISE_2 = -8175025827989587436L;

  private GoldenValues() {}
}
