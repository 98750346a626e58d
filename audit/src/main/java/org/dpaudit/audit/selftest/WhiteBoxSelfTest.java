package org.dpaudit.audit.selftest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.audit.LedgerTests;
import org.dpaudit.audit.bounds.ClopperPearson;
import org.dpaudit.audit.bounds.TradeoffCurve;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.audit.whitebox.WhiteBoxAuditor;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.PrivacyBudget;
import org.dpaudit.core.random.Randomness;

/**
 * The self-test of every deciding white-box method, on DP-SGD's white-box observations simulated
 * exactly ({@link WhiteBoxSimulator}): a Poisson-sampled Gaussian mechanism whose privacy the PLD
 * accountant knows to within its discretisation.
 *
 * <ul>
 *   <li><b>bound</b>: the f-DP one-run lower bound with (eps, delta) curves; coverage is the fraction
 *       of trials at or below the mechanism's epsilon, on the correct mechanism and on a broken one
 *       (noise {@code brokenNoiseFactor} of the claimed), where detection is the fraction above the
 *       claim;
 *   <li><b>curve test</b>: the test of the accountant's whole trade-off curve; coverage is the
 *       fraction of trials that do not reject the mechanism's own curve (for the broken mechanism,
 *       its true curve), detection the fraction that reject the claimed one;
 *   <li>at most {@link #MAX_TRIALS} trials per row: each simulates a whole run's observations;
 *   <li><b>checks</b>: the exact mechanism checks; coverage is the fraction of correct runs with no
 *       failed check, detection the fraction of broken runs with one.
 * </ul>
 */
final class WhiteBoxSelfTest {
  /** The simulated run: q = 0.1, 60 steps, 2000 canaries, 200 null coordinates, calibrated to epsilon 2. */
  static final double Q = 0.1;
  static final int STEPS = 60;
  static final int CANARIES = 2000;
  static final int NULLS = 200;
  static final double TARGET = 2;

  private WhiteBoxSelfTest() {}

  /** The most trials the white-box rows run (each simulates a whole training run's observations). */
  static final int MAX_TRIALS = 100;

  static List<SelfTestRow> run(SelfTestConfig config, Consumer<String> progress) {
    double delta = config.delta();
    double sigma = new NoiseCalibrator(RdpAccountant::new, NoiseCalibrator.DEFAULT_TOLERANCE)
        .noiseMultiplier(s -> NoiseCalibrator.dpSgd(Q, s, STEPS), new PrivacyBudget(TARGET, delta)).noiseMultiplier();
    WhiteBoxSimulator sim = new WhiteBoxSimulator(CANARIES, NULLS, STEPS, Q, sigma);
    WhiteBoxSimulator truthSim = new WhiteBoxSimulator(CANARIES, NULLS, STEPS, Q, sigma * config.brokenNoiseFactor());
    double eps = new PldAccountant().epsilon(sim.ledger().composedEvent(), delta).epsilon();
    double brokenEps = new PldAccountant().epsilon(truthSim.ledger().composedEvent(), delta).epsilon();
    String mech = String.format(Locale.ROOT, "dp-sgd q=%.2g T=%d sigma=%.4g", Q, STEPS, sigma);
    String brokenMech = String.format(Locale.ROOT, "dp-sgd sigma=%.4g", sigma * config.brokenNoiseFactor());
    int n = Math.min(config.trials(), MAX_TRIALS);
    Randomness randomness = Randomness.seeded(config.seed());
    WhiteBoxSimulator.Defect broken = new WhiteBoxSimulator.Defect(config.brokenNoiseFactor(), 1, 1, false, 0, false);
    TradeoffCurve trueBrokenCurve = LedgerTests.curve(truthSim.ledger(), 0);
    double[] bounds = new double[n];
    double[] brokenBounds = new double[n];
    int boundCovered = 0;
    int curveCovered = 0;
    int checksCovered = 0;
    int brokenCovered = 0;
    int brokenDetected = 0;
    int brokenCurveCovered = 0;
    int brokenCurveDetected = 0;
    for (int t = 0; t < n; t++) {
      WhiteBoxSimulator.Run ok = sim.run(WhiteBoxSimulator.Defect.NONE,
          randomness.stream("selftest/white-box/correct/" + t));
      WhiteBoxAuditor.Result r = WhiteBoxAuditor.audit(ok.data(), ok::included, sim.ledger(), delta,
          config.confidence(), 0, randomness.child("selftest/white-box/audit/" + t));
      bounds[t] = r.bound().epsilon();
      boundCovered += bounds[t] <= eps ? 1 : 0;
      curveCovered += r.ledger().rejected() ? 0 : 1;
      checksCovered += r.checks().stream().anyMatch(MechanismCheck::failed) ? 0 : 1;
      WhiteBoxSimulator.Run bad = sim.run(broken, randomness.stream("selftest/white-box/broken/" + t));
      WhiteBoxAuditor.Result b = WhiteBoxAuditor.audit(bad.data(), bad::included, sim.ledger(), delta,
          config.confidence(), 0, randomness.child("selftest/white-box/audit-broken/" + t));
      brokenBounds[t] = b.bound().epsilon();
      brokenCovered += brokenBounds[t] <= brokenEps ? 1 : 0;
      brokenDetected += b.contradictsLedger() ? 1 : 0;
      brokenCurveDetected += b.ledger().rejected() ? 1 : 0;
      brokenCurveCovered += LedgerTests.run(trueBrokenCurve, b.counts(), b.plan().levelPerRule(), 0).rejected() ? 0 : 1;
      if ((t + 1) % Math.max(1, n / 4) == 0) {
        progress.accept(String.format(Locale.ROOT, "selftest: white-box %d/%d trials", t + 1, n));
      }
    }
    int brokenBoundDetected = (int) Arrays.stream(brokenBounds).filter(x -> x > eps).count();
    List<SelfTestRow> rows = new ArrayList<>();
    rows.add(row("wb-bound", mech, delta, eps, null, n, boundCovered, bounds, null));
    rows.add(row("wb-bound", brokenMech, delta, brokenEps, eps, n, brokenCovered,
        brokenBounds, (double) brokenBoundDetected / n));
    rows.add(row("wb-curve", mech, delta, eps, null, n, curveCovered, bounds, null));
    rows.add(row("wb-curve", brokenMech, delta, brokenEps, eps, n, brokenCurveCovered,
        brokenBounds, (double) brokenCurveDetected / n));
    rows.add(row("wb-checks", mech, delta, eps, null, n, checksCovered, bounds, null));
    rows.add(row("wb-curve+chk", brokenMech, delta, brokenEps, eps, n,
        brokenCurveCovered, brokenBounds, (double) brokenDetected / n));
    return rows;
  }

  private static SelfTestRow row(String procedure, String mechanism, double delta, double truth, Double claimed, int n,
      int covered, double[] bounds, Double detection) {
    double median = median(bounds);
    return new SelfTestRow(procedure, mechanism, delta, truth, claimed, n, covered, (double) covered / n,
        ClopperPearson.lower(covered, n, 0.05), median, median / truth, detection);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
