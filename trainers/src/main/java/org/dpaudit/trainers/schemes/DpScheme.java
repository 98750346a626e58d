package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.PerSampleGradients;

/**
 * One training scheme as a strategy in the common loop: how it clips and noises each step's
 * per-example gradients, what it writes in the ledger, and what its paper claims.
 *
 * <p>A scheme never states its privacy stronger than the math supports: {@link #stepEvent} describes
 * exactly what the code released (for the accountants to prove an epsilon), {@link #claim} what the
 * paper says, and {@link #caveats} what no accountant covers.
 */
public interface DpScheme {
  /** The scheme's name as given to {@code --scheme}. */
  String name();

  /** Whether the scheme uses per-example gradients (false for non-private training). */
  boolean isPrivate();

  /**
   * The gradient estimate for one step from the batch's per-example gradients.
   *
   * @param grads the batch's per-example gradients, or null when the sampled batch is empty
   * @return one array per parameter, in parameter order
   */
  NDList privatize(PerSampleGradients grads, StepContext ctx);

  /**
   * The step's gradient estimate from the batch in {@code ctx}. By default: every example's gradient
   * on {@code ctx.network()}, then {@link #privatize}. Schemes whose mechanism is more than a rule
   * on per-example gradients override it: collaborative workers split the batch by data partition,
   * activation privatisation changes the forward pass.
   */
  default StepGradient gradient(StepContext ctx) {
    if (ctx.inputs() == null) {
      return new StepGradient(privatize(null, ctx), 0);
    }
    PerSampleGradients g = ctx.network().perSampleGradients(ctx.inputs(), ctx.labels());
    return new StepGradient(privatize(g, ctx), g.losses().sum().getFloat());
  }

  /**
   * Where the model's input projection (the PCA of {@code pca<k>-} models) may be fitted: on the
   * training set (the default; a run with a private scheme records it as a caveat) or on public data
   * disjoint from it.
   */
  default ProjectionFit projectionFit() {
    return ProjectionFit.TRAINING_SET;
  }

  /** What step {@code step} released, for the ledger. */
  DpEvent stepEvent(long step);

  /** What the scheme's paper claims for the whole run. */
  PrivacyClaim claim();

  /** What the accountants do not cover for this scheme (empty when they cover everything). */
  List<String> caveats();

  /**
   * The Gaussian noise multiplier, for reports (0 for schemes without one, or whose noise varies:
   * the ledger has the exact per-step values).
   */
  default double noiseMultiplier() {
    return 0;
  }
}
