package org.dpaudit.audit.whitebox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.audit.LedgerTests;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.CanaryGuesses;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.audit.bounds.FdpOneRun;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.audit.bounds.TradeoffCurve;
import org.dpaudit.audit.canary.InclusionSource;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.UnsupportedEventException;
import org.dpaudit.core.accounting.LossDistribution;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.trainers.canary.WhiteBoxObservations;

/**
 * The white-box canary audit of a run: the adversary DP-SGD's accounting is proved against, who
 * sees every released update, scores each canary from what the updates showed at its coordinate,
 * and the one-run framework turns the guesses into evidence.
 *
 * <p>The order is the guarantee, as in {@code CanaryAuditor}: (1) the scores come from the
 * observations alone (the log-likelihood ratio of every step under the ledger's own model, or the
 * plain sums); (2) the guess rule is planned from public information ({@link GuessPlan}) and the
 * guesses committed; (3) only then are the inclusion bits read, once. From the committed guesses:
 *
 * <ul>
 *   <li>a lower bound on epsilon valid for every mechanism (the f-DP one-run test with (eps,
 *       delta) curves): it decides {@code claim-violated} against the claimed epsilon;
 *   <li>the ledger test ({@link LedgerTest}): the accountant's whole trade-off curve for the
 *       run's ledger, rejected or not; a rejection decides {@code accountant-violated};
 *   <li>the mechanism checks ({@link MechanismChecks}), exact tests of the noise and the canaries'
 *       signal against the ledger; a failure also decides {@code accountant-violated}.
 * </ul>
 *
 * The error budget {@code 1 - confidence} is shared: the bound and the ledger test use 4/5 of it
 * (the ledger test's rejection region contains the bound's, so the two never disagree), the checks
 * 1/5 (Bonferroni among them); when no check applies the bound takes all of it.
 */
public final class WhiteBoxAuditor {
  /** The source name of white-box bounds in {@code audit.json}. */
  public static final String SOURCE = "canaries:white-box";
  /** The threat model, in one sentence, for reports and terminals. */
  public static final String THREAT_MODEL = "White-box canaries audit the threat model DP-SGD's accounting is proved "
      + "against: an adversary who sees every released noisy update and knows every other record, and here asks "
      + "only whether each of its synthetic canary gradients was in the training set.";
  /** The share of the error budget the checks get when they apply. */
  static final double CHECKS_SHARE = 0.2;

  /** One accountant for planning: it keeps its last build, and audits of one ledger ask for the same one. */
  private static final PldAccountant PLANNER = new PldAccountant();

  private WhiteBoxAuditor() {}

  /**
   * What the audit found.
   *
   * @param canaries m
   * @param included how many canaries were in (read after the guesses were committed)
   * @param score the statistic the guesses were ranked by
   * @param plan how the guess rules were chosen
   * @param counts each rule's outcome, in plan order
   * @param bound the assumption-free lower bound (deciding)
   * @param ledger the test of the accountant's curve, or null when the ledger proves nothing to test
   * @param checks the mechanism checks (empty when they do not apply)
   * @param checksLevel the checks' family level (0 when none ran)
   */
  public record Result(int canaries, int included, String score, GuessPlan plan, List<OneRunCounts> counts,
      EvidenceBound bound, LedgerTest ledger, List<MechanismCheck> checks, double checksLevel) {
    public Result {
      counts = List.copyOf(counts);
      checks = List.copyOf(checks);
      Objects.requireNonNull(bound, "bound");
    }

    /** Whether the evidence contradicts the accountant: the ledger test rejected or a check failed. */
    public boolean contradictsLedger() {
      return (ledger != null && ledger.rejected()) || checks.stream().anyMatch(MechanismCheck::failed);
    }
  }

  /**
   * Audits the white-box canaries of a run.
   *
   * @param data the observations (checked against their recorded checksums)
   * @param inclusion read once, after the guesses are committed
   * @param ledger the run's ledger (the claim the observations are tested against)
   * @param delta the delta the bound is stated at
   * @param confidence the confidence of the whole audit's deciding evidence
   * @param extraDelta delta the noise sampler's bounded support adds to the ledger's profile
   */
  public static Result audit(WhiteBoxFiles.Data data, InclusionSource inclusion, PrivacyLedger ledger, double delta,
      double confidence, double extraDelta, Randomness randomness) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(inclusion, "inclusion");
    Objects.requireNonNull(ledger, "ledger");
    Checks.openUnit("confidence", confidence);
    WhiteBoxObservations obs = data.observations();
    int m = obs.canaries();
    double beta = 1 - confidence;
    boolean checksApply = MechanismChecks.applicable(obs);
    double boundLevel = checksApply ? beta * (1 - CHECKS_SHARE) : beta;
    double checksLevel = checksApply ? beta * CHECKS_SHARE : 0;

