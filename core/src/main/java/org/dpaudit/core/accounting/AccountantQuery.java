package org.dpaudit.core.accounting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.core.privacy.SamplingSchedule;

/**
 * One accountant question, as TF Privacy's {@code compute_dp_sgd_privacy} and Opacus's script ask
 * it: the epsilon that T Poisson-sampled steps of the Gaussian (or Laplace) mechanism prove at a
 * delta, or the least noise that reaches a target epsilon, answered by one or several accountants
 * with the best proven bound on top and the caveats the numbers carry. It lives here, engine-free,
 * so the command line and a library user get the same answer; {@code dpaudit accountant} only
 * parses, calls {@link #answer()} and prints.
 *
 * @param schedule q and T (given, or derived from N, B and E by the trainer's step count)
 * @param mechanism the mechanism of every step
 * @param noise the Gaussian noise multiplier, or the Laplace scale; null when solving for it
 * @param sensitivity the Laplace L1 sensitivity (1 for the Gaussian mechanism, where it is unused)
 * @param targetEpsilon the epsilon to solve the least noise for; null when the noise is given
 * @param delta in (0, 1)
 * @param accountant which accountant to run, or {@link Choice#ALL}
 * @param orders Renyi orders for RDP, or null for the default grid
 * @param pldInterval the PLD discretisation interval, or null for the default
 */
