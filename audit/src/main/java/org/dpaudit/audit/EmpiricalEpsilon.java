package org.dpaudit.audit;

import java.util.List;
import java.util.Objects;
import org.dpaudit.audit.bounds.BoundMethod;
import org.dpaudit.core.Checks;

/**
 * The empirical epsilon of an audit: the largest of its deciding bounds, with the multiple
 * comparison paid for.
 *
 * <p>With k deciding bounds, each is computed at confidence {@code 1 - (1 - c)/k}, so that with
 * probability at least c all of them hold at once (a union bound) and their maximum is a valid
 * lower bound at confidence c. Reporting the maximum of k bounds each at c would overstate it.
 *
 * @param lower the lower bound, in nats: the maximum over the deciding bounds (0 says nothing)
 * @param confidence c, the confidence the maximum holds with
 * @param method the method of the bound that gave the maximum
 * @param source the source of that bound ({@code attack:loss}, {@code canaries})
 * @param comparisons k, the number of deciding bounds the maximum was taken over
 * @param perBoundConfidence {@code 1 - (1 - c)/k}, the confidence each bound was computed at
 * @param maxAchievable the largest lower bound any outcome could have produced with these sample
 *     sizes (a perfect attack), over the deciding bounds
 * @param bounds every bound computed, deciding or not
 * @param note how the confidence was divided, in words
 */
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
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(source, "source");
    Checks.positive("comparisons", comparisons);
    Checks.openUnit("perBoundConfidence", perBoundConfidence);
    Checks.nonNegative("maxAchievable", maxAchievable);
    bounds = List.copyOf(bounds);
    Objects.requireNonNull(note, "note");
  }
}
