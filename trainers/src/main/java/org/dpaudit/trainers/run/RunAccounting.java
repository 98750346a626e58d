package org.dpaudit.trainers.run;

import org.dpaudit.core.accounting.EpsilonResult;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The accountants as a run uses them: calibrating the noise before training, the epsilon spent so
 * far during training (RDP: fast), and RDP and PLD at the end.
 */
public final class RunAccounting {
  private final RdpAccountant rdp = new RdpAccountant();
  private final PldAccountant pld = new PldAccountant();

  /** The RDP epsilon of {@code event} at {@code delta}. */
  public EpsilonResult rdp(DpEvent event, double delta) {
    return rdp.epsilon(event, delta);
  }

  /** The RDP epsilon of a ledger so far (infinite for non-private steps). */
  public double epsilonSoFar(PrivacyLedger ledger, double delta) {
    return ledger.entries().isEmpty() ? 0 : rdp.epsilon(ledger.composedEvent(), delta).epsilon();
  }

  /** RDP and PLD for the whole ledger; PLD is omitted when it cannot account for an event. */
  public AccountantEpsilons account(PrivacyLedger ledger, double delta) {
    DpEvent event = ledger.composedEvent();
    EpsilonResult r = rdp.epsilon(event, delta);
    EpsilonResult p = pld.supports(event) && r.epsilon() < Double.POSITIVE_INFINITY ? pld.epsilon(event, delta) : null;
    return AccountantEpsilons.of(r, p);
  }

  /** The noise multiplier that reaches {@code targetEpsilon} at {@code delta} for DP-SGD's steps. */
  public double calibrateNoiseMultiplier(double samplingRate, long steps, double targetEpsilon, double delta) {
    return new NoiseCalibrator(RdpAccountant::new)
        .noiseMultiplier(sigma -> NoiseCalibrator.dpSgd(samplingRate, sigma, steps), new PrivacyBudget(targetEpsilon, delta))
        .noiseMultiplier();
  }
}
