package org.dpaudit.audit.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import org.dpaudit.audit.AuditIntegrity;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.gate.GatePolicy;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;

/**
 * {@code dpaudit gate}: reads the policy and the audits, evaluates the rules ({@link Gate}), writes
 * {@code gate.json} into the run directory and, when asked, a JUnit XML file.
 *
 * <p>Everything is read and checked before anything is written: a malformed policy, a missing run
 * or {@code audit.json}, or an {@code audit.json} older than the files it was computed from (the
 * run retrained or an attack re-run since) is an error and leaves no half-written output. An
 * out-of-date audit is refused because a gate that passes on stale numbers is worse than none.
 */
public final class GateRunner {
  private GateRunner() {}

  /**
   * What to gate.
   *
   * @param policy the policy file
   * @param run the run directory
   * @param baseline the baseline run directory, or null
   * @param junit where to write the JUnit XML report, or null
   */
  public record Options(Path policy, Path run, Path baseline, Path junit) {
    public Options {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(run, "run");
    }
  }

  /** The gate's configuration as recorded in {@code gate.json}'s provenance. */
  public record GateConfig(String policy, String run, String baseline, String junit) {}

  /** Runs the gate, holding the run's lock; returns the record written to {@code gate.json}. */
  public static GateRecord run(Options o) {
    return RunDirectory.locked(o.run(), () -> runLocked(o));
  }

  private static GateRecord runLocked(Options o) {
    Instant created = Instant.now();
    GatePolicy policy = GatePolicy.read(o.policy());
    RunDirectory dir = RunDirectory.open(o.run());
    AuditRecord audit = readAudit(dir);
    AuditRecord baseline = o.baseline() == null ? null : readAudit(RunDirectory.open(o.baseline()));
    List<RuleResult> rules = Gate.evaluate(policy, audit, baseline);
    List<ArtifactRef> inputs = new ArrayList<>();
    inputs.add(ArtifactRef.of(o.policy(), o.policy().toString()));
    inputs.add(ArtifactRef.of(dir.resolve(RunLayout.AUDIT_JSON), RunLayout.AUDIT_JSON));
    if (baseline != null) {
      inputs.add(ArtifactRef.of(o.baseline().resolve(RunLayout.AUDIT_JSON), o.baseline().resolve(RunLayout.AUDIT_JSON).toString()));
    }
    GateConfig config = new GateConfig(o.policy().toString(), o.run().toString(),
        o.baseline() == null ? null : o.baseline().toString(), o.junit() == null ? null : o.junit().toString());
    Provenance prov = Provenance.of("gate", config, inputs, EnvironmentInfo.current(), null, created);
    GateRecord rec = GateRecord.of(audit.run(), prov, baseline == null ? null : baseline.run(), policy, rules);
    // The JUnit file is written in full first (a place that cannot be written fails here), then
    // gate.json, then the JUnit file is renamed into place: an error never leaves one without the other.
    try (AtomicFiles.Staged junit = o.junit() == null ? null
        : AtomicFiles.stage(o.junit(), out -> out.write(JUnitXml.toXml(rec).getBytes(StandardCharsets.UTF_8)))) {
      dir.writeJson(RunLayout.GATE_JSON, rec);
      if (junit != null) {
        junit.commit();
      }
    }
    return rec;
  }

  /** The run's audit.json, refused when missing or older than the files it was computed from. */
  static AuditRecord readAudit(RunDirectory dir) {
    Path file = dir.resolve(RunLayout.AUDIT_JSON);
    if (!Files.isRegularFile(file)) {
      throw new ArtifactException(dir.path() + " has no " + RunLayout.AUDIT_JSON + "; run 'dpaudit audit --run "
          + dir.path() + "' first");
    }
    AuditRecord audit = ArtifactSchema.AUDIT.read(dir);
    AuditIntegrity.check(dir, audit);
    for (ArtifactRef in : audit.provenance().inputs()) {
      Path p = dir.resolve(in.path());
      if (!Files.isRegularFile(p) || !Sha256.of(p).equals(in.sha256())) {
        throw new ArtifactException(file + " is out of date: " + in.path() + " changed since the audit; run "
            + "'dpaudit audit --run " + dir.path() + "' again");
      }
    }
    return audit;
  }
}
