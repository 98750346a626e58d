package org.dpaudit.core.accounting;

import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;

/**
 * The least noise (or the most steps) that stays within a privacy budget, for any accountant and
 * any mechanism, as dp_accounting's {@code calibrate_dp_mechanism}.
 *
 * <p>The caller gives a fresh accountant per evaluation ({@code Supplier<Accountant>}) and the event
 * a noise multiplier produces ({@code DoubleFunction<DpEvent>}, e.g. {@link #dpSgd}). Epsilon
 * decreases as noise grows, so the search brackets the target and bisects. Contract:
 * <ul>
 *   <li>the returned noise multiplier's epsilon, as computed by the accountant, is at most the
 *       target (the bisection keeps the upper end, which always satisfies it);
 *   <li>it is within {@code tolerance} (absolute, on the noise multiplier) of the smallest such
 *       value in the bracket, if epsilon is monotone in the noise;
 *   <li>when even the bracket's upper end misses the target, an {@link InvalidInputException} says
 *       so and names the noise multiplier tried.
 * </ul>
 * Without an explicit bracket, the search starts at [0, 1] and doubles the upper end up to {@value
 * #MAX_NOISE_MULTIPLIER}.
 */
public final class NoiseCalibrator {
  /** Default tolerance on the noise multiplier (dp_accounting's default). */
  public static final double DEFAULT_TOLERANCE = 1e-6;
  /** The largest noise multiplier the expanding search tries before giving up. */
  public static final double MAX_NOISE_MULTIPLIER = 1 << 20;

  private final Supplier<Accountant> accountants;
  private final double tolerance;

  /** Calibrates with fresh accountants from {@code accountants}, to {@link #DEFAULT_TOLERANCE}. */
  public NoiseCalibrator(Supplier<Accountant> accountants) {
    this(accountants, DEFAULT_TOLERANCE);
  }

  /** Calibrates to {@code tolerance} (positive, absolute, on the noise multiplier). */
  public NoiseCalibrator(Supplier<Accountant> accountants, double tolerance) {
    this.accountants = Objects.requireNonNull(accountants, "accountants");
    this.tolerance = Checks.positive("tolerance", tolerance);
  }

  /** An explicit search interval for the noise multiplier: {@code 0 <= lower < upper}, both finite. */
  public record Bracket(double lower, double upper) {
    public Bracket {
      Checks.nonNegative("bracket lower end", lower);
      Checks.positive("bracket upper end", upper);
      Checks.check(lower < upper, "bracket lower end must be below its upper end; got [" + lower + ", " + upper + "]");
    }
  }

  /** A calibrated noise multiplier, the accountant's answer for it, and how many evaluations it took. */
  public record NoiseCalibration(double noiseMultiplier, EpsilonResult result, int evaluations) {}

  /** The largest step count within budget and the accountant's answer for it. */
  public record StepsCalibration(long steps, EpsilonResult result) {}

