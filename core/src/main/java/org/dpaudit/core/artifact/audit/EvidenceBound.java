package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * One empirical epsilon lower bound of an audit, with where it came from and whether the verdict
 * may rest on it.
 *
 * @param source what was bounded: {@code attack:<name>} (an attack's scores on members and
 *     non-members), {@code canaries} (black-box canaries) or {@code canaries:white-box}
 * @param decides whether the bound is the empirical epsilon the verdict rests on: true only for a
 *     canary bound valid for every mechanism; attack bounds are estimates
 * @param maxAchievable the bound a perfect attack would reach on the same sample sizes at the same
 *     error levels (no outcome can give more)
 * @param bound the bound itself, with its method, confidence, counts and note
 * @param caveat what the bound assumes, when it assumes more than the hypothesis test does
 * @param replaceOneEpsilon for an attack estimate: the add/remove epsilon its error rates imply for
 *     a replace-one member/non-member pair ({@code FPR + e^(2 eps) FNR >= 1 - (1 + e^eps) delta})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceBound(String source, boolean decides, double maxAchievable, EpsilonLowerBound bound,
    String caveat, Double replaceOneEpsilon) {
  public EvidenceBound {
    Objects.requireNonNull(source, "source");
    Checks.nonNegative("maxAchievable", maxAchievable);
    Objects.requireNonNull(bound, "bound");
  }

  /** A bound without a replace-one figure. */
  public EvidenceBound(String source, boolean decides, double maxAchievable, EpsilonLowerBound bound, String caveat) {
    this(source, decides, maxAchievable, bound, caveat, null);
  }

  /** The lower bound, in nats. */
  public double epsilon() {
    return bound.epsilon();
  }
}
