package org.dpaudit.trainers.schemes.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.ProjectionFit;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;
import org.dpaudit.trainers.schemes.StepContext;

/**
 * {@code collab-dp-corrected}: data-independent noise on each worker's sum, normalised by the
 * expected batch size E = q N.
 *
 * <pre>
 * worker k uploads  S_k = sum_{i in B_k} min(1, C/||g_i||) g_i + N(0, sigma^2 C^2 I)
 * merged            g~  = sum_k S_k / E
 * </pre>
 * Each upload is a Poisson-sampled Gaussian of multiplier sigma, proven; the merged noise is sigma C
 * sqrt(K). The input PCA is fitted on public data only: a PCA of the training set would be a release
 * no accountant covers.
 */
public final class CollabDpCorrected extends CollaborativeDp {
  CollabDpCorrected(CollabDpSetup setup) {
    super(setup);
  }

  /** Builds collab-dp-corrected: K workers, sigma given or calibrated; refuses a PCA of the training set. */
  public static CollabDpCorrected create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    int k = CollabDpSetup.workers(o);
    ProjectionFit fit = CollabDpSetup.projectionFit(o, "public");
    if (fit != ProjectionFit.PUBLIC) {
      throw new InvalidInputException("scheme " + id + " fits its input PCA on public data only (pca-fit=public): "
          + "a PCA of the training set is a release no accountant covers");
    }
    return new CollabDpCorrected(CollabDpSetup.of(id, k, fit, ctx, "collab-dp-corrected: ", List.of()));
  }

  @Override
  public CollabDpCorrected withReplicas() {
    return new CollabDpCorrected(setup.withReplicas());
  }

  /** E = q N, never the realised batch size. */
  @Override
  double divisor(StepContext ctx) {
    return ctx.expectedBatchSize();
  }

  /** A worker without rows still uploads its noise (the mechanism ran). */
  @Override
  NDList emptyUpload(int k, NDManager m, StepContext ctx, NDList zeros) {
    return NoiseSource.addNoise(zeros, noise(k, m, ctx, 0, 0, 0));
  }

  /** N(0, sigma^2 C^2 I) on worker k's sum, keyed by (step, k). */
  @Override
  NDArray noise(int k, NDManager m, StepContext ctx, int from, int to, int canaries) {
    return ctx.noise().gaussian(m, (ctx.step() << 32) | k, ctx.parameterCount(), setup.sigma() * setup.clipNorm())
        .duplicate();
  }

  @Override
  public DpEvent stepEvent(long step) {
    return workersEvent();
  }
}
