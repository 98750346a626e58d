package org.dpaudit.trainers.schemes.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PerExampleScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.ProjectionFit;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;
import org.dpaudit.trainers.schemes.StepGradient;

/**
 * Seed 003's gradient-based DP optimizer in collaborative training mode (Xia, Dai, Huang, Ma, He):
 * K workers, each owning a disjoint partition of the training set, each computing its own clipped,
 * noised gradient on its own device ({@link WorkerPool}), merged on the main device every step.
 *
 * <pre>
 * partition of training-set position i:  k(i) = min(K - 1, floor(i K / N))   contiguous, fixed before training
 * the step's Poisson batch B_t restricted to partition k is worker k's batch B_k (so each worker samples
 * its own partition at rate q)
 * worker k uploads  S_k = sum_{i in B_k} min(1, C/||g_i||) g_i + its noise       (the variants differ in the noise)
 * merged            g~  = sum_k S_k / divisor                                     (and in the divisor)
 * </pre>
 *
 * Parallel composition (formula 9, epsilon = max over workers) is valid here: the partitions are
 * fixed ranges of positions chosen before training, each step's uploads touch disjoint data, and
 * steps compose sequentially (adaptively) over the shared parameters. A step is {@code
 * ParallelComposed} over the workers; with every worker sampling at rate q, that is one worker's
 * event, and T steps give max_k epsilon_k.
 */
public abstract sealed class CollaborativeDp extends PerExampleScheme permits CollabDpAsPublished, CollabDpCorrected {
  /** The paper's four GPUs. */
  public static final int DEFAULT_WORKERS = 4;
  /** The paper's clipping bound C. */
  public static final double PAPER_CLIP_NORM = 4.0;

  /**
   * What both variants are made of.
   *
   * @param publicSize N, the public training-set size the partitions are ranges of
   * @param forceReplicas give every worker its own model replica even on one device (tests)
   */
  record Setup(String name, int workers, double clipNorm, double sigma, double samplingRate, int publicSize,
      ProjectionFit projectionFit, boolean forceReplicas, PrivacyClaim claim, List<String> caveats) {
    Setup withReplicas() {
      return new Setup(name, workers, clipNorm, sigma, samplingRate, publicSize, projectionFit, true, claim, caveats);
    }
  }

  /** The number of workers K ({@code workers}). */
  static int workers(SchemeOptions o) {
    return o.positiveInt("workers", DEFAULT_WORKERS);
  }

  /** The setup both variants share: sigma given or calibrated, and the claim of parallel composition. */
  static Setup setup(SchemeId id, int k, ProjectionFit fit, SchemeContext ctx, String who, List<String> caveats) {
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated() ? String.format("; sigma %.4f calibrated for the target epsilon", sigma) : "";
    double q = ctx.samplingRate();
    String what = String.format(Locale.ROOT, "each of %d workers a Poisson-sampled Gaussian of multiplier %.4g at rate "
        + "%.4g for %d steps (RDP), epsilon = max over workers (parallel composition, formula 9)%s", k, sigma, q,
        ctx.totalSteps(), basis);
    return new Setup(id.name(), k, ctx.config().clipNorm(), sigma, q, ctx.trainingExamples(), fit, false,
        plan.claim(who + what), caveats);
  }

  /** The {@code pca-fit} option: where the input PCA is fitted. */
  static ProjectionFit projectionFit(SchemeOptions o, String def) {
    String value = o.text("pca-fit", def);
    return switch (value) {
      case "training-set" -> ProjectionFit.TRAINING_SET;
      case "public" -> ProjectionFit.PUBLIC;
      default -> throw o.invalid("pca-fit", "training-set or public");
    };
  }

  final Setup setup;
  private WorkerPool pool;
  private final List<Integer> lastBatchSizes = new ArrayList<>();

  CollaborativeDp(Setup setup) {
    this.setup = setup;
  }

  /** The same scheme with a model replica per worker even on one device (tests of the replica path). */
  public abstract CollaborativeDp withReplicas();

  @Override
  public String name() {
    return setup.name();
  }

  @Override
  public double noiseMultiplier() {
    return setup.sigma();
  }

  /** K. */
  public int workers() {
    return setup.workers();
  }

  @Override
  public ProjectionFit projectionFit() {
    return setup.projectionFit();
  }

  /** The partition that owns training-set position {@code i}: contiguous ranges of the public size. */
  public int partition(int i) {
    return (int) Math.min(setup.workers() - 1, (long) i * setup.workers() / setup.publicSize());
  }

  /** Each worker's batch size in the last step (what it uploaded with its sum). */
  public List<Integer> lastBatchSizes() {
    return Collections.unmodifiableList(lastBatchSizes);
  }

