package org.dpaudit.trainers.checkpoint;

import java.util.List;
import java.util.function.LongFunction;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.trainers.loop.TrainingPlan;

/**
 * What {@code --resume} checks before it continues a checkpoint: that the checkpoint belongs to this
 * run (its {@link RunFingerprint}), and that it agrees with itself (its step counter, ledger, sigma
 * and q).
 *
 * <p>Why the second part: {@code state.json} is a text file. With its step counter edited from 165
 * to 5, a resume used to train 210 more steps on top of the 165-step model and record 215 steps and
 * an epsilon of 2.0008 for a model bit-identical to the 375-step run (true epsilon 2.3138). The
 * ledger a configuration produces is a function of the step count alone ({@code scheme.stepEvent}),
 * so the checkpoint's ledger must be exactly that function's replay up to its step counter, or the
 * checkpoint is refused.
 */
public final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * Refuses {@code state} unless its fingerprint equals {@code now}; a {@link RunFingerprint#partial}
   * {@code now} is compared with the checkpoint's partial fingerprint (every part but the ledger's
   * shape and the bits, which need the model and scheme, and the bits restored).
   */
  public static void sameRun(CheckpointState state, RunFingerprint now) {
    if (state.fingerprint() == null) {
      throw refused("the checkpoint was written by an older dpaudit that did not record everything the run "
          + "depends on (randomness, canaries), so it cannot be resumed safely; use --force to train again");
    }
    RunFingerprint was = now.isPartial() ? state.fingerprint().partial() : state.fingerprint();
    List<String> diffs = was.differences(now);
    if (!diffs.isEmpty()) {
      throw refused("the checkpoint belongs to a different configuration (" + String.join("; ", limit(diffs))
          + "); resume with exactly the options of the original run, or use --force to start again");
    }
    List<InclusionBits> bits = state.inclusion() == null ? List.of() : state.inclusion();
    List<RunFingerprint.CanaryFamily> recorded = bits.stream().map(RunFingerprint.CanaryFamily::of).toList();
    if (!recorded.equals(state.fingerprint().canaries())) {
      throw corrupt("its canary inclusion bits do not match the fingerprint it was written with");
    }
  }

  /** Refuses a checkpoint whose step counter, ledger and plan disagree. */
  public static void consistent(CheckpointState state, TrainingPlan plan) {
    long next = state.nextStep();
    if (next < 0 || next > plan.totalSteps()) {
      throw corrupt("its step counter is " + next + ", outside this run's 0.." + plan.totalSteps() + " steps");
    }
    if (state.ledger().steps() != next) {
      throw corrupt("its step counter says " + next + " steps were taken but its ledger records "
          + state.ledger().steps());
    }
    if (state.optimizerUpdates() < 0 || state.optimizerUpdates() > next) {
      throw corrupt("it records " + state.optimizerUpdates() + " optimizer updates in " + next + " steps");
    }
  }

  /**
   * Refuses a checkpoint whose ledger is not the one this run's scheme produces for its steps (another
   * sigma, q or mechanism than the configuration's).
   */
  public static void ledgerMatches(CheckpointState state, LongFunction<PrivacyLedger> ledgerAfter) {
    PrivacyLedger expected = ledgerAfter.apply(state.nextStep());
    if (!expected.entries().equals(state.ledger().entries())) {
      throw corrupt("its ledger is not the one this configuration produces for " + state.nextStep()
          + " steps (another noise multiplier, sampling rate or mechanism)");
    }
  }

  private static List<String> limit(List<String> diffs) {
    return diffs.size() <= 4 ? diffs : List.of(String.join("; ", diffs.subList(0, 4)), "and " + (diffs.size() - 4)
        + " more");
  }

  private static InvalidInputException corrupt(String why) {
    return refused("checkpoint/" + CheckpointStore.STATE + " is inconsistent: " + why + "; it was edited or is "
        + "corrupt, so the run cannot be resumed (use --force to train again)");
  }

  private static InvalidInputException refused(String why) {
    return new InvalidInputException("--resume refused: " + why);
  }
}
