package org.dpaudit.trainers.run;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.accounting.SamplerTail;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.core.artifact.run.MetricsRecord;
import org.dpaudit.core.artifact.run.ModelRecord;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatioTrace;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplace;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.LoadedDataset;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.datasets.split.Splitter;
import org.dpaudit.trainers.canary.GradientCanaries;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.trainers.canary.WhiteBoxRecorder;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.trainers.checkpoint.CheckpointStore;
import org.dpaudit.trainers.checkpoint.ResumeCheck;
import org.dpaudit.trainers.checkpoint.RunFingerprint;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.Conv2dLayer;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.loop.BatchSampler;
import org.dpaudit.trainers.loop.DpTrainer;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.loop.TrainingResult;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.InputProjection;
import org.dpaudit.trainers.nn.ModelSpec;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.schemes.BudgetSteps;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.FusedPrediction;
import org.dpaudit.trainers.schemes.FusionEvaluator;
import org.dpaudit.trainers.schemes.ProjectionFit;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * A training run end to end: data and split, canaries, model, scheme (noise calibrated up front),
 * training with checkpoints, and the run directory ({@code run.json}, {@code model/}).
 */
public final class TrainingRun {

  private TrainingRun() {}

  /** The canaries' inclusion bits, as stored. */
  public record CanaryInclusion(int schemaVersion, String kind, boolean[] included) {}

  /**
   * Runs {@code request}; progress goes to {@code listener} and {@code log}. The run directory is
   * locked for the whole run ({@link RunDirectory#fillOrRemove}). When the run fails (bad input found
   * after the directory was made, or an error in training) before any checkpoint was written,
   * whatever it wrote is removed again: nothing half-written is left behind. A failed run with a
   * checkpoint keeps it, for {@code --resume}.
   *
   * <p>Everything that can be checked is checked before the run directory changes: the names, the
   * data, the model and scheme, and for a resume the checkpoint against this request ({@link
   * ResumeCheck}). Only then does {@code --force} replace the old run ({@link
   * RunDirectory#replaceContents}), so a mistyped option never costs the old run.
   */
  public static RunRecord execute(TrainRequest request, TrainingListener listener, Consumer<String> log) {
    checkNames(request.config());
    if (request.resume() && request.overwrite()) {
      throw new InvalidInputException("--resume continues a run and --force replaces it; give one of them");
    }
    return execute(request, listener, log, Mutation.NONE);
  }

  /** As {@link #execute(TrainRequest, TrainingListener, Consumer)}, with a bug injected (the mutation suite only). */
  public static RunRecord execute(TrainRequest request, TrainingListener listener, Consumer<String> log,
      Mutation mutation) {
    checkNames(request.config());
    return RunDirectory.fillOrRemove(request.out(),
        out -> Files.isRegularFile(out.resolve(RunLayout.CHECKPOINT_STATE)),
        () -> executeIn(request, listener, log, mutation));
  }

  /** Names the engine does not need are checked before it starts (loading it takes seconds). */
  static void checkNames(TrainingConfig cfg) {
    if (!Schemes.NAMES.contains(cfg.privacy().scheme())) {
      throw new InvalidInputException("unknown scheme '" + cfg.privacy().scheme() + "'; choose one of "
          + String.join(", ", Schemes.NAMES));
    }
  }

