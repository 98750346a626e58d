package org.dpaudit.trainers.schemes;

/**
 * Which form of a published algorithm a scheme runs: as its paper writes it (so its accuracy can be
 * compared with the paper's tables), or corrected so that it is provably DP at its claim (DESIGN
 * §5: where the published argument is wrong or incomplete, both).
 */
public enum Variant {
  /** The algorithm as published; its claim is the paper's, whatever the accountant proves. */
  AS_PUBLISHED(""),
  /** dpaudit's provably private form of the algorithm; the accountant proves its claim. */
  CORRECTED("-corrected");

  private final String suffix;

  Variant(String suffix) {
    this.suffix = suffix;
  }

  /** What the variant adds to the algorithm's name in {@code --scheme}: nothing, or {@code -corrected}. */
  public String suffix() {
    return suffix;
  }
}
