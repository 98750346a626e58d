package org.dpaudit.trainers.experiment;

import java.nio.file.Path;

/**
 * Audits a trained cell's run directory (the {@code audit} module's {@code audit --run}, supplied by
 * the CLI because {@code trainers} cannot depend on {@code audit}). The experiment calls it on the
 * driver after every cell is trained, wherever they were trained (here or as Spark tasks), so the
 * audit reads the same run directory a later {@code dpaudit audit --run} would.
 */
@FunctionalInterface
public interface CellAuditor {
  /**
   * Audits the run in {@code dir}; {@code rel} is its path relative to the table's directory and
   * {@code seed} the audit's seed (null for secure randomness).
   */
  CellAudit audit(Path dir, String rel, Long seed);
}
