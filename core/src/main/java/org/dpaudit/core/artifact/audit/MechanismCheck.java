package org.dpaudit.core.artifact.audit;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * One exact test of the released updates against the mechanism the ledger records. Under a
 * correct implementation the null coordinates and the replayed noise are independent draws of the
 * ledger's noise, and the canaries' signal is the clip norm times their sampling, so each test's
 * p-value is exact (or an exact Monte Carlo p-value): a failure at the stated level is evidence
 * that the code does not do what its privacy proof assumes, whatever epsilon that costs.
 *
 * @param name a short id ({@code null-variance}, {@code replay:layer1.bias}, ...)
 * @param tests what a failure means, in words
 * @param statistic the test statistic's value
 * @param expected its expected value under the ledger, for a reader's scale
 * @param pValue the p-value (the smaller, the stronger the evidence against the ledger)
 * @param level the level it is judged at (the checks' share of the error budget, Bonferroni)
 * @param failed whether {@code pValue < level}
 */
public record MechanismCheck(String name, String tests, double statistic, double expected, double pValue,
    double level, boolean failed) {
  public MechanismCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tests, "tests");
    Checks.check(pValue >= 0 && pValue <= 1, "p-value must be in [0, 1]; got " + pValue);
    Checks.openUnit("level", level);
  }
}
