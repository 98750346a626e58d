package org.dpaudit.trainers.canary;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * One released tensor's noise at a replayed step: the released values minus the values the same
 * code released with its noise switched off, divided by the noise scale the ledger states. Under
 * the ledger the n standardised residuals are independent standard normals, so {@code sumSquares}
 * is chi-square with n degrees of freedom: a tensor whose noise is missing or too small shows it at
 * once, whatever the data.
 *
 * @param tensor the parameter's name ({@code audit} for the audit tensor)
 * @param count n, the number of coordinates
 * @param sum the sum of the standardised residuals
 * @param sumSquares the sum of their squares
 */
public record ResidualStats(String tensor, long count, double sum, double sumSquares) {
  public ResidualStats {
    Objects.requireNonNull(tensor, "tensor");
    Checks.positive("count", count);
    Checks.nonNegative("sumSquares", sumSquares);
  }
}
