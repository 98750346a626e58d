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
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.privacy.ReleaseModel;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.trainers.canary.GradientCanaries;
import org.dpaudit.trainers.canary.ReplayRecord;
import org.dpaudit.trainers.canary.ResidualStats;
import org.dpaudit.trainers.canary.WhiteBoxRecorder;
import org.dpaudit.trainers.checkpoint.CheckpointStore;
import org.dpaudit.trainers.checkpoint.InclusionBits;
import org.dpaudit.trainers.checkpoint.ResumeCheck;
import org.dpaudit.trainers.checkpoint.RunFingerprint;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.DropoutLayer;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.noise.NoisyGradient;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.optim.ParameterAverage;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.NoisySumScheme;
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
 *
 * <p>With white-box canaries ({@link GradientCanaries}) the sampler's population is the real
 * examples followed by the included canaries; a step's sampled canaries become gradient rows on the
 * audit tensor, which the scheme releases with the model's parameters. The trainer takes the audit
 * tensor's released values off before the optimizer step and hands them to a {@link
 * WhiteBoxRecorder}; at a few replay steps of schemes whose release is {@link NoisySumScheme#replayable()},
 * it runs the release a second time with the noise switched off and records each tensor's noise.
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
  private final GradientCanaries whiteBox;
  private final WhiteBoxRecorder recorder;
  private final int[] includedCanaries;
  private final boolean unaccountedRelease;

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
    this.whiteBox = b.whiteBox;
    this.recorder = b.recorder;
    this.includedCanaries = whiteBox == null ? null : whiteBox.includedCoordinates();
    this.unaccountedRelease = b.unaccountedRelease;
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
        sampler.samplingRate(), perEpoch, config.optim().totalSteps(perEpoch), sigma, model.parameterCount());
  }

  /** Trains from the start, or from {@code resume} when given. */
  public TrainingResult train(CheckpointState resume) {
    TrainingPlan plan = plan();
    List<Parameter> params = model.network().parameters();
    Optimizer optimizer = new Optimizer(config.optim().optimizer(), config.optim().momentum(), params, model.manager());
    // The averaged iterates a run evaluates and releases when asked (post-processing of the noisy iterates).
    ParameterAverage average = config.optim().emaDecay() == null ? null
        : new ParameterAverage(config.optim().emaDecay(), arrays(params), model.manager());
    PrivacyLedger ledger = initialLedger();
    List<EpochMetrics> history = new ArrayList<>();
    long start = 0;
    double lossSum = 0;
    long lossCount = 0;
    boolean ledgerToCheck = false;
    if (resume != null) {
      ResumeCheck.consistent(resume, plan);
      ledgerToCheck = !checkLedger(resume, false);
      restore(resume, params, optimizer, average);
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
    List<Parameter> released = releasedParameters(params);
    if (recorder != null && recorder.steps() != start) {
      throw new IllegalStateException("the white-box recorder holds " + recorder.steps() + " steps; resuming at " + start);
    }
    try (EpochEvaluator evaluator = evaluate ? new EpochEvaluator(model, train, test, average) : null) {
      for (long step = start; step < plan.totalSteps(); step++) {
        long s0 = System.nanoTime();
        StepOutcome out = step(step, plan, params, released, optimizer);
        if (average != null) {
          average.update(arrays(params)); // every step, a skipped one included: the average counts steps
        }
        stepMillis.add((System.nanoTime() - s0) / 1e6);
        DpEvent event = scheme.stepEvent(step);
        ledger = ledger.append(ledgerEvent(step));
        if (ledgerToCheck) {
          ledgerToCheck = !checkLedger(resume, true);
        }
        if (out.audit() != null) {
          recorder.record(step, out.audit(), event, auditUnit(step));
        }
        lossSum += out.lossSum();
        lossCount += out.examples();
        listener.stepDone(step, plan.totalSteps(), out.examples() > 0 ? out.lossSum() / out.examples() : Double.NaN);
        boolean epochEnd = (step + 1) % plan.stepsPerEpoch() == 0;
        if (epochEnd && evaluate) {
          PrivacyLedger spent = ledger; // immutable: the background thread accounts for this epoch's ledger
          int epoch = (int) ((step + 1) / plan.stepsPerEpoch());
          double meanLoss = lossCount > 0 ? lossSum / lossCount : Double.NaN;
          double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
          evaluator.submit(epoch, step + 1, meanLoss,
              () -> scheme.claim().claimsPrivacy() ? epsilonSoFar.applyAsDouble(spent) : Double.POSITIVE_INFINITY, seconds);
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
          saveCheckpoint(step + 1, ledger, optimizer, average, lossSum, lossCount, history, params);
          listener.checkpointed(step + 1);
        }
      }
      if (average != null) {
        average.copyInto(arrays(params)); // the model released from here on is the average
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
   * What one step leaves behind.
   *
   * @param lossSum the real examples' summed loss (progress only; never released)
   * @param examples the number of real examples in the batch
   * @param audit the audit tensor's released values, or null without white-box canaries
   */
  record StepOutcome(double lossSum, int examples, float[] audit) {}

  /** The model's parameters, then the audit tensor when the run has white-box canaries. */
  private List<Parameter> releasedParameters(List<Parameter> params) {
    if (whiteBox == null) {
      return params;
    }
    ai.djl.ndarray.NDArray zeros = model.manager().zeros(new ai.djl.ndarray.types.Shape(whiteBox.auditSize()));
    List<Parameter> out = new ArrayList<>(params);
    out.add(Parameter.builder().setName("audit").setType(Parameter.Type.OTHER).optArray(zeros)
        .optRequiresGrad(false).build());
    return List.copyOf(out);
  }

  /** The per-example sensitivity of the released estimate at {@code step}, or NaN when the scheme has none. */
  private double auditUnit(long step) {
    java.util.OptionalDouble s = scheme.sumSensitivity(step);
    return s.isPresent() ? s.getAsDouble() / sampler.expectedBatchSize() : Double.NaN;
  }

  /** One step: sample, per-example gradients, privatise, update. */
  StepOutcome step(long step, TrainingPlan plan, List<Parameter> params, List<Parameter> released,
      Optimizer optimizer) {
    try (NDScope scope = new NDScope()) {
      NDManager m = model.manager();
      int[] positions = sampler.batch(step);
      int real = realExamples(positions, train.size());
      int[] batch = real == positions.length ? positions : Arrays.copyOf(positions, real);
      double lr = config.optim().lrSchedule().at(config.optim().learningRate(), step, plan.totalSteps());
      NDArray x = batch.length == 0 ? null : Evaluator.batch(m, train, batch);
      NDArray y = batch.length == 0 ? null : Evaluator.labels(m, train, batch);
      CanaryRows rows = whiteBox == null ? null
          : whiteBox.rows(positions, real, train.size(), includedCanaries, model.network().parameterisedLayers() - 1);
      StepContext ctx = new StepContext(step, released, m, noise, sampler.expectedBatchSize(), x, y, model.network(),
          batch, rows);
      NoisyGradient release;
      double lossSum;
      if (rows != null && scheme instanceof NoisySumScheme s && s.replayable() && recorder.isReplayStep(step)) {
        PerSampleGradients g = ctx.perSampleGradients();
        NDList grads = s.privatize(g, ctx);
        NDList quiet = s.privatize(g, ctx.withNoise(NoiseSource.silent()));
        recorder.replayed(residuals(step, released, grads, quiet));
        release = NoisyGradient.released(grads);
        lossSum = g.lossSum();
      } else {
        StepGradient g = scheme.gradient(ctx);
        if (g.isSkipped()) {
          return new StepOutcome(0, 0, null);
        }
        release = g.release();
        lossSum = g.lossSum();
      }
      // The update takes the model's arrays; what is released beyond them (the audit tensor) comes
      // back noisy from the same pass.
      NDList rest = optimizer.step(params, release, lr);
      float[] audit = null;
      if (rows != null) {
        audit = rest.get(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      }
      return new StepOutcome(lossSum, batch.length, audit);
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
      ledger = ledger.append(ledgerEvent(s));
    }
    return ledger;
  }

  /**
   * What step {@code step} adds to the ledger: the scheme's event, and for the first step of a run
   * that releases something no event covers (an input projection fitted on the private members,
   * released with the model) a non-private release beside it: the accountants then prove no finite
   * epsilon, and a recomputation from the ledger agrees by construction.
   */
  DpEvent ledgerEvent(long step) {
    DpEvent e = scheme.stepEvent(step);
    return step == 0 && unaccountedRelease ? new DpEvent.Composed(List.of(e, new DpEvent.NonPrivate())) : e;
  }

  /**
   * Tensor {@code i} of the release as a reader can find it: {@code layer<l>.<name>} for the model's
   * parameters (l counts the layers with parameters from 1), {@code audit} for the audit tensor.
   */
  private String tensorName(int i, List<Parameter> released) {
    int index = 0;
    int layer = 0;
    for (DpLayer l : model.network().layers()) {
      if (l.parameters().isEmpty()) {
        continue;
      }
      layer++;
      for (Parameter p : l.parameters()) {
        if (index++ == i) {
          return "layer" + layer + "." + p.getName();
        }
      }
    }
    return released.get(i).getName();
  }

  /** The number of sampled positions below {@code n} (positions are ascending; those at n and above are canaries). */
  static int realExamples(int[] positions, int n) {
    int k = Arrays.binarySearch(positions, n);
    return k >= 0 ? k : -k - 1;
  }

  /**
   * Each released tensor's noise at a replayed step: the released values minus those released with
   * the noise switched off, divided by the noise the ledger states for one coordinate (the step's
   * noise multiplier times the per-example sensitivity of the released estimate).
   */
  private ReplayRecord residuals(long step, List<Parameter> released, NDList noisy, NDList quiet) {
    double unit = auditUnit(step);
    var model = ReleaseModel.of(scheme.stepEvent(step));
    if (!(unit > 0) || model.isEmpty() || model.get().noise() != ReleaseModel.Noise.GAUSSIAN) {
      throw new IllegalStateException(scheme.name() + " is replayable but states no Gaussian noise scale at step " + step);
    }
    double std = model.get().scale() * unit;
    List<ResidualStats> out = new ArrayList<>();
    for (int i = 0; i < noisy.size(); i++) {
      NDArray r = noisy.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
          .sub(quiet.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)).div(std);
      out.add(new ResidualStats(tensorName(i, released), r.size(), r.sum().getDouble(),
          r.square().sum().getDouble()));
    }
    return new ReplayRecord(step, out);
  }

  private PrivacyLedger initialLedger() {
    PrivacyLedger ledger = PrivacyLedger.empty();
    for (String c : scheme.caveats()) {
      ledger = ledger.withCaveat(c);
    }
    for (String c : runCaveats) {
      ledger = ledger.withCaveat(c);
    }
    if (scheme.claim().claimsPrivacy() && config.privacy().sampler() == SamplerKind.SHUFFLE) {
      ledger = ledger.withCaveat("this run used shuffled fixed-size batches, but the accountant's epsilon assumes "
          + "Poisson sampling (a known gap: Chua et al. 2024); treat the epsilon as optimistic");
    }
    return ledger;
  }

  private void saveCheckpoint(long nextStep, PrivacyLedger ledger, Optimizer optimizer, ParameterAverage average,
      double lossSum, long lossCount, List<EpochMetrics> history, List<Parameter> params) {
    NDList arrays = new NDList();
    for (Parameter p : params) {
      arrays.add(p.getArray());
    }
    CheckpointState state = new CheckpointState(CheckpointState.SCHEMA_VERSION, "checkpoint", nextStep, configSha256,
        ledger, optimizer.updates(), lossSum, lossCount, history, randomness.describe(), null, null, fingerprint,
        inclusion, null);
    NDList optimizerState = optimizer.state();
    if (average != null) {
      optimizerState.addAll(average.state()); // after the optimizer's own arrays
    }
    checkpoints.save(state, arrays, optimizerState, recorder == null ? null : recorder.encode());
  }

  private void restore(CheckpointState resume, List<Parameter> params, Optimizer optimizer, ParameterAverage average) {
    try (NDManager tmp = model.manager().newSubManager()) {
      NDList saved = checkpoints.read(resume.parameters(), tmp);
      for (int i = 0; i < params.size(); i++) {
        org.dpaudit.trainers.nn.ArrayValues.copyInto(params.get(i).getArray(), saved.get(i).toFloatArray());
      }
      NDList state = checkpoints.read(resume.optimizer(), tmp);
      int own = optimizer.state().size();
      if (average == null) {
        optimizer.restore(state, resume.optimizerUpdates());
      } else {
        if (state.size() != own + params.size()) {
          throw new IllegalStateException("the checkpoint's optimizer state has " + state.size()
              + " arrays; with the parameter average there must be " + (own + params.size()));
        }
        optimizer.restore(new NDList(state.subList(0, own)), resume.optimizerUpdates());
        average.restore(state.subList(own, state.size()), resume.nextStep());
      }
    }
  }

  private static List<NDArray> arrays(List<Parameter> params) {
    return params.stream().map(Parameter::getArray).toList();
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
    private GradientCanaries whiteBox;
    private WhiteBoxRecorder recorder;
    private boolean unaccountedRelease;

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

    /**
     * White-box canaries: the sampler's population must be the training data followed by the
     * included canaries; the recorder receives every step's audit tensor (restored from the
     * checkpoint on resume).
     */
    public Builder optWhiteBox(GradientCanaries canaries, WhiteBoxRecorder rec) {
      this.whiteBox = canaries;
      this.recorder = rec;
      return this;
    }

    /**
     * Whether the run releases something beside its steps that no ledger event covers (an input
     * projection fitted on the private members): recorded as a non-private release with the first step.
     */
    public Builder optUnaccountedRelease(boolean on) {
      this.unaccountedRelease = on;
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
      if ((whiteBox == null) != (recorder == null)) {
        throw new IllegalArgumentException("white-box canaries need a recorder, and a recorder needs canaries");
      }
      if (whiteBox != null && !scheme.claim().claimsPrivacy()) {
        throw new org.dpaudit.core.InvalidInputException("white-box canaries audit a private scheme's noisy release; "
            + scheme.name() + " releases its gradients without noise (use --canary-kind mislabeled for a black-box audit)");
      }
      return new DpTrainer(this);
    }
  }
}
