package org.dpaudit.trainers.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.trainers.checkpoint.CheckpointStore;
import org.dpaudit.trainers.checkpoint.InclusionBits;
import org.dpaudit.trainers.checkpoint.ResumeCheck;
import org.dpaudit.trainers.checkpoint.RunFingerprint;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.DropoutLayer;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.StepContext;
import org.dpaudit.trainers.schemes.StepGradient;

/**
 * The one training loop every scheme runs in: sample a batch, compute per-example gradients, let
 * the scheme clip and noise them, take an optimizer step, record the step in the ledger.
 *
 * <p>Each step runs in its own {@code NDScope}, so its temporaries are freed; parameters and
 * optimizer state are updated in place. The ledger gets one event per step, whether or not the
 * sampled batch was empty (the mechanism ran either way). Checkpoints are written every {@code
 * checkpointEvery} steps and at the end.
 */
public final class DpTrainer {
  private final TrainingConfig config;
  private final Dataset train;
  private final Dataset test;
  private final DpModel model;
  private final DpScheme scheme;
  private final BatchSampler sampler;
  private final NoiseSource noise;
  private final Randomness randomness;
  private final TrainingListener listener;
  private final ToDoubleFunction<PrivacyLedger> epsilonSoFar;
  private final CheckpointStore checkpoints;
  private final String configSha256;
  private final RunFingerprint fingerprint;
  private final List<InclusionBits> inclusion;
  private final boolean evaluate;
  private final List<String> runCaveats;

  private DpTrainer(Builder b) {
    this.config = b.config;
    this.train = b.train;
    this.test = b.test;
    this.model = b.model;
    this.scheme = b.scheme;
    this.sampler = b.sampler;
    this.noise = b.noise;
    this.randomness = b.randomness;
    this.listener = b.listener;
    this.epsilonSoFar = b.epsilonSoFar;
    this.checkpoints = b.checkpoints;
    this.configSha256 = b.configSha256;
    this.fingerprint = b.fingerprint;
    this.inclusion = List.copyOf(b.inclusion);
    this.evaluate = b.evaluate;
    this.runCaveats = List.copyOf(b.caveats);
  }

  /** A builder: {@code set*} are required, {@code opt*} optional (DJL's convention). */
  public static Builder builder() {
    return new Builder();
  }

  /** The plan this trainer runs. */
  public TrainingPlan plan() {
    long perEpoch = sampler.stepsPerEpoch();
    double sigma = scheme.noiseMultiplier();
    return new TrainingPlan((int) Math.round(sampler.expectedBatchSize() / sampler.samplingRate()),
        sampler.samplingRate(), perEpoch, perEpoch * config.optim().epochs(), sigma, model.parameterCount());
  }

  /** Trains from the start, or from {@code resume} when given. */
  public TrainingResult train(CheckpointState resume) {
    TrainingPlan plan = plan();
    List<Parameter> params = model.network().parameters();
    Optimizer optimizer = new Optimizer(config.optim().optimizer(), config.optim().momentum(), params, model.manager());
    PrivacyLedger ledger = initialLedger();
    List<EpochMetrics> history = new ArrayList<>();
    long start = 0;
    double lossSum = 0;
    long lossCount = 0;
    boolean ledgerToCheck = false;
    if (resume != null) {
      ResumeCheck.consistent(resume, plan);
      ledgerToCheck = !checkLedger(resume, false);
      restore(resume, params, optimizer);
      ledger = resume.ledger();
      history.addAll(resume.history());
      start = resume.nextStep();
      lossSum = resume.lossSum();
      lossCount = resume.lossCount();
    }
    seedDropout();
    listener.started(plan);
    long t0 = System.nanoTime();
    double secondsBefore = history.isEmpty() ? 0 : history.get(history.size() - 1).seconds();
    List<Double> stepMillis = new ArrayList<>();
    for (long step = start; step < plan.totalSteps(); step++) {
      long s0 = System.nanoTime();
      double[] loss = step(step, plan, params, optimizer);
      stepMillis.add((System.nanoTime() - s0) / 1e6);
      ledger = ledger.append(scheme.stepEvent(step));
      if (ledgerToCheck) {
        ledgerToCheck = !checkLedger(resume, true);
      }
      lossSum += loss[0];
      lossCount += (long) loss[1];
      listener.stepDone(step, plan.totalSteps(), loss[1] > 0 ? loss[0] / loss[1] : Double.NaN);
      boolean epochEnd = (step + 1) % plan.stepsPerEpoch() == 0;
      if (epochEnd && evaluate) {
        EpochMetrics m = evaluate((int) ((step + 1) / plan.stepsPerEpoch()), step + 1,
            lossCount > 0 ? lossSum / lossCount : Double.NaN, ledger, secondsBefore + (System.nanoTime() - t0) / 1e9);
        history.add(m);
        listener.epochDone(m, plan.totalSteps());
        lossSum = 0;
        lossCount = 0;
      }
      long every = config.checkpointEvery() > 0 ? config.checkpointEvery() : plan.stepsPerEpoch();
      boolean due = (step + 1) % every == 0;
      if (checkpoints != null && (due || step + 1 == plan.totalSteps())) {
        saveCheckpoint(step + 1, ledger, optimizer, lossSum, lossCount, history, params);
        listener.checkpointed(step + 1);
      }
    }
    double trainAcc = evaluate ? Evaluator.accuracy(model.network(), model.manager(), train) : Double.NaN;
    double testAcc = evaluate ? Evaluator.accuracy(model.network(), model.manager(), test) : Double.NaN;
    return new TrainingResult(ledger, history, trainAcc, testAcc, secondsBefore + (System.nanoTime() - t0) / 1e9,
        median(stepMillis), start);
  }

