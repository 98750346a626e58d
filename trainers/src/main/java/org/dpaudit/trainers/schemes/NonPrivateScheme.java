package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDList;
import java.util.List;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.PerSampleGradients;

/**
 * Ordinary training, the baseline every DP scheme is compared with: the trainer uses the plain mean
 * gradient, every step is recorded as a non-private release, and no privacy is claimed.
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
  public boolean isPrivate() {
    return false;
  }

  @Override
  public NDList privatize(PerSampleGradients grads, StepContext ctx) {
    throw new UnsupportedOperationException("non-private training uses the plain mean gradient");
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
