package org.dpaudit.audit.selftest;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.CanaryAudit;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.Checks;

/**
 * The one-run audit: {@code canaries} canaries, each included with probability 1/2; each
 * canary's release is an independent run of the mechanism on its bit; guesses by {@link
 * CanaryAudit} over the given rules (Bonferroni-corrected when there are several).
 *
 * @param canaries m
 * @param rules the (k+, k-) guess rules tried
 * @param method {@link BoundMethod#ONE_RUN} or {@link BoundMethod#ONE_RUN_FDP} (Gaussian mechanisms only)
 */
public record OneRunProcedure(int canaries, List<GuessCounts> rules, BoundMethod method) implements AuditProcedure {
  public OneRunProcedure {
    Checks.positive("canaries", canaries);
    rules = List.copyOf(rules);
    Checks.check(method == BoundMethod.ONE_RUN || method == BoundMethod.ONE_RUN_FDP,
        "a one-run procedure uses ONE_RUN or ONE_RUN_FDP; got " + method);
  }

  @Override
  public String name() {
    return method == BoundMethod.ONE_RUN ? "one-run" : "one-run-fdp";
  }

  @Override
  public boolean appliesTo(KnownMechanism mechanism) {
    return method == BoundMethod.ONE_RUN || mechanism.gaussianTradeoff();
  }

  @Override
  public double lowerBound(KnownMechanism mechanism, BoundParameters params, RandomGenerator rng) {
    double[] scores = new double[canaries];
    boolean[] included = new boolean[canaries];
    for (int i = 0; i < canaries; i++) {
      included[i] = rng.nextBoolean();
      scores[i] = mechanism.release(included[i], rng);
    }
    return CanaryAudit.bound(scores, included, rules, params, rng, method).epsilon();
  }
}
