package org.dpaudit.trainers.nn;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpaudit.core.InvalidInputException;

/**
 * Input standardisation with published constants, as a model's fixed first layer: {@code
 * norm-<constants>-<model>} is {@code <model>} with {@code (x - mean) / std} applied to its inputs.
 *
 * <p>Why in the model, and why by name: every code path that builds a model from a run (training,
 * resuming, shadow models, attacks and audits loading the target) already builds it from the
 * recorded model name, so a standardisation carried by the name is applied by all of them, recorded
 * in run.json, compared by {@code --resume}'s fingerprint and shown by {@code dpaudit diff}, with
 * no loader able to forget it.
 *
 * <p>Privacy: the constants are public facts about the dataset (MNIST's pixel mean 0.1307 and
 * standard deviation 0.3081, as PyTorch's and Opacus' examples use), not computed from the run's
 * members, so they cost no privacy. Computing them from the members would be a release no
 * accountant covers; that is why only named, published constants are offered.
 */
public final class InputStandardization {
  /** The named constants: (mean, std) of the pixel values in [0, 1]. */
  public static final Map<String, double[]> CONSTANTS = Map.of("mnist", new double[] {0.1307, 0.3081});

  /** The choices of {@code --normalize}: none, or a set of constants. */
  public static final List<String> CHOICES = List.of("none", "mnist");

  private static final Pattern PREFIX = Pattern.compile("norm-([a-z0-9]+)-(.+)");

  private InputStandardization() {}

  /** The model name for {@code model} with inputs standardised by {@code constants} ("none": unchanged). */
  public static String modelName(String model, String constants) {
    if (constants == null || "none".equals(constants)) {
      return model;
    }
    if (!CONSTANTS.containsKey(constants)) {
      throw new InvalidInputException("unknown input standardisation '" + constants + "'; choose one of "
          + String.join(", ", CHOICES));
    }
    if (PREFIX.matcher(model).matches()) {
      throw new InvalidInputException("model " + model + " already standardises its inputs");
    }
    return "norm-" + constants + "-" + model;
  }

  /** The standardising layer and the base model's name, or null when {@code name} has no prefix. */
  static Matcher match(String name) {
    Matcher m = PREFIX.matcher(name);
    return m.matches() ? m : null;
  }

  /** The first layer for the constants named {@code constants}. */
  static LayerSpec.Standardize layer(String name, String constants) {
    double[] c = CONSTANTS.get(constants);
    if (c == null) {
      throw new InvalidInputException("model " + name + ": unknown input standardisation '" + constants
          + "'; choose one of " + String.join(", ", CHOICES.subList(1, CHOICES.size())));
    }
    return new LayerSpec.Standardize(constants, c[0], c[1]);
  }
}
