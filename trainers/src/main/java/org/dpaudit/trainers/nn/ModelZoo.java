package org.dpaudit.trainers.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.nn.LayerSpec.Activation;
import org.dpaudit.trainers.nn.LayerSpec.Conv2d;
import org.dpaudit.trainers.nn.LayerSpec.Flatten;
import org.dpaudit.trainers.nn.LayerSpec.GroupNorm;
import org.dpaudit.trainers.nn.LayerSpec.Linear;
import org.dpaudit.trainers.nn.LayerSpec.MaxPool;

/**
 * The architectures dpaudit trains, by name.
 *
 * <pre>
 * mlp        flatten, 512, ReLU, 256, ReLU, classes               (seed 000's MNIST network)
 * mlp1000    flatten, 1000, ReLU, classes                         (seed 003: PCA inputs, 1000 hidden units)
 * cnn        conv 16 k8 s2 p3, tanh, maxpool 2/1, conv 32 k4 s2, tanh, maxpool 2/1,
 *            flatten, 32, tanh, classes                           (Opacus' MNIST SampleConvNet, tanh as
 *                                                                  Papernot et al. 2021 recommend under DP)
 * cnn-cifar  [conv 32 k3 p1, GroupNorm(4), tanh, maxpool 2/2] x 2 (32, 64 filters), conv 64 k3 p1,
 *            GroupNorm(4), tanh, maxpool 2/2, flatten, 128, tanh, classes   (a small CIFAR-10 CNN)
 * pca&lt;k&gt;-&lt;mlp model&gt;  flatten, a fixed projection to the inputs' top k principal components, then the
 *            model's layers (seed 003: pca60-mlp1000); the projection is fitted before training
 *            ({@link InputProjection}) and saved with the model
 * norm-&lt;constants&gt;-&lt;model&gt;  the model with its inputs standardised by published constants, a
 *            fixed first layer (norm-mnist-cnn: (x - 0.1307) / 0.3081; {@link InputStandardization})
 * </pre>
 */
public final class ModelZoo {
  /** The model names. */
  public static final List<String> NAMES = List.of("mlp", "mlp1000", "cnn", "cnn-cifar");

  private ModelZoo() {}

  /** The architecture {@code name} for examples of {@code inputShape} and {@code classes} classes. */
  public static ModelSpec get(String name, int[] inputShape, int classes) {
    java.util.regex.Matcher norm = InputStandardization.match(name);
    if (norm != null) {
      ModelSpec base = get(norm.group(2), inputShape, classes);
      if (base.layers().stream().anyMatch(l -> l instanceof LayerSpec.Projection)) {
        throw new InvalidInputException("model " + name + ": an input PCA is fitted on unstandardised inputs; "
            + "use either the standardisation or the PCA, not both");
      }
      List<LayerSpec> layers = new ArrayList<>();
      layers.add(InputStandardization.layer(name, norm.group(1)));
      layers.addAll(base.layers());
      return new ModelSpec(name, base.inputShape(), layers);
    }
    java.util.regex.Matcher pca = PCA_PREFIX.matcher(name);
    if (pca.matches()) {
      return withProjection(name, Integer.parseInt(pca.group(1)), get(pca.group(2), inputShape, classes), inputShape);
    }
    List<Integer> shape = Arrays.stream(inputShape).boxed().toList();
    return switch (name) {
      case "mlp" -> new ModelSpec(name, shape, List.of(new Flatten(), new Linear(512), relu(), new Linear(256), relu(),
          new Linear(classes)));
      case "mlp1000" -> new ModelSpec(name, shape, List.of(new Flatten(), new Linear(1000), relu(), new Linear(classes)));
      case "cnn" -> {
        requireImage(name, inputShape);
        yield new ModelSpec(name, shape, List.of(
            new Conv2d(16, 8, 2, 3), tanh(), new MaxPool(2, 1),
            new Conv2d(32, 4, 2, 0), tanh(), new MaxPool(2, 1),
            new Flatten(), new Linear(32), tanh(), new Linear(classes)));
      }
      case "cnn-cifar" -> {
        requireImage(name, inputShape);
        List<LayerSpec> layers = new ArrayList<>();
        for (int filters : new int[] {32, 64, 64}) {
          layers.addAll(List.of(new Conv2d(filters, 3, 1, 1), new GroupNorm(4), tanh(), new MaxPool(2, 2)));
        }
        layers.addAll(List.of(new Flatten(), new Linear(128), tanh(), new Linear(classes)));
        yield new ModelSpec(name, shape, layers);
      }
      default -> throw new InvalidInputException("unknown model '" + name + "'; choose one of " + String.join(", ", NAMES)
          + ", pca<k>-<mlp model> (e.g. pca60-mlp1000) or norm-mnist-<model>");
    };
  }

  /** {@code pca<k>-<model>}: an input projection to k components before a model on flat inputs. */
  private static final java.util.regex.Pattern PCA_PREFIX = java.util.regex.Pattern.compile("pca([0-9]{1,6})-(.+)");

  private static ModelSpec withProjection(String name, int k, ModelSpec base, int[] inputShape) {
    int features = Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
    if (base.layers().isEmpty() || !(base.layers().get(0) instanceof Flatten)) {
      throw new InvalidInputException("model " + name + ": a PCA projection needs a model on flat inputs (mlp, "
          + "mlp1000); " + base.name() + " is not one");
    }
    if (k < 1 || k > features) {
      throw new InvalidInputException("model " + name + ": " + k + " principal components of " + features
          + " input features; choose 1 to " + features);
    }
    List<LayerSpec> layers = new ArrayList<>();
    layers.add(new Flatten());
    layers.add(new LayerSpec.Projection(k));
    layers.addAll(base.layers().subList(1, base.layers().size()));
    return new ModelSpec(name, base.inputShape(), layers);
  }

  private static void requireImage(String name, int[] inputShape) {
    if (inputShape.length != 3) {
      throw new InvalidInputException("model " + name + " needs image inputs (channels, height, width); got shape "
          + Arrays.toString(inputShape) + " (use mlp for tables)");
    }
  }

  private static Activation relu() {
    return new Activation(ActivationKind.RELU);
  }

  private static Activation tanh() {
    return new Activation(ActivationKind.TANH);
  }
}
