package org.dpaudit.core.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.gate.GateRecord;
import org.dpaudit.core.artifact.run.ImportedMembership;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;

/**
 * One kind of JSON artifact of a run directory: its record, its {@code kind}, and the schema
 * versions this dpaudit reads. Every artifact is read through here, so a file from a newer dpaudit
 * is refused with a sentence saying so (instead of an "unknown key" a user cannot act on), a file
 * too old to read says what to run again, and runs already on users' disks from the previous schema
 * keep loading.
 *
 * <p>Schema history ({@code docs/artifacts.md}; the tests keep a golden file of every version
 * read, {@code ArtifactGoldenTest}):
 * <ul>
 *   <li>run.json 2, attack 2, inversion 2, gate 2, audit.json 3: enum values are written as on the
 *       command line ({@code "poisson"}, {@code "clopper-pearson"}, {@code "seeded"}, {@code "pass"});
 *       version 1 (audit 2) spelled them as Java constants ({@code "POISSON"}), and is still read.
 *   <li>run.json 3 may record {@code budgetRatios} (EnADPP and ADPPL runs: the per-neuron budget
 *       ratios behind seed 000's Figure 1); a dpaudit that reads schema 2 refuses that key, so the
 *       version tells it the file is newer.
 *   <li>audit.json 2 added the white-box block and the verdicts of issue 13; audit.json 1 is refused
 *       (its verdicts were decided by rules since withdrawn): audit the run again.
 * </ul>
 *
 * @param <T> the record
 */
public final class ArtifactSchema<T> {
  /** {@code run.json}. */
  public static final ArtifactSchema<RunRecord> RUN = new ArtifactSchema<>("run.json", "run", RunRecord.class, 1,
      RunRecord.SCHEMA_VERSION, "train or import the run again");
  /** {@code attacks/<attack>.json}. */
  public static final ArtifactSchema<AttackRecord> ATTACK = new ArtifactSchema<>("attack record", "attack",
      AttackRecord.class, 1, AttackRecord.SCHEMA_VERSION, "run the attack again");
  /** {@code attacks/inversion.json}. */
  public static final ArtifactSchema<InversionRecord> INVERSION = new ArtifactSchema<>("inversion record", "attack",
      InversionRecord.class, 1, InversionRecord.SCHEMA_VERSION, "run the inversion attack again");
  /** {@code audit.json}. */
  public static final ArtifactSchema<AuditRecord> AUDIT = new ArtifactSchema<>("audit.json", AuditRecord.KIND,
      AuditRecord.class, AuditRecord.OLDEST_SCHEMA_VERSION, AuditRecord.SCHEMA_VERSION, "run 'dpaudit audit --run' again");
  /** {@code gate.json}. */
  public static final ArtifactSchema<GateRecord> GATE = new ArtifactSchema<>("gate.json", GateRecord.KIND,
      GateRecord.class, 1, GateRecord.SCHEMA_VERSION, "run 'dpaudit gate' again");
  /** {@code membership.json} of an imported run. */
  public static final ArtifactSchema<ImportedMembership> MEMBERSHIP = new ArtifactSchema<>("membership.json",
      ImportedMembership.KIND, ImportedMembership.class, 1, ImportedMembership.SCHEMA_VERSION, "import the model again");

  /** Every artifact schema. */
  public static final List<ArtifactSchema<?>> ALL = List.of(RUN, ATTACK, INVERSION, AUDIT, GATE, MEMBERSHIP);

  private final String name;
  private final String kind;
  private final Class<T> type;
  private final int oldest;
  private final int current;
  private final String remedy;

  private ArtifactSchema(String name, String kind, Class<T> type, int oldest, int current, String remedy) {
    this.name = name;
    this.kind = kind;
    this.type = type;
    this.oldest = oldest;
    this.current = current;
    this.remedy = remedy;
  }

  /** A human name of the artifact ({@code run.json}, {@code attack record}). */
  public String name() {
    return name;
  }

  /** The {@code kind} field every file of this artifact carries. */
  public String kind() {
    return kind;
  }

  /** The record it is read as. */
  public Class<T> type() {
    return type;
  }

  /** The oldest schema version this dpaudit reads. */
  public int oldest() {
    return oldest;
  }

  /** The version this dpaudit writes. */
  public int current() {
    return current;
  }

  /** Reads {@code file}, refusing another kind, a newer schema or one too old to read, each in one line. */
  public T read(Path file) {
    Objects.requireNonNull(file, "file");
    String text = Json.readString(file);
    String where = file.toString();
    JsonNode tree;
    try {
      tree = Json.readTree(text, where);
    } catch (ArtifactException notJson) {
      if (text.isBlank()) {
        throw notJson; // "is empty"
      }
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      // not JSON, or not an object: the record's reader says so as it always has ("is not valid
      // RunRecord JSON", "is empty (JSON null)"); should it accept the text after all, the check runs
      T rec = Json.read(text, type, where);
      check(Json.toTree(rec), where);
      return rec;
    }
    check(tree, where);
    return Json.read(text, type, where);
  }

  /** Reads {@code relative} of the run directory {@code dir}. */
  public T read(RunDirectory dir, String relative) {
    return read(dir.resolve(relative));
  }

  /** Reads the run's own file of this kind (run.json, audit.json, gate.json, membership.json). */
  public T read(RunDirectory dir) {
    return read(dir.resolve(fileName()));
  }

  /** Binds {@code tree}, read from {@code where}, after checking its kind and schema version. */
  public T read(JsonNode tree, String where) {
    check(tree, where);
    return Json.read(tree.toString(), type, where);
  }

  private void check(JsonNode tree, String where) {
    int version = version(tree, where);
    JsonNode k = tree.get("kind");
    if (k == null || !k.isTextual() || !k.asText().equals(kind)) {
      // before the version: another kind's file is the wrong file, whatever dpaudit wrote it
      throw new ArtifactException(where + " is not a " + name + " (its kind is " + (k == null ? "missing" : k) + ", not '"
          + kind + "')");
    }
    if (version > current) {
      throw new ArtifactException(where + " has schemaVersion " + version + ", written by a newer dpaudit; this one "
          + "reads " + range() + ": upgrade dpaudit to read it");
    }
    if (version < oldest) {
      throw new ArtifactException(where + " has schemaVersion " + version + ", written by an older dpaudit; this one "
          + "reads " + range() + ": " + remedy);
    }
  }

  private int version(JsonNode tree, String where) {
    JsonNode v = tree.isObject() ? tree.get("schemaVersion") : null;
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new ArtifactException(where + " is not a dpaudit " + name + ": it has no integer schemaVersion");
    }
    return v.intValue();
  }

  private String range() {
    return name + " schema " + (oldest == current ? String.valueOf(current) : oldest + " to " + current);
  }

  private String fileName() {
    if (this == RUN) {
      return RunLayout.RUN_JSON;
    }
    if (this == AUDIT) {
      return RunLayout.AUDIT_JSON;
    }
    if (this == GATE) {
      return RunLayout.GATE_JSON;
    }
    if (this == MEMBERSHIP) {
      return RunLayout.MEMBERSHIP_JSON;
    }
    throw new IllegalStateException(name + " has one file per attack; name it");
  }

  @Override
  public String toString() {
    return name + " (schema " + current + ")";
  }
}
