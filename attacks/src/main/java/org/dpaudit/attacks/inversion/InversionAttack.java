package org.dpaudit.attacks.inversion;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.Targets;
import org.dpaudit.attacks.target.WhiteBoxTarget;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.BatchSampler;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.DpTrainer;
import org.dpaudit.trainers.loop.Evaluator;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.trainers.schemes.NonPrivateScheme;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * Runs model inversion against a run directory and judges the reconstructions: similarity (MSE,
 * SSIM) to the class means of the members, and whether an independent classifier, trained on the
 * attacker pool only, recognises each reconstruction as its class. Writes PNGs and {@code
 * attacks/inversion.json}.
 */
public final class InversionAttack {
  /** Epochs of the independent evaluation classifier (non-private MLP on the attacker pool). */
  static final int EVALUATOR_EPOCHS = 5;

  private InversionAttack() {}

  /** Runs the attack, holding the run's lock; {@code seed} null means secure randomness. */
  public static InversionRecord run(Path runPath, ModelInversion.Options options, Long seed, Device device,
      Consumer<String> progress) {
    return RunDirectory.locked(runPath, () -> runLocked(runPath, options, seed, device, progress));
  }

  private static InversionRecord runLocked(Path runPath, ModelInversion.Options options, Long seed, Device device,
      Consumer<String> progress) {
    Instant created = Instant.now();
    LoadedRun run = LoadedRun.open(runPath, progress);
    Randomness randomness = seed == null ? Randomness.secure() : Randomness.seeded(seed);
    Dataset members = run.members();
    int[] shape = members.exampleShape();
    List<String> names = members.classNames();
    ModelInversion.Reconstructions rec;
    float[] targetProbability;
    try (Target target = Targets.of(run, device)) {
      if (!options.blackBox() && !(target instanceof WhiteBoxTarget)) {
        throw new InvalidInputException(target.describe() + " gives no input gradients, which white-box inversion "
            + "needs: import the model's TorchScript export (--torchscript), or run inversion with --black-box");
      }
      progress.accept("inverting " + target.numClasses() + " classes (" + (options.blackBox() ? "black" : "white")
          + " box) ...");
      rec = ModelInversion.run(target, shape, names, options, randomness.stream("inversion"), progress);
      targetProbability = classProbabilities(target, rec.images(), shape, names);
    }
    progress.accept("training the independent evaluation classifier on the attacker pool ...");
    int[] predictions;
    double evaluatorTest;
    try (DpModel evaluator = trainEvaluator(run, device, randomness.child("inversion/evaluator"))) {
      Dataset recon = reconstructionDataset(rec.images(), shape, names);
      int[] all = java.util.stream.IntStream.range(0, recon.size()).toArray();
      predictions = argmax(Evaluator.logits(evaluator.network(), evaluator.manager(), recon, all), names.size());
      evaluatorTest = Evaluator.accuracy(evaluator.network(), evaluator.manager(), run.test());
    }
    return write(run, rec, classMeans(members), targetProbability, predictions, evaluatorTest, options, seed, created,
        randomness, device);
  }

