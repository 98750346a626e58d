package org.dpaudit.trainers.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param untilEpsilon train-until-budget mode: with a given noise multiplier, the run takes as many
 *     steps as the claim's accountant allows before the next step would exceed this epsilon (the
 *     steps are resolved before training, into {@link OptimConfig#steps}); null: the epochs decide
 */
public record PrivacyConfig(
    String scheme,
    double clipNorm,
    Double noiseMultiplier,
    Double targetEpsilon,
    double delta,
    SamplerKind sampler,
    Map<String, String> schemeOptions,
    AccountantKind calibrateWith,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double untilEpsilon) {
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
    if (untilEpsilon != null) {
      Checks.positive("until epsilon", untilEpsilon);
      if (noiseMultiplier == null) {
        throw new InvalidInputException("training until an epsilon budget needs a noise multiplier (the steps are "
            + "what the budget decides)");
      }
    }
    calibrateWith = calibrateWith == null ? AccountantKind.RDP : calibrateWith;
    if (calibrateWith != AccountantKind.RDP && calibrateWith != AccountantKind.PLD) {
      throw new InvalidInputException("the noise can be calibrated with the RDP or the PLD accountant; got "
          + calibrateWith);
    }
  }

  /** A configuration of a run whose epochs (or fixed steps) decide its length. */
  public PrivacyConfig(String scheme, double clipNorm, Double noiseMultiplier, Double targetEpsilon, double delta,
      SamplerKind sampler, Map<String, String> schemeOptions, AccountantKind calibrateWith) {
    this(scheme, clipNorm, noiseMultiplier, targetEpsilon, delta, sampler, schemeOptions, calibrateWith, null);
  }

  /** This configuration trained until {@code epsilon} at its noise multiplier (null: by its epochs). */
  public PrivacyConfig untilEpsilon(Double epsilon) {
    return new PrivacyConfig(scheme, clipNorm, noiseMultiplier, targetEpsilon, delta, sampler, schemeOptions,
        calibrateWith, epsilon);
  }

  /** A configuration whose target epsilon (if any) is solved with the RDP accountant. */
  public PrivacyConfig(String scheme, double clipNorm, Double noiseMultiplier, Double targetEpsilon, double delta,
      SamplerKind sampler, Map<String, String> schemeOptions) {
    this(scheme, clipNorm, noiseMultiplier, targetEpsilon, delta, sampler, schemeOptions, AccountantKind.RDP);
  }
}
