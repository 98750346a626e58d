package org.dpaudit.audit.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.core.artifact.audit.EvidenceBound;
import org.dpaudit.core.artifact.audit.LedgerTest;
import org.dpaudit.audit.LedgerTests;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.CanaryGuesses;
import org.dpaudit.core.artifact.audit.GuessCounts;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.audit.bounds.TradeoffCurve;
import org.dpaudit.core.ArtifactException;

/**
 * The one-run canary audit of a trained model (Steinke, Nasr, Jagielski 2023), black box: the
 * canaries are examples, judged on the final model.
 *
 * <pre>
 * Steinke, T., Nasr, M. and Jagielski, M. (2023). Privacy auditing with one (1) training run.
 *   NeurIPS 2023; arXiv:2305.08846.
 * Mahloujifar, S., Melis, L. and Chaudhuri, K. (2024). Auditing f-differential privacy in one run.
 *   arXiv:2410.22235.
 * </pre>
 *
 * <p>The order of the steps is the guarantee: (1) the canaries' scores come from the model alone
 * ({@link CanaryScores}); (2) the guesses of every rule in {@link GuessCounts#grid} are committed
 * from the scores ({@link CanaryGuesses#commit}); (3) only then are the inclusion bits read, once,
 * and the committed guesses counted against them. The bounds assume nothing about the mechanism
 * beyond the canaries' independent inclusion with probability 1/2, which the trainer draws from its
 * own random stream; unlike a membership attack on one model, their guarantee does not need the
 * examples to be independent runs of the mechanism.
 *
 * <p>The deciding bound is the f-DP one-run test of (eps, delta) curves (valid for every
 * mechanism); the same committed guesses test the accountant's whole trade-off curve ({@link
 * LedgerTest}), whose rejection region contains the bound's. Steinke et al.'s own p-value and the
 * f-DP refinement with Gaussian curves (when {@code GaussianCurve} holds) are kept for information.
 */
public final class CanaryAuditor {
  private CanaryAuditor() {}

  /**
   * What the canary audit found.
   *
   * @param rules the guess rules committed
   * @param included how many canaries went in (read after the guesses were fixed)
   * @param bound the deciding bound (f-DP one-run test of (eps, delta) curves)
   * @param oneRun Steinke et al.'s bound on the same guesses (information)
   * @param fdp the f-DP refinement with Gaussian curves (information), or null when not computed
   * @param ledger the test of the accountant's curve, or null when there is none to test
   */
  public record Result(List<GuessCounts> rules, int included, EvidenceBound bound, EvidenceBound oneRun,
      EvidenceBound fdp, LedgerTest ledger) {
    public Result {
      rules = List.copyOf(rules);
      Objects.requireNonNull(bound, "bound");
      Objects.requireNonNull(oneRun, "oneRun");
    }
  }

  /** The source name of canary bounds in {@code audit.json}. */
  public static final String SOURCE = "canaries";

  /**
   * Commits the guesses, then reads the inclusion bits and bounds.
   *
   * @param scores the canaries' scores, computed without the inclusion bits
   * @param inclusion read once, after the guesses are committed
   * @param params confidence (for this bound alone) and delta
   * @param tieBreak randomness for ties in the scores
   * @param gaussianCurve whether the mechanism's trade-off curve is known to be Gaussian, so that
   *     the f-DP refinement may be computed (as information)
   * @param ledgerCurve the accountant's trade-off curve to test, or null for none
   * @param extraDelta the delta the noise sampler adds to the ledger's curve (for the record)
   */
  public static Result audit(CanaryScores scores, InclusionSource inclusion, BoundParameters params,
      RandomGenerator tieBreak, boolean gaussianCurve, TradeoffCurve ledgerCurve, double extraDelta) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(inclusion, "inclusion");
    Objects.requireNonNull(params, "params");
    List<GuessCounts> rules = GuessCounts.grid(scores.size());
    CanaryGuesses guesses = CanaryGuesses.commit(scores.values(), rules, tieBreak);
    boolean[] included = inclusion.read();
    if (included.length != scores.size()) {
      throw new ArtifactException("the run has " + included.length + " canary inclusion bits for " + scores.size()
          + " canaries");
    }
    int in = 0;
    for (boolean b : included) {
      in += b ? 1 : 0;
    }
    EvidenceBound bound = new EvidenceBound(SOURCE, true,
        guesses.maxAchievable(params, BoundMethod.ONE_RUN_FDP_EPS_DELTA).epsilon(),
        guesses.bound(included, params, BoundMethod.ONE_RUN_FDP_EPS_DELTA), null);
    EvidenceBound oneRun = new EvidenceBound(SOURCE, false,
        guesses.maxAchievable(params, BoundMethod.ONE_RUN).epsilon(),
        guesses.bound(included, params, BoundMethod.ONE_RUN), "Steinke et al.'s p-value on the same guesses, for "
            + "comparison; the deciding bound is the f-DP test of (eps, delta) curves");
    EvidenceBound fdp = null;
    if (gaussianCurve && params.delta() > 0) {
      fdp = new EvidenceBound(SOURCE, false, guesses.maxAchievable(params, BoundMethod.ONE_RUN_FDP).epsilon(),
          guesses.bound(included, params, BoundMethod.ONE_RUN_FDP),
          "the f-DP refinement falsifies Gaussian trade-off curves; an (eps, delta) bound only because this "
              + "mechanism's curve is Gaussian; shown for information, never used for the verdict");
    }
    LedgerTest ledger = null;
    if (ledgerCurve != null) {
      List<OneRunCounts> counts = new ArrayList<>();
      for (GuessCounts g : rules) {
        counts.add(guesses.counts(included, g));
      }
      ledger = LedgerTests.run(ledgerCurve, counts, params.errorRate() / rules.size(), extraDelta);
    }
    return new Result(rules, in, bound, oneRun, fdp, ledger);
  }
}
