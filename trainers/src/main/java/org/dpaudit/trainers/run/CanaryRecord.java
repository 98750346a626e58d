package org.dpaudit.trainers.run;

import java.util.Objects;

/**
 * Canaries inserted for a one-run audit (Steinke, Nasr, Jagielski 2023): m crafted examples, each
 * included independently with probability 1/2. Which ones went in is stored in a separate file so
 * attack code can score all m without seeing the answer; only the audit reads it.
 *
 * @param count m, the number of canaries
 * @param kind how they were made ({@code mislabeled} or {@code random-input})
 * @param seed the seed of their construction (public: the audit needs to rebuild them)
 * @param inclusionFile the file (in the run directory) holding the inclusion bits
 * @param inclusionSha256 its checksum
 */
public record CanaryRecord(int count, String kind, long seed, String inclusionFile, String inclusionSha256) {
  public CanaryRecord {
    Objects.requireNonNull(kind, "kind");
  }
}