  /** T steps of DP-SGD: each a Poisson sample at {@code samplingRate} with Gaussian noise; rate 1 means no sampling. */
  public static DpEvent dpSgd(double samplingRate, double noiseMultiplier, long steps) {
    Checks.samplingRate("sampling rate", samplingRate);
    DpEvent step = samplingRate == 1
        ? new DpEvent.Gaussian(noiseMultiplier)
        : new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(noiseMultiplier));
    return new DpEvent.SelfComposed(step, Checks.positive("steps", steps));
  }

  /** The least noise multiplier meeting {@code target}, searching upward from [0, 1]. */
  public NoiseCalibration noiseMultiplier(DoubleFunction<DpEvent> eventForNoise, PrivacyBudget target) {
    Search s = new Search(eventForNoise, target);
    double lower = 0;
    double upper = 1;
    EpsilonResult atUpper = s.evaluate(upper);
    while (atUpper.epsilon() > target.epsilon()) {
      if (upper >= MAX_NOISE_MULTIPLIER) {
        throw s.unreachable(upper, atUpper);
      }
      lower = upper;
      upper *= 2;
      atUpper = s.evaluate(upper);
    }
    return s.bisect(lower, upper, atUpper);
  }

  /** The least noise multiplier in {@code bracket} meeting {@code target}. */
  public NoiseCalibration noiseMultiplier(DoubleFunction<DpEvent> eventForNoise, PrivacyBudget target, Bracket bracket) {
    Search s = new Search(eventForNoise, target);
    EpsilonResult atUpper = s.evaluate(bracket.upper());
    if (atUpper.epsilon() > target.epsilon()) {
      throw s.unreachable(bracket.upper(), atUpper);
    }
    if (bracket.lower() > 0) {
      EpsilonResult atLower = s.evaluate(bracket.lower());
      if (atLower.epsilon() <= target.epsilon()) {
        return new NoiseCalibration(bracket.lower(), atLower, s.evaluations);
      }
    }
    return s.bisect(bracket.lower(), bracket.upper(), atUpper);
  }

  /**
   * The largest number of steps, at most {@code maxSteps}, whose event stays within {@code target};
   * epsilon grows with the steps, so this doubles then bisects over integers.
   */
  public StepsCalibration maxSteps(LongFunction<DpEvent> eventForSteps, PrivacyBudget target, long maxSteps) {
    Objects.requireNonNull(eventForSteps, "eventForSteps");
    checkTarget(target);
    Checks.positive("maxSteps", maxSteps);
    EpsilonResult one = epsilonOf(eventForSteps.apply(1), target);
    if (one.epsilon() > target.epsilon()) {
      throw new InvalidInputException(String.format(
          "even one step exceeds the target: epsilon %.6g > %s at delta %s", one.epsilon(), target.epsilon(), target.delta()));
    }
    if (maxSteps == 1) {
      return new StepsCalibration(1, one);
    }
    long ok = 1;
    EpsilonResult atOk = one;
    long bad = -1;
    for (long t = 2; bad < 0; t = t > maxSteps / 2 ? maxSteps : 2 * t) {
      EpsilonResult r = epsilonOf(eventForSteps.apply(t), target);
      if (r.epsilon() > target.epsilon()) {
        bad = t;
      } else {
        ok = t;
        atOk = r;
        if (t == maxSteps) {
          return new StepsCalibration(ok, atOk);
        }
      }
    }
    while (bad - ok > 1) {
      long mid = ok + (bad - ok) / 2;
      EpsilonResult r = epsilonOf(eventForSteps.apply(mid), target);
      if (r.epsilon() > target.epsilon()) {
        bad = mid;
      } else {
        ok = mid;
        atOk = r;
      }
    }
    return new StepsCalibration(ok, atOk);
  }

  private EpsilonResult epsilonOf(DpEvent event, PrivacyBudget target) {
    return accountants.get().epsilon(event, target.delta());
  }

  private static void checkTarget(PrivacyBudget target) {
    Objects.requireNonNull(target, "target");
    Checks.positive("target epsilon", target.epsilon());
    Checks.openUnit("target delta", target.delta());
  }

  /** One noise search: counts evaluations and phrases failures. */
  private final class Search {
    private final DoubleFunction<DpEvent> eventForNoise;
    private final PrivacyBudget target;
    private int evaluations;

    Search(DoubleFunction<DpEvent> eventForNoise, PrivacyBudget target) {
      this.eventForNoise = Objects.requireNonNull(eventForNoise, "eventForNoise");
      checkTarget(target);
      this.target = target;
    }

    EpsilonResult evaluate(double noise) {
      evaluations++;
      return epsilonOf(eventForNoise.apply(noise), target);
    }

    /** Invariant: epsilon(lower) > target (or lower = 0: no noise), epsilon(upper) <= target. */
    NoiseCalibration bisect(double lower, double upper, EpsilonResult atUpper) {
      double lo = lower;
      double hi = upper;
      EpsilonResult best = atUpper;
      while (hi - lo > tolerance) {
        double mid = lo + (hi - lo) / 2;
        EpsilonResult r = evaluate(mid);
        if (r.epsilon() <= target.epsilon()) {
          hi = mid;
          best = r;
        } else {
          lo = mid;
        }
      }
      return new NoiseCalibration(hi, best, evaluations);
    }

    InvalidInputException unreachable(double noise, EpsilonResult at) {
      return new InvalidInputException(String.format(
          "no noise multiplier up to %s reaches epsilon <= %s at delta %s (%s gives epsilon %.6g at noise multiplier %s)",
          noise, target.epsilon(), target.delta(), at.accountant(), at.epsilon(), noise));
    }
  }
}
