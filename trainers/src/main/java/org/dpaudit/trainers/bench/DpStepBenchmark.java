package org.dpaudit.trainers.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.Conv2dLayer;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.schemes.DpSgdScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * What DP costs on this hardware: warmed-up non-private and DP-SGD steps of the same model on the
 * same engine and device, measured in one process and interleaved round by round (so drift in the
 * machine's load hits every variant alike), the order reversed every other round (so no variant
 * always runs after the same one: {@link #roundOrder}), reported as medians and their ratios.
 *
 * <p>The DP step is the trainer's: per-example gradients by probes, flat clipping, Gaussian noise
 * from a {@link NoiseSource} (secure, and in a second variant seeded), division by the batch size,
 * SGD update. Noise made ahead on the background thread is dropped at the end of each round, so a
 * DP variant pays for the noise of every step it takes, never for another variant's time. A staged
 * copy of the DP step gives the time of each stage ({@link StagedDpStep}), and noise generation is
 * also timed on its own, secure and seeded.
 */
public final class DpStepBenchmark {
  private DpStepBenchmark() {}

  /** Benchmark settings. */
  public record Settings(
      String model, int batchSize, int warmup, int rounds, int stepsPerRound, Device device, ConvGradMethod convGrad) {}

  /**
   * Median step times in milliseconds. The engine's operations run on its configured intra-op
   * threads (two here), except in the {@code ...OneThread} variants, which run them on one: there
   * the noise made ahead has the other core to itself.
   *
   * @param dp DP-SGD with secure noise (the default)
   * @param dpSeeded DP-SGD with seeded noise (the same generator keyed from a seed)
   * @param dpWithoutNoise DP-SGD's clipping and sum without noise
   * @param dpNoiseWhenAsked DP-SGD with secure noise never made ahead: made when the step asks, by
   *     its thread and a helper at normal priority (how a source without prefetch works)
   * @param nonPrivateOneThread the non-private step, the engine on one thread
   * @param dpOneThread DP-SGD with secure noise, the engine on one thread
   * @param dpWithoutNoiseOneThread DP-SGD without noise, the engine on one thread
   */
  public record StepMillis(double nonPrivate, double dp, double dpSeeded, double dpWithoutNoise,
      double dpNoiseWhenAsked, double nonPrivateOneThread, double dpOneThread, double dpWithoutNoiseOneThread) {
    /** The faster of the two non-private configurations: every ratio is against it. */
    public double bestNonPrivate() {
      return Math.min(nonPrivate, nonPrivateOneThread);
    }
  }

  /**
   * DP / non-private step-time ratios, from the medians of one interleaved run, each against the
   * best non-private configuration ({@link StepMillis#bestNonPrivate}).
   */
  public record Ratios(double secureNoise, double seededNoise, double withoutNoise, double secureNoiseWhenAsked,
      double secureNoiseOneThread, double withoutNoiseOneThread) {
    /** The best DP-SGD configuration with secure noise (engine threads as configured, or one). */
    public double bestSecureNoise() {
      return Math.min(secureNoise, secureNoiseOneThread);
    }
  }

  /**
   * Where a DP step's time goes: median milliseconds per stage of the staged step (forward and
   * backward pass, norms, clipped sum, noise, noisy update), its total beside the real step's, and the
   * background thread's time to make one step's noise (overlapped with the step in training), and the
   * median minor page faults of the process during one staged step (-1 where not counted): memory
   * handed back to the system and faulted in afresh every step shows there ({@link PageFaults}).
   */
  public record Stages(Map<String, Double> millis, double stagedTotal, double backgroundNoiseMake,
      double pageFaultsPerStep) {}

  /** Noise generation alone, one step's standard Gaussians, made inline; milliseconds. */
  public record NoiseMillis(double secure, double seeded) {}

  /**
   * The secure-noise ratio round by round: in each round the DP step's median over the non-private
   * step's (the configuration {@link StepMillis#bestNonPrivate} chose), both from the same seconds of
   * the run; their least, median and greatest. Why: the run's ratio is one number, and on a shared
   * machine a slow spell moves it by a tenth; the rounds' spread shows how far one run can be
   * trusted, and a spell that slows one round alone moves the median of the rounds little.
   *
   * @param byRound every round's ratio, in the order run (a drift, such as a warm-up too short, shows
   *     as a trend)
   */
  public record RoundRatios(double min, double median, double max, List<Double> byRound) {
    public RoundRatios {
      byRound = List.copyOf(byRound);
    }
  }

  /** The result, as printed with {@code --json}. */
  public record Result(
      String model, int batchSize, String device, long parameters, StepMillis steps, Ratios ratios,
      RoundRatios secureNoiseRounds, Stages stages, NoiseMillis noiseAlone, List<String> convMethods,
      int samplesPerVariant, int warmupStepsPerVariant) {}

  /** Runs the benchmark; {@code progress} receives a line per round. */
  public static Result run(Settings s, Consumer<String> progress) {
    int[] shape = {1, 28, 28};
    Randomness r = Randomness.seeded(1);
    try (DpModel plain = model(s, ConvGradMethod.AUTO, r);
        DpModel dp = model(s, s.convGrad(), r);
        DpModel dpSeeded = model(s, s.convGrad(), r);
        DpModel dpQuiet = model(s, s.convGrad(), r);
        DpModel dpStaged = model(s, s.convGrad(), r);
        NoiseSource secure = new NoiseSource(Randomness.secure());
        NoiseSource seeded = new NoiseSource(Randomness.seeded(3));
        NoiseSource stagedNoise = new NoiseSource(Randomness.secure());
        NoiseSource secureAlone = new NoiseSource(Randomness.secure(), false);
        NoiseSource seededAlone = new NoiseSource(Randomness.seeded(2), false);
        NoiseSource whenAsked = new NoiseSource(Randomness.secure(), false);
        DpModel dpWhenAsked = model(s, s.convGrad(), r);
        DpModel plainOne = model(s, ConvGradMethod.AUTO, r);
        DpModel dpOne = model(s, s.convGrad(), r);
        DpModel dpQuietOne = model(s, s.convGrad(), r);
        NoiseSource secureOne = new NoiseSource(Randomness.secure());
        NDManager data = plain.manager().newSubManager()) {
      RandomGenerator rng = r.stream("bench-data");
      NDArray x = uniform(data, rng, s.batchSize(), shape);
      int[] labels = new int[s.batchSize()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = rng.nextInt(10);
      }
      NDArray y = data.create(labels);
      DpSgdScheme scheme = new DpSgdScheme(Schemes.DPSGD.name(), 1.0, 1.0, 0.01, new PrivacyClaim(1, 1e-5, "bench"));
      StepVariant[] variants = {
        StepVariant.nonPrivate(plain, x, y),
        StepVariant.dpSgd(dp, secure, scheme, x, y),
        StepVariant.dpSgd(dpSeeded, seeded, scheme, x, y),
        StepVariant.withoutNoise(dpQuiet, scheme, x, y),
        StepVariant.dpSgd(dpWhenAsked, whenAsked, scheme, x, y),
        StepVariant.nonPrivate(plainOne, x, y).onThreads(1),
        StepVariant.dpSgd(dpOne, secureOne, scheme, x, y).onThreads(1),
        StepVariant.withoutNoise(dpQuietOne, scheme, x, y).onThreads(1),
      };
      StagedDpStep staged = new StagedDpStep(dpStaged, stagedNoise, scheme, x, y);
      progress.accept(String.format("warm-up: %d untimed steps of each of the %d variants", s.warmup(),
          variants.length + 1));
      for (int i = 0; i < s.warmup(); i++) {
        for (StepVariant v : variants) {
          v.step(i, false);
        }
        staged.step(i, false);
      }
      for (int round = 0; round < s.rounds(); round++) {
        long first = s.warmup() + (long) round * (s.stepsPerRound() + 1);
        runRound(roundOrder(variants, round), first, s.stepsPerRound());
        runRound(List.of(staged), first, s.stepsPerRound());
        progress.accept(String.format("round %d/%d: non-private %.1f ms, dp-sgd %.1f ms (medians so far)",
            round + 1, s.rounds(), variants[0].median(), variants[1].median()));
      }
      NoiseMillis alone = noiseAlone(secureAlone, seededAlone, data, dp.parameterCount(), s.rounds() * s.stepsPerRound());
      StepMillis ms = new StepMillis(variants[0].median(), variants[1].median(), variants[2].median(),
          variants[3].median(), variants[4].median(), variants[5].median(), variants[6].median(), variants[7].median());
      double best = ms.bestNonPrivate();
      Ratios ratios = new Ratios(ms.dp() / best, ms.dpSeeded() / best, ms.dpWithoutNoise() / best,
          ms.dpNoiseWhenAsked() / best, ms.dpOneThread() / best, ms.dpWithoutNoiseOneThread() / best);
      StepVariant plainBest = ms.nonPrivate() <= ms.nonPrivateOneThread() ? variants[0] : variants[5];
      RoundRatios rounds = roundRatios(variants[1].millis(), plainBest.millis(), s.stepsPerRound());
      return new Result(s.model(), s.batchSize(), s.device().toString(), dp.parameterCount(), ms, ratios, rounds,
          stages(staged), alone, convMethods(dp), variants[0].samples(), s.warmup());
    }
  }

  /** What a round runs: a way of taking a step (a {@link StepVariant}), timed or not. */
  interface RoundStep {
    void step(long step, boolean timed);

    /** Called when the variant's steps in a round are over. */
    void endRound();
  }

  /**
   * One round: each variant in {@code order} takes an untimed lead-in step (step {@code first}),
   * then {@code steps} timed ones, then ends its round. Why the lead-in: every timed step is then a
   * steady-state one, as in training. The noise a variant made ahead is dropped when its round ends
   * (so it takes no other variant's time), and without the lead-in the round's first timed step
   * would make all of its noise on the spot, a cost a training run pays once, not once every
   * {@code steps} steps. Every variant gets it, the non-private one too (its first step after
   * another variant's round finds the caches as cold).
   */
  static void runRound(List<? extends RoundStep> order, long first, int steps) {
    for (RoundStep v : order) {
      v.step(first, false);
      for (int k = 0; k < steps; k++) {
        v.step(first + 1 + k, true);
      }
      v.endRound();
    }
  }

  /**
   * The order the variants run in during {@code round}: as given in even rounds, reversed in odd
   * ones (an ABBA design). Why: a variant's step time depends on what ran just before it (the
   * caches it finds, a prefetch thread still winding down); in a fixed order each variant always
   * follows the same one and sits at the same place, and that bias lands in the ratios. Reversing
   * every other round puts each variant at the mean place and has each pair run in both orders.
   */
  static <T> List<T> roundOrder(T[] variants, int round) {
    List<T> order = new ArrayList<>(Arrays.asList(variants));
    if (round % 2 == 1) {
      Collections.reverse(order);
    }
    return order;
  }

  private static DpModel model(Settings s, ConvGradMethod conv, Randomness r) {
    return DpModel.create(ModelZoo.get(s.model(), new int[] {1, 28, 28}, 10), s.device(), conv, r.stream("init"));
  }

  private static Stages stages(StagedDpStep staged) {
    double[] m = staged.medians();
    Map<String, Double> byName = new LinkedHashMap<>();
    for (int i = 0; i < m.length; i++) {
      byName.put(StagedDpStep.STAGES.get(i), m[i]);
    }
    return new Stages(byName, staged.totalMedian(), staged.backgroundNoiseMedian(), staged.pageFaultsMedian());
  }

  private static List<String> convMethods(DpModel dp) {
    List<String> methods = new ArrayList<>();
    for (DpLayer l : dp.network().layers()) {
      if (l instanceof Conv2dLayer c) {
        methods.add(c.method().name());
      }
    }
    return methods;
  }

  /** Secure and seeded generation, interleaved after two untimed calls each, so warm-up and load hit both alike. */
  private static NoiseMillis noiseAlone(NoiseSource secure, NoiseSource seeded, NDManager m, long n, int samples) {
    List<Double> secureMs = new ArrayList<>();
    List<Double> seededMs = new ArrayList<>();
    for (int i = -2; i < samples; i++) {
      double a = noiseMillis(secure, m, n, i);
      double b = noiseMillis(seeded, m, n, i);
      if (i >= 0) {
        secureMs.add(a);
        seededMs.add(b);
      }
    }
    return new NoiseMillis(median(secureMs), median(seededMs));
  }

  /** Time to make step {@code step}'s standard Gaussian noise (uniforms and transform), in ms. */
  static double noiseMillis(NoiseSource source, NDManager m, long n, long step) {
    try (NDScope scope = new NDScope()) {
      long t0 = System.nanoTime();
      source.standardGaussian(m, step + 2, n).get(0).getDouble();
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private static NDArray uniform(NDManager m, RandomGenerator rng, int batch, int[] shape) {
    int size = batch * shape[0] * shape[1] * shape[2];
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return m.create(v, new Shape(batch, shape[0], shape[1], shape[2]));
  }

  /**
   * Round-by-round ratios of {@code dp} over {@code plain}: both hold {@code steps} timed steps per
   * round, rounds one after the other; each round's ratio is of the two medians.
   */
  static RoundRatios roundRatios(List<Double> dp, List<Double> plain, int steps) {
    if (steps < 1 || dp.size() != plain.size() || dp.isEmpty() || dp.size() % steps != 0) {
      throw new IllegalArgumentException(dp.size() + " and " + plain.size() + " steps are not whole rounds of " + steps);
    }
    List<Double> ratios = new ArrayList<>();
    for (int from = 0; from < dp.size(); from += steps) {
      ratios.add(median(dp.subList(from, from + steps)) / median(plain.subList(from, from + steps)));
    }
    return new RoundRatios(Collections.min(ratios), median(ratios), Collections.max(ratios), ratios);
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
