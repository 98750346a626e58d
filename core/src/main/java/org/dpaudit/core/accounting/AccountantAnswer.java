package org.dpaudit.core.accounting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to an {@link AccountantQuery}: what {@code dpaudit accountant --json} prints. One shape
 * whatever accountants were asked: the top level is the best proven bound among those run (the
 * smallest upper-bound epsilon, or, when solving for the noise, the least noise), and {@code results}
 * lists every accountant run.
 *
 * @param accountant the accountant of the top-level answer ({@code rdp}, {@code pld}, {@code gdp}, {@code pure})
 * @param epsilon in nats; "Infinity" in JSON when there is no privacy
 * @param delta the delta it holds at
 * @param upperBound whether the top-level epsilon is a proven upper bound
 * @param optimalOrder the Renyi order, when the top-level answer is RDP's
 * @param noiseMultiplier Gaussian noise multiplier (given, or solved for); for Laplace, scale / sensitivity
 * @param scale the Laplace scale (given, or solved for)
 * @param solvedFor {@code "noiseMultiplier"} when a target epsilon was given
 * @param targetEpsilon the target when solving
 * @param mechanism {@code gaussian} or {@code laplace}
 * @param sensitivity the Laplace L1 sensitivity
 * @param samplingRate the Poisson sampling rate q
 * @param steps the number of steps
 * @param derivedFrom how q and steps were derived from dataset size, batch size and epochs, if they were
 * @param results every accountant's answer
 * @param skipped accountants of {@code all} that cannot account for this mechanism, and why
 * @param caveats what the numbers assume
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountantAnswer(
    String accountant,
    double epsilon,
    double delta,
    boolean upperBound,
    Double optimalOrder,
    Double noiseMultiplier,
    Double scale,
    String solvedFor,
    Double targetEpsilon,
    String mechanism,
    Double sensitivity,
    double samplingRate,
    long steps,
    Derivation derivedFrom,
    List<Entry> results,
    List<Skipped> skipped,
    List<String> caveats) {
  public AccountantAnswer {
    results = List.copyOf(results);
    skipped = List.copyOf(skipped);
    caveats = List.copyOf(caveats);
  }

  /** One accountant's answer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String accountant, double epsilon, double delta, boolean upperBound, Double optimalOrder,
      Double noiseMultiplier, Double scale, String note) {}

  /** An accountant that was not run, and why. */
  public record Skipped(String accountant, String reason) {}

  /** q = batchSize / datasetSize and steps = ceil(epochs * ceil(datasetSize / batchSize)). */
  public record Derivation(long datasetSize, long batchSize, double epochs) {}
}
