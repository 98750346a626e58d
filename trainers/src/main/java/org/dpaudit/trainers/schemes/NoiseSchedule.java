package org.dpaudit.trainers.schemes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;

/**
 * A decaying Gaussian noise multiplier for APPDL: {@code sigma_t = sigma_0 d(floor(t / period))}.
 *
 * <pre>
 *   exp:   d(i) = exp(-k i)          (exponential decay)
 *   time:  d(i) = 1 / (1 + k i)      (inverse-time decay)
 * </pre>
 * The two decay laws of decaying-noise DP training (Yu et al., IEEE S&amp;P 2019, whom seed 000 cites
 * as [32]; MindArmour's adaptive decay noise). The decay is applied every {@code period} steps, so
 * the ledger holds one run-length entry per period and the accountants stay fast; period 1 decays
 * at every step.
 *
 * @param decay the decay law
 * @param sigma0 the first period's noise multiplier (positive)
 * @param rate k (at least 0; 0 is DP-SGD)
 * @param period steps between decays (at least 1)
 */
public record NoiseSchedule(Decay decay, double sigma0, double rate, long period) {
  /** The decay laws. */
  public enum Decay {
    EXP,
    TIME;

    /** The decay named {@code exp} or {@code time}. */
    public static Decay parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("decay must be exp or time; got '" + name + "'");
      }
    }

    double factor(double k, long i) {
      return this == EXP ? Math.exp(-k * i) : 1 / (1 + k * i);
    }
  }

  public NoiseSchedule {
    Checks.notNull("decay", decay);
    Checks.positive("sigma_0", sigma0);
    Checks.nonNegative("decay rate", rate);
    Checks.positive("decay period", period);
  }

  /** The same schedule from another starting multiplier. */
  public NoiseSchedule withSigma0(double s) {
    return new NoiseSchedule(decay, s, rate, period);
  }

  /** sigma_t, the noise multiplier of step {@code step}. */
  public double sigmaAt(long step) {
    return sigma0 * decay.factor(rate, step / period);
  }

  /**
   * The planned run as one event: {@code steps} Poisson-sampled Gaussian steps at this schedule's
   * multipliers, one self-composed entry per period (what the ledger will hold).
   */
  public DpEvent plannedEvent(double samplingRate, long steps) {
    List<DpEvent> parts = new ArrayList<>();
    for (long start = 0; start < steps; start += period) {
      long count = Math.min(period, steps - start);
      DpEvent step = new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(sigmaAt(start)));
      parts.add(count == 1 ? step : new DpEvent.SelfComposed(step, count));
    }
    return parts.size() == 1 ? parts.get(0) : new DpEvent.Composed(parts);
  }
}
