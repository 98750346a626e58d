package org.dpaudit.trainers.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.loop.TrainingPlan;
import org.dpaudit.trainers.nn.InputStandardization;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * Time to accuracy, the figure users feel: the MNIST CNN trained with DP-SGD exactly as Opacus'
 * peer run was (shared/research/peer-baseline.md, section 1d: SampleConvNet with tanh, epsilon 2 at
 * delta 1e-5, Poisson sampling of expected batch 256, clip 1, SGD at learning rate 0.5, test
 * accuracy on the 10,000 test images after every epoch), through dpaudit's own {@code train} code
 * path, timed from the start of the JVM to the written run directory.
 *
 * <p>Every departure from Opacus' recipe is a setting, and {@link #differencesFromOpacus} names
 * each one for the command to print: the noise may be solved with the PLD accountant (Opacus
 * calibrated with RDP; PLD proves the same epsilon with less noise), the inputs may be left
 * unstandardised, the learning rate, its schedule, SGD's momentum and the clipping norm may differ, and the model
 * evaluated and released may be the moving average of the iterates ({@code train --ema-decay},
 * post-processing). A validation setting trains on 49,000 members and measures on 10,000 held-out
 * training images, for choosing these settings without looking at the test set.
 */
public final class TimeToAccuracy {
  private TimeToAccuracy() {}

  /** Opacus 1.4.0 on this kind of machine, both cores (peer-baseline.md 1d): (epoch, test accuracy, seconds). */
  public static final List<EpochPoint> OPACUS = List.of(
      EpochPoint.test(1, 0.9138, 25.1), EpochPoint.test(2, 0.9476, 48.9), EpochPoint.test(9, 0.9692, 217.3),
      EpochPoint.test(10, 0.9716, 244.9), EpochPoint.test(11, 0.9724, 272.8), EpochPoint.test(14, 0.9739, 358.3),
      EpochPoint.test(15, 0.9743, 385.2));

  /** The recipe's settings that a user may change. */
  /**
   * @param momentum SGD (heavy-ball) momentum as PyTorch's SGD, 0 for none (Opacus' run: none)
   * @param emaDecay the decay of the released moving average of the parameters, or null for the last iterate
   * @param validation measure on 10,000 training images outside the split (49,000 members then) instead
   *     of the test set: for choosing a recipe without looking at the test set
   */
  public record Settings(int epochs, double epsilon, AccountantKind calibrateWith, String normalize,
      LrSchedule lrSchedule, double lr, double momentum, double clip, Double emaDecay, boolean validation, Long seed, Path out,
      DeviceChoice device) {
    /** Members trained on: 59,000 as Opacus' run, 49,000 when 10,000 training images are held out for validation. */
    public int members() {
      return validation ? 49_000 : 59_000;
    }
  }

  /**
   * An epoch's accuracy and the wall time at which it was known. The accuracy is named after the
   * split it was measured on, so that a validation run's JSON cannot be read as test accuracy: one
   * of {@code testAccuracy} and {@code validationAccuracy} is set, the other null (and not written).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EpochPoint(int epoch, Double testAccuracy, Double validationAccuracy, double seconds) {
    public EpochPoint {
      if ((testAccuracy == null) == (validationAccuracy == null)) {
        throw new IllegalArgumentException("an epoch point has a test or a validation accuracy, one of them");
      }
    }

    /** A test-set accuracy (Opacus' points, a test run's). */
    public static EpochPoint test(int epoch, double accuracy, double seconds) {
      return new EpochPoint(epoch, accuracy, null, seconds);
    }

