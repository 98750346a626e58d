package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoisyGradient;

/**
 * A scheme whose release is a rule on the batch's per-example gradients (clip, sum, noise, divide):
 * DP-SGD, APPDL, ICGC-DP, EnADPP/ADPPL. Its step is every example's gradient on the step's network
 * (white-box canary rows included), then {@link #privatize}.
 */
public abstract class NoisySumScheme extends PerExampleScheme {
  /**
   * The gradient estimate for one step from the batch's per-example gradients.
   *
   * @param grads the batch's per-example gradients, or null when the sampled batch is empty
   * @return one array per parameter, in parameter order
   */
  public abstract NDList privatize(PerSampleGradients grads, StepContext ctx);

  @Override
  public final StepGradient gradient(StepContext ctx) {
    PerSampleGradients g = ctx.perSampleGradients();
    return new StepGradient(release(g, ctx), g == null ? 0 : g.lossSum());
  }

  /**
   * {@link #privatize}'s gradient estimate as the step releases it: here {@link #privatize}'s
   * arrays; a scheme whose noise can be added by the optimizer's pass ({@link NoisyGradient})
   * overrides this, and then makes {@link #privatize} its {@link NoisyGradient#materialize}, so
   * that the two cannot differ.
   */
  protected NoisyGradient release(PerSampleGradients grads, StepContext ctx) {
    return NoisyGradient.released(privatize(grads, ctx));
  }

  /**
   * Whether {@link #privatize} is a pure function of the gradients, the step and the noise it
   * draws (no state carried between calls): then the trainer may call it a second time with the
   * noise switched off, and the difference is exactly the noise the code added to each tensor, which
   * a white-box audit checks against the ledger.
   */
  public boolean replayable() {
    return false;
  }
}
