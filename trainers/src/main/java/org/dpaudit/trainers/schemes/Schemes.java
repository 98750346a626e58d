package org.dpaudit.trainers.schemes;

import java.util.List;
import java.util.Set;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.trainers.loop.PrivacyConfig;

/**
 * The schemes by name ({@code --scheme}): each is built from its configuration and the planned run.
 *
 * <pre>
 * nonprivate        ordinary SGD/Adam; no privacy claimed
 * dpsgd             DP-SGD (Abadi et al. 2016): flat L2 clipping, Gaussian noise, RDP/PLD accounting
 * psgd              the same algorithm under seed 000's name for it (its baseline "pSGD" [35])
 * appdl             APPDL (Zhang et al. 2021): DP-SGD with a decaying noise multiplier
 * adppl             ADPPL (Gong et al. 2020): Laplace noise, per-neuron budget = relevance share
 * enadpp            EnADPP (seed 000): Laplace noise, per-neuron budget = normalised information gain
 * adppl-corrected   ADPPL made provably DP at the stated epsilon (see {@link LaplaceSchemes})
 * enadpp-corrected  EnADPP made provably DP at the stated epsilon
 * </pre>
 * Each scheme's own options ({@code --scheme-option KEY=VALUE}) are read with their defaults by its
 * factory ({@link Appdl}, {@link LaplaceSchemes}); unknown options are refused. docs/schemes.md
 * explains each scheme's claim and its honest accounting. Seeds 002-004 ({@code icgc-dp},
 * {@code collab-dp}, {@code neuraldp}, each with a provably DP {@code -corrected} variant) are
 * explained in docs/schemes.md.
 */
public final class Schemes {
  /** The scheme names. */
  public static final List<String> NAMES = List.of("nonprivate", "dpsgd", "psgd", "appdl", "adppl", "enadpp",
      "adppl-corrected", "enadpp-corrected",
      "icgc-dp", "icgc-dp-corrected", "collab-dp", "collab-dp-corrected", "neuraldp", "neuraldp-corrected");

  private Schemes() {}

  /** Builds the scheme {@code ctx.config().scheme()}. */
  public static DpScheme create(SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    String name = cfg.scheme();
    return switch (name) {
      case "nonprivate" -> {
        new SchemeOptions(name, cfg.schemeOptions(), Set.of());
        yield new NonPrivateScheme(cfg.delta());
      }
      case "dpsgd", "psgd" -> dpSgd(name, ctx);
      case "appdl" -> Appdl.create(ctx);
      case "adppl", "enadpp", "adppl-corrected", "enadpp-corrected" -> LaplaceSchemes.create(ctx);
      case "icgc-dp", "icgc-dp-corrected" -> IcgcDpScheme.create(ctx);
      case "collab-dp", "collab-dp-corrected" -> CollaborativeDpScheme.create(ctx);
      case "neuraldp", "neuraldp-corrected" -> NeuralDpScheme.create(ctx);
      default -> throw new InvalidInputException("unknown scheme '" + name + "'; choose one of "
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
    new SchemeOptions(name, cfg.schemeOptions(), Set.of());
    String who = "psgd".equals(name) ? "pSGD, seed 000's name for DP-SGD: " : "";
    double q = ctx.samplingRate();
    double sigma;
    PrivacyClaim claim;
    if (cfg.noiseMultiplier() != null) {
      sigma = cfg.noiseMultiplier();
      DpEvent planned = new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q, new DpEvent.Gaussian(sigma)),
          ctx.totalSteps());
      double eps = ctx.accounting().rdp(planned, cfg.delta()).epsilon();
      claim = new PrivacyClaim(eps, cfg.delta(), who + "moments accountant (Abadi et al. 2016) for the planned "
          + ctx.totalSteps() + " steps at sigma " + sigma + ", computed with RDP");
    } else if (cfg.targetEpsilon() != null) {
      sigma = ctx.accounting().calibrateNoiseMultiplier(q, ctx.totalSteps(), cfg.targetEpsilon(), cfg.delta());
      claim = new PrivacyClaim(cfg.targetEpsilon(), cfg.delta(), who + "target epsilon; sigma "
          + String.format("%.4f", sigma) + (ctx.accounting().calibrationAccountant() == AccountantKind.PLD
              ? " calibrated for it with the PLD accountant (DP-SGD, Abadi et al. 2016, accounted by its privacy loss "
                  + "distribution)"
              : " calibrated for it with the RDP accountant (moments accountant, Abadi et al. 2016)"));
    } else {
      throw new InvalidInputException("scheme " + name + " needs --epsilon (to calibrate the noise) or "
          + "--noise-multiplier");
    }
    return new DpSgdScheme(name, cfg.clipNorm(), sigma, q, claim);
  }

  /** APPDL's options and calibration. */
  static final class Appdl {
    /** Decay per period; ours (APPDL's own value could not be checked): sigma falls ~1/3 over 4 epochs. */
    static final double DEFAULT_RATE = 0.1;

    private Appdl() {}

    static DpScheme create(SchemeContext ctx) {
      PrivacyConfig cfg = ctx.config();
      SchemeOptions o = new SchemeOptions("appdl", cfg.schemeOptions(), Set.of("decay", "decay-rate", "decay-every"));
      NoiseSchedule shape = new NoiseSchedule(NoiseSchedule.Decay.parse(o.text("decay", "exp")), 1,
          o.nonNegative("decay-rate", DEFAULT_RATE), o.positiveLong("decay-every", ctx.stepsPerEpoch()));
      double q = ctx.samplingRate();
      long steps = ctx.totalSteps();
      NoiseSchedule schedule;
      PrivacyClaim claim;
      if (cfg.noiseMultiplier() != null) {
        schedule = shape.withSigma0(cfg.noiseMultiplier());
        double eps = ctx.accounting().rdp(schedule.plannedEvent(q, steps), cfg.delta()).epsilon();
        claim = new PrivacyClaim(eps, cfg.delta(), "APPDL (Zhang et al. 2021) at sigma_0 " + schedule.sigma0()
            + " decaying " + describe(schedule) + "; epsilon of the planned steps by the RDP accountant");
      } else if (cfg.targetEpsilon() != null) {
        double sigma0 = ctx.accounting().calibrate(RdpAccountant::new, s -> shape.withSigma0(s).plannedEvent(q, steps),
            new PrivacyBudget(cfg.targetEpsilon(), cfg.delta()), null, 1e-6);
        schedule = shape.withSigma0(sigma0);
        claim = new PrivacyClaim(cfg.targetEpsilon(), cfg.delta(), "APPDL (Zhang et al. 2021) at the target "
            + "epsilon; sigma_0 " + String.format("%.4f", sigma0) + " decaying " + describe(schedule)
            + ", calibrated with the RDP accountant (the paper's own closed-form estimate is approximate)");
      } else {
        throw new InvalidInputException("scheme appdl needs --epsilon (to calibrate sigma_0) or --noise-multiplier "
            + "(sigma_0)");
      }
      return new AppdlScheme("appdl", cfg.clipNorm(), schedule, q, claim);
    }

    static String describe(NoiseSchedule s) {
      return (s.decay() == NoiseSchedule.Decay.EXP ? "exp(-" + s.rate() + " i)" : "1/(1 + " + s.rate() + " i)")
          + " every " + s.period() + " steps";
    }
  }
}
