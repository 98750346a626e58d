package org.dpaudit.trainers.canary;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * {@code canaries/white-box.json}: what a run's white-box canaries saw, for the audit. The
 * per-canary and per-null-coordinate arrays are in a binary file it names with its checksum
 * ({@link WhiteBoxFiles}); the inclusion bits are in {@code canaries/inclusion.json}, read by the
 * audit only after its guesses are fixed.
 *
 * @param canaries m
 * @param nullCoordinates K
 * @param canaryNorm each canary's gradient norm before clipping
 * @param clipNorm the run's clip norm (the sensitivity the ledger assumes)
 * @param expectedBatchSize E, the divisor of the noisy sum
 * @param scaled whether observations are in units of the per-example sensitivity of the released
 *     estimate (sensitivity / E), as stated by the scheme; false when the scheme has no fixed one
 * @param steps the steps observed
 * @param model the per-step model the log-likelihood scores were computed under ({@code gaussian},
 *     {@code laplace}, {@code mixed}), or null when they are not defined
 * @param standardised whether the null statistics are in units of the ledger's Gaussian noise
 * @param replaySteps the steps replayed with the noise switched off
 * @param replay each replayed step's per-tensor noise (schemes whose release is replayable)
 * @param nullSums per step, the null coordinates' standardised sum (null unless standardised)
 * @param nullSquares per step, their sum of squares (null unless standardised)
 * @param scores the binary arrays: per-canary log-likelihood scores and sums, per-null-coordinate sums
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record WhiteBoxObservations(
    int schemaVersion,
    String kind,
    int canaries,
    int nullCoordinates,
    double canaryNorm,
    double clipNorm,
    double expectedBatchSize,
    boolean scaled,
    long steps,
    String model,
    boolean standardised,
    long[] replaySteps,
    List<ReplayRecord> replay,
    double[] nullSums,
    double[] nullSquares,
    ArtifactRef scores) {
  /** The layout version. */
  public static final int SCHEMA_VERSION = 1;
  /** The artifact kind. */
  public static final String KIND = "white-box-observations";

  public WhiteBoxObservations {
    Checks.check(schemaVersion == SCHEMA_VERSION, "white-box observations schemaVersion must be " + SCHEMA_VERSION
        + "; got " + schemaVersion);
    Checks.check(KIND.equals(kind), "white-box observations kind must be '" + KIND + "'; got " + kind);
    Checks.positive("canaries", canaries);
    Checks.nonNegative("nullCoordinates", nullCoordinates);
    Checks.positive("canaryNorm", canaryNorm);
    Checks.positive("clipNorm", clipNorm);
    Checks.positive("expectedBatchSize", expectedBatchSize);
    Checks.nonNegative("steps", steps);
    replay = replay == null ? List.of() : List.copyOf(replay);
    Objects.requireNonNull(scores, "scores");
    if (standardised) {
      Checks.check(nullSums != null && nullSquares != null && nullSums.length == steps && nullSquares.length == steps,
          "standardised white-box observations need one null sum and one sum of squares per step");
    }
  }
}
