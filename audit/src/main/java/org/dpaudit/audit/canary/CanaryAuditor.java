package org.dpaudit.audit.canary;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.audit.EvidenceBound;
import org.dpaudit.audit.bounds.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.audit.bounds.CanaryGuesses;
import org.dpaudit.audit.bounds.GuessCounts;
import org.dpaudit.core.ArtifactException;

/**
 * The one-run canary audit of a trained model (Steinke, Nasr, Jagielski 2023).
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
 * and the committed guesses counted against them. The one-run bound assumes nothing about the
 * mechanism beyond the canaries' independent inclusion with probability 1/2, which the trainer
 * draws from its own random stream; unlike a membership attack on one model, its guarantee does
 * not need the examples to be independent runs of the mechanism.
 *
 * <p>The f-DP refinement is computed only when the caller vouches that the mechanism's trade-off
 * curve is Gaussian (see {@code GaussianCurve}), and even then it never decides a verdict: it
 * falsifies Gaussian curves, which bounds (eps, delta) only if the true curve is one.
 */
public final class CanaryAuditor {
  private CanaryAuditor() {}

  /**
   * What the canary audit found.
   *
   * @param rules the guess rules committed
   * @param included how many canaries went in (read after the guesses were fixed)
   * @param oneRun the one-run bound (deciding)
   * @param fdp the f-DP refinement (informational), or null when not computed
   */
  public record Result(List<GuessCounts> rules, int included, EvidenceBound oneRun, EvidenceBound fdp) {
    public Result {
      rules = List.copyOf(rules);
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
   */
  public static Result audit(CanaryScores scores, InclusionSource inclusion, BoundParameters params,
      RandomGenerator tieBreak, boolean gaussianCurve) {
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
    EvidenceBound oneRun = new EvidenceBound(SOURCE, true,
        guesses.maxAchievable(params, BoundMethod.ONE_RUN).epsilon(),
        guesses.bound(included, params, BoundMethod.ONE_RUN), null);
    EvidenceBound fdp = null;
    if (gaussianCurve && params.delta() > 0) {
      fdp = new EvidenceBound(SOURCE, false, guesses.maxAchievable(params, BoundMethod.ONE_RUN_FDP).epsilon(),
          guesses.bound(included, params, BoundMethod.ONE_RUN_FDP),
          "the f-DP refinement falsifies Gaussian trade-off curves; an (eps, delta) bound only because this "
              + "mechanism's curve is Gaussian; shown for information, never used for the verdict");
    }
    return new Result(rules, in, oneRun, fdp);
  }
}
