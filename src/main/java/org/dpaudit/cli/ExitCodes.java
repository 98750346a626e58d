package org.dpaudit.cli;

/**
 * dpaudit's exit codes, the same for every command, so scripts and CI can rely on them.
 *
 * <p>picocli's default for an exception is 1; dpaudit maps every exception to {@link #ERROR} so
 * that 1 always means "a finding" (the gate's "policy violated").
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A finding or a policy failure (e.g. the privacy gate failed). */
  public static final int FINDING = 1;
  /** Bad input or an error: nothing was decided. */
  public static final int ERROR = 2;

  private ExitCodes() {}
}
