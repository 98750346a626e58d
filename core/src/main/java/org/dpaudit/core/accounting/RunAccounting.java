package org.dpaudit.core.accounting;

import java.util.function.DoubleFunction;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The accountants as a run uses them: calibrating the noise before training, the epsilon spent so
 * far during training, and every applicable accountant at the end.
 *
 * <p>Which accountant for which ledger: RDP whenever it supports every event (Gaussian steps);
 * PLD whenever it does (Gaussian and Laplace steps, Poisson-sampled or not) and the loss fits its
 * grid; pure-DP composition for Laplace-only ledgers. All are upper bounds, so the run's epsilon is
 * their minimum; none is ever an estimate.
 *
 * <p>DP-SGD's noise multiplier for a target epsilon is solved with the RDP accountant (the default,
 * the moments accountant's modern form) or with the PLD accountant, the tightest dpaudit proves:
 * PLD's epsilon is below RDP's for the same sigma, so solving with it needs less noise for the same
 * proven epsilon. The run records which one calibrated ({@link Calibration}).
 */
public final class RunAccounting {
  /**
   * PLD grid spacing for the epsilon-so-far of ledgers RDP cannot handle: coarser than the final
   * accounting (a coarser grid is still an upper bound), and coarser still when the pure-DP bound
   * says the loss is large, so that the grid fits at the first try ({@link #progressInterval}).
   */
  static final double PROGRESS_INTERVAL = 1e-3;
  /** Grid points the progress PLD aims at (a quarter of the PLD accountant's largest grid). */
  static final double PROGRESS_POINTS = 1 << 19;

  /**
   * Bisection tolerance of the PLD calibration, relative to RDP's sigma: 14 PLD compositions, and a
   * sigma within 1e-4 of the least one (the sigma returned always meets the target).
   */
  static final double PLD_CALIBRATION_TOLERANCE = 1e-4;

  private final RdpAccountant rdp = new RdpAccountant();
  private final PldAccountant pld = new PldAccountant();
  private final PureDpComposition pureDp = new PureDpComposition();
  private final AccountantKind calibrateWith;
  private Calibration calibration;

  /**
   * How a noise multiplier was solved for, as run.json records it.
   *
   * @param accountant the accountant the target was met under
   * @param targetEpsilon the target, at {@code delta}
   * @param noiseMultiplier the least sigma found that meets it
   * @param epsilon what that accountant proves for sigma over the planned steps (at most the target)
   * @param rdpNoiseMultiplier the sigma the RDP accountant would have needed (equal when RDP calibrated)
   */
  public record Calibration(AccountantKind accountant, double targetEpsilon, double delta, double noiseMultiplier,
      double epsilon, double rdpNoiseMultiplier) {}

  /** Noise calibrated with the RDP accountant. */
  public RunAccounting() {
    this(AccountantKind.RDP);
  }

  /** Noise calibrated with {@code calibrateWith}: RDP or PLD. */
  public RunAccounting(AccountantKind calibrateWith) {
    if (calibrateWith != AccountantKind.RDP && calibrateWith != AccountantKind.PLD) {
      throw new IllegalArgumentException("calibration accountant must be RDP or PLD; got " + calibrateWith);
    }
    this.calibrateWith = calibrateWith;
  }

  /** The accountant noise multipliers are solved with. */
  public AccountantKind calibrationAccountant() {
    return calibrateWith;
  }

  /** The last calibration {@link #calibrateNoiseMultiplier} made, if any. */
  public java.util.Optional<Calibration> calibration() {
    return java.util.Optional.ofNullable(calibration);
  }

  /** The RDP epsilon of {@code event} at {@code delta}. */
  public EpsilonResult rdp(DpEvent event, double delta) {
    return rdp.epsilon(event, delta);
  }

  /** The PLD epsilon of {@code event} at {@code delta} (default grid). */
  public EpsilonResult pld(DpEvent event, double delta) {
    return pld.epsilon(event, delta);
  }

  /**
   * The epsilon of a ledger so far (infinite for non-private steps): RDP when it applies (fast; with
   * PLD-calibrated noise, the better of RDP and PLD), else the better of a coarse-grid PLD and
   * pure-DP composition.
   */
  public double epsilonSoFar(PrivacyLedger ledger, double delta) {
    if (ledger.entries().isEmpty()) {
      return 0;
    }
    DpEvent event = ledger.composedEvent();
    if (rdp.supports(event)) {
      double byRdp = rdp.epsilon(event, delta).epsilon();
      if (calibrateWith == AccountantKind.PLD) {
        // Noise solved with PLD: report what PLD proves so far, else every epoch would show RDP's larger value.
        EpsilonResult byPld = tryPld(new PldAccountant(), event, delta);
        return byPld == null ? byRdp : Math.min(byRdp, byPld.epsilon());
      }
      return byRdp;
    }
    EpsilonResult pure = pureDp.supports(event) ? pureDp.epsilon(event, delta) : null;
    EpsilonResult coarse = tryPld(new PldAccountant(progressInterval(pure)), event, delta);
    if (coarse == null && pure == null) {
      rdp.epsilon(event, delta); // throws, naming the event no accountant supports
    }
    return AccountantEpsilons.of(null, coarse, pure).epsilon();
  }

