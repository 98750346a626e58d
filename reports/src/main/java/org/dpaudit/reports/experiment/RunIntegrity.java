package org.dpaudit.reports.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.trainers.experiment.ExperimentTable;

/**
 * Whether the files an experiment's table was made from are still those it recorded: table.json's
 * provenance lists each run.json with its SHA-256, and a figure drawn from a run.json that changed
 * or went missing since would show numbers the table does not vouch for. The figures page re-checks
 * them, draws nothing from such a run, and says which they are.
 *
 * @param changed the recorded paths whose file now has another SHA-256
 * @param missing the recorded paths with no file now
 */
public record RunIntegrity(List<String> changed, List<String> missing) {
  public RunIntegrity {
    changed = List.copyOf(changed);
    missing = List.copyOf(missing);
  }

  /** Re-checks every input {@code table} recorded, relative to the table's directory {@code dir}. */
  public static RunIntegrity check(ExperimentTable table, Path dir) {
    List<String> changed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ArtifactRef ref : table.provenance().inputs()) {
      Path file = dir.resolve(ref.path());
      if (!Files.isRegularFile(file)) {
        missing.add(ref.path());
      } else if (!Sha256.of(file).equals(ref.sha256())) {
        changed.add(ref.path());
      }
    }
    return new RunIntegrity(changed, missing);
  }

  /** Whether every recorded file is as recorded. */
  public boolean intact() {
    return changed.isEmpty() && missing.isEmpty();
  }

  /** Whether figures may read the run in directory {@code run} (relative to the table's directory). */
  public boolean trusts(String run) {
    String prefix = run.endsWith("/") ? run : run + "/";
    return changed.stream().noneMatch(p -> p.startsWith(prefix))
        && missing.stream().noneMatch(p -> p.startsWith(prefix));
  }

  /** One line saying what differs from table.json's record, or null when nothing does. */
  public String summary() {
    if (intact()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (!changed.isEmpty()) {
      parts.add("changed since table.json was written: " + String.join(", ", changed));
    }
    if (!missing.isEmpty()) {
      parts.add("missing: " + String.join(", ", missing));
    }
    return (changed.size() + missing.size()) + " run file(s) are not those table.json recorded (" + String.join("; ",
        parts) + "); figures drawn from runs do not use them, and the table's own numbers are as recorded then";
  }
}
