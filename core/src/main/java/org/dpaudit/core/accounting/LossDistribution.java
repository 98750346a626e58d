package org.dpaudit.core.accounting;

/**
 * The privacy loss {@code L = ln(P(o)/Q(o))} of a mechanism's output, with P the output distribution
 * with the example and Q without, as a distribution under P on the grid {@code interval * (offset
 * + i)}, plus a mass at +infinity. An auditor reads from it how a test that thresholds the loss
 * would do: with the example it exceeds t with probability {@code P[L > t]}, without it with
 * {@code E_P[e^-L; L > t]}. The accountant's discretisation rounds losses up (pessimistic for
 * epsilon), so these rates are for planning an audit, not for proving anything.
 *
 * @param interval the grid spacing, in nats
 * @param offset the grid index of {@code probs[0]}
 * @param probs the probability of each grid point under P
 * @param infinityMass the probability of an infinite loss under P
 */
public record LossDistribution(double interval, long offset, double[] probs, double infinityMass) {
  public LossDistribution {
    probs = probs.clone();
  }

  /** The loss at grid point {@code i}. */
  public double loss(int i) {
    return (offset + i) * interval;
  }

  @Override
  public double[] probs() {
    return probs.clone();
  }
}
