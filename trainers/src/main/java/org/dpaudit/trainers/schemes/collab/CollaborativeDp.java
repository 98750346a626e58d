package org.dpaudit.trainers.schemes.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.NDArrays;
import org.dpaudit.trainers.schemes.PerExampleScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.ProjectionFit;
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
  /** The paper's clipping bound C. */
  public static final double PAPER_CLIP_NORM = 4.0;

  final CollabDpSetup setup;
  private WorkerPool pool;
  private final List<Integer> lastBatchSizes = new ArrayList<>();

  CollaborativeDp(CollabDpSetup setup) {
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
    return Partitions.of(i, setup.workers(), setup.publicSize());
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
    int[] from = Partitions.sliceStarts(ctx.batch(), b, workers, setup.publicSize());
    NDList total = null;
    double loss = 0;
    lastBatchSizes.clear();
    for (int k = 0; k < workers; k++) {
      Upload u = upload(k, from[k], from[k + 1], ctx);
      lastBatchSizes.add(from[k + 1] - from[k]);
      loss += u.lossSum();
      NDList sum = NDArrays.onDevice(u.sum(), ctx.manager().getDevice());
      total = total == null ? sum : NDArrays.add(total, sum);
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
