package org.dpaudit.attacks.imports;

import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.privacy.SamplingSchedule;

/**
 * DP-SGD training parameters a model's owner declares at import (what Opacus or TF Privacy was run
 * with): the noise multiplier and the sampling schedule, given as q and steps or as dataset size,
 * batch size and epochs exactly as {@code dpaudit accountant} takes them. They imply the ledger of
 * T Poisson-sampled Gaussian steps, which the run's accountants then prove an epsilon for.
 *
 * @param noiseMultiplier sigma: noise standard deviation over the clipping norm
 * @param schedule q and steps, with how they were derived
 */
public record DeclaredTraining(double noiseMultiplier, SamplingSchedule schedule) {
  public DeclaredTraining {
    Checks.nonNegative("--noise-multiplier", noiseMultiplier);
    if (schedule == null) {
      throw new InvalidInputException("--noise-multiplier needs --sampling-rate and --steps, or --dataset-size, "
          + "--batch-size and --epochs");
    }
  }

  /** The ledger these parameters imply: T steps of the Poisson-sampled Gaussian mechanism. */
  public PrivacyLedger ledger() {
    DpEvent.SelfComposed all = (DpEvent.SelfComposed) NoiseCalibrator.dpSgd(schedule.samplingRate(), noiseMultiplier,
        schedule.steps());
    return PrivacyLedger.empty().append(all.event(), all.count());
  }
}
