package org.dpaudit.reports.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.io.EnumIds;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;
import org.dpaudit.core.artifact.run.MetricsRecord;
import org.dpaudit.core.artifact.run.ModelRecord;
import org.dpaudit.core.artifact.run.RunRecord;

/** Builds the {@link ProvenanceView} of a run directory. */
final class ProvenanceViews {
  private ProvenanceViews() {}

  static ProvenanceView of(RunArtifacts a) {
    RunRecord r = a.run();
    DatasetCard d = r.dataset();
    List<Field> dataset = List.of(Field.of("name", d.name()), Field.of("source", d.source()),
        Field.of("training partition", Formats.count(d.trainSize()) + " examples"),
        Field.of("test partition", Formats.count(d.testSize()) + " examples"),
        Field.of("example shape", String.valueOf(d.exampleShape())), Field.of("classes", String.valueOf(d.numClasses())));
    Provenance p = r.provenance();
    return new ProvenanceView(dataset, refs(d.files()), split(d.split()), randomness(p.randomness()), model(r.model()),
        environment(p.environment()), timings(r), artifacts(a), config(p.config()));
  }

  private static List<Field> refs(List<ArtifactRef> refs) {
    List<Field> out = new ArrayList<>();
    for (ArtifactRef f : refs) {
      out.add(new Field(f.path(), Formats.shortHash(f.sha256()), "SHA-256 " + f.sha256()));
    }
    return out;
  }

  private static List<Field> split(SplitRecord s) {
    if (s == null) {
      return List.of(Field.of("split", "none recorded"));
    }
    return List.of(Field.of("seed", String.valueOf(s.seed())), Field.of("members", Formats.count(s.members())),
        Field.of("non-members", Formats.count(s.nonMembers())), Field.of("attacker pool", Formats.count(s.attackerPool())),
        Field.of("test", Formats.count(s.test())),
        new Field("fingerprint", Formats.shortHash(s.indicesSha256()), "SHA-256 of the index lists " + s.indicesSha256()));
  }

  private static List<Field> randomness(RandomnessRecord r) {
    if (r == null) {
      return List.of(Field.of("mode", "not recorded"));
    }
    return List.of(Field.of("mode", EnumIds.id(r.mode())), Field.of("seed", r.seed() == null ? "none (secure)" : String.valueOf(r.seed())),
        Field.of("streams", String.join(", ", r.streams())));
  }

  private static List<Field> model(ModelRecord m) {
    if (m == null) {
      return List.of(Field.of("model", "not a dpaudit model (imported)"));
    }
    List<Field> out = new ArrayList<>(List.of(Field.of("architecture", m.architecture()),
        Field.of("parameters", Formats.count(m.parameters())), Field.of("input shape", String.valueOf(m.inputShape())),
        Field.of("classes", String.valueOf(m.classes()))));
    if (!m.convGradMethods().isEmpty()) {
      out.add(Field.of("conv per-example gradients", String.join(", ", m.convGradMethods())));
    }
    out.addAll(refs(m.files()));
    return out;
  }

  private static List<Field> environment(EnvironmentInfo e) {
    return List.of(Field.of("dpaudit", e.dpauditVersion()), new Field("git commit", Formats.shortHash(e.gitCommit()), e.gitCommit()),
        Field.of("Java", e.javaVersion() + " (" + e.javaVendor() + ")"),
        Field.of("platform", e.os() + ", " + e.arch() + ", " + e.availableProcessors() + " cores"),
        Field.of("engine", e.engine()), Field.of("device", e.device()));
  }

  private static List<Field> timings(RunRecord r) {
    List<Field> out = new ArrayList<>();
    out.add(Field.of("created", Formats.instant(r.provenance().created())));
    out.add(Field.of("command", "dpaudit " + r.provenance().command() + " (origin: " + r.origin() + ")"));
    out.add(Field.of("elapsed", Formats.duration(r.provenance().elapsed())));
    MetricsRecord m = r.metrics();
    if (m != null) {
      out.add(Field.of("training time", Formats.seconds(m.trainingSeconds())));
      out.add(Field.of("median step", Formats.number(m.medianStepMillis(), 3) + " ms"));
    }
    return out;
  }

  private static List<ProvenanceView.ArtifactRow> artifacts(RunArtifacts a) {
    List<ProvenanceView.ArtifactRow> rows = new ArrayList<>();
    rows.add(row(RunLayout.RUN_JSON, a.run().provenance()));
    for (AttackRecord r : a.attacks()) {
      rows.add(row(RunLayout.attackJson(r.attack()), r.provenance()));
    }
    if (a.inversion() != null) {
      rows.add(row(RunLayout.INVERSION_JSON, a.inversion().provenance()));
    }
    if (a.audit() != null) {
      rows.add(row(RunLayout.AUDIT_JSON, a.audit().provenance()));
    }
    return rows;
  }

  /** One artifact's row; every row spells the randomness mode alike, as the artifact files do (lower case). */
  private static ProvenanceView.ArtifactRow row(String file, Provenance p) {
    return new ProvenanceView.ArtifactRow(file, p.command(), Formats.instant(p.created()), Formats.duration(p.elapsed()),
        Formats.shortHash(p.environment().gitCommit()), p.randomness() == null ? Formats.NONE : EnumIds.id(p.randomness().mode()));
  }

  private static String config(JsonNode config) {
    if (config == null) {
      return "";
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      return config.toString();
    }
  }
}
