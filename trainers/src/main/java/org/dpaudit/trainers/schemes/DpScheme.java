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
    PerSampleGradients g = ctx.perSampleGradients();
    return new StepGradient(privatize(g, ctx), g == null ? 0 : g.lossSum());
  }

  /**
   * The per-example sensitivity of the noisy sum released at step {@code step}, in the norm the
   * noise is calibrated to (DP-SGD: the clip norm C), when it is fixed in advance; empty when it
   * depends on the data or the scheme releases something else. A white-box audit divides the
   * released estimate by this over the expected batch size, so that a sampled canary adds 1 and the
   * noise has the ledger's scale; without it, only scale-free statistics are used.
   */
  default java.util.OptionalDouble sumSensitivity(long step) {
    return java.util.OptionalDouble.empty();
  }

  /**
   * Whether {@link #privatize} is a pure function of the gradients, the step and the noise it
   * draws (no state carried between calls, the default gradient path): then the trainer may call it
   * a second time with the noise switched off, and the difference is exactly the noise the code
   * added to each tensor, which a white-box audit checks against the ledger.
   */
  default boolean replayable() {
    return false;
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
