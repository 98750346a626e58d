package org.dpaudit.cli.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.audit.AuditConfig;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.audit.RunAuditor;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.experiment.CellAudit;
import org.dpaudit.trainers.experiment.CellAuditor;

/**
 * The experiment's audit column: each cell's run is audited exactly as {@code dpaudit audit --run}
 * would (same defaults: 95% confidence, the canaries decide), writing the run's {@code audit.json}.
 */
final class RunCellAuditor implements CellAuditor {
  private final DeviceChoice device;
  private final Consumer<String> progress;

  RunCellAuditor(DeviceChoice device, Consumer<String> progress) {
    this.device = device;
    this.progress = progress;
  }

  @Override
  public CellAudit audit(Path dir, String rel, Long seed) {
    progress.accept("auditing " + rel);
    AuditConfig config = new AuditConfig(BoundParameters.DEFAULT_CONFIDENCE, List.of(), ThresholdSelection.SPLIT);
    AuditRecord rec = RunAuditor.run(dir, new RunAuditor.Options(config, seed, device), m -> { });
    String kind = rec.whiteBox() != null ? "white-box" : rec.canaries() != null ? "black-box" : "attacks";
    int count = rec.whiteBox() != null ? rec.whiteBox().canaries() : rec.canaries() != null ? rec.canaries().count() : 0;
    return new CellAudit(rel, kind, count, rec.empiricalEpsilon().lower(), rec.verdict().id(),
        rec.verdict().isFinding());
  }
}