  @Override
  public StepGradient gradient(StepContext ctx) {
    int workers = setup.workers();
    if (pool == null) {
      pool = new WorkerPool(ctx.network(), ctx.manager(), WorkerPool.devices(workers, ctx.manager().getDevice()),
          setup.forceReplicas());
    }
    int b = ctx.batchSize();
    if (b > 0 && ctx.batch() == null) {
      throw new IllegalStateException(name() + " needs the batch's training-set positions to split it by partition");
    }
    int[] from = sliceStarts(ctx.batch(), b);
    NDList total = null;
    double loss = 0;
    lastBatchSizes.clear();
    for (int k = 0; k < workers; k++) {
      Upload u = upload(k, from[k], from[k + 1], ctx);
      lastBatchSizes.add(from[k + 1] - from[k]);
      loss += u.lossSum();
      total = total == null ? onMain(u.sum(), ctx) : add(total, onMain(u.sum(), ctx));
    }
    double divisor = divisor(ctx);
    NDList merged = new NDList();
    for (NDArray a : total) {
      merged.add(divisor == 0 ? a.zerosLike() : a.div(divisor));
    }
    return new StepGradient(merged, loss);
  }

  /** What the merged sum is divided by. */
  abstract double divisor(StepContext ctx);

  /** Worker k's noise on its clipped sum over batch rows [from, to) and {@code canaries} canary rows. */
  abstract NDArray noise(int k, NDManager m, StepContext ctx, int from, int to, int canaries);

  /** Worker k's upload when it has no row at all. */
  abstract NDList emptyUpload(int k, NDManager m, StepContext ctx, NDList zeros);

  /** Row r of the batch starts worker k's slice at from[k] (the batch is ascending, partitions contiguous). */
  private int[] sliceStarts(int[] batch, int b) {
    int workers = setup.workers();
    int[] from = new int[workers + 1];
    int r = 0;
    for (int k = 0; k < workers; k++) {
      from[k] = r;
      while (r < b && partition(batch[r]) == k) {
        r++;
      }
    }
    from[workers] = b;
    if (r != b) {
      throw new IllegalStateException("the batch's positions are not ascending");
    }
    return from;
  }

  private record Upload(NDList sum, double lossSum) {}

  /**
   * Worker k's clipped, noised sum over rows [from, to) of the batch, on its own device. White-box
   * canaries, records of no partition of the data, are the last worker's: it clips and noises their
   * rows with its own.
   */
  private Upload upload(int k, int from, int to, StepContext ctx) {
    NDManager m = pool.manager(k);
    DpNetwork net = pool.network(k);
    CanaryRows rows = ctx.canaries() == null ? null
        : k == setup.workers() - 1 ? ctx.canaries() : ctx.canaries().none();
    if (from == to && (rows == null || rows.size() == 0)) {
      NDList zeros = new NDList();
      for (Parameter param : ctx.parameters()) {
        zeros.add(m.zeros(param.getShape()));
      }
      return new Upload(emptyUpload(k, m, ctx, zeros), 0);
    }
    PerSampleGradients g;
    if (from == to) {
      g = PerSampleGradients.canariesOnly(net, m, rows);
    } else {
      NDArray x = ctx.inputs().get(from + ":" + to).toDevice(m.getDevice(), false);
      NDArray y = ctx.labels().get(from + ":" + to).toDevice(m.getDevice(), false);
      g = net.perSampleGradients(x, y);
      g = rows == null ? g : g.withCanaries(rows);
    }
    NDList sum = g.weightedSum(l2ClipCoefficients(g, setup.clipNorm()));
    return new Upload(NoiseSource.addNoise(sum, noise(k, m, ctx, from, to, g.canaryRows())), g.lossSum());
  }

  private static NDList onMain(NDList arrays, StepContext ctx) {
    NDList out = new NDList();
    for (NDArray a : arrays) {
      out.add(a.toDevice(ctx.manager().getDevice(), false));
    }
    return out;
  }

  private static NDList add(NDList a, NDList b) {
    NDList out = new NDList();
    for (int i = 0; i < a.size(); i++) {
      out.add(a.get(i).add(b.get(i)));
    }
    return out;
  }

  /** The clip norm C of every per-example gradient (each worker clips before its sum). */
  @Override
  public OptionalDouble sumSensitivity(long step) {
    return OptionalDouble.of(setup.clipNorm());
  }

  /** Every worker a Poisson-sampled Gaussian of multiplier sigma on its own partition. */
  DpEvent workersEvent() {
    List<DpEvent> perWorker = new ArrayList<>();
    for (int k = 0; k < setup.workers(); k++) {
      perWorker.add(new DpEvent.PoissonSampled(setup.samplingRate(), new DpEvent.Gaussian(setup.sigma())));
    }
    return new DpEvent.ParallelComposed(perWorker);
  }

  @Override
  public PrivacyClaim claim() {
    return setup.claim();
  }

  @Override
  public List<String> caveats() {
    return setup.caveats();
  }
}
