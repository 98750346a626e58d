package org.dpaudit.trainers.schemes;

import java.util.Locale;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.privacy.SamplingSchedule;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.TrainingConfig;

/**
 * Train-until-budget ({@code train --noise-multiplier S --until-epsilon E}): at a fixed sigma, the
 * run takes the most steps T whose epsilon under the accountant of the scheme's claim ({@link
 * NoisePlan#gaussian} at a given sigma: RDP of T Poisson-sampled Gaussian steps at the run's q) is
 * at most E; one more step would exceed it. That epsilon depends only on (q, sigma, T, delta),
 * none of which the data change, so T is solved before the first step and fixed in the run's
 * configuration ({@link OptimConfig#steps}): a resume, {@code dpaudit diff} and the run's
 * fingerprint all see the mode (the target) and the steps. The run then claims the exact epsilon
 * of its T steps, which is at most E (never the target itself, which no step count need reach).
 * This is how a figure of accuracy against sigma at one fixed epsilon is made (seed 003's Figure 4).
 */
public final class BudgetSteps {
  /** A budget that allows more steps than this is refused: the run would not end. */
  public static final long MAX_STEPS = 10_000_000L;

  private BudgetSteps() {}

  /**
   * The most steps T of multiplier {@code sigma} at rate {@code q} with RDP epsilon at most {@code
   * epsilon} at {@code delta}. The epsilon grows with T (each order's RDP is linear in T), so a
   * bisection finds the last T inside the budget.
   *
   * @throws InvalidInputException when even one step exceeds the budget, or the budget allows
   *     more than {@link #MAX_STEPS}
   */
  public static long maxSteps(RunAccounting accounting, double q, double sigma, double epsilon, double delta) {
    if (!(sigma > 0)) {
      throw new InvalidInputException("training until an epsilon needs a noise multiplier above 0; got " + sigma);
    }
    if (spent(accounting, q, sigma, 1, delta) > epsilon) {
      throw new InvalidInputException(String.format(Locale.ROOT, "one step at noise multiplier %.4g (q = %.4g) "
          + "already spends epsilon %.4g at delta %.3g, more than the budget %.4g: raise the noise multiplier or the "
          + "budget", sigma, q, spent(accounting, q, sigma, 1, delta), delta, epsilon));
    }
    long inside = 1;
    long outside = 2;
    while (spent(accounting, q, sigma, outside, delta) <= epsilon) {
      inside = outside;
      if (outside > MAX_STEPS) {
        throw new InvalidInputException(String.format(Locale.ROOT, "epsilon %.4g at noise multiplier %.4g (q = %.4g) "
            + "allows more than %,d steps: lower the noise multiplier or the budget", epsilon, sigma, q, MAX_STEPS));
      }
      outside *= 2;
    }
    while (outside - inside > 1) {
      long mid = inside + (outside - inside) / 2;
      if (spent(accounting, q, sigma, mid, delta) <= epsilon) {
        inside = mid;
      } else {
        outside = mid;
      }
    }
    return inside;
  }

  /** The claim's epsilon after {@code steps} steps. */
  public static double spent(RunAccounting accounting, double q, double sigma, long steps, double delta) {
    return accounting.rdp(NoisePlan.poissonGaussian(q, sigma, steps), delta).epsilon();
  }

  /**
   * {@code cfg} with its steps fixed by its budget (unchanged when it has none): T steps in the
   * epochs they start. q and the steps per epoch are the sampler's, from the public size.
   *
   * @param publicSize the number of examples q is computed from (as the sampler does)
   */
  public static TrainingConfig resolve(TrainingConfig cfg, int publicSize, RunAccounting accounting) {
    PrivacyConfig p = cfg.privacy();
    if (p.untilEpsilon() == null) {
      return cfg;
    }
    Schemes.Entry entry = Schemes.entry(p.scheme());
    if (entry.claim() != Schemes.ClaimBasis.POISSON_GAUSSIAN) {
      throw new InvalidInputException("scheme " + p.scheme() + " cannot train until an epsilon: its claim is not one "
          + "noise multiplier's Poisson-sampled Gaussian steps; give --epochs");
    }
    OptimConfig o = cfg.optim();
    double q = Math.min(1.0, (double) o.batchSize() / publicSize);
    long perEpoch = SamplingSchedule.stepsPerEpoch(publicSize, o.batchSize());
    long steps = maxSteps(accounting, q, p.noiseMultiplier(), p.untilEpsilon(), p.delta());
    if (o.steps() != null && o.steps() != steps) {
      throw new InvalidInputException("the configuration fixes " + o.steps() + " steps, but epsilon " + p.untilEpsilon()
          + " at this noise multiplier allows " + steps);
    }
    long epochs = (steps + perEpoch - 1) / perEpoch;
    if (epochs > Integer.MAX_VALUE) {
      throw new InvalidInputException("epsilon " + p.untilEpsilon() + " allows " + epochs + " epochs; too many");
    }
    return new TrainingConfig(cfg.model(), cfg.data(), new OptimConfig((int) epochs, o.batchSize(), o.optimizer(),
        o.learningRate(), o.momentum(), o.lrSchedule(), steps, o.emaDecay()), p, cfg.convGrad(), cfg.checkpointEvery());
  }

  /**
   * Whether {@code recorded} (a finished run's configuration) is what {@code requested} asks for:
   * equal, or the same request with its budget's steps resolved.
   */
  public static boolean sameRequest(TrainingConfig requested, TrainingConfig recorded) {
    if (requested.equals(recorded)) {
      return true;
    }
    if (recorded == null || requested.privacy().untilEpsilon() == null || requested.optim().steps() != null) {
      return false;
    }
    OptimConfig r = recorded.optim();
    OptimConfig unresolved = new OptimConfig(requested.optim().epochs(), r.batchSize(), r.optimizer(),
        r.learningRate(), r.momentum(), r.lrSchedule(), null, r.emaDecay());
    return requested.equals(new TrainingConfig(recorded.model(), recorded.data(), unresolved, recorded.privacy(),
        recorded.convGrad(), recorded.checkpointEvery()));
  }
}
