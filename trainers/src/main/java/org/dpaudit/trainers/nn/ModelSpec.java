package org.dpaudit.trainers.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.UnsupportedModelException;

/**
 * A model architecture: a name, the input shape of one example, and its layers in order.
 *
 * @param inputShape the shape of one example, without the batch axis (e.g. {@code [1, 28, 28]})
 */
public record ModelSpec(String name, List<Integer> inputShape, List<LayerSpec> layers) {
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    inputShape = List.copyOf(inputShape);
    layers = List.copyOf(layers);
    validate(name, layers);
  }

  /** The input shape as an array. */
  public int[] inputShapeArray() {
    return inputShape.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Refuses layers that per-example clipping cannot handle, collecting every problem into one
   * message (as Opacus' validators do).
   */
  static void validate(String name, List<LayerSpec> layers) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof LayerSpec.BatchNorm) {
        problems.add("layer " + i + " is BatchNorm, which mixes the examples of a batch so per-example "
            + "gradients (and DP-SGD's clipping) are undefined; use GroupNorm instead");
      }
    }
    if (!problems.isEmpty()) {
      throw new UnsupportedModelException("model " + name + ": " + String.join("; ", problems));
    }
  }

  @Override
  public String toString() {
    return name + Arrays.toString(inputShapeArray()) + layers;
  }
}
