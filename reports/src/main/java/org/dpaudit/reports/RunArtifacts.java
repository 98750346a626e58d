package org.dpaudit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpaudit.attacks.AttackRecord;
import org.dpaudit.attacks.inversion.InversionRecord;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.trainers.run.RunRecord;

/**
 * Everything a report shows about one run directory, read once: {@code run.json}, every membership
 * attack's {@code attacks/<attack>.json}, the model-inversion record, and {@code audit.json}.
 *
 * <p>{@code run.json} and the attack records are read as their records (they are the schema). The
 * audit is read as a JSON tree, so a report can show whatever audit the run has without this module
 * depending on the audit record's class; a missing audit is not an error (the report says so).
 *
 * @param dir the run directory
 * @param run its run.json
 * @param attacks the membership attacks, sorted by file name
 * @param inversion the model-inversion record, or null
 * @param audit audit.json as a tree, or null when the run was not audited yet
 */
public record RunArtifacts(
    Path dir, RunRecord run, List<AttackRecord> attacks, InversionRecord inversion, JsonNode audit) {
  /** The inversion record's file, inside {@code attacks/}. */
  public static final String INVERSION_JSON = "inversion.json";
  /** The audit's file. */
  public static final String AUDIT_JSON = "audit.json";

  public RunArtifacts {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(run, "run");
    attacks = List.copyOf(attacks);
  }

  /** Reads the run directory {@code dir}; a missing or corrupt run is an {@link ArtifactException}. */
  public static RunArtifacts load(Path dir) {
    RunDirectory rd = RunDirectory.open(dir);
    RunRecord run = rd.readJson(RunDirectory.RUN_JSON, RunRecord.class);
    List<AttackRecord> attacks = new ArrayList<>();
    InversionRecord inversion = null;
    for (Path f : attackFiles(rd.resolve("attacks"))) {
      if (f.getFileName().toString().equals(INVERSION_JSON)) {
        inversion = Json.read(f, InversionRecord.class);
      } else if ("attack".equals(kindOf(f))) {
        attacks.add(Json.read(f, AttackRecord.class));
      }
    }
    Path audit = rd.resolve(AUDIT_JSON);
    return new RunArtifacts(dir, run, attacks, inversion, Files.isRegularFile(audit) ? tree(audit) : null);
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
    try {
      return Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ArtifactException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
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
