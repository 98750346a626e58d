package org.dpaudit.trainers.schemes.collab;

import java.util.List;
import java.util.Locale;
import org.dpaudit.trainers.schemes.NoisePlan;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.ProjectionFit;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.SchemeId;
import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * What both collaborative variants are made of, read from the options they share ({@code workers},
 * {@code pca-fit}) and the run's noise plan.
 *
 * @param workers K
 * @param clipNorm C, each worker's per-example clipping bound
 * @param sigma the noise multiplier of each worker's release
 * @param publicSize N, the public training-set size the partitions are ranges of
 * @param forceReplicas give every worker its own model replica even on one device (tests)
 */
record CollabDpSetup(String name, int workers, double clipNorm, double sigma, double samplingRate, int publicSize,
    ProjectionFit projectionFit, boolean forceReplicas, PrivacyClaim claim, List<String> caveats) {
  /** The paper's four GPUs. */
  static final int DEFAULT_WORKERS = 4;

  /** The same setup with a model replica per worker. */
  CollabDpSetup withReplicas() {
    return new CollabDpSetup(name, workers, clipNorm, sigma, samplingRate, publicSize, projectionFit, true, claim,
        caveats);
  }

  /** The number of workers K ({@code workers}). */
  static int workers(SchemeOptions o) {
    return o.positiveInt("workers", DEFAULT_WORKERS);
  }

  /** The {@code pca-fit} option: where the input PCA is fitted. */
  static ProjectionFit projectionFit(SchemeOptions o, String def) {
    return switch (o.text("pca-fit", def)) {
      case "training-set" -> ProjectionFit.TRAINING_SET;
      case "public" -> ProjectionFit.PUBLIC;
      default -> throw o.invalid("pca-fit", "training-set or public");
    };
  }

  /**
   * The setup with sigma given or calibrated, and the claim of parallel composition over the
   * workers.
   *
   * @param who how the claim starts (whose claim it is)
   */
  static CollabDpSetup of(SchemeId id, int k, ProjectionFit fit, SchemeContext ctx, String who,
      List<String> caveats) {
    NoisePlan plan = NoisePlan.gaussian(id.name(), ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated() ? String.format("; sigma %.4f calibrated for the target epsilon", sigma) : "";
    double q = ctx.samplingRate();
    String what = String.format(Locale.ROOT, "each of %d workers a Poisson-sampled Gaussian of multiplier %.4g at rate "
        + "%.4g for %d steps (RDP), epsilon = max over workers (parallel composition, formula 9)%s", k, sigma, q,
        ctx.totalSteps(), basis);
    return new CollabDpSetup(id.name(), k, ctx.config().clipNorm(), sigma, q, ctx.trainingExamples(), fit, false,
        plan.claim(who + what), List.copyOf(caveats));
  }
}
