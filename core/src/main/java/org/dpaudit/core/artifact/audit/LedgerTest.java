package org.dpaudit.core.artifact.audit;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * The test of an accountant's whole proof against canary guesses: is the run's mechanism really
 * f-DP for the trade-off curve the PLD accountant proves for its ledger? The f-DP one-run test
 * (FdpOneRun) with that curve rejects a correct implementation with probability at most
 * the test's level, whatever the scores; a rejection means the code, its ledger or the accountant is
 * wrong. The curve is tested as a whole, so it is stronger than comparing a lower bound with the
 * accountant's epsilon at one delta (which it implies: a claim rejected at (eps_acc, delta) is
 * rejected as a curve too). {@code org.dpaudit.audit.LedgerTests} builds the curve and runs the test.
 *
 * @param rejected whether some guess rule rejected the curve
 * @param level the level each rule's test ran at
 * @param extraDelta delta added to every point of the profile (the noise sampler's bounded support)
 * @param note how the curve was obtained
 */
public record LedgerTest(boolean rejected, double level, double extraDelta, String note) {
  public LedgerTest {
    Checks.openUnit("level", level);
    Objects.requireNonNull(note, "note");
  }
}
