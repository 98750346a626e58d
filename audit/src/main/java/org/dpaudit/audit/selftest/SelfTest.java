package org.dpaudit.audit.selftest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.ClopperPearson;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.random.Randomness;

/**
 * The auditor's self-test: every bound, run many times on mechanisms whose epsilon is known
 * exactly.
 *
 * <ul>
 *   <li><b>coverage</b>: the fraction of trials whose lower bound stayed at or below the true
 *       epsilon; a valid bound at confidence c has coverage at least c (up to sampling error; our
 *       bounds are conservative by construction, so their true coverage is well above c);
 *   <li><b>tightness</b>: median lower bound / true epsilon;
 *   <li><b>detection</b>: on a broken Gaussian mechanism that adds {@code sigma/3} noise while
 *       claiming {@code sigma}, the fraction of trials whose bound exceeds the claimed epsilon.
 * </ul>
 *
 * <p>Mechanisms: the Gaussian mechanism on a scalar (audited at the configured delta),
 * randomized response (audited at delta = 0), and DP-SGD's white-box canary observations
 * ({@link WhiteBoxSelfTest}: every deciding white-box method). The Gaussian-DP and f-DP one-run procedures run only
 * on Gaussian mechanisms, the only ones whose trade-off curve satisfies their assumption. Every trial draws from
 * its own named stream of a seeded {@link Randomness}, so a report is reproducible from its seed.
 * The self-test fails ({@link SelfTestReport#passed()} false) when any observed coverage is below the
 * confidence: a strict rule, which a valid but barely conservative bound could trip by chance.
 */
public final class SelfTest {
  private SelfTest() {}

  /**
   * The standard procedures for {@code config}: CP and GDP with split and Bonferroni, and the one-run
   * bound and its f-DP refinement with guess rules (k, k) for k = 1%, 5% and 10% of the canaries.
   */
  public static List<AuditProcedure> standardProcedures(SelfTestConfig config) {
    int m = config.canaries();
    List<GuessCounts> rules = List.of(new GuessCounts(m / 100, m / 100), new GuessCounts(m / 20, m / 20),
        new GuessCounts(m / 10, m / 10));
    return List.of(
        new ScoreProcedure(BoundMethod.CLOPPER_PEARSON, ThresholdSelection.SPLIT, config.perClass()),
        new ScoreProcedure(BoundMethod.CLOPPER_PEARSON, ThresholdSelection.BONFERRONI, config.perClass()),
        new ScoreProcedure(BoundMethod.GDP, ThresholdSelection.SPLIT, config.perClass()),
        new ScoreProcedure(BoundMethod.GDP, ThresholdSelection.BONFERRONI, config.perClass()),
        new OneRunProcedure(m, rules, BoundMethod.ONE_RUN),
        new OneRunProcedure(m, rules, BoundMethod.ONE_RUN_FDP));
  }

  /**
   * Runs the standard procedures on the standard mechanisms, then every deciding white-box method
   * on simulated DP-SGD observations; {@code progress} gets a line per row and per quarter of the
   * white-box trials.
   */
  public static SelfTestReport run(SelfTestConfig config, Consumer<String> progress) {
    SelfTestReport scalar = run(config, standardProcedures(config), progress);
    List<SelfTestRow> rows = new ArrayList<>(scalar.rows());
    rows.addAll(WhiteBoxSelfTest.run(config, progress));
    return new SelfTestReport(config, rows, rows.stream().allMatch(r -> r.coverage() >= config.confidence()));
  }

  /** Runs {@code procedures} on the standard mechanisms. */
  public static SelfTestReport run(SelfTestConfig config, List<AuditProcedure> procedures, Consumer<String> progress) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(progress, "progress");
    GaussianMechanism honest = new GaussianMechanism(config.sigma());
    GaussianMechanism broken = new GaussianMechanism(config.sigma() * config.brokenNoiseFactor());
    RandomizedResponse rr = new RandomizedResponse(config.responseProbability());
    List<Case> cases = List.of(
        new Case(honest, config.delta(), null),
        new Case(rr, 0, null),
        new Case(broken, config.delta(), honest.epsilon(config.delta())));
    List<SelfTestRow> rows = new ArrayList<>();
    int total = 0;
    for (AuditProcedure p : procedures) {
      for (Case c : cases) {
        total += p.appliesTo(c.mechanism) ? 1 : 0;
      }
    }
    for (AuditProcedure p : procedures) {
      for (Case c : cases) {
        if (!p.appliesTo(c.mechanism)) {
          continue;
        }
        SelfTestRow row = evaluate(p, c.mechanism, c.delta, c.claimed, config);
        rows.add(row);
        progress.accept(String.format(Locale.ROOT, "selftest: %d/%d %s on %s: coverage %.1f%%",
            rows.size(), total, p.name(), c.mechanism.describe(), 100 * row.coverage()));
      }
    }
    boolean passed = rows.stream().allMatch(r -> r.coverage() >= config.confidence());
    return new SelfTestReport(config, rows, passed);
  }

  private record Case(KnownMechanism mechanism, double delta, Double claimed) {}

  /**
   * Runs {@code procedure} {@code config.trials()} times on {@code mechanism} at {@code delta}.
   * With {@code claimedEpsilon} non-null the mechanism is treated as broken and the row reports
   * how often the bound exceeded the claim.
   */
  public static SelfTestRow evaluate(AuditProcedure procedure, KnownMechanism mechanism, double delta,
      Double claimedEpsilon, SelfTestConfig config) {
    Randomness randomness = Randomness.seeded(config.seed());
    BoundParameters params = new BoundParameters(config.confidence(), delta);
    double truth = mechanism.epsilon(delta);
    int n = config.trials();
    double[] bounds = new double[n];
    int covered = 0;
    int detected = 0;
    for (int t = 0; t < n; t++) {
      String stream = "selftest/" + procedure.name() + "/" + mechanism.describe() + "/trial/" + t;
      double b = procedure.lowerBound(mechanism, params, randomness.stream(stream));
      bounds[t] = b;
      covered += b <= truth ? 1 : 0;
      detected += claimedEpsilon != null && b > claimedEpsilon ? 1 : 0;
    }
    double median = median(bounds);
    return new SelfTestRow(procedure.name(), mechanism.describe(), delta, truth, claimedEpsilon, n, covered,
        (double) covered / n, ClopperPearson.lower(covered, n, 0.05), median, median / truth,
        claimedEpsilon == null ? null : (double) detected / n);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
