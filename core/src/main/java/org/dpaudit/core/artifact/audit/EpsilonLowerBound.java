package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * An empirical epsilon lower bound and everything needed to check it: the confidence and delta it
 * holds at, the method, how the threshold was chosen, how the error budget was divided, and the
 * counts it came from.
 *
 * <p>Read it as: "with probability at least {@code confidence} over the randomness of the
 * outcomes, the mechanism is not (eps, delta)-DP for any eps below {@code epsilon}". A bound of 0
 * says nothing; it never says the mechanism is private.
 *
 * @param epsilon the lower bound, in nats, at least 0
 * @param confidence the confidence it holds with
 * @param delta the delta it is stated at
 * @param method the statistical argument
 * @param thresholdSelection how the threshold (or guess rule) was chosen
 * @param tests the number of one-sided tests the error budget {@code 1 - confidence} was divided
 *     over (2 for one confusion matrix: FPR and FNR; more under Bonferroni)
 * @param levelPerTest the error level of each test: {@code (1 - confidence) / tests}
 * @param counts the confusion counts bounded (null for the one-run bound)
 * @param fprUpper the Clopper–Pearson upper bound on the false-positive rate (null for one-run)
 * @param fnrUpper the Clopper–Pearson upper bound on the false-negative rate (null for one-run)
 * @param threshold the threshold of the rule "member iff score >= threshold", when one was applied
 * @param mu the lower bound on the Gaussian-DP parameter mu ({@link BoundMethod#GDP} only)
 * @param oneRun the canary outcome ({@link BoundMethod#ONE_RUN} only)
 * @param guessRule the guess rule that gave the bound, when it came from canary scores
 * @param note one or two sentences on how the bound was computed and what it assumes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpsilonLowerBound(
    double epsilon,
    double confidence,
    double delta,
    BoundMethod method,
    ThresholdSelection thresholdSelection,
    int tests,
    double levelPerTest,
    ConfusionCounts counts,
    Double fprUpper,
    Double fnrUpper,
    Double threshold,
    Double mu,
    OneRunCounts oneRun,
    GuessCounts guessRule,
    String note) {
  public EpsilonLowerBound {
    Checks.nonNegative("epsilon", epsilon);
    Checks.openUnit("confidence", confidence);
    Checks.zeroToOneExclusive("delta", delta);
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(thresholdSelection, "thresholdSelection");
    Checks.positive("tests", tests);
    Checks.openUnit("levelPerTest", levelPerTest);
    Objects.requireNonNull(note, "note");
  }
}
