package org.dpaudit.trainers.grad;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * The white-box canaries sampled into one step's batch, as synthetic per-example gradient rows.
 *
 * <p>Row r is the gradient of an example that touches nothing but one coordinate of the audit
 * tensor: value {@code norm} at {@code coordinates[r]}, zero on every model parameter and on every
 * other audit coordinate. The audit tensor ({@code auditSize} scalars, canary coordinates first,
 * then never-touched null coordinates) is not part of the model: it exists so that the scheme's own
 * clipping and noise are applied to it exactly as to the model's parameters, and so that the
 * released value of every coordinate shows what the mechanism did with one example's gradient. Real
 * examples have gradient exactly 0 there, so canaries never interfere with each other or with the
 * data.
 *
 * <p>The tensor is attached to the last layer with parameters ({@code hostLayer}, an index among
 * the layers with parameters): schemes that treat layers separately (per-layer clipping, per-neuron
 * noise) see it as part of that layer, so the audit adds no layer to their mechanism.
 *
 * @param coordinates the audit coordinate of each canary row, in row order
 * @param norm the L2 (and L1) norm of every canary row's gradient, before any clipping
 * @param auditSize the number of audit coordinates (canaries plus null coordinates)
 * @param hostLayer the index, among layers with parameters, of the layer the tensor belongs to
 */
public record CanaryRows(int[] coordinates, double norm, int auditSize, int hostLayer) {
  public CanaryRows {
    Objects.requireNonNull(coordinates, "coordinates");
    Checks.positive("canary gradient norm", norm);
    Checks.positive("audit size", auditSize);
    Checks.nonNegative("host layer", hostLayer);
    coordinates = coordinates.clone();
    for (int c : coordinates) {
      Checks.check(c >= 0 && c < auditSize, "canary coordinate " + c + " outside the audit tensor of " + auditSize);
    }
  }

  /** The same canaries with no row in this step (the audit tensor is still released). */
  public CanaryRows none() {
    return new CanaryRows(new int[0], norm, auditSize, hostLayer);
  }

  /** The number of rows. */
  public int size() {
    return coordinates.length;
  }

  @Override
  public int[] coordinates() {
    return coordinates.clone();
  }

  /** Row r's coordinate, without copying. */
  int coordinate(int r) {
    return coordinates[r];
  }
}
