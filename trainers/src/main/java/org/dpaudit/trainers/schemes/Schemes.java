package org.dpaudit.trainers.schemes;

import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.loop.PrivacyConfig;

/**
 * The schemes by name ({@code --scheme}): each is built from its configuration and the planned run.
 *
 * <pre>
 * nonprivate   ordinary SGD/Adam; no privacy claimed
 * dpsgd        DP-SGD (Abadi et al. 2016): flat L2 clipping, Gaussian noise, RDP/PLD accounting
 * psgd         the same algorithm under seed 000's name for it (its baseline)
 * </pre>
 * Seeds 002-004 (docs/schemes-002-004.md): {@code icgc-dp}, {@code collab-dp} and {@code neuraldp}
 * as published, each with a {@code -corrected} variant that is provably DP.
 */
public final class Schemes {
  /** The scheme names. */
  public static final List<String> NAMES = List.of("nonprivate", "dpsgd", "psgd",
      "icgc-dp", "icgc-dp-corrected", "collab-dp", "collab-dp-corrected", "neuraldp", "neuraldp-corrected");

  private Schemes() {}

  /** Builds the scheme {@code ctx.config().scheme()}. */
  public static DpScheme create(SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    return switch (cfg.scheme()) {
      case "nonprivate" -> new NonPrivateScheme(cfg.delta());
      case "dpsgd", "psgd" -> dpSgd(cfg.scheme(), ctx);
      case "icgc-dp", "icgc-dp-corrected" -> IcgcDpScheme.create(ctx);
      case "collab-dp", "collab-dp-corrected" -> CollaborativeDpScheme.create(ctx);
      case "neuraldp", "neuraldp-corrected" -> NeuralDpScheme.create(ctx);
      default -> throw new InvalidInputException("unknown scheme '" + cfg.scheme() + "'; choose one of "
          + String.join(", ", NAMES));
    };
  }

  /**
   * DP-SGD with sigma given or calibrated. The claim is DP-SGD's own: the moments accountant's
   * epsilon for the planned steps (computed here with the RDP accountant, its modern form), or the
   * target the noise was calibrated for.
   */
  private static DpScheme dpSgd(String name, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    double q = ctx.samplingRate();
    double sigma;
    PrivacyClaim claim;
    if (cfg.noiseMultiplier() != null) {
      sigma = cfg.noiseMultiplier();
      DpEvent planned = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q, new DpEvent.Gaussian(sigma)),
          ctx.totalSteps());
      double eps = ctx.accounting().rdp(planned, cfg.delta()).epsilon();
      claim = new PrivacyClaim(eps, cfg.delta(), "moments accountant (Abadi et al. 2016) for the planned "
          + ctx.totalSteps() + " steps at sigma " + sigma + ", computed with RDP");
    } else if (cfg.targetEpsilon() != null) {
      sigma = ctx.accounting().calibrateNoiseMultiplier(q, ctx.totalSteps(), cfg.targetEpsilon(), cfg.delta());
      claim = new PrivacyClaim(cfg.targetEpsilon(), cfg.delta(), "target epsilon; sigma " + String.format("%.4f", sigma)
          + " calibrated for it with the RDP accountant (moments accountant, Abadi et al. 2016)");
    } else {
      throw new InvalidInputException("scheme " + name + " needs --epsilon (to calibrate the noise) or "
          + "--noise-multiplier");
    }
    return new DpSgdScheme(name, cfg.clipNorm(), sigma, q, claim);
  }
}
