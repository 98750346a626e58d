package org.dpaudit.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --seed S} or {@code --secure} (the default), mutually exclusive: as in Opacus' secure
 * mode, a secure run refuses a seed. A seeded run is reproducible, stamped SEEDED in every
 * artifact, and not for release.
 */
public final class RandomnessOptions {
  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice;

  static final class Choice {
    @Option(names = "--seed", paramLabel = "S", description = "Seeded, reproducible randomness (tests, reproduction; "
        + "not for release).")
    Long seed;

    @Option(names = "--secure", description = "Cryptographically strong randomness (the default); refuses --seed.")
    boolean secure;
  }

  /** The seed, or null for secure randomness. */
  public Long seedOrNull() {
    return choice == null ? null : choice.seed;
  }
}
