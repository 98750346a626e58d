package org.dpaudit.core.artifact.run;

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
 * @param observationsFile white-box ({@code gradient}) canaries: the file of what the released
 *     updates showed at their coordinates ({@code WhiteBoxFiles}); null for black-box canaries
 * @param observationsSha256 its checksum
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CanaryRecord(int count, String kind, long seed, String inclusionFile, String inclusionSha256,
    String observationsFile, String observationsSha256) {
  public CanaryRecord {
    Objects.requireNonNull(kind, "kind");
  }

  /** Black-box canaries (examples judged on the final model). */
  public CanaryRecord(int count, String kind, long seed, String inclusionFile, String inclusionSha256) {
    this(count, kind, seed, inclusionFile, inclusionSha256, null, null);
  }

  /** Whether these are white-box gradient canaries, audited from every released update. */
  public boolean whiteBox() {
    return observationsFile != null;
  }
}
