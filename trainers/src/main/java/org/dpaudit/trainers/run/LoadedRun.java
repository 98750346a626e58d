package org.dpaudit.trainers.run;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.ImportedMembership;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.DatasetRequest;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.LoadedDataset;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;

/**
 * A run directory read back for attacks and audits: its record, its data, and its membership
 * split rebuilt from the recorded seed and sizes (and checked against the recorded fingerprint, so
 * a changed dataset or split code is an error, not a silently wrong audit).
 */
public final class LoadedRun {
  private final RunDirectory dir;
  private final RunRecord record;
  private final LoadedDataset data;
  private final MembershipSplit split;

  private LoadedRun(RunDirectory dir, RunRecord record, LoadedDataset data, MembershipSplit split) {
    this.dir = dir;
    this.record = record;
    this.data = data;
    this.split = split;
  }

  /** Opens {@code path}, loading its dataset (fetching it if needed) and rebuilding its split. */
  public static LoadedRun open(Path path, Consumer<String> log) {
    RunDirectory dir = RunDirectory.open(path);
    RunRecord record = ArtifactSchema.RUN.read(dir);
    RunIntegrity.verifyFiles(dir, record);
    TrainingConfig cfg = config(record);
    LoadedDataset data = new Datasets(log, true).load(datasetRequest(record, cfg));
    var s = record.dataset().split();
    if (s == null) {
      throw new ArtifactException(path + ": run.json has no membership split; attacks need one");
    }
    MembershipSplit split = "imported".equals(record.origin())
        ? importedSplit(dir, s)
        : Splitter.split(data.train().size(), data.test().size(),
            new SplitSpec(s.members(), s.nonMembers(), s.attackerPool(), s.test(), s.seed()));
    if (!split.record().indicesSha256().equals(s.indicesSha256())) {
      throw new ArtifactException(path + ": the membership split rebuilt from the dataset does not match run.json's "
          + "fingerprint (different data or split code); refusing to attack the wrong examples");
    }
    return new LoadedRun(dir, record, data, split);
  }

  /**
   * The split of an imported run: the index lists of its {@code membership.json}, checked against
   * the fingerprint run.json records for them.
   */
  public static MembershipSplit importedSplit(RunDirectory dir, SplitRecord record) {
    ImportedMembership m = ArtifactSchema.MEMBERSHIP.read(dir);
    String fp = Splitter.fingerprint(m.members(), m.nonMembers(), m.attackerPool(), m.test());
    if (!fp.equals(record.indicesSha256())) {
      throw new ArtifactException(RunLayout.MEMBERSHIP_JSON + " does not match run.json's split fingerprint");
    }
    return MembershipSplit.of(m.members(), m.nonMembers(), m.attackerPool(), m.test(), false, record);
  }

  /** The training configuration recorded in the run's provenance (null for imported runs). */
  public static TrainingConfig config(RunRecord record) {
    if (!"trained".equals(record.origin())) {
      return null;
    }
    return Json.mapper().convertValue(record.provenance().config(), TrainingConfig.class);
  }

  private static DatasetRequest datasetRequest(RunRecord record, TrainingConfig cfg) {
    if (cfg != null) {
      return cfg.data().request();
    }
    var named = record.provenance().config().get("dataset");
    if (named == null || named.isNull()) {
      throw new ArtifactException("run " + record.name() + " was imported from a scores file without a dataset: it has "
          + "no examples for this step (it needs the model and its data)");
    }
    return Json.mapper().convertValue(named, DatasetRequestRecord.class).request();
  }

  /** How an imported run names its dataset (in its provenance config). */
  public record DatasetRequestRecord(String name, String path, String labelColumn) {
    public DatasetRequest request() {
      return new DatasetRequest(name, path == null ? null : java.nio.file.Path.of(path), labelColumn);
    }
  }

  public RunDirectory directory() {
    return dir;
  }

  public RunRecord record() {
    return record;
  }

  public LoadedDataset data() {
    return data;
  }

  public MembershipSplit split() {
    return split;
  }

  /** The training-partition examples the target trained on (canaries excluded). */
  public Dataset members() {
    return data.train().subset("members", split.members());
  }

  /** Held-out examples from the same distribution. */
  public Dataset nonMembers() {
    return data.train().subset("non-members", split.nonMembers());
  }

  /** The attacker's examples for shadow and reference models. */
  public Dataset attackerPool() {
    return data.train().subset("attacker-pool", split.attackerPool());
  }

  /** Test examples. */
  public Dataset test() {
    return (split.testFromTrain() ? data.train() : data.test()).subset("test", split.test());
  }

  /** The trained model (for runs trained by dpaudit). */
  public DpModel loadModel(Device device) {
    if (record.model() == null) {
      throw new ArtifactException(dir.path() + " has no dpaudit model (imported run)");
    }
    var spec = ModelZoo.get(record.model().architecture(), data.train().exampleShape(), data.train().numClasses());
    return DpModel.load(spec, dir.resolve(record.model().directory()), device, ConvGradMethod.AUTO);
  }
}
