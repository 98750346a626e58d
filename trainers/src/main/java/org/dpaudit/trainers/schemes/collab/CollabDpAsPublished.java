package org.dpaudit.trainers.schemes.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.loop.SamplerKind;
import org.dpaudit.trainers.schemes.ProjectionFit;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code collab-dp}, seed 003's formula 6 as written: noise per example before averaging, and the
 * merged sum divided by the realised batch size.
 *
 * <pre>
 * worker k uploads  S_k = sum_{i in B_k} (min(1, C/||g_i||) g_i + N(0, sigma^2 C^2 I))   and |B_k|
 * merged            g~  = sum_k S_k / sum_k |B_k|                                      (0 for an empty batch)
 * </pre>
 * Example i's noise is drawn from the run's noise source at index (t, its position in the step's
 * batch), so K workers add exactly the noise one worker would: the merged update does not depend on
 * K (up to float summation order), as the single-worker formula.
 *
 * <p>The divisor and the noise variance sigma^2 C^2 |B_k| reveal each worker's batch size: under
 * Poisson sampling a count released without noise, so no finite epsilon is proven (each step
 * records the Gaussian part and a {@link DpEvent.NonPrivate} release). With fixed-size batches
 * ({@code --sampler shuffle}) the sizes carry no information and each example's own noise bounds
 * its release: a Poisson-sampled Gaussian of multiplier sigma (conservative).
 */
public final class CollabDpAsPublished extends CollaborativeDp {
  /** How the per-example noise is drawn. */
  public enum NoiseDraw {
    /** One draw per example, keyed by its position in the batch: the literal formula, K-invariant. */
    PER_EXAMPLE,
    /** One draw per worker of std sigma C sqrt|B_k|: the same distribution, far cheaper, depends on K. */
    SUMMED
  }

  private final SamplerKind sampler;
  private final NoiseDraw draw;

  CollabDpAsPublished(CollabDpSetup setup, SamplerKind sampler, NoiseDraw draw) {
    super(setup);
    this.sampler = sampler;
    this.draw = draw;
  }

  /** Builds collab-dp: K workers, where the input PCA is fitted, the noise draw, sigma given or calibrated. */
  public static CollabDpAsPublished create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    int k = CollabDpSetup.workers(o);
    ProjectionFit fit = CollabDpSetup.projectionFit(o, "training-set");
    NoiseDraw draw = switch (o.text("noise-draw", "per-example")) {
      case "per-example" -> NoiseDraw.PER_EXAMPLE;
      case "summed" -> NoiseDraw.SUMMED;
      default -> throw o.invalid("noise-draw", "per-example or summed");
    };
    SamplerKind sampler = ctx.config().sampler();
    List<String> caveats = new ArrayList<>();
    if (sampler == SamplerKind.POISSON) {
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
    CollabDpSetup setup = CollabDpSetup.of(id, k, fit, ctx, "Xia et al. (seed 003): ", caveats);
    return new CollabDpAsPublished(setup, sampler, draw);
  }

  @Override
  public CollabDpAsPublished withReplicas() {
    return new CollabDpAsPublished(setup.withReplicas(), sampler, draw);
  }

  /** The same scheme with another noise draw (tests). */
  public CollabDpAsPublished withNoiseDraw(NoiseDraw d) {
    return new CollabDpAsPublished(setup, sampler, d);
  }

  /** The realised batch size, canary rows included. */
  @Override
  double divisor(StepContext ctx) {
    return ctx.batchSize() + (ctx.canaries() == null ? 0 : ctx.canaries().size());
  }

  @Override
  NDList emptyUpload(int k, NDManager m, StepContext ctx, NDList zeros) {
    return zeros;
  }

  /** Formula 6's per-example rows: the real ones by batch position, then the canaries after the whole batch. */
  @Override
  NDArray noise(int k, NDManager m, StepContext ctx, int from, int to, int canaries) {
    long p = ctx.parameterCount();
    NDArray z = from < to ? exampleNoise(m, ctx, from, to, p) : null;
    if (canaries > 0) {
      int canaryFrom = ctx.batchSize();
      NDArray c = exampleNoise(m, ctx, canaryFrom, canaryFrom + canaries, p);
      z = z == null ? c : z.add(c);
    }
    return z;
  }

  /** The sum of rows [from, to)'s own N(0, sigma^2 C^2 I), each keyed by (step, row). */
  private NDArray exampleNoise(NDManager m, StepContext ctx, int from, int to, long p) {
    double std = setup.sigma() * setup.clipNorm();
    if (draw == NoiseDraw.SUMMED) {
      return ctx.noise().gaussian(m, (ctx.step() << 32) | from, p, std * Math.sqrt(to - from)).duplicate();
    }
    NDArray sum = null;
    for (int r = from; r < to; r++) {
      NDArray z = ctx.noise().gaussian(m, (ctx.step() << 32) | r, p, std);
      sum = sum == null ? z.duplicate() : sum.addi(z);
    }
    return sum;
  }

  /** The workers' Gaussians, and under Poisson sampling the batch sizes released without noise. */
  @Override
  public DpEvent stepEvent(long step) {
    DpEvent gaussians = workersEvent();
    return sampler == SamplerKind.POISSON ? new DpEvent.Composed(List.of(gaussians, new DpEvent.NonPrivate()))
        : gaussians;
  }
}
