package org.dpaudit.trainers.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.dpaudit.core.Checks;
import org.dpaudit.trainers.grad.Conv2dLayer;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DropoutLayer;
import org.dpaudit.trainers.grad.GroupNormLayer;
import org.dpaudit.trainers.grad.LayerNormLayer;
import org.dpaudit.trainers.grad.LinearLayer;
import org.dpaudit.trainers.grad.ProjectionLayer;
import org.dpaudit.trainers.grad.StatelessLayer;

/**
 * One layer of a model, described independently of the engine: the model zoo is a list of these,
 * and each becomes both a plain DJL {@link Block} (saved and loaded with DJL) and a {@link DpLayer}
 * over that block's parameters (for per-example gradients). A closed family: a new layer type must
 * come with its per-example gradient rule.
 */
public sealed interface LayerSpec {
  /** The plain DJL block for this layer. */
  Block toBlock();

  /** The per-example-gradient layer over {@code block}'s (initialised) parameters. */
  DpLayer toDpLayer(Block block, ConvGradMethod convMethod);

  private static List<Parameter> params(Block block) {
    return block.getParameters().values();
  }

  /** A dense layer {@code z = a W^T + b}. */
  record Linear(int units) implements LayerSpec {
    public Linear {
      Checks.positive("units", units);
    }

    @Override
    public Block toBlock() {
      return ai.djl.nn.core.Linear.builder().setUnits(units).build();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new LinearLayer(params(block).get(0), params(block).get(1));
    }
  }

  /**
   * A fixed, untrained linear projection of flat inputs to {@code components} dimensions (the input
   * PCA of {@code pca<k>-} models): fitted before training ({@link InputProjection}), saved with the
   * model.
   */
  record Projection(int components) implements LayerSpec {
    public Projection {
      Checks.positive("components", components);
    }

    @Override
    public Block toBlock() {
      return ai.djl.nn.core.Linear.builder().setUnits(components).build();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new ProjectionLayer(params(block).get(0), params(block).get(1));
    }
  }

  /**
   * A fixed input standardisation {@code (x - mean) / std} with public constants ({@link
   * InputStandardization}): not trained and holding no parameters, rebuilt from the model's name
   * whenever the model is built or loaded, so every loader feeds the model the inputs it trained on.
   */
  record Standardize(String constants, double mean, double std) implements LayerSpec {
    public Standardize {
      Checks.check(std > 0 && Double.isFinite(mean), "standardisation needs a finite mean and a positive std");
    }

    @Override
    public Block toBlock() {
      StatelessLayer op = StatelessLayer.standardize(mean, std);
      return ai.djl.nn.LambdaBlock.singleton(x -> op.forward(x, false, null), "standardize");
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return StatelessLayer.standardize(mean, std);
    }
  }

  /** A 2-D convolution with square kernel, stride and padding, with bias. */
  record Conv2d(int filters, int kernel, int stride, int padding) implements LayerSpec {
    public Conv2d {
      Checks.positive("filters", filters);
      Checks.positive("kernel", kernel);
      Checks.positive("stride", stride);
      Checks.nonNegative("padding", padding);
    }

    @Override
    public Block toBlock() {
      return ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
          .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).setFilters(filters).build();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new Conv2dLayer(params(block).get(0), params(block).get(1), kernel, stride, padding, convMethod);
    }
  }

  /** An element-wise activation. */
  record Activation(ActivationKind kind) implements LayerSpec {
    @Override
    public Block toBlock() {
      return kind == ActivationKind.RELU ? ai.djl.nn.Activation.reluBlock() : ai.djl.nn.Activation.tanhBlock();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return kind == ActivationKind.RELU ? StatelessLayer.relu() : StatelessLayer.tanh();
    }
  }

  /** 2-D max pooling with a square window. */
  record MaxPool(int kernel, int stride) implements LayerSpec {
    @Override
    public Block toBlock() {
      return Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride));
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return StatelessLayer.maxPool(kernel, stride);
    }
  }

  /** 2-D average pooling with a square window. */
  record AvgPool(int kernel, int stride) implements LayerSpec {
    @Override
    public Block toBlock() {
      return Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride));
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return StatelessLayer.avgPool(kernel, stride);
    }
  }

  /** Flattens everything but the batch axis. */
  record Flatten() implements LayerSpec {
    @Override
    public Block toBlock() {
      return Blocks.batchFlattenBlock();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return StatelessLayer.flatten();
    }
  }

  /** Dropout with drop probability {@code rate} (masks drawn from dpaudit's randomness root). */
  record Dropout(double rate) implements LayerSpec {
    public Dropout {
      Checks.check(rate >= 0 && rate < 1, "dropout rate must be in [0, 1); got " + rate);
    }

    @Override
    public Block toBlock() {
      return ai.djl.nn.norm.Dropout.builder().optRate((float) rate).build();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new DropoutLayer(rate);
    }
  }

  /** Group normalisation over channel groups, with per-channel scale and shift. */
  record GroupNorm(int groups) implements LayerSpec {
    public GroupNorm {
      Checks.positive("groups", groups);
    }

    @Override
    public Block toBlock() {
      return new GroupNormBlock(groups);
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new GroupNormLayer(params(block).get(0), params(block).get(1), groups);
    }
  }

  /** Layer normalisation over the features of a flat input, with element-wise scale and shift. */
  record LayerNorm() implements LayerSpec {
    @Override
    public Block toBlock() {
      return ai.djl.nn.norm.LayerNorm.builder().axis(1).optEpsilon(LayerNormLayer.EPSILON).build();
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      return new LayerNormLayer(params(block).get(0), params(block).get(1));
    }
  }

  /**
   * Batch normalisation: listed so that it can be refused by name ({@link ModelSpec} rejects it). It
   * mixes the examples of a batch, so an example's gradient depends on the others and per-example
   * clipping bounds nothing.
   */
  record BatchNorm() implements LayerSpec {
    @Override
    public Block toBlock() {
      throw new IllegalStateException("BatchNorm is refused by ModelSpec");
    }

    @Override
    public DpLayer toDpLayer(Block block, ConvGradMethod convMethod) {
      throw new IllegalStateException("BatchNorm is refused by ModelSpec");
    }
  }
}
