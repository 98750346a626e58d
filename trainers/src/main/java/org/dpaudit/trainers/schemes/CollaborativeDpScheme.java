package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * Seed 003's gradient-based DP optimizer in collaborative training mode (Xia, Dai, Huang, Ma, He):
 * K workers, each owning a disjoint partition of the training set, each computing its own clipped,
 * noised gradient on its own device ({@link WorkerPool}), merged on the main device every step.
 *
 * <pre>
 * partition of training-set position i:  k(i) = min(K - 1, floor(i K / N))   contiguous, fixed before training
 * the step's Poisson batch B_t restricted to partition k is worker k's batch B_k (so each worker samples
 * its own partition at rate q)
 * collab-dp (formula 6, noise per example before averaging):
 *   worker k uploads  S_k = sum_{i in B_k} (min(1, C/||g_i||) g_i + N(0, sigma^2 C^2 I))   and |B_k|
 *   merged            g~  = sum_k S_k / sum_k |B_k|                                      (0 for an empty batch)
 * collab-dp-corrected (noise on each worker's sum, normalised by the expected batch size E = q N):
 *   worker k uploads  S_k = sum_{i in B_k} min(1, C/||g_i||) g_i + N(0, sigma^2 C^2 I)
 *   merged            g~  = sum_k S_k / E
 * </pre>
 *
 * With noise per example, example i's noise is drawn from the run's noise source at index (t, its
 * position in the step's batch), so K workers add exactly the noise one worker would: the merged
 * update does not depend on K (up to float summation order), as the single-worker formula.
 *
 * <h2>Accounting</h2>
 * <ul>
 *   <li>Parallel composition (formula 9, epsilon = max over workers) is valid here: the partitions
 *       are fixed ranges of positions chosen before training, each step's uploads touch disjoint
 *       data, and steps compose sequentially (adaptively) over the shared parameters. A step is
 *       {@code ParallelComposed} over the workers; with every worker sampling at rate q, that is one
 *       worker's event, and T steps give max_k epsilon_k.
 *   <li>Formula 6 divides by the realised batch size and its noise variance sigma^2 C^2 |B_k| grows
 *       with it: under Poisson sampling each worker's batch size, a count, is released without
 *       noise. No finite epsilon is proven for that; each step records the Gaussian part and a
 *       {@link DpEvent.NonPrivate} release. With fixed-size batches ({@code --sampler shuffle}) the
 *       sizes carry no information and each example's own noise N(0, sigma^2 C^2) bounds its
 *       release: a Poisson-sampled Gaussian of multiplier sigma (conservative: the noise on the
 *       sum has std sigma C sqrt|B_k|).
 *   <li>collab-dp-corrected adds data-independent noise sigma C to each worker's sum: each upload is
 *       a Poisson-sampled Gaussian of multiplier sigma, proven. The merged noise is sigma C sqrt(K).
 * </ul>
 */
public final class CollaborativeDpScheme extends PerExampleScheme {
  /** The paper's four GPUs. */
  static final int DEFAULT_WORKERS = 4;
  /** The paper's clipping bound C. */
  public static final double PAPER_CLIP_NORM = 4.0;

  /** How collab-dp draws its per-example noise. */
  public enum NoiseDraw {
    /** One draw per example, keyed by its position in the batch: the literal formula, K-invariant. */
    PER_EXAMPLE,
    /** One draw per worker of std sigma C sqrt|B_k|: the same distribution, far cheaper, depends on K. */
    SUMMED
  }

  private final String name;
  private final boolean corrected;
  private final int workers;
  private final double clipNorm;
  private final double sigma;
  private final double samplingRate;
  private final int publicSize;
  private final SamplerKind sampler;
  private final NoiseDraw draw;
  private final ProjectionFit projectionFit;
  private final boolean forceReplicas;
  private final PrivacyClaim claim;
  private final List<String> caveats;
  private WorkerPool pool;
  private final List<Integer> lastBatchSizes = new ArrayList<>();

  /**
   * @param publicSize N, the public training-set size the partitions are ranges of
   * @param forceReplicas give every worker its own model replica even on one device (tests)
   */
  public CollaborativeDpScheme(String name, boolean corrected, int workers, double clipNorm, double sigma,
      double samplingRate, int publicSize, SamplerKind sampler, NoiseDraw draw, ProjectionFit projectionFit,
      boolean forceReplicas, PrivacyClaim claim, List<String> caveats) {
    this.name = name;
    this.corrected = corrected;
    this.workers = workers;
    this.clipNorm = clipNorm;
    this.sigma = sigma;
    this.samplingRate = samplingRate;
    this.publicSize = publicSize;
    this.sampler = sampler;
    this.draw = draw;
    this.projectionFit = projectionFit;
    this.forceReplicas = forceReplicas;
    this.claim = claim;
    this.caveats = List.copyOf(caveats);
  }

  /** Builds collab-dp or collab-dp-corrected from the run's configuration. */
  public static CollaborativeDpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    String name = id.name();
    boolean corrected = id.corrected();
    int k = Math.toIntExact(o.positiveLong("workers", DEFAULT_WORKERS));
    ProjectionFit fit = parseFit(name, o.text("pca-fit", corrected ? "public" : "training-set"));
    if (corrected && fit != ProjectionFit.PUBLIC) {
      throw new InvalidInputException("scheme " + name + " fits its input PCA on public data only (pca-fit=public): "
          + "a PCA of the training set is a release no accountant covers");
    }
    NoiseDraw draw = switch (o.text("noise-draw", "per-example")) {
      case "per-example" -> NoiseDraw.PER_EXAMPLE;
      case "summed" -> NoiseDraw.SUMMED;
      default -> throw new InvalidInputException("scheme option noise-draw of " + name
          + " must be per-example or summed; got '" + o.text("noise-draw", "") + "'");
    };
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    NoisePlan plan = NoisePlan.gaussian(name, ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated() ? String.format("; sigma %.4f calibrated for the target epsilon", sigma) : "";
    double eps = plan.epsilon();
    String what = String.format(Locale.ROOT, "each of %d workers a Poisson-sampled Gaussian of multiplier %.4g at rate "
        + "%.4g for %d steps (RDP), epsilon = max over workers (parallel composition, formula 9)%s", k, sigma, q, steps,
        basis);
    PrivacyClaim claim = new PrivacyClaim(eps, cfg.delta(),
        (corrected ? "collab-dp-corrected: " : "Xia et al. (seed 003): ") + what);
    List<String> caveats = new ArrayList<>();
    if (!corrected) {
      if (cfg.sampler() == SamplerKind.POISSON) {
        caveats.add("collab-dp (formula 6): noise is added per example before averaging and the sum is divided by the "
            + "realised batch size, so the noise variance sigma^2 C^2 |B_k| and the divisor reveal each worker's batch "
            + "size, a count released without noise under Poisson sampling: no finite epsilon is proven (the ledger "
            + "records it as a non-private release); with --sampler shuffle the sizes carry no information");
      } else {
        caveats.add("collab-dp (formula 6): each example's release is bounded by its own noise N(0, sigma^2 C^2), a "
            + "conservative bound: the noise on each worker's sum has std sigma C sqrt(|B_k|)");
      }
      caveats.add("collab-dp: the paper uploads only the gradient values that vary most; dpaudit uploads all of them "
          + "(selecting after the noise would be post-processing, selecting before it would leak)");
    }
    return new CollaborativeDpScheme(name, corrected, k, cfg.clipNorm(), sigma, q, ctx.trainingExamples(),
        cfg.sampler(), draw, fit, false, claim, caveats);
  }

  private static ProjectionFit parseFit(String name, String value) {
    return switch (value) {
      case "training-set" -> ProjectionFit.TRAINING_SET;
      case "public" -> ProjectionFit.PUBLIC;
      default -> throw new InvalidInputException("scheme option pca-fit of " + name
          + " must be training-set or public; got '" + value + "'");
    };
  }

  /** The same scheme with a model replica per worker even on one device (tests of the replica path). */
  CollaborativeDpScheme withReplicas() {
    return new CollaborativeDpScheme(name, corrected, workers, clipNorm, sigma, samplingRate, publicSize, sampler, draw,
        projectionFit, true, claim, caveats);
  }

  /** The same scheme with another noise draw (tests). */
  CollaborativeDpScheme withNoiseDraw(NoiseDraw d) {
    return new CollaborativeDpScheme(name, corrected, workers, clipNorm, sigma, samplingRate, publicSize, sampler, d,
        projectionFit, forceReplicas, claim, caveats);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double noiseMultiplier() {
    return sigma;
  }

  /** K. */
  public int workers() {
    return workers;
  }

  @Override
  public ProjectionFit projectionFit() {
    return projectionFit;
  }

  /** The partition that owns training-set position {@code i}: contiguous ranges of the public size. */
  int partition(int i) {
    return (int) Math.min(workers - 1, (long) i * workers / publicSize);
  }

  /** Each worker's batch size in the last step (what it uploaded with its sum). */
  public List<Integer> lastBatchSizes() {
    return Collections.unmodifiableList(lastBatchSizes);
  }

  @Override
  public StepGradient gradient(StepContext ctx) {
    if (pool == null) {
      pool = new WorkerPool(ctx.network(), ctx.manager(), WorkerPool.devices(workers, ctx.manager().getDevice()),
          forceReplicas);
    }
    int b = ctx.batchSize();
    if (b > 0 && ctx.batch() == null) {
      throw new IllegalStateException(name + " needs the batch's training-set positions to split it by partition");
    }
    int[] from = sliceStarts(ctx.batch(), b);
    NDList total = null;
    double loss = 0;
    lastBatchSizes.clear();
    for (int k = 0; k < workers; k++) {
      Upload u = upload(k, from[k], from[k + 1], ctx);
      lastBatchSizes.add(from[k + 1] - from[k]);
      loss += u.lossSum;
      total = total == null ? onMain(u.sum, ctx) : add(total, onMain(u.sum, ctx));
    }
    double divisor = corrected ? ctx.expectedBatchSize() : b + (ctx.canaries() == null ? 0 : ctx.canaries().size());
    NDList merged = new NDList();
    for (NDArray a : total) {
      merged.add(divisor == 0 ? a.zerosLike() : a.div(divisor));
    }
    return new StepGradient(merged, loss);
  }

  /** Row r of the batch starts worker k's slice at from[k] (the batch is ascending, partitions contiguous). */
  private int[] sliceStarts(int[] batch, int b) {
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
   * rows with its own (formula 6 gives each of them its own noise, after the real rows').
   */
  private Upload upload(int k, int from, int to, StepContext ctx) {
    NDManager m = pool.manager(k);
    DpNetwork net = pool.network(k);
    long p = ctx.parameterCount();
    CanaryRows rows = ctx.canaries() == null ? null : k == workers - 1 ? ctx.canaries() : ctx.canaries().none();
    if (from == to && (rows == null || rows.size() == 0)) {
      NDList zeros = new NDList();
      for (Parameter param : ctx.parameters()) {
        zeros.add(m.zeros(param.getShape()));
      }
      return new Upload(corrected ? NoiseSource.addNoise(zeros, workerNoise(k, m, ctx, p)) : zeros, 0);
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
    NDArray c = l2ClipCoefficients(g, clipNorm);
    NDList sum = g.weightedSum(c);
    // formula 6's per-example rows: the real ones by batch position, then the canaries after the whole batch
    int canaryFrom = ctx.batchSize();
    NDArray z = corrected ? workerNoise(k, m, ctx, p) : rowNoise(m, ctx, from, to, canaryFrom, g.canaryRows(), p);
    return new Upload(NoiseSource.addNoise(sum, z), g.lossSum());
  }

  /** collab-dp: the per-example noise of real rows [from, to) and of {@code canaries} canary rows keyed after the batch. */
  private NDArray rowNoise(NDManager m, StepContext ctx, int from, int to, int canaryFrom, int canaries, long p) {
    NDArray z = from < to ? exampleNoise(m, ctx, from, to, p) : null;
    if (canaries > 0) {
      NDArray c = exampleNoise(m, ctx, canaryFrom, canaryFrom + canaries, p);
      z = z == null ? c : z.add(c);
    }
    return z;
  }

  /** collab-dp-corrected: N(0, sigma^2 C^2 I) on worker k's sum. */
  private NDArray workerNoise(int k, NDManager m, StepContext ctx, long p) {
    return ctx.noise().gaussian(m, (ctx.step() << 32) | k, p, sigma * clipNorm).duplicate();
  }

  /** collab-dp: the sum of the rows' own N(0, sigma^2 C^2 I), each keyed by (step, row). */
  private NDArray exampleNoise(NDManager m, StepContext ctx, int from, int to, long p) {
    if (draw == NoiseDraw.SUMMED) {
      return ctx.noise().gaussian(m, (ctx.step() << 32) | from, p, sigma * clipNorm * Math.sqrt(to - from)).duplicate();
    }
    NDArray sum = null;
    for (int r = from; r < to; r++) {
      NDArray z = ctx.noise().gaussian(m, (ctx.step() << 32) | r, p, sigma * clipNorm);
      sum = sum == null ? z.duplicate() : sum.addi(z);
    }
    return sum;
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
  public java.util.OptionalDouble sumSensitivity(long step) {
    return java.util.OptionalDouble.of(clipNorm);
  }

  @Override
  public DpEvent stepEvent(long step) {
    List<DpEvent> perWorker = new ArrayList<>();
    for (int k = 0; k < workers; k++) {
      perWorker.add(new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(sigma)));
    }
    DpEvent gaussians = new DpEvent.ParallelComposed(perWorker);
    if (!corrected && sampler == SamplerKind.POISSON) {
      return new DpEvent.Composed(List.of(gaussians, new DpEvent.NonPrivate()));
    }
    return gaussians;
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    return caveats;
  }
}
