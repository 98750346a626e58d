package org.dpaudit.trainers.schemes;

import java.util.List;
import java.util.OptionalDouble;
import org.dpaudit.core.privacy.DpEvent;

/**
 * One training scheme as a strategy in the common loop: the gradient it releases at each step,
 * what it writes in the ledger, and what its paper claims.
 *
 * <p>Sealed, so that the loop knows every kind of step there is: {@link NonPrivateScheme} (the plain
 * mean gradient) and {@link PerExampleScheme} (every private scheme, which starts from per-example
 * gradients and owns their clipping). There is one gradient hook, {@link #gradient}, for both: the
 * trainer never asks whether a scheme is private.
 *
 * <p>A scheme never states its privacy stronger than the math supports: {@link #stepEvent} describes
 * exactly what the code released (for the accountants to prove an epsilon), {@link #claim} what the
 * paper says, and {@link #caveats} what no accountant covers.
 */
public sealed interface DpScheme permits NonPrivateScheme, PerExampleScheme {
  /** The scheme's name as given to {@code --scheme}. */
  String name();

  /**
   * The step's gradient estimate from the batch in {@code ctx} (one array per released parameter,
   * in order), or {@link StepGradient#skipped()} when the step updates nothing.
   */
  StepGradient gradient(StepContext ctx);

  /**
   * The per-example sensitivity of the noisy sum released at step {@code step}, in the norm the
   * noise is calibrated to (DP-SGD: the clip norm C), when it is fixed in advance; empty when it
   * depends on the data or the scheme releases something else. A white-box audit divides the
   * released estimate by this over the expected batch size, so that a sampled canary adds 1 and the
   * noise has the ledger's scale; without it, only scale-free statistics are used.
   */
  default OptionalDouble sumSensitivity(long step) {
    return OptionalDouble.empty();
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
