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
    if (resume != null) {
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
    try (EpochEvaluator evaluator = evaluate ? new EpochEvaluator(model, train, test) : null) {
      for (long step = start; step < plan.totalSteps(); step++) {
        long s0 = System.nanoTime();
        double[] loss = step(step, plan, params, optimizer);
        stepMillis.add((System.nanoTime() - s0) / 1e6);
        ledger = ledger.append(scheme.stepEvent(step));
        lossSum += loss[0];
        lossCount += (long) loss[1];
        listener.stepDone(step, plan.totalSteps(), loss[1] > 0 ? loss[0] / loss[1] : Double.NaN);
        boolean epochEnd = (step + 1) % plan.stepsPerEpoch() == 0;
        if (epochEnd && evaluate) {
          PrivacyLedger spent = ledger; // immutable: the background thread accounts for this epoch's ledger
          int epoch = (int) ((step + 1) / plan.stepsPerEpoch());
          double meanLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
          double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
          evaluator.submit(epoch, step + 1, meanLoss,
              () -> scheme.isPrivate() ? epsilonSoFar.applyAsDouble(spent) : Double.POSITIVE_INFINITY, seconds);
          // In the history (and any checkpoint) now; its accuracies and epsilon when the evaluation ends.
          history.add(new EpochMetrics(epoch, step + 1, meanLoss, Double.NaN, Double.NaN, Double.NaN, seconds));
          lossSum = 0;
          lossCount = 0;
        }
        if (evaluate) {
          // The last epoch's metrics belong in the final checkpoint: wait for them there.
          report(step + 1 == plan.totalSteps() ? evaluator.awaitAll() : evaluator.finished(), history, plan);
        }
        long every = config.checkpointEvery() > 0 ? config.checkpointEvery() : plan.stepsPerEpoch();
        boolean due = (step + 1) % every == 0;
        if (checkpoints != null && (due || step + 1 == plan.totalSteps())) {
          saveCheckpoint(step + 1, ledger, optimizer, lossSum, lossCount, history, params);
          listener.checkpointed(step + 1);
        }
      }
      double[] acc = evaluate ? finalAccuracy(evaluator, history, plan) : new double[] {Double.NaN, Double.NaN};
      return new TrainingResult(ledger, history, acc[0], acc[1], secondsBefore + (System.nanoTime() - t0) / 1e9,
          median(stepMillis), start, evaluate ? evaluator.trainExamples() : 0);
    }
  }

  /** Puts finished evaluations in place of their epochs' entries, and reports them. */
  private void report(List<EpochMetrics> finished, List<EpochMetrics> history, TrainingPlan plan) {
    for (EpochMetrics m : finished) {
      for (int i = history.size() - 1; i >= 0; i--) {
        if (history.get(i).steps() == m.steps()) {
          history.set(i, m);
          break;
        }
      }
      listener.epochDone(m, plan.totalSteps());
    }
  }

  /**
   * Final (train sample, test) accuracy: the last epoch's, which measured these very parameters,
   * or measured now when the run did not end on an epoch's evaluation.
   */
  private static double[] finalAccuracy(EpochEvaluator evaluator, List<EpochMetrics> history, TrainingPlan plan) {
    EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
    if (last != null && last.steps() == plan.totalSteps()) {
      return new double[] {last.trainAccuracy(), last.testAccuracy()};
    }
    return evaluator.accuracyNow();
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

  private void saveCheckpoint(long nextStep, PrivacyLedger ledger, Optimizer optimizer, double lossSum, long lossCount,
      List<EpochMetrics> history, List<Parameter> params) {
    NDList arrays = new NDList();
    for (Parameter p : params) {
      arrays.add(p.getArray());
    }
    CheckpointState state = new CheckpointState(CheckpointState.SCHEMA_VERSION, "checkpoint", nextStep, configSha256,
        ledger, optimizer.updates(), lossSum, lossCount, history, randomness.describe(), null, null);
    checkpoints.save(state, arrays, optimizer.state());
  }

  private void restore(CheckpointState resume, List<Parameter> params, Optimizer optimizer) {
    try (NDManager tmp = model.manager().newSubManager()) {
      NDList saved = checkpoints.read(resume.parameters(), tmp);
      for (int i = 0; i < params.size(); i++) {
        params.get(i).getArray().set(saved.get(i).toFloatArray());
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
     * Whether to measure accuracy each epoch and at the end (off for shadow models): on a copy of
     * the parameters, on a background thread, the train accuracy on at most 10,000 members.
     */
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