    // (1) scores from the observations alone
    boolean likelihood = data.logLikelihood() != null;
    double[] scores = likelihood ? data.logLikelihood() : data.sums();
    String score = likelihood ? "log-likelihood ratio of every step under the ledger's " + obs.model() + " model"
        : "sum of the released values over the steps";
    // (2) the rule planned from public information, the guesses committed
    TradeoffCurve ledgerCurve = LedgerTests.curve(ledger, extraDelta);
    GuessPlan plan = likelihood ? plannedOrGrid(ledger, m, delta, boundLevel) : GuessPlan.grid(m, boundLevel);
    CanaryGuesses guesses = CanaryGuesses.commit(scores, plan.rules(), randomness.stream("audit/white-box/ties"));
    // (3) only now the bits
    boolean[] included = inclusion.read();
    if (included.length != m) {
      throw new ArtifactException("the run has " + included.length + " canary inclusion bits for " + m + " canaries");
    }
    int in = 0;
    for (boolean b : included) {
      in += b ? 1 : 0;
    }
    List<OneRunCounts> counts = new ArrayList<>();
    double best = 0;
    OneRunCounts bestCounts = null;
    GuessCounts bestRule = null;
    double maxAchievable = 0;
    for (GuessCounts rule : plan.rules()) {
      int v = 0;
      for (int c : guesses.guessedIn(rule)) {
        v += included[c] ? 1 : 0;
      }
      OneRunCounts oc = new OneRunCounts(m, rule.total(), v);
      counts.add(oc);
      double eps = FdpOneRun.epsilonDelta(oc, delta, plan.levelPerRule());
      maxAchievable = Math.max(maxAchievable,
          FdpOneRun.epsilonDelta(new OneRunCounts(m, rule.total(), rule.total()), delta, plan.levelPerRule()));
      if (bestCounts == null || eps > best) {
        best = eps;
        bestCounts = oc;
        bestRule = rule;
      }
    }
    ThresholdSelection selection = plan.rules().size() == 1 ? ThresholdSelection.FIXED : ThresholdSelection.BONFERRONI;
    EpsilonLowerBound lb = new EpsilonLowerBound(best, 1 - boundLevel, delta, BoundMethod.ONE_RUN_FDP_EPS_DELTA,
        selection, plan.rules().size(), plan.levelPerRule(), null, null, null, null, null, bestCounts, bestRule,
        String.format(Locale.ROOT, "%d correct of %d \"in\" guesses on %d white-box canaries; the f-DP one-run test "
            + "of (eps, delta) curves (valid for every mechanism) at level %.3g per rule; %s", bestCounts.correct(),
            bestCounts.guesses(), m, plan.levelPerRule(), plan.how()));
    EvidenceBound bound = new EvidenceBound(SOURCE, true, maxAchievable, lb, null);
    LedgerTest ledgerTest = ledgerCurve == null ? null
        : LedgerTests.run(ledgerCurve, counts, plan.levelPerRule(), extraDelta);
    List<MechanismCheck> checks = checksApply
        ? MechanismChecks.run(data, included, ledger, checksLevel, randomness.stream("audit/white-box/checks"))
        : List.of();
    return new Result(m, in, score, plan, counts, bound, ledgerTest, checks, checksLevel);
  }

  /** The planned single rule when the PLD accountant can describe the ledger's losses, else the grid. */
  private static GuessPlan plannedOrGrid(PrivacyLedger ledger, int m, double delta, double level) {
    PldAccountant pld = PLANNER;
    try {
      if (pld.supports(ledger.composedEvent())) {
        LossDistribution loss = pld.lossDistribution(ledger.composedEvent());
        if (loss.infinityMass() < 1) {
          return GuessPlan.planned(loss, m, delta, level);
        }
      }
    } catch (InvalidInputException | UnsupportedEventException tooLarge) {
      // fall through to the grid
    }
    return GuessPlan.grid(m, level);
  }
}