    /** The accuracy, on whichever split it was measured. */
    @JsonIgnore
    public double accuracy() {
      return testAccuracy != null ? testAccuracy : validationAccuracy;
    }
  }

  /**
   * The outcome.
   *
   * @param testAccuracy the final test accuracy; null for a validation run
   * @param validationAccuracy the final accuracy on the validation split; null unless a validation run
   * @param epochs per epoch: the accuracy and the wall time since the JVM started when it was known
   * @param wallSeconds JVM start to the written run directory
   * @param jvmStartSeconds JVM start to the benchmark's start (engine loading not included)
   * @param trainingSeconds the training loop (steps and the evaluations overlapping them)
   * @param secondsPerEpoch the training loop's time divided by the epochs
   * @param medianStepMillis median DP step
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(String recipe, List<String> differencesFromOpacus, String model, double noiseMultiplier, AccountantKind calibratedWith, double accountantEpsilon,
      Double testAccuracy, Double validationAccuracy, List<EpochPoint> epochs, double wallSeconds, double jvmStartSeconds, double trainingSeconds,
      double secondsPerEpoch, double medianStepMillis, List<EpochPoint> opacus) {
    /** The final accuracy, on whichever split it was measured. */
    @JsonIgnore
    public double accuracy() {
      return testAccuracy != null ? testAccuracy : validationAccuracy;
    }
  }

  /** The dpaudit train command this runs (for the record). */
  public static String command(Settings s) {
    return "dpaudit train --scheme dpsgd --model cnn --normalize " + s.normalize() + " --dataset mnist --members "
        + s.members() + " --non-members 1000 --attacker-pool 0 --test 10000" + (s.validation() ? " --validation" : "")
        + " --epsilon " + s.epsilon() + " --delta 1e-5 --calibrate-with "
        + s.calibrateWith().name().toLowerCase(java.util.Locale.ROOT) + " --clip " + s.clip() + " --batch-size 256 --epochs "
        + s.epochs() + " --lr " + s.lr() + (s.momentum() == 0 ? "" : " --momentum " + s.momentum())
        + (s.lrSchedule().equals(LrSchedule.CONSTANT) ? "" : " --lr-schedule " + s.lrSchedule().id())
        + (s.emaDecay() == null ? "" : " --ema-decay " + s.emaDecay())
        + (s.seed() == null ? "" : " --seed " + s.seed()) + " --out " + s.out();
  }

  /**
   * Every way the settings depart from Opacus' peer run (RDP-calibrated sigma, standardised inputs,
   * SGD without momentum at a constant learning rate 0.5, clip 1, the last iterate evaluated, 59,000 members and the
   * test set), in words, for the command to state beside its figures.
   */
  public static List<String> differencesFromOpacus(Settings s) {
    List<String> d = new ArrayList<>();
    if (s.calibrateWith() != AccountantKind.RDP) {
      d.add("sigma solved with the " + s.calibrateWith() + " accountant for the same proven epsilon (Opacus: RDP, "
          + "which needs more noise)");
    }
    if ("none".equals(s.normalize())) {
      d.add("inputs not standardised (pixels in [0, 1]; Opacus: MNIST's mean and std)");
    }
    if (s.lr() != 0.5) {
      d.add("learning rate " + s.lr() + " (Opacus: 0.5)");
    }
    if (s.momentum() != 0) {
      d.add("SGD momentum " + s.momentum() + " (Opacus: none)");
    }
    if (!s.lrSchedule().equals(LrSchedule.CONSTANT)) {
      d.add("learning rate " + s.lrSchedule().describe() + " (--lr-schedule " + s.lrSchedule().id()
          + "; Opacus: constant)");
    }
    if (s.clip() != 1.0) {
      d.add("clipping norm " + s.clip() + " (Opacus: 1)" + (s.lr() * s.clip() == 0.5
          ? "; lr x clip, the step of a clipped gradient and the noise's scale in the update, is Opacus' 0.5" : ""));
    }
    if (s.emaDecay() != null) {
      d.add("the exponential moving average of the iterates (decay " + s.emaDecay() + ") is evaluated and released, "
          + "not the last iterate (post-processing: epsilon unchanged)");
    }
    if (s.validation()) {
      d.add("VALIDATION: 49,000 members, accuracy on 10,000 held-out training images, not the test set");
    }
    return List.copyOf(d);
  }

  /** Trains the recipe into {@code s.out()}; epochs are reported to {@code progress} as they finish. */
  public static Result run(Settings s, Consumer<String> progress) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    double startOffset = (System.currentTimeMillis() - jvmStart) / 1e3;
    long t0 = System.nanoTime();
    TrainingConfig cfg = new TrainingConfig(InputStandardization.modelName("cnn", s.normalize()),
        new DataConfig("mnist", null, null, new SplitSpec(s.members(), 1_000, 0, 10_000, 0), s.validation() ? Boolean.TRUE : null),
        new OptimConfig(s.epochs(), 256, OptimizerKind.SGD, s.lr(), s.momentum(), s.lrSchedule(), null, s.emaDecay()),
        new PrivacyConfig(Schemes.DPSGD.name(), s.clip(), null, s.epsilon(), 1e-5, SamplerKind.POISSON, Map.of(), s.calibrateWith()),
        ConvGradMethod.AUTO, 0);
    List<EpochPoint> points = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void started(TrainingPlan plan) {
        progress.accept(String.format("training: sigma %.4f, %d steps, %.1f s after the JVM started",
            plan.noiseMultiplier(), plan.totalSteps(), startOffset + (System.nanoTime() - t0) / 1e9));
      }

      @Override
      public void epochDone(EpochMetrics m, long totalSteps) {
        double at = startOffset + (System.nanoTime() - t0) / 1e9;
        points.add(new EpochPoint(m.epoch(), s.validation() ? null : m.testAccuracy(),
            s.validation() ? m.testAccuracy() : null, at));
        progress.accept(String.format("epoch %d: %s %.2f%%, epsilon so far %.3f, %.1f s", m.epoch(),
            s.validation() ? "validation" : "test",
            100 * m.testAccuracy(), m.epsilonSpent(), at));
      }
    };
    TrainRequest request = new TrainRequest(cfg, s.out(), s.device(), s.seed(), 0, CanaryKind.MISLABELED, false, true);
    RunRecord run = TrainingRun.execute(request, listener, progress);
    double wall = startOffset + (System.nanoTime() - t0) / 1e9;
    var p = run.privacy();
    var m = run.metrics();
    return new Result(command(s), differencesFromOpacus(s), cfg.model(), p.noiseMultiplier(), s.calibrateWith(), p.accountantEpsilon().epsilon(),
        s.validation() ? null : m.testAccuracy(), s.validation() ? m.testAccuracy() : null, points, wall, startOffset, m.trainingSeconds(), m.trainingSeconds() / s.epochs(),
        m.medianStepMillis(), OPACUS);
  }
}
