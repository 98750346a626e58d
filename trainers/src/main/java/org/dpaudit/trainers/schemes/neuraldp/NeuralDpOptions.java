package org.dpaudit.trainers.schemes.neuraldp;

import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * The options both NeuralDP variants take ({@code --scheme-option KEY=VALUE}); the corrected
 * variant's {@code activation-noise} comes on top.
 *
 * @param layer the index of the model layer whose output is privatised ({@code layer}), or null for
 *     {@link NeuralDp#defaultLayer}
 * @param activationClip C_a, each example's activation clipping norm ({@code activation-clip})
 */
record NeuralDpOptions(Integer layer, double activationClip) {
  /** The activation clip norm C_a when not given (ours: the paper's value could not be read). */
  static final double DEFAULT_ACTIVATION_CLIP = 1.0;

  static NeuralDpOptions read(SchemeOptions o) {
    String value = o.text("layer", null);
    Integer layer = null;
    if (value != null) {
      try {
        layer = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        layer = -1;
      }
      if (layer < 0) {
        throw o.invalid("layer", "a layer index (0 or more)");
      }
    }
    return new NeuralDpOptions(layer, o.positive("activation-clip", DEFAULT_ACTIVATION_CLIP));
  }
}
