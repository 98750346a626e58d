package org.dpaudit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.Freshness;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * Everything a report shows about one run directory, read once: {@code run.json}, every membership
 * attack's {@code attacks/<attack>.json}, the model-inversion record, and {@code audit.json}.
 *
 * <p>Every artifact is read as its core record through {@link ArtifactSchema}, the one reader of
 * the schema: a file from a newer dpaudit is refused in one line (the report is not drawn from
 * fields it may misread), the previous schema versions still read. A missing audit is not an error
 * (the report says so).
 *
 * @param dir the run directory
 * @param run its run.json
 * @param attacks the membership attacks, sorted by file name
 * @param inversion the model-inversion record, or null
 * @param audit audit.json, or null when the run was not audited yet (or its audit is stale)
 * @param leftOut artifacts in the directory that were made from other files than the run's current
 *     ones (the run retrained or edited since, an attack re-run after the audit), each with the reason
 *     it is not shown
 */
public record RunArtifacts(
    Path dir, RunRecord run, List<AttackRecord> attacks, InversionRecord inversion, AuditRecord audit,
    List<String> leftOut) {
  public RunArtifacts {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(run, "run");
    attacks = List.copyOf(attacks);
    leftOut = List.copyOf(leftOut);
  }

  /** The artifacts of a run, none left out. */
  public RunArtifacts(Path dir, RunRecord run, List<AttackRecord> attacks, InversionRecord inversion, AuditRecord audit) {
    this(dir, run, attacks, inversion, audit, List.of());
  }

  /**
   * Reads the run directory {@code dir}; a missing or corrupt run, or one whose run.json its files
   * and ledger do not back ({@link RunIntegrity}), is an {@link ArtifactException}. Attack and audit
   * results made from other files than the current ones are left out and listed in {@link #leftOut}.
   */
  public static RunArtifacts load(Path dir) {
    RunDirectory rd = RunDirectory.open(dir);
    RunRecord run = ArtifactSchema.RUN.read(rd);
    RunIntegrity.verify(rd, run);
    List<AttackRecord> attacks = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    InversionRecord inversion = null;
    for (Path f : attackFiles(rd.resolve(RunLayout.ATTACKS_DIR))) {
      String name = RunLayout.ATTACKS_DIR + "/" + f.getFileName();
      if (name.equals(RunLayout.INVERSION_JSON)) {
        InversionRecord inv = ArtifactSchema.INVERSION.read(f);
        inversion = fresh(dir, name, inv.provenance().inputs(), leftOut) ? inv : null;
      } else if ("attack".equals(kindOf(f))) {
        AttackRecord a = ArtifactSchema.ATTACK.read(f);
        if (fresh(dir, name, a.provenance().inputs(), leftOut)) {
          attacks.add(a);
        }
      }
    }
    Path auditFile = rd.resolve(RunLayout.AUDIT_JSON);
    AuditRecord audit = Files.isRegularFile(auditFile) ? ArtifactSchema.AUDIT.read(auditFile) : null;
    if (audit != null && !fresh(dir, RunLayout.AUDIT_JSON, audit.provenance().inputs(), leftOut)) {
      audit = null;
    }
    return new RunArtifacts(dir, run, attacks, inversion, audit, leftOut);
  }

  private static boolean fresh(Path dir, String name, List<ArtifactRef> inputs, List<String> leftOut) {
    String stale = Freshness.staleInput(dir, inputs);
    if (stale != null) {
      leftOut.add(name + " (made before " + stale.replace(" changed since", " changed").replace(" is gone",
          " was removed") + "; run it again to include it)");
    }
    return stale == null;
  }

  /** The run's name as recorded in run.json. */
  public String name() {
    return run.name();
  }

  /** The strongest membership attack by AUC, or null when none was run. */
  public AttackRecord strongestAttack() {
    AttackRecord best = null;
    for (AttackRecord a : attacks) {
      if (best == null || a.auc() > best.auc()) {
        best = a;
      }
    }
    return best;
  }

  /** A file of the run directory, resolved from a path recorded in one of its artifacts. */
  public Path resolve(String recorded) {
    return dir.resolve(recorded);
  }

  /** Reads {@code file} as a JSON tree, with a one-line error naming it. */
  public static JsonNode tree(Path file) {
    return Json.readTree(file);
  }

  private static String kindOf(Path f) {
    JsonNode kind = tree(f).get("kind");
    return kind == null ? "" : kind.asText();
  }

  private static List<Path> attackFiles(Path attacksDir) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(attacksDir)) {
      return files;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(attacksDir, "*.json")) {
      ds.forEach(files::add);
    } catch (IOException e) {
      throw new ArtifactException("cannot list " + attacksDir + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }
}
