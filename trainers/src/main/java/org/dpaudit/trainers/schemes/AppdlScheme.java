package org.dpaudit.trainers.schemes;

/**
 * APPDL (Zhang, Ding, Wu, Wong, Van Nguyen, Pan, WACV 2021; seed 000's baseline [36]): DP-SGD whose
 * Gaussian noise decays during training.
 *
 * <pre>
 * c_i   = min(1, C / ||g_i||_2)                                     per-example L2 clipping
 * g~_t  = (sum_i c_i g_i + N(0, sigma_t^2 C^2 I)) / (q N)           sigma_t from a {@link NoiseSchedule}
 * event = PoissonSampled(q, Gaussian(sigma_t))                      per step, each step's own sigma
 * </pre>
 * The ledger records every step's multiplier; steps with different multipliers are composed by the
 * accountants (RDP adds per order, PLD convolves). APPDL's own closed-form privacy estimate is
 * approximate by its authors' account; here sigma_0 is calibrated for the target with the RDP
 * accountant instead, so the claim is the target and the accountants prove it.
 */
public final class AppdlScheme extends DpSgdScheme {
  /** Decay per period; ours (APPDL's own value could not be checked): sigma falls ~1/3 over 4 epochs. */
  static final double DEFAULT_RATE = 0.1;

  private final NoiseSchedule schedule;

  public AppdlScheme(String name, double clipNorm, NoiseSchedule schedule, double samplingRate, PrivacyClaim claim) {
    super(name, clipNorm, schedule.sigma0(), samplingRate, claim);
    this.schedule = schedule;
  }

  /** APPDL with sigma_0 given or calibrated for the target (with the RDP accountant). */
  static DpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    NoiseSchedule shape = new NoiseSchedule(NoiseSchedule.Decay.parse(o.text("decay", "exp")), 1,
        o.nonNegative("decay-rate", DEFAULT_RATE), o.positiveLong("decay-every", ctx.stepsPerEpoch()));
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    NoisePlan plan = NoisePlan.planned(id.name(), ctx, s -> shape.withSigma0(s).plannedEvent(q, steps), "sigma_0");
    NoiseSchedule schedule = shape.withSigma0(plan.sigma());
    String basis = plan.calibrated()
        ? "APPDL (Zhang et al. 2021) at the target epsilon; sigma_0 " + String.format("%.4f", plan.sigma())
            + " decaying " + describe(schedule) + ", calibrated with the RDP accountant (the paper's own closed-form "
            + "estimate is approximate)"
        : "APPDL (Zhang et al. 2021) at sigma_0 " + schedule.sigma0() + " decaying " + describe(schedule)
            + "; epsilon of the planned steps by the RDP accountant";
    return new AppdlScheme(id.name(), ctx.config().clipNorm(), schedule, q, plan.claim(basis));
  }

  static String describe(NoiseSchedule s) {
    return (s.decay() == NoiseSchedule.Decay.EXP ? "exp(-" + s.rate() + " i)" : "1/(1 + " + s.rate() + " i)")
        + " every " + s.period() + " steps";
  }

  /** The schedule. */
  public NoiseSchedule schedule() {
    return schedule;
  }

  @Override
  public double noiseMultiplierAt(long step) {
    return schedule.sigmaAt(step);
  }
}
