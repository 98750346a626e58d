package org.dpaudit.cli.train;

import java.io.PrintWriter;

/**
 * The delta used when {@code --delta} is not given to a command that states a privacy claim
 * ({@code train}, {@code import}): 1e-5, the value of the usual examples, never applied silently. A
 * delta is part of every (epsilon, delta) claim and a default one may be too large for the data set
 * (it should be well below 1/N), so the command says on standard error that it used it and how to
 * state one; {@code run.json}'s {@code privacy.delta} records the value. Not required, so that the
 * scripts and examples that rely on it keep working and a first run needs no extra option.
 */
public final class DefaultDelta {
  /** The delta used when none is given. */
  public static final double VALUE = 1e-5;

  private DefaultDelta() {}

  /**
   * When {@code given} is null and a claim is computed, one line on {@code err} says the default is
   * used (called once the work is done, so a failed command still has exactly one line there).
   */
  public static void announce(Double given, boolean claimComputed, PrintWriter err) {
    if (given == null && claimComputed) {
      err.println("--delta not given: the privacy claim is stated at delta = " + VALUE + " (the default); give "
          + "--delta to state your own (it should be well below 1/N for N training examples)");
      err.flush();
    }
  }
}
