package org.dpaudit.core.random;

import java.util.List;
import java.util.Objects;

/**
 * How a run's randomness was made, as provenance: the mode, the root seed when seeded (null when
 * secure), and the names of the streams used (numbers replaced by {@code *}).
 */
public record RandomnessRecord(RandomnessMode mode, Long seed, List<String> streams) {
  public RandomnessRecord {
    Objects.requireNonNull(mode, "mode");
    streams = List.copyOf(streams);
    if (mode == RandomnessMode.SECURE && seed != null) {
      throw new IllegalArgumentException("a secure randomness record cannot carry a seed");
    }
  }
}
