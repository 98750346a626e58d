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
import org.dpaudit.attacks.target.ScoresTarget;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.TorchScriptTarget;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.privacy.PrivacyLedger;
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
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.run.ImportedMembership;
import org.dpaudit.trainers.run.MetricsRecord;
import org.dpaudit.trainers.run.ModelRecord;
import org.dpaudit.trainers.run.PrivacyRecord;
import org.dpaudit.trainers.run.RunRecord;

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
  /** Where the imported model or scores file is kept inside the run. */
  public static final String TORCHSCRIPT_FILE = "model/model.pt";
  public static final String SCORES_FILE = "model/scores.csv";

  private ModelImporter() {}

  /** Imports a TorchScript model; on failure nothing of a run directory it created is left. */
  public static RunRecord importTorchScript(ImportConfig cfg, Path out, Device device, Consumer<String> log) {
    return RunDirectory.fillOrRemove(out, d -> false, () -> torchScript(cfg, out, device, log));
  }

  private static RunRecord torchScript(ImportConfig cfg, Path out, Device device, Consumer<String> log) {
    Instant created = Instant.now();
    RunDirectory dir = prepare(out);
    LoadedDataset data = new Datasets(log, true).load(cfg.dataset().request());
    int n = data.train().size();
    int[] members = IndexFile.read(Path.of(cfg.membersFile()), n);
    Randomness r = Randomness.seeded(cfg.seed());
    int[] nonMembers = cfg.nonMembersFile() != null ? IndexFile.read(Path.of(cfg.nonMembersFile()), n)
        : draw(complement(n, members), members.length, r.stream("import/non-members"));
    disjoint(members, nonMembers);
    copy(Path.of(cfg.file()), dir.resolve(TORCHSCRIPT_FILE));
    ImportedMembership m = membership(data, members, nonMembers, cfg, r);
    double trainAcc;
    double testAcc;
    int classes = data.train().numClasses();
    try (Target t = loadCopy(cfg, dir, classes, device)) {
      trainAcc = accuracy(t, data.train(), members);
      testAcc = accuracy(t, data.test(), m.test());
    }
    log.accept(String.format("imported TorchScript model: member accuracy %.2f%%, test accuracy %.2f%%",
        100 * trainAcc, 100 * testAcc));
    MetricsRecord metrics = new MetricsRecord(trainAcc, testAcc, List.of(), 0, 0);
    return write(dir, cfg, data, m, "torchscript", TORCHSCRIPT_FILE, metrics, created, device);
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
    LoadedDataset data = new Datasets(log, true).load(cfg.dataset().request());
    ScoresTarget t = ScoresTarget.read(Path.of(cfg.file()));
    int n = data.train().size();
    int[] members = t.members();
    int[] nonMembers = t.nonMembers();
    if (members.length == 0 || nonMembers.length == 0) {
      throw new InvalidInputException(cfg.file() + ": needs both members (member = 1) and non-members (member = 0)");
    }
    for (int e : IntStream.concat(Arrays.stream(members), Arrays.stream(nonMembers)).toArray()) {
      if (e >= n) {
        throw new InvalidInputException(cfg.file() + ": example " + e + " is outside the training partition of "
            + cfg.dataset().name() + " (" + n + " examples)");
      }
      if (t.label(e) != data.train().label(e)) {
        throw new InvalidInputException(cfg.file() + ": example " + e + " has label " + t.label(e) + " but "
            + cfg.dataset().name() + " says " + data.train().label(e) + " (wrong dataset or indices?)");
      }
    }
    if (t.numClasses() != data.train().numClasses()) {
      throw new InvalidInputException(cfg.file() + ": " + t.numClasses() + " classes, the dataset has "
          + data.train().numClasses());
    }
    copy(Path.of(cfg.file()), dir.resolve(SCORES_FILE));
    ImportedMembership m = membership(data, members, nonMembers, cfg, Randomness.seeded(cfg.seed()));
    return write(dir, cfg, data, m, "scores", SCORES_FILE, null, created, Device.cpu());
  }

  /** The copied model, loaded; an error names the user's file, not the copy. */
  private static Target loadCopy(ImportConfig cfg, RunDirectory dir, int classes, Device device) {
    Path copy = dir.resolve(TORCHSCRIPT_FILE);
    try {
      return TorchScriptTarget.load(copy, classes, device);
    } catch (InvalidInputException e) {
      String message = e.getMessage();
      throw new InvalidInputException(message.startsWith(copy.toString())
          ? cfg.file() + message.substring(copy.toString().length()) : message, e);
    }
  }

  private static RunRecord write(RunDirectory dir, ImportConfig cfg, LoadedDataset data, ImportedMembership m,
      String architecture, String file, MetricsRecord metrics, Instant created, Device device) {
    dir.writeJson(ImportedMembership.FILE, m);
    SplitRecord split = new SplitRecord(cfg.seed(), m.members().length, m.nonMembers().length, m.attackerPool().length,
        m.test().length, Splitter.fingerprint(m.members(), m.nonMembers(), m.attackerPool(), m.test()));
    DatasetCard card = data.card().withSplit(split);
    ModelRecord model = new ModelRecord(architecture,
        Arrays.stream(data.train().exampleShape()).boxed().toList(), data.train().numClasses(), 0, List.of(), "model",
        List.of(ArtifactRef.of(dir.resolve(file), file)));
    double claimed = cfg.claimedEpsilon() == null ? Double.POSITIVE_INFINITY : cfg.claimedEpsilon();
    PrivacyRecord privacy = new PrivacyRecord("external", claimed,
        cfg.claimedEpsilon() == null ? "no claim declared at import" : "declared at import by the model's owner",
        null, cfg.delta(), 0, 0, 0, m.members().length, 0, SamplerKind.POISSON,
        List.of("trained outside dpaudit: no accountant epsilon is known, only the declared claim can be checked"),
        PrivacyLedger.empty());
    RunRecord run = new RunRecord(RunRecord.SCHEMA_VERSION, "run", dir.path().getFileName().toString(), "imported",
        Provenance.of("import", cfg, List.of(ArtifactRef.of(dir.resolve(file), file)),
            EnvironmentInfo.current(Engines.describe(), device.toString()), Randomness.seeded(cfg.seed()).describe(),
            created),
        card, model, privacy, metrics, null);
    dir.writeJson(RunDirectory.RUN_JSON, run);
    return run;
  }

  private static ImportedMembership membership(LoadedDataset data, int[] members, int[] nonMembers, ImportConfig cfg,
      Randomness r) {
    int n = data.train().size();
    int[] rest = complement(n, concat(members, nonMembers));
    int[] pool = draw(rest, Math.min(cfg.attackerPool(), rest.length), r.stream("import/pool"));
    int[] allTest = IntStream.range(0, data.test().size()).toArray();
    int[] test = draw(allTest, Math.min(cfg.test(), allTest.length), r.stream("import/test"));
    return new ImportedMembership(1, "imported-membership", members, nonMembers, pool, test);
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
    if (Files.exists(out.resolve(RunDirectory.RUN_JSON))) {
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
