package org.dpaudit.trainers.loop;

import java.util.Map;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.artifact.run.SamplerKind;

/**
 * The privacy side of a run: the scheme, clipping, the noise (given as a multiplier, or solved for
 * from a target epsilon), delta and the sampler.
 *
 * @param noiseMultiplier sigma, or null when {@code targetEpsilon} is given (or the scheme is
 *     non-private)
 * @param targetEpsilon the epsilon to calibrate sigma for, or null
 * @param schemeOptions scheme-specific hyperparameters (the paper's values are the defaults)
 * @param calibrateWith the accountant a target epsilon is solved with: RDP (the moments accountant's
 *     modern form, the default) or PLD (the tightest dpaudit proves, so the least noise for the same
 *     proven epsilon); null in older run.json files means RDP
 */
public record PrivacyConfig(
    String scheme,
    double clipNorm,
    Double noiseMultiplier,
    Double targetEpsilon,
    double delta,
    SamplerKind sampler,
    Map<String, String> schemeOptions,
    AccountantKind calibrateWith) {
  public PrivacyConfig {
    Objects.requireNonNull(scheme, "scheme");
    Checks.positive("clip norm", clipNorm);
    Checks.openUnit("delta", delta);
    Objects.requireNonNull(sampler, "sampler");
    schemeOptions = Map.copyOf(schemeOptions);
    if (noiseMultiplier != null) {
      Checks.nonNegative("noise multiplier", noiseMultiplier);
    }
    if (targetEpsilon != null) {
      Checks.positive("target epsilon", targetEpsilon);
    }
    if (noiseMultiplier != null && targetEpsilon != null) {
      throw new InvalidInputException("give either a noise multiplier or a target epsilon, not both");
    }
    calibrateWith = calibrateWith == null ? AccountantKind.RDP : calibrateWith;
    if (calibrateWith != AccountantKind.RDP && calibrateWith != AccountantKind.PLD) {
      throw new InvalidInputException("the noise can be calibrated with the RDP or the PLD accountant; got "
          + calibrateWith);
    }
  }

  /** A configuration whose target epsilon (if any) is solved with the RDP accountant. */
  public PrivacyConfig(String scheme, double clipNorm, Double noiseMultiplier, Double targetEpsilon, double delta,
      SamplerKind sampler, Map<String, String> schemeOptions) {
    this(scheme, clipNorm, noiseMultiplier, targetEpsilon, delta, sampler, schemeOptions, AccountantKind.RDP);
  }
}
