package org.dpaudit.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.audit.bounds.EpsilonLowerBound;
import org.dpaudit.core.Checks;

/**
 * One empirical epsilon lower bound of an audit, with where it came from and whether the verdict
 * may rest on it.
 *
 * @param source what was bounded: {@code attack:<name>} (an attack's scores on members and
 *     non-members) or {@code canaries} (the one-run canary audit)
 * @param decides whether the bound counts towards the empirical epsilon and the verdict: true only
 *     for bounds valid for every mechanism ({@code CLOPPER_PEARSON}, {@code ONE_RUN})
 * @param maxAchievable the bound a perfect attack would reach on the same sample sizes at the same
 *     error levels (no outcome can give more)
 * @param bound the bound itself, with its method, confidence, counts and note
 * @param caveat what the bound assumes, when it assumes more than the hypothesis test does
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceBound(String source, boolean decides, double maxAchievable, EpsilonLowerBound bound,
    String caveat) {
  public EvidenceBound {
    Objects.requireNonNull(source, "source");
    Checks.nonNegative("maxAchievable", maxAchievable);
    Objects.requireNonNull(bound, "bound");
  }

  /** The lower bound, in nats. */
  public double epsilon() {
    return bound.epsilon();
  }
}