  private static InversionRecord write(LoadedRun run, ModelInversion.Reconstructions rec, float[][] means,
      float[] targetProbability, int[] predictions, double evaluatorTest, ModelInversion.Options options, Long seed,
      Instant created, Randomness randomness, Device device) {
    RunDirectory dir = run.directory();
    int[] shape = run.members().exampleShape();
    List<String> names = run.members().classNames();
    List<InversionRecord.ClassResult> classes = new ArrayList<>();
    double mse = 0;
    double ssim = 0;
    int correct = 0;
    for (int c = 0; c < rec.images().length; c++) {
      String img = RunLayout.inversionImage("class-" + c + ".png");
      String mean = RunLayout.inversionImage("mean-" + c + ".png");
      Png.write(dir.resolve(img), rec.images()[c], shape);
      Png.write(dir.resolve(mean), means[c], shape);
      double m = ImageMetrics.mse(rec.images()[c], means[c]);
      double s = ImageMetrics.ssim(rec.images()[c], means[c], shape);
      mse += m;
      ssim += s;
      correct += predictions[c] == c ? 1 : 0;
      classes.add(new InversionRecord.ClassResult(c, names.get(c), targetProbability[c], m, s, predictions[c],
          ArtifactRef.of(dir.resolve(img), img), ArtifactRef.of(dir.resolve(mean), mean)));
    }
    int k = rec.images().length;
    Provenance prov = Provenance.of("attack", Map.of("attack", "inversion", "options", options),
        List.of(ArtifactRef.of(dir.resolve(RunLayout.RUN_JSON), RunLayout.RUN_JSON)),
        EnvironmentInfo.current(Engines.describe(), device.toString()), randomness.describe(), created);
    InversionRecord out = new InversionRecord(InversionRecord.SCHEMA_VERSION, AttackRecord.KIND, "inversion",
        run.record().name(), prov, rec.whiteBox(), rec.queries(), mse / k, ssim / k, (double) correct / k, evaluatorTest,
        classes);
    dir.writeJson(RunLayout.INVERSION_JSON, out);
    return out;
  }

  /** The members' mean image of each class. */
  static float[][] classMeans(Dataset members) {
    int d = members.featureSize();
    float[][] sums = new float[members.numClasses()][d];
    int[] counts = new int[members.numClasses()];
    for (int i = 0; i < members.size(); i++) {
      float[] x = members.example(i);
      int c = members.label(i);
      counts[c]++;
      for (int j = 0; j < d; j++) {
        sums[c][j] += x[j];
      }
    }
    for (int c = 0; c < sums.length; c++) {
      for (int j = 0; j < d; j++) {
        sums[c][j] /= Math.max(1, counts[c]);
      }
    }
    return sums;
  }

  private static float[] classProbabilities(Target target, float[][] images, int[] shape, List<String> names) {
    Dataset recon = reconstructionDataset(images, shape, names);
    int[] all = java.util.stream.IntStream.range(0, recon.size()).toArray();
    double[] p = Confidence.trueClassProbability(target.logits(recon, all), names.size(), recon.labels());
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (float) p[i];
    }
    return out;
  }

  private static Dataset reconstructionDataset(float[][] images, int[] shape, List<String> names) {
    int d = images[0].length;
    float[] f = new float[images.length * d];
    int[] labels = new int[images.length];
    for (int c = 0; c < images.length; c++) {
      System.arraycopy(images[c], 0, f, c * d, d);
      labels[c] = c;
    }
    return new Dataset("reconstructions", f, labels, shape, names);
  }

  private static int[] argmax(float[] logits, int k) {
    int[] out = new int[logits.length / k];
    for (int i = 0; i < out.length; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (logits[i * k + c] > logits[i * k + best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** A non-private MLP trained on the attacker pool: it never saw a member. */
  static DpModel trainEvaluator(LoadedRun run, Device device, Randomness r) {
    Dataset pool = run.attackerPool();
    var spec = ModelZoo.get("mlp", pool.exampleShape(), pool.numClasses());
    TrainingConfig cfg = new TrainingConfig("mlp", new DataConfig("attacker-pool", null, null, new SplitSpec()),
        new OptimConfig(EVALUATOR_EPOCHS, 128, OptimizerKind.SGD, 0.1, 0.9, LrSchedule.CONSTANT),
        new PrivacyConfig(Schemes.NON_PRIVATE.name(), 1.0, null, null, 1e-5, SamplerKind.SHUFFLE, Map.of()), ConvGradMethod.AUTO, 0);
    DpModel model = DpModel.create(spec, device, ConvGradMethod.AUTO, r.stream("init"));
    try (NoiseSource noise = new NoiseSource(r, false)) {
      BatchSampler sampler = new BatchSampler(SamplerKind.SHUFFLE, pool.size(), 128, r);
      DpTrainer.builder().setConfig(cfg).setData(pool, pool.subset("none", new int[0])).setModel(model)
          .setScheme(new NonPrivateScheme(1e-5)).setSampler(sampler).setNoise(noise).setRandomness(r)
          .optEvaluation(false).build().train(null);
    }
    return model;
  }
}
