package org.dpaudit.attacks.imports;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.attacks.target.ExternalModelTarget;
import org.dpaudit.attacks.target.ModelInput;
import org.dpaudit.attacks.target.OnnxTarget;
import org.dpaudit.attacks.target.ScoresTarget;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.TorchScriptTarget;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.LoadedDataset;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.core.artifact.run.ImportedMembership;
import org.dpaudit.core.artifact.run.MetricsRecord;
import org.dpaudit.core.artifact.run.ModelRecord;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * Makes a run directory for a model trained elsewhere, so {@code attack}, {@code audit}, {@code
 * report} and {@code gate} work on it exactly as on dpaudit's own runs.
 *
 * <ul>
 *   <li>TorchScript: the model file, the dataset and the member indices (non-members given, or drawn
 *       from the training partition's other examples, which the model is taken never to have seen).
 *   <li>Scores: a CSV of the model's outputs on members and non-members, for audits where only
 *       predictions can be shared (see {@link ScoresTarget}).
 * </ul>
 * The attacker pool and test set are drawn (seeded) from what is left. Nothing is known of how the
 * model was trained, so the accountant epsilon is recorded as unknown and the claim is whatever the
 * importer declares.
 */
public final class ModelImporter {
  /** The dataset card's name for a scores file imported without a dataset. */
  public static final String NO_DATASET = "none";

  private ModelImporter() {}

  /**
   * Imports a TorchScript or ONNX model ({@code cfg.source()}): probes the input layout it takes
   * (unless given) and what its output is, and records them; on failure nothing of a run directory
   * it created is left.
   */
  public static RunRecord importModel(ImportConfig cfg, Path out, Device device, Consumer<String> log) {
    return RunDirectory.fillOrRemove(out, d -> false, () -> model(cfg, out, device, log));
  }

  private static RunRecord model(ImportConfig cfg, Path out, Device device, Consumer<String> log) {
    Instant created = Instant.now();
    boolean onnx = "onnx".equals(cfg.source());
    String file = onnx ? RunLayout.IMPORTED_ONNX : RunLayout.IMPORTED_TORCHSCRIPT;
    RunDirectory dir = prepare(out);
    LoadedDataset data = new Datasets(log, true).load(cfg.dataset().request());
    int n = data.train().size();
    int[] members = IndexFile.read(Path.of(cfg.membersFile()), n);
    Randomness r = Randomness.seeded(cfg.seed());
    int[] nonMembers = cfg.nonMembersFile() != null ? IndexFile.read(Path.of(cfg.nonMembersFile()), n)
        : draw(complement(n, members), members.length, r.stream("import/non-members"));
    disjoint(members, nonMembers);
    copy(Path.of(cfg.file()), dir.resolve(file));
    ImportedMembership m = membership(data, members, nonMembers, cfg, r);
    double trainAcc;
    double testAcc;
    int classes = data.train().numClasses();
    ModelInput requested = cfg.input() == null ? ModelInput.probe() : cfg.input();
    ModelInput resolved;
    Device used = onnx ? Device.cpu() : device;
    try (ExternalModelTarget t = onnx ? OnnxTarget.load(dir.resolve(file), classes, requested, cfg.file())
        : TorchScriptTarget.load(dir.resolve(file), classes, device, requested, cfg.file())) {
      resolved = t.probe(data.train());
      trainAcc = accuracy(t, data.train(), members);
      testAcc = accuracy(t, data.test(), m.test());
    }
    log.accept(String.format("imported %s model: input %s%s, output read as %s%s; member accuracy %.2f%%, test "
        + "accuracy %.2f%%", onnx ? "ONNX" : "TorchScript", inputShape(resolved),
        requested.shape() == null ? " (found by probing)" : "", resolved.output().id(),
        requested.output() == null ? " (told from the values)" : "", 100 * trainAcc, 100 * testAcc));
    MetricsRecord metrics = new MetricsRecord(trainAcc, testAcc, List.of(), 0, 0);
    return write(dir, cfg.withInput(resolved), data.card(), m, cfg.source(), file, metrics, created, used, log);
  }

  private static String inputShape(ModelInput in) {
    StringBuilder b = new StringBuilder("[N");
    for (int d : in.shape()) {
      b.append(", ").append(d);
    }
    return b.append(']').toString();
  }

  /**
   * Imports a scores CSV (membership comes from the file); on failure nothing of a run directory it
   * created is left.
   */
  public static RunRecord importScores(ImportConfig cfg, Path out, Consumer<String> log) {
    return RunDirectory.fillOrRemove(out, d -> false, () -> scores(cfg, out, log));
  }

  private static RunRecord scores(ImportConfig cfg, Path out, Consumer<String> log) {
    Instant created = Instant.now();
    RunDirectory dir = prepare(out);
    ScoresTarget t = ScoresTarget.read(Path.of(cfg.file()));
    int[] members = t.members();
    int[] nonMembers = t.nonMembers();
    if (members.length == 0 || nonMembers.length == 0) {
      throw new InvalidInputException(cfg.file() + ": needs both members (member = 1) and non-members (member = 0)");
    }
    if (cfg.dataset() == null) {
      t.examples("scores"); // checks the ids
      copy(Path.of(cfg.file()), dir.resolve(RunLayout.IMPORTED_SCORES));
      ImportedMembership m = new ImportedMembership(ImportedMembership.SCHEMA_VERSION, ImportedMembership.KIND, members, nonMembers, new int[0],
          new int[0]);
      int rows = members.length + nonMembers.length;
      String name = Path.of(cfg.file()).getFileName().toString();
      DatasetCard card = new DatasetCard(NO_DATASET, "no dataset given: the examples are the " + rows + " rows of "
          + name + ", named by their ids", List.of(ArtifactRef.of(dir.resolve(RunLayout.IMPORTED_SCORES), name)), rows, 0,
          List.of(), t.numClasses(), null);
      log.accept("imported scores without a dataset: " + members.length + " members, " + nonMembers.length
          + " non-members, " + (t.lossOnly() ? "losses only" : t.numClasses() + " classes"));
      return write(dir, cfg, card, m, "scores", RunLayout.IMPORTED_SCORES, null, created, Device.cpu(), log);
    }
    LoadedDataset data = new Datasets(log, true).load(cfg.dataset().request());
    int n = data.train().size();
    for (int e : IntStream.concat(Arrays.stream(members), Arrays.stream(nonMembers)).toArray()) {
      if (e >= n) {
        throw new InvalidInputException(cfg.file() + ": example " + e + " is outside the training partition of "
            + cfg.dataset().name() + " (" + n + " examples)");
      }
      if (t.label(e) >= 0 && t.label(e) != data.train().label(e)) {
        throw new InvalidInputException(cfg.file() + ": example " + e + " has label " + t.label(e) + " but "
            + cfg.dataset().name() + " says " + data.train().label(e) + " (wrong dataset or indices?)");
      }
    }
    if (!t.lossOnly() && t.numClasses() != data.train().numClasses()) {
      throw new InvalidInputException(cfg.file() + ": " + t.numClasses() + " classes, the dataset has "
          + data.train().numClasses());
    }
    copy(Path.of(cfg.file()), dir.resolve(RunLayout.IMPORTED_SCORES));
    ImportedMembership m = membership(data, members, nonMembers, cfg, Randomness.seeded(cfg.seed()));
    return write(dir, cfg, data.card(), m, "scores", RunLayout.IMPORTED_SCORES, null, created, Device.cpu(), log);
  }

  /** Whether {@code run} is a scores file imported without a dataset (its examples are the file's rows). */
  public static boolean withoutDataset(RunRecord run) {
    return "imported".equals(run.origin()) && run.dataset() != null && NO_DATASET.equals(run.dataset().name())
        && run.model() != null && "scores".equals(run.model().architecture());
  }

  private static RunRecord write(RunDirectory dir, ImportConfig cfg, DatasetCard dataCard, ImportedMembership m,
      String architecture, String file, MetricsRecord metrics, Instant created, Device device, Consumer<String> log) {
    dir.writeJson(RunLayout.MEMBERSHIP_JSON, m);
    SplitRecord split = new SplitRecord(cfg.seed(), m.members().length, m.nonMembers().length, m.attackerPool().length,
        m.test().length, Splitter.fingerprint(m.members(), m.nonMembers(), m.attackerPool(), m.test()));
    DatasetCard card = dataCard.withSplit(split);
    ModelRecord model = new ModelRecord(architecture, dataCard.exampleShape(), dataCard.numClasses(), 0, List.of(),
        RunLayout.MODEL_DIR, List.of(ArtifactRef.of(dir.resolve(file), file)));
    PrivacyRecord privacy = ImportedPrivacy.of(cfg, m.members().length);
    if (privacy.accountantEpsilon() != null) {
      log.accept("declared training: " + ImportedPrivacy.setting(cfg) + "; accountant epsilon "
          + privacy.accountantEpsilon().epsilon() + " at delta " + cfg.delta());
    }
    RunRecord run = new RunRecord(RunRecord.SCHEMA_VERSION, RunRecord.KIND, dir.path().getFileName().toString(), "imported",
        Provenance.of("import", cfg, List.of(ArtifactRef.of(dir.resolve(file), file)),
            EnvironmentInfo.current(Engines.describe(), device.toString()), Randomness.seeded(cfg.seed()).describe(),
            created),
        card, model, privacy, metrics, null);
    dir.writeJson(RunLayout.RUN_JSON, run);
    return run;
  }

  private static ImportedMembership membership(LoadedDataset data, int[] members, int[] nonMembers, ImportConfig cfg,
      Randomness r) {
    int n = data.train().size();
    int[] rest = complement(n, concat(members, nonMembers));
    int[] pool = draw(rest, Math.min(cfg.attackerPool(), rest.length), r.stream("import/pool"));
    int[] allTest = IntStream.range(0, data.test().size()).toArray();
    int[] test = draw(allTest, Math.min(cfg.test(), allTest.length), r.stream("import/test"));
    return new ImportedMembership(ImportedMembership.SCHEMA_VERSION, ImportedMembership.KIND, members, nonMembers, pool, test);
  }

  private static double accuracy(Target t, Dataset d, int[] idx) {
    if (idx.length == 0) {
      return 0;
    }
    float[] z = t.logits(d, idx);
    double[] p = Confidence.trueClassProbability(z, t.numClasses(), d.gatherLabels(idx));
    int k = t.numClasses();
    int correct = 0;
    for (int i = 0; i < idx.length; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (z[i * k + c] > z[i * k + best]) {
          best = c;
        }
      }
      correct += best == d.label(idx[i]) ? 1 : 0;
    }
    return p.length == 0 ? 0 : (double) correct / idx.length;
  }

  private static RunDirectory prepare(Path out) {
    // a killed training's checkpoint is a run too: importing over it would mix the two
    if (Files.exists(out.resolve(RunLayout.RUN_JSON)) || Files.isDirectory(out.resolve(RunLayout.CHECKPOINT_DIR))) {
      throw new InvalidInputException(out + " already holds a run; choose another --out");
    }
    return RunDirectory.create(out);
  }

  private static void copy(Path from, Path to) {
    if (!Files.isRegularFile(from)) {
      throw new InvalidInputException(from + ": no such file");
    }
    try {
      AtomicFiles.writeBytes(to, Files.readAllBytes(from));
    } catch (IOException e) {
      throw new ArtifactException("cannot copy " + from + ": " + e.getMessage(), e);
    }
  }

  private static void disjoint(int[] a, int[] b) {
    for (int x : b) {
      if (Arrays.binarySearch(a, x) >= 0) {
        throw new InvalidInputException("example " + x + " is listed both as a member and as a non-member");
      }
    }
  }

  static int[] complement(int n, int[] used) {
    BitSet u = new BitSet(n);
    for (int i : used) {
      u.set(i);
    }
    return IntStream.range(0, n).filter(i -> !u.get(i)).toArray();
  }

  private static int[] draw(int[] from, int count, java.util.random.RandomGenerator rng) {
    if (count > from.length) {
      throw new InvalidInputException("cannot draw " + count + " non-members: only " + from.length
          + " training examples are not members");
    }
    int[] perm = Splitter.permutation(from.length, rng);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = from[perm[i]];
    }
    Arrays.sort(out);
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