  private static RunRecord executeIn(TrainRequest request, TrainingListener listener, Consumer<String> log,
      Mutation mutation) {
    Instant created = Instant.now();
    TrainingConfig asRequested = request.config();
    boolean replace = TrainDirectory.check(request);
    RunDirectory dir = RunDirectory.create(request.out());
    CheckpointStore store = new CheckpointStore(dir.resolve(RunLayout.CHECKPOINT_DIR));
    CheckpointState resume = request.resume() ? store.state().orElseThrow() : null;
    Randomness randomness = request.seed() == null ? Randomness.secure() : Randomness.seeded(request.seed());
    LoadedDataset data = new Datasets(log, true).load(asRequested.data().request());
    // A validation run draws its test examples from the training partition, disjoint from every other group.
    MembershipSplit split = Splitter.split(data.train().size(),
        asRequested.data().onValidation() ? 0 : data.test().size(), asRequested.data().split());
    Dataset members = data.train().subset(data.card().name() + "/members", split.members());
    Dataset test = (split.testFromTrain() ? data.train() : data.test()).subset(data.card().name() + "/test", split.test());
    DatasetCard card = data.card().withSplit(split.record());
    RunAccounting accounting = new RunAccounting(asRequested.privacy().calibrateWith());
    // Train-until-budget: the steps follow from public numbers only, so they are fixed here, before the fingerprint.
    int budgetSize = members.size() + (request.canaryKind().isData() ? request.canaries() / 2 : 0);
    TrainingConfig cfg = BudgetSteps.resolve(asRequested, budgetSize, accounting);
    if (resume != null) {
      ResumeCheck.sameRun(resume, RunFingerprint.requested(cfg, randomness.describe(), card,
          RunCanaries.requested(request)));
      store.removeStale();
    }
    RunCanaries canaries = RunCanaries.of(request, data, split, randomness, resume);
    Dataset trainOn = canaries.trainOn(members);
    GradientCanaries whiteBox = canaries.gradient();
    ModelSpec spec = ModelZoo.get(cfg.model(), data.train().exampleShape(), data.train().numClasses());
    Device device = Engines.device(request.device());
    try (DpModel model = DpModel.create(spec, device, cfg.convGrad(), randomness.stream("init"));
        NoiseSource noise = new NoiseSource(randomness)) {
      // q, the steps and the normaliser come from the public size: members plus half the data canaries.
      // White-box canaries are extra records the sampler draws after the examples; they change none of the three.
      int publicSize = members.size() + (whiteBox == null ? request.canaries() / 2 : 0);
      int population = trainOn.size() + (whiteBox == null ? 0 : whiteBox.includedCoordinates().length);
      BatchSampler sampler = new BatchSampler(cfg.privacy().sampler(), population, publicSize,
          cfg.optim().batchSize(), randomness, mutation.samplingFactor());
      long totalSteps = cfg.optim().totalSteps(sampler.stepsPerEpoch());
      DpScheme scheme = mutation.scheme().apply(Schemes.create(new SchemeContext(cfg.privacy(), cfg.optim(), publicSize,
          sampler.samplingRate(), totalSteps, model.parameterCount(), accounting)));
      if (whiteBox != null && scheme.sumSensitivity(0).isEmpty()) {
        double rows = sampler.samplingRate() * whiteBox.count() / 2;
        if (rows > sampler.expectedBatchSize() / 4) {
          log.accept(String.format(java.util.Locale.ROOT, "note: about %.0f canary rows a step beside %.0f examples; "
              + "%s chooses its clipping or noise from the batch, so that many canaries change what it does to the "
              + "data (use at most about %d canaries with this scheme)", rows, sampler.expectedBatchSize(),
              scheme.name(), (int) (sampler.expectedBatchSize() / 2 / sampler.samplingRate())));
        }
      }
      List<String> setupCaveats = fitInputProjection(model, scheme, trainOn,
          data.train().subset(data.card().name() + "/attacker-pool", split.attackerPool()), log);
      boolean projectionOnTrainingSet = InputProjection.needed(model) && scheme.claim().claimsPrivacy()
          && scheme.projectionFit() != ProjectionFit.PUBLIC;
      String configSha = Sha256.of(Json.write(cfg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      WhiteBoxRecorder recorder = whiteBox == null ? null : recorder(whiteBox, store, resume, totalSteps);
      DpTrainer.Builder builder = DpTrainer.builder().setConfig(cfg).setData(trainOn, test).setModel(model)
          .setScheme(scheme).setSampler(sampler).setNoise(noise).setRandomness(randomness).optListener(listener)
          .optEpsilonSoFar(l -> accounting.epsilonSoFar(l, cfg.privacy().delta()))
          .optCheckpoints(store, configSha).optCaveats(setupCaveats).optWhiteBox(whiteBox, recorder)
          .optUnaccountedRelease(projectionOnTrainingSet);
      RunFingerprint fingerprint = RunFingerprint.of(cfg, randomness.describe(), card, canaries.bits(),
          RunFingerprint.LedgerShape.of(scheme.name(), builder.build().plan()));
      if (resume != null) {
        ResumeCheck.sameRun(resume, fingerprint);
      }
      if (replace) {
        dir.replaceContents();
      }
      DpTrainer trainer = builder.optRunIdentity(fingerprint, canaries.bits()).build();
      CanaryRecord canaryRecord = canaries.write(dir);
      TrainingResult result = trainer.train(resume);
      TrainDirectory.saveModel(model, dir);
      if (whiteBox != null) {
        canaryRecord = writeWhiteBox(dir, whiteBox, recorder, scheme, cfg.privacy().clipNorm(),
            sampler.expectedBatchSize());
      }
      long released = model.parameterCount() + (whiteBox == null ? 0 : whiteBox.auditSize());
      double tail = SamplerTail.delta(result.ledger(), released);
      AccountantEpsilons proven = accounting.account(result.ledger(), cfg.privacy().delta(), tail);
      RunRecord run = new RunRecord(RunRecord.SCHEMA_VERSION, RunRecord.KIND, dir.path().getFileName().toString(), "trained",
          Provenance.of("train", cfg, card.files(), EnvironmentInfo.current(Engines.describe(), device.toString()),
              randomness.describe(), created),
          card,
          modelRecord(model, dir),
          privacyRecord(cfg, scheme, trainer, proven, result, tail, accounting.calibration().orElse(null)),
          new MetricsRecord(result.trainAccuracy(), result.testAccuracy(), result.history(), result.trainingSeconds(),
              result.medianStepMillis(), fusedAccuracy(scheme, model, test), MetricsRecord.PRIVATE_METRICS,
              result.trainAccuracyExamples() > 0 ? result.trainAccuracyExamples() : null),
          canaryRecord, budgetRatios(dir, scheme));
      dir.writeJson(RunLayout.RUN_JSON, run);
      return run;
    }
  }

  /**
   * Fits the input projection of a {@code pca<k>-} model (none otherwise) on the data the scheme
   * allows, and returns what the run's ledger must say about it. A resumed run fits it again: the fit
   * is deterministic, and checkpoints hold only trainable parameters.
   */
  static List<String> fitInputProjection(DpModel model, DpScheme scheme, Dataset trainOn, Dataset attackerPool,
      Consumer<String> log) {
    if (!InputProjection.needed(model)) {
      return List.of();
    }
    if (scheme.projectionFit() == ProjectionFit.PUBLIC) {
      if (attackerPool.size() == 0) {
        throw new InvalidInputException("scheme " + scheme.name() + " fits the input PCA on public data, the attacker "
            + "pool, which is empty; give --attacker-pool examples");
      }
      log.accept("fitting the input PCA on the attacker pool (" + attackerPool.size() + " examples, public)");
      InputProjection.fit(model, attackerPool);
      return List.of("the input PCA was fitted on the attacker pool (" + attackerPool.size() + " examples, disjoint "
          + "from the training set): its guarantee assumes that data is public");
    }
    log.accept("fitting the input PCA on the training set");
    InputProjection.fit(model, trainOn);
    return scheme.claim().claimsPrivacy()
        ? List.of("the input PCA was fitted on the private training set without noise: the projection is a function of "
            + "the training data, released with the model, which the ledger records as a non-private release, so no "
            + "finite epsilon is proven (seed 003 does not say how it fits its PCA; Abadi et al. "
            + "2016 used a differentially private one)")
        : List.of();
  }

  /** The fused predictor's test accuracy for schemes that fuse several models (ICGC-DP), else null. */
  private static Double fusedAccuracy(DpScheme scheme, DpModel model, Dataset test) {
    if (scheme instanceof FusedPrediction f && !f.snapshots().isEmpty()) {
      return FusionEvaluator.accuracy(model.network(), model.manager(), test, f.snapshots());
    }
    return null;
  }

  /** A fresh recorder, or the checkpoint's (verified against its checksum) when resuming. */
  private static WhiteBoxRecorder recorder(GradientCanaries c, CheckpointStore store, CheckpointState resume,
      long totalSteps) {
    if (resume == null) {
      return new WhiteBoxRecorder(c.count(), c.nulls(), WhiteBoxRecorder.replaySteps(totalSteps, REPLAY_STEPS));
    }
    if (resume.whiteBox() == null) {
      throw new InvalidInputException("the checkpoint has no white-box canary state; resume with the options of the "
          + "original run");
    }
    return WhiteBoxRecorder.decode(store.readBytes(resume.whiteBox()), c.count(), c.nulls());
  }

  /**
   * Writes a relevance-based scheme's per-neuron ratios ({@link BudgetRatioTrace}) atomically into
   * the run directory; returns the file with its SHA-256, or null for other schemes.
   */
  private static ArtifactRef budgetRatios(RunDirectory dir, DpScheme scheme) {
    BudgetRatioTrace trace = scheme instanceof RelevanceLaplace r ? r.ratioTrace() : null;
    if (trace == null) {
      return null;
    }
    dir.writeJson(BudgetRatioTrace.FILE, trace);
    return ArtifactRef.of(dir.resolve(BudgetRatioTrace.FILE), BudgetRatioTrace.FILE);
  }

  /** Steps at which a replayable scheme's release is replayed with the noise switched off. */
  static final int REPLAY_STEPS = 8;

  private static CanaryRecord writeWhiteBox(RunDirectory dir, GradientCanaries c, WhiteBoxRecorder recorder,
      DpScheme scheme, double clipNorm, double expectedBatchSize) {
    String sha = WhiteBoxFiles.write(dir, recorder.summary(), c.norm(), clipNorm, expectedBatchSize,
        scheme.sumSensitivity(0).isPresent());
    return new CanaryRecord(c.count(), "gradient", 0, RunLayout.CANARY_INCLUSION, Sha256.of(dir.resolve(RunLayout.CANARY_INCLUSION)),
        RunLayout.WHITE_BOX_JSON, sha);
  }

  private static ModelRecord modelRecord(DpModel model, RunDirectory dir) {
    List<String> methods = new ArrayList<>();
    for (DpLayer l : model.network().layers()) {
      if (l instanceof Conv2dLayer c) {
        methods.add(c.method().name());
      }
    }
    List<ArtifactRef> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve(RunLayout.MODEL_DIR))) {
      for (Path f : s.sorted().toList()) {
        files.add(ArtifactRef.of(f, "model/" + f.getFileName()));
      }
    } catch (IOException e) {
      throw new ArtifactException("cannot list " + dir.resolve(RunLayout.MODEL_DIR) + ": " + e.getMessage(), e);
    }
    ModelSpec spec = model.spec();
    return new ModelRecord(spec.name(), spec.inputShape(), classes(spec), model.parameterCount(), methods, RunLayout.MODEL_DIR, files);
  }

  private static int classes(ModelSpec spec) {
    var last = spec.layers().get(spec.layers().size() - 1);
    return last instanceof org.dpaudit.trainers.nn.LayerSpec.Linear l ? l.units() : 0;
  }

  private static PrivacyRecord privacyRecord(TrainingConfig cfg, DpScheme scheme, DpTrainer trainer,
      AccountantEpsilons proven, TrainingResult result, double tail, RunAccounting.Calibration calibration) {
    var plan = trainer.plan();
    return new PrivacyRecord(scheme.name(), scheme.claim().epsilon(), scheme.claim().basis(), proven,
        cfg.privacy().delta(), plan.noiseMultiplier(), cfg.privacy().clipNorm(), plan.samplingRate(),
        plan.trainingExamples(), result.ledger().steps(), cfg.privacy().sampler(), result.ledger().caveats(), result.ledger(),
        tail, calibration);
  }
}
