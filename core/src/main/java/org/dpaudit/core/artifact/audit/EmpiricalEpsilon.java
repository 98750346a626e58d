package org.dpaudit.core.artifact.audit;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * The empirical epsilon of an audit: its deciding bound (a canary bound valid for every mechanism),
 * or none, with every bound computed beside it.
 *
 * <p>The deciding bound holds at {@code perBoundConfidence}; with the audit's other deciding tests
 * (the white-box mechanism checks) all hold together with probability at least {@code confidence}.
 * Without canaries there is no deciding bound: {@code lower} is 0 and says nothing.
 *
 * @param lower the lower bound, in nats: the maximum over the deciding bounds (0 says nothing)
 * @param confidence c, the confidence the maximum holds with
 * @param method the method of the deciding bound, or null when there is none
 * @param source the source of that bound ({@code canaries}, {@code canaries:white-box}; {@code none})
 * @param comparisons the number of deciding bounds (0 or 1)
 * @param perBoundConfidence the confidence the deciding bound was computed at
 * @param maxAchievable the largest lower bound any outcome could have produced with these sample
 *     sizes (a perfect attack), over the deciding bounds
 * @param bounds every bound computed, deciding or not
 * @param note how the confidence was divided, in words
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record EmpiricalEpsilon(
    double lower,
    double confidence,
    BoundMethod method,
    String source,
    int comparisons,
    double perBoundConfidence,
    double maxAchievable,
    List<EvidenceBound> bounds,
    String note) {
  public EmpiricalEpsilon {
    Checks.nonNegative("lower", lower);
    Checks.openUnit("confidence", confidence);
    Objects.requireNonNull(source, "source");
    Checks.nonNegative("comparisons", comparisons);
    Checks.openUnit("perBoundConfidence", perBoundConfidence);
    Checks.nonNegative("maxAchievable", maxAchievable);
    bounds = List.copyOf(bounds);
    Objects.requireNonNull(note, "note");
  }
}