  /**
   * The progress grid spacing: {@link #PROGRESS_INTERVAL}, or the pure-DP epsilon (which bounds every
   * privacy loss of a Laplace ledger, so the grid's range) over {@link #PROGRESS_POINTS}, whichever is
   * coarser; at most the PLD accountant's coarsest interval.
   */
  static double progressInterval(EpsilonResult pure) {
    double h = pure == null || pure.epsilon() == Double.POSITIVE_INFINITY ? PROGRESS_INTERVAL
        : Math.max(PROGRESS_INTERVAL, pure.epsilon() / PROGRESS_POINTS);
    return Math.min(h, 1.0);
  }

  /**
   * Every applicable accountant for the whole ledger at {@code delta} minus the noise sampler's
   * {@code tailDelta} ({@code SamplerTail}): the run is then (eps, delta)-DP for the sampler it
   * used. When the tail alone reaches delta nothing is proven (infinity).
   */
  public AccountantEpsilons account(PrivacyLedger ledger, double delta, double tailDelta) {
    Checks.check(tailDelta >= 0 && tailDelta <= 1, "tail delta must be in [0, 1]; got " + tailDelta);
    if (tailDelta >= delta) {
      EpsilonResult none = new EpsilonResult(Double.POSITIVE_INFINITY, delta, AccountantKind.RDP, true, null,
          "the noise sampler's bounded support alone costs delta " + tailDelta + " >= " + delta);
      return AccountantEpsilons.of(none, null, null);
    }
    return account(ledger, delta - tailDelta);
  }

  /**
   * Every applicable accountant for the whole ledger. PLD is skipped when RDP already shows there
   * is no privacy, or when the loss is too large for its grid (then RDP or pure DP still answer).
   */
  public AccountantEpsilons account(PrivacyLedger ledger, double delta) {
    DpEvent event = ledger.composedEvent();
    EpsilonResult r = rdp.supports(event) ? rdp.epsilon(event, delta) : null;
    EpsilonResult pure = pureDp.supports(event) ? pureDp.epsilon(event, delta) : null;
    if (r == null && pure == null && !pld.supports(event)) {
      rdp.epsilon(event, delta); // throws, naming the event no accountant supports
    }
    boolean noPrivacy = isInfinite(r) || isInfinite(pure);
    EpsilonResult p = noPrivacy ? null : tryPld(pld, event, delta);
    if (r == null && p == null && pure == null) {
      throw new InvalidInputException("the privacy loss of this run is too large for the PLD accountant's grid and "
          + "no other accountant supports its events");
    }
    return AccountantEpsilons.of(r, p, pure);
  }

  private static boolean isInfinite(EpsilonResult r) {
    return r != null && r.epsilon() == Double.POSITIVE_INFINITY;
  }

  private static EpsilonResult tryPld(PldAccountant accountant, DpEvent event, double delta) {
    if (!accountant.supports(event)) {
      return null;
    }
    try {
      return accountant.epsilon(event, delta);
    } catch (InvalidInputException tooLarge) {
      return null; // the loss does not fit the largest grid; the other accountants still bound it
    }
  }

  /**
   * The least noise multiplier that reaches {@code targetEpsilon} at {@code delta} for DP-SGD's
   * steps, under this run's calibration accountant. PLD bisects below RDP's answer: PLD proves at
   * most what RDP does, so RDP's sigma already meets the target under PLD.
   */
  public double calibrateNoiseMultiplier(double samplingRate, long steps, double targetEpsilon, double delta) {
    DoubleFunction<DpEvent> event = sigma -> NoiseCalibrator.dpSgd(samplingRate, sigma, steps);
    PrivacyBudget target = new PrivacyBudget(targetEpsilon, delta);
    NoiseCalibrator.NoiseCalibration byRdp = new NoiseCalibrator(RdpAccountant::new, NoiseCalibrator.DEFAULT_TOLERANCE)
        .noiseMultiplier(event, target);
    NoiseCalibrator.NoiseCalibration chosen = byRdp;
    if (calibrateWith == AccountantKind.PLD) {
      double upper = byRdp.noiseMultiplier();
      chosen = new NoiseCalibrator(PldAccountant::new, PLD_CALIBRATION_TOLERANCE * upper)
          .noiseMultiplier(event, target, new NoiseCalibrator.Bracket(0, upper));
    }
    calibration = new Calibration(calibrateWith, targetEpsilon, delta, chosen.noiseMultiplier(),
        chosen.result().epsilon(), byRdp.noiseMultiplier());
    return chosen.noiseMultiplier();
  }

  /**
   * The least noise parameter whose event meets {@code target} under {@code accountant}, in {@code
   * bracket} when given (else searching up from [0, 1]).
   */
  public double calibrate(java.util.function.Supplier<Accountant> accountant, DoubleFunction<DpEvent> event,
      PrivacyBudget target, NoiseCalibrator.Bracket bracket, double tolerance) {
    NoiseCalibrator c = new NoiseCalibrator(accountant, tolerance);
    return (bracket == null ? c.noiseMultiplier(event, target) : c.noiseMultiplier(event, target, bracket))
        .noiseMultiplier();
  }
}