  /**
   * One step: sample, per-example gradients, privatise, update. Returns {sum of losses, batch
   * size}.
   */
  double[] step(long step, TrainingPlan plan, List<Parameter> params, Optimizer optimizer) {
    try (NDScope scope = new NDScope()) {
      NDManager m = model.manager();
      int[] batch = sampler.batch(step);
      double lr = config.optim().lrSchedule().at(config.optim().learningRate(), step, plan.totalSteps());
      NDArray x = batch.length == 0 ? null : Evaluator.batch(m, train, batch);
      NDArray y = batch.length == 0 ? null : Evaluator.labels(m, train, batch);
      StepContext ctx = new StepContext(step, params, m, noise, sampler.expectedBatchSize(), x, y, model.network(),
          batch);
      NDList grads;
      double lossSum = 0;
      if (!scheme.isPrivate()) {
        if (batch.length == 0) {
          return new double[] {0, 0};
        }
        NDArray[] losses = new NDArray[1];
        grads = model.network().meanLossGradients(x, y, losses);
        lossSum = losses[0].sum().getFloat();
      } else {
        StepGradient g = scheme.gradient(ctx);
        grads = g.gradient();
        lossSum = g.lossSum();
      }
      optimizer.step(params, grads, lr);
      return new double[] {lossSum, batch.length};
    }
  }

  /**
   * Checks the resumed checkpoint's ledger against this run's replay of it; returns false when the
   * scheme cannot describe its steps yet (ICGC-DP knows its layer groups only after a first step), so
   * the check is made after the first resumed step.
   */
  private boolean checkLedger(CheckpointState resume, boolean afterAStep) {
    try {
      ResumeCheck.ledgerMatches(resume, this::ledgerAfter);
      return true;
    } catch (IllegalStateException notYet) {
      if (afterAStep) {
        throw notYet;
      }
      return false;
    }
  }

  /** The ledger this trainer produces in its first {@code steps} steps (for checking a checkpoint). */
  PrivacyLedger ledgerAfter(long steps) {
    PrivacyLedger ledger = initialLedger();
    for (long s = 0; s < steps; s++) {
      ledger = ledger.append(scheme.stepEvent(s));
    }
    return ledger;
  }

  private PrivacyLedger initialLedger() {
    PrivacyLedger ledger = PrivacyLedger.empty();
    for (String c : scheme.caveats()) {
      ledger = ledger.withCaveat(c);
    }
    for (String c : runCaveats) {
      ledger = ledger.withCaveat(c);
    }
    if (scheme.isPrivate() && config.privacy().sampler() == SamplerKind.SHUFFLE) {
      ledger = ledger.withCaveat("this run used shuffled fixed-size batches, but the accountant's epsilon assumes "
          + "Poisson sampling (a known gap: Chua et al. 2024); treat the epsilon as optimistic");
    }
    return ledger;
  }

  private EpochMetrics evaluate(int epoch, long steps, double meanLoss, PrivacyLedger ledger, double seconds) {
    double trainAcc = Evaluator.accuracy(model.network(), model.manager(), train);
    double testAcc = Evaluator.accuracy(model.network(), model.manager(), test);
    double eps = scheme.isPrivate() ? epsilonSoFar.applyAsDouble(ledger) : Double.POSITIVE_INFINITY;
    return new EpochMetrics(epoch, steps, meanLoss, trainAcc, testAcc, eps, seconds);
  }

