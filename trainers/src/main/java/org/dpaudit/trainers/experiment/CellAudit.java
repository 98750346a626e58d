package org.dpaudit.trainers.experiment;

import java.util.Objects;

/**
 * The audit of one trained run of a cell: what its canaries show empirically and the verdict the
 * audit gives against the claimed and the proven epsilon. The audit itself lives in the {@code audit}
 * module, which {@code trainers} cannot depend on; a {@link CellAuditor} made at the CLI fills these.
 *
 * @param run the run directory, relative to the table's directory
 * @param canaries how the run was audited: {@code white-box} (gradient canaries, every released update
 *     observed) or {@code black-box} (random-input canaries, final model only)
 * @param count the number of canaries
 * @param empiricalEpsilon the lower bound on epsilon the canaries prove (at the audit's confidence)
 * @param verdict the audit's verdict ({@code consistent}, {@code claim-violated}, {@code
 *     accountant-violated}, {@code claim-unproven}, ...), as the audit names it
 * @param finding whether the verdict is a finding (exit status 1 of {@code audit --run})
 */
public record CellAudit(String run, String canaries, int count, double empiricalEpsilon, String verdict,
    boolean finding) {
  public CellAudit {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(canaries, "canaries");
    Objects.requireNonNull(verdict, "verdict");
  }
}