public record AccountantQuery(
    SamplingSchedule schedule,
    Mechanism mechanism,
    Double noise,
    double sensitivity,
    Double targetEpsilon,
    double delta,
    Choice accountant,
    double[] orders,
    Double pldInterval) {

  /** Tolerance on a solved noise multiplier (dp_accounting's default). */
  public static final double CALIBRATION_TOLERANCE = 1e-6;

  /** Which accountant(s) to run. */
  public enum Choice { RDP, PLD, GDP, PURE, ALL }

  /** The mechanism applied at each step. */
  public enum Mechanism { GAUSSIAN, LAPLACE }

  public AccountantQuery {
    Checks.notNull("schedule", schedule);
    Checks.notNull("mechanism", mechanism);
    Checks.notNull("accountant", accountant);
    Checks.openUnit("--delta", delta);
    Checks.check((noise == null) != (targetEpsilon == null), "give exactly one of the noise and a target epsilon");
    if (targetEpsilon != null) {
      Checks.positive("--target-epsilon", targetEpsilon);
    }
    if (noise != null) {
      if (mechanism == Mechanism.GAUSSIAN) {
        Checks.nonNegative("--noise-multiplier", noise);
      } else {
        Checks.positive("--scale", noise);
      }
    }
    Checks.positive("--sensitivity", sensitivity);
    orders = orders == null ? null : orders.clone();
  }

  /** T steps of DP-SGD at noise multiplier {@code sigma}, read by RDP (what TF Privacy and Opacus report). */
  public static AccountantQuery gaussian(SamplingSchedule schedule, double sigma, double delta) {
    return new AccountantQuery(schedule, Mechanism.GAUSSIAN, sigma, 1, null, delta, Choice.RDP, null, null);
  }

  /** The same question put to other accountants. */
  public AccountantQuery with(Choice choice) {
    return new AccountantQuery(schedule, mechanism, noise, sensitivity, targetEpsilon, delta, choice, orders,
        pldInterval);
  }

  @Override
  public double[] orders() {
    return orders == null ? null : orders.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountantQuery q && schedule.equals(q.schedule) && mechanism == q.mechanism
        && java.util.Objects.equals(noise, q.noise) && sensitivity == q.sensitivity
        && java.util.Objects.equals(targetEpsilon, q.targetEpsilon) && delta == q.delta && accountant == q.accountant
        && Arrays.equals(orders, q.orders) && java.util.Objects.equals(pldInterval, q.pldInterval);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(schedule, mechanism, noise, sensitivity, targetEpsilon, delta, accountant,
        Arrays.hashCode(orders), pldInterval);
  }

  @Override
  public String toString() {
    return "AccountantQuery[" + schedule + ", " + mechanism + ", noise=" + noise + ", target=" + targetEpsilon
        + ", delta=" + delta + ", " + accountant + "]";
  }

  /**
   * Runs the accountants. With {@link Choice#ALL}, an accountant that cannot account for the
   * mechanism (or cannot reach the target) is listed as skipped with why; with one accountant, its
   * failure is the answer (an {@link InvalidInputException}).
   */
  public AccountantAnswer answer() {
    DoubleFunction<DpEvent> eventFor = this::event;
    List<AccountantAnswer.Entry> results = new ArrayList<>();
    List<AccountantAnswer.Skipped> skipped = new ArrayList<>();
    for (Choice c : accountants()) {
      Accountant probe = factory(c).get();
      if (accountant == Choice.ALL && !probe.supports(eventFor.apply(1))) {
        skipped.add(new AccountantAnswer.Skipped(name(c), skipReason(c)));
        continue;
      }
      try {
        results.add(targetEpsilon == null ? account(c) : solve(c, eventFor));
      } catch (InvalidInputException e) {
        if (accountant != Choice.ALL) {
          throw e;
        }
        skipped.add(new AccountantAnswer.Skipped(name(c), e.getMessage())); // e.g. an unreachable target for one
      }
    }
    if (results.isEmpty()) {
      throw new InvalidInputException("no accountant could answer: " + skipped.get(0).accountant() + ": "
          + skipped.get(0).reason());
    }
    AccountantAnswer.Entry best = best(results);
    boolean laplace = mechanism == Mechanism.LAPLACE;
    AccountantAnswer.Derivation derivation = schedule.derived()
        ? new AccountantAnswer.Derivation(schedule.datasetSize(), schedule.batchSize(), schedule.epochs()) : null;
    return new AccountantAnswer(best.accountant(), best.epsilon(), delta, best.upperBound(), best.optimalOrder(),
        best.noiseMultiplier(), best.scale(), targetEpsilon == null ? null : "noiseMultiplier", targetEpsilon,
        mechanism.name().toLowerCase(Locale.ROOT), laplace ? sensitivity : null, schedule.samplingRate(),
        schedule.steps(), derivation, results, skipped, caveats());
  }

  /** The noise level per unit of sensitivity: the noise multiplier, or Laplace scale / sensitivity. */
  private double givenNoise() {
    return mechanism == Mechanism.GAUSSIAN ? noise : noise / sensitivity;
  }

  /** T steps at one noise level (for Laplace, the scale is noise x sensitivity). */
  private DpEvent event(double level) {
    DpEvent base = mechanism == Mechanism.GAUSSIAN
        ? new DpEvent.Gaussian(level)
        : new DpEvent.Laplace(level * sensitivity, sensitivity);
    DpEvent step = schedule.samplingRate() == 1 ? base : new DpEvent.PoissonSampled(schedule.samplingRate(), base);
    return new DpEvent.SelfComposed(step, schedule.steps());
  }

  private List<Choice> accountants() {
    return accountant == Choice.ALL ? List.of(Choice.RDP, Choice.PLD, Choice.GDP, Choice.PURE) : List.of(accountant);
  }

  private Supplier<Accountant> factory(Choice c) {
    return switch (c) {
      case RDP -> orders == null ? RdpAccountant::new : () -> new RdpAccountant(orders);
      case PLD -> pldInterval == null ? PldAccountant::new : () -> new PldAccountant(pldInterval);
      case GDP -> GdpCltAccountant::new;
      case PURE -> PureDpComposition::new;
      case ALL -> throw new IllegalStateException("ALL is not one accountant");
    };
  }

  private AccountantAnswer.Entry account(Choice c) {
    double level = givenNoise();
    return entry(c, factory(c).get().epsilon(event(level), delta), level);
  }

  private AccountantAnswer.Entry solve(Choice c, DoubleFunction<DpEvent> eventFor) {
    NoiseCalibrator.NoiseCalibration cal = new NoiseCalibrator(factory(c), CALIBRATION_TOLERANCE)
        .noiseMultiplier(eventFor, new PrivacyBudget(targetEpsilon, delta));
    return entry(c, cal.result(), cal.noiseMultiplier());
  }

  private AccountantAnswer.Entry entry(Choice c, EpsilonResult r, double level) {
    boolean gaussian = mechanism == Mechanism.GAUSSIAN;
    return new AccountantAnswer.Entry(name(c), r.epsilon(), r.delta(), r.upperBound(), r.optimalOrder(), level,
        gaussian ? null : level * sensitivity, r.note());
  }

  /** The top-level answer: among proven bounds, the least noise when solving, else the smallest epsilon. */
  private AccountantAnswer.Entry best(List<AccountantAnswer.Entry> results) {
    Comparator<AccountantAnswer.Entry> order = targetEpsilon == null
        ? Comparator.comparingDouble(AccountantAnswer.Entry::epsilon)
        : Comparator.comparingDouble(AccountantAnswer.Entry::noiseMultiplier);
    return results.stream().filter(AccountantAnswer.Entry::upperBound).min(order).orElse(results.get(0));
  }

  private static String skipReason(Choice c) {
    return switch (c) {
      case RDP -> "no RDP bound for the Poisson-sampled Laplace mechanism here (use pld or pure)";
      case GDP -> "the GDP estimate covers the Gaussian mechanism only";
      case PURE -> "the Gaussian mechanism has no pure-DP epsilon";
      default -> "not applicable";
    };
  }

  private List<String> caveats() {
    List<String> c = new ArrayList<>();
    double q = schedule.samplingRate();
    if (q < 1) {
      c.add("This epsilon assumes Poisson sampling: each example joins each step's batch independently with"
          + " probability q = " + num(q) + ". Shuffled fixed-size batches are not covered by this analysis.");
    } else {
      c.add("Every example is used in every step (no sampling); the epsilon assumes nothing about batching.");
    }
    c.add("Neighbouring datasets differ by adding or removing one example; epsilon is in nats.");
    return c;
  }

  private static String name(Choice c) {
    return c.name().toLowerCase(Locale.ROOT);
  }

  /** A number in at most 6 significant digits, without trailing zeros ("0.01", "1", "1e-05"). */
  public static String num(Double v) {
    if (v == null) {
      return "-";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "infinity";
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
        .replaceFirst("\\.(e|$)", "$1");
  }
}