  private void saveCheckpoint(long nextStep, PrivacyLedger ledger, Optimizer optimizer, double lossSum, long lossCount,
      List<EpochMetrics> history, List<Parameter> params) {
    NDList arrays = new NDList();
    for (Parameter p : params) {
      arrays.add(p.getArray());
    }
    CheckpointState state = new CheckpointState(CheckpointState.SCHEMA_VERSION, "checkpoint", nextStep, configSha256,
        ledger, optimizer.updates(), lossSum, lossCount, history, randomness.describe(), null, null, fingerprint,
        inclusion);
    checkpoints.save(state, arrays, optimizer.state());
  }

  private void restore(CheckpointState resume, List<Parameter> params, Optimizer optimizer) {
    try (NDManager tmp = model.manager().newSubManager()) {
      NDList saved = checkpoints.read(resume.parameters(), tmp);
      for (int i = 0; i < params.size(); i++) {
        org.dpaudit.trainers.nn.ArrayValues.copyInto(params.get(i).getArray(), saved.get(i).toFloatArray());
      }
      optimizer.restore(checkpoints.read(resume.optimizer(), tmp), resume.optimizerUpdates());
    }
  }

  private void seedDropout() {
    for (DpLayer l : model.network().layers()) {
      if (l instanceof DropoutLayer d) {
        d.setRandom(randomness.stream("dropout"));
      }
    }
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Builds a {@link DpTrainer}. */
  public static final class Builder {
    private TrainingConfig config;
    private Dataset train;
    private Dataset test;
    private DpModel model;
    private DpScheme scheme;
    private BatchSampler sampler;
    private NoiseSource noise;
    private Randomness randomness;
    private TrainingListener listener = TrainingListener.SILENT;
    private ToDoubleFunction<PrivacyLedger> epsilonSoFar = l -> Double.NaN;
    private CheckpointStore checkpoints;
    private String configSha256 = "";
    private RunFingerprint fingerprint;
    private final List<InclusionBits> inclusion = new ArrayList<>();
    private boolean evaluate = true;
    private final List<String> caveats = new ArrayList<>();

    public Builder setConfig(TrainingConfig c) {
      this.config = c;
      return this;
    }

    /** The examples to train on (the members) and the test set for utility. */
    public Builder setData(Dataset trainOn, Dataset testOn) {
      this.train = trainOn;
      this.test = testOn;
      return this;
    }

    public Builder setModel(DpModel m) {
      this.model = m;
      return this;
    }

    public Builder setScheme(DpScheme s) {
      this.scheme = s;
      return this;
    }

    public Builder setSampler(BatchSampler s) {
      this.sampler = s;
      return this;
    }

    public Builder setNoise(NoiseSource n) {
      this.noise = n;
      return this;
    }

    public Builder setRandomness(Randomness r) {
      this.randomness = r;
      return this;
    }

    public Builder optListener(TrainingListener l) {
      this.listener = l;
      return this;
    }

    /** How to report the epsilon spent so far at each epoch (e.g. the RDP accountant). */
    public Builder optEpsilonSoFar(ToDoubleFunction<PrivacyLedger> f) {
      this.epsilonSoFar = f;
      return this;
    }

    /** Where to write checkpoints, and the fingerprint of the configuration they belong to. */
    public Builder optCheckpoints(CheckpointStore store, String configFingerprint) {
      this.checkpoints = store;
      this.configSha256 = configFingerprint;
      return this;
    }

    /**
     * What the checkpoints record of the run besides its arrays: the fingerprint a resume must match,
     * and the canaries' inclusion bits (drawn once, restored on resume).
     */
    public Builder optRunIdentity(RunFingerprint runFingerprint, List<InclusionBits> inclusionBits) {
      this.fingerprint = runFingerprint;
      this.inclusion.addAll(inclusionBits);
      return this;
    }

    /** Whether to measure accuracy each epoch and at the end (off for shadow models). */
    public Builder optEvaluation(boolean on) {
      this.evaluate = on;
      return this;
    }

    /**
     * What the run's set-up adds to the ledger's caveats beyond the scheme's own (e.g. an input
     * projection fitted on the private training data).
     */
    public Builder optCaveats(List<String> runCaveats) {
      this.caveats.addAll(runCaveats);
      return this;
    }

    public DpTrainer build() {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(train, "train data");
      Objects.requireNonNull(test, "test data");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(sampler, "sampler");
      Objects.requireNonNull(noise, "noise");
      Objects.requireNonNull(randomness, "randomness");
      return new DpTrainer(this);
    }
  }
}
