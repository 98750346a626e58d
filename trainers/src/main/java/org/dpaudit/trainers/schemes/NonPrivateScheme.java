package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;

/**
 * Ordinary training, the baseline every DP scheme is compared with: the plain mean gradient of the
 * batch (no update at all for an empty batch), every step recorded as a non-private release, and no
 * privacy claimed.
 */
public final class NonPrivateScheme implements DpScheme {
  private final double delta;

  public NonPrivateScheme(double delta) {
    this.delta = delta;
  }

  @Override
  public String name() {
    return "nonprivate";
  }

  @Override
  public StepGradient gradient(StepContext ctx) {
    if (ctx.batchSize() == 0) {
      return StepGradient.skipped();
    }
    NDArray[] losses = new NDArray[1];
    NDList grads = ctx.network().meanLossGradients(ctx.inputs(), ctx.labels(), losses);
    return new StepGradient(grads, losses[0].sum().getFloat());
  }

  @Override
  public DpEvent stepEvent(long step) {
    return new DpEvent.NonPrivate();
  }

  @Override
  public PrivacyClaim claim() {
    return PrivacyClaim.none(delta);
  }

  @Override
  public List<String> caveats() {
    return List.of();
  }
}
