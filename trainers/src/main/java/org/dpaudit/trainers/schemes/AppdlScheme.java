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
  private final NoiseSchedule schedule;

  public AppdlScheme(String name, double clipNorm, NoiseSchedule schedule, double samplingRate, PrivacyClaim claim) {
    super(name, clipNorm, schedule.sigma0(), samplingRate, claim);
    this.schedule = schedule;
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
