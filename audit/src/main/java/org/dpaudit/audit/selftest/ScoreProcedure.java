package org.dpaudit.audit.selftest;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ClassScores;
import org.dpaudit.audit.bounds.ScoreBounds;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.Checks;

/**
 * The many-runs audit: {@code perClass} releases on a member and as many on a non-member, each an
 * independent run of the mechanism; the release is the score; bounded by {@link ScoreBounds}.
 *
 * @param method {@link BoundMethod#CLOPPER_PEARSON} or {@link BoundMethod#GDP}
 * @param selection {@link ThresholdSelection#SPLIT} or {@link ThresholdSelection#BONFERRONI}
 * @param perClass releases per class
 */
public record ScoreProcedure(BoundMethod method, ThresholdSelection selection, int perClass) implements AuditProcedure {
  public ScoreProcedure {
    Checks.check(method == BoundMethod.CLOPPER_PEARSON || method == BoundMethod.GDP,
        "a score procedure uses CLOPPER_PEARSON or GDP; got " + method);
    Checks.check(selection == ThresholdSelection.SPLIT || selection == ThresholdSelection.BONFERRONI,
        "a score procedure searches thresholds by SPLIT or BONFERRONI; got " + selection);
    Checks.check(perClass >= 2, "perClass must be at least 2; got " + perClass);
  }

  @Override
  public String name() {
    return (method == BoundMethod.GDP ? "gdp-" : "cp-") + selection.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean appliesTo(KnownMechanism mechanism) {
    return method != BoundMethod.GDP || mechanism.gaussianTradeoff();
  }

  @Override
  public double lowerBound(KnownMechanism mechanism, BoundParameters params, RandomGenerator rng) {
    double[] in = new double[perClass];
    double[] out = new double[perClass];
    for (int i = 0; i < perClass; i++) {
      in[i] = mechanism.release(true, rng);
      out[i] = mechanism.release(false, rng);
    }
    ClassScores scores = ClassScores.ofClasses(in, out);
    return ScoreBounds.bound(scores, method, selection, params, rng).epsilon();
  }
}
