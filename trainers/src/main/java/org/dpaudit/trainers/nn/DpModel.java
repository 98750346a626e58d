package org.dpaudit.trainers.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;

/**
 * A model built from a {@link ModelSpec}: an ordinary DJL {@link SequentialBlock} (saved and loaded
 * with DJL, so plain DJL can load a dpaudit model given the same architecture) and the {@link
 * DpNetwork} that computes per-example gradients over the very same parameter arrays.
 */
public final class DpModel implements AutoCloseable {
  /** The DJL model name; parameters are saved as {@code <dir>/model-0000.params}. */
  public static final String MODEL_NAME = "model";

  private final ModelSpec spec;
  private final Model model;
  private final DpNetwork network;

  private DpModel(ModelSpec spec, Model model, DpNetwork network) {
    this.spec = spec;
    this.model = model;
    this.network = network;
  }

  /** A new model with parameters initialised from {@code init}. */
  public static DpModel create(ModelSpec spec, Device device, ConvGradMethod convMethod, RandomGenerator init) {
    DpModel m = build(spec, device, convMethod);
    m.initialise(init);
    return m;
  }

  /** A model with parameters loaded from a directory written by {@link #save}. */
  public static DpModel load(ModelSpec spec, Path dir, Device device, ConvGradMethod convMethod) {
    DpModel m = build(spec, device, convMethod);
    try {
      m.model.load(dir, MODEL_NAME);
    } catch (IOException | MalformedModelException e) {
      m.close();
      throw new ArtifactException("cannot load model parameters from " + dir + ": " + e.getMessage(), e);
    }
    return m;
  }

  private static DpModel build(ModelSpec spec, Device device, ConvGradMethod convMethod) {
    SequentialBlock block = new SequentialBlock();
    for (LayerSpec l : spec.layers()) {
      block.add(l.toBlock());
    }
    block.setInitializer(Initializer.ZEROS, p -> true);
    Model model = Model.newInstance(spec.name(), device, Engines.ENGINE_NAME);
    model.setBlock(block);
    long[] in = new long[spec.inputShape().size() + 1];
    in[0] = 1;
    for (int i = 0; i < spec.inputShape().size(); i++) {
      in[i + 1] = spec.inputShape().get(i);
    }
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(in));
    List<DpLayer> layers = new ArrayList<>();
    List<Block> children = block.getChildren().values();
    for (int i = 0; i < spec.layers().size(); i++) {
      layers.add(spec.layers().get(i).toDpLayer(children.get(i), convMethod));
    }
    return new DpModel(spec, model, new DpNetwork(layers));
  }

  private void initialise(RandomGenerator rng) {
    for (DpLayer layer : network.layers()) {
      List<Parameter> ps = layer.parameters();
      if (ps.isEmpty()) {
        continue;
      }
      Shape w = ps.get(0).getShape();
      long fanIn = w.size() / w.get(0);
      for (Parameter p : ps) {
        ParameterInit.initialise(p, fanIn, rng);
      }
    }
  }

  /** Saves the parameters with DJL into {@code dir} (created if needed). */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      model.save(dir, MODEL_NAME);
    } catch (IOException e) {
      throw new ArtifactException("cannot save model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The architecture. */
  public ModelSpec spec() {
    return spec;
  }

  /** The per-example-gradient network over this model's parameters. */
  public DpNetwork network() {
    return network;
  }

  /** The DJL block (a plain {@link SequentialBlock}). */
  public SequentialBlock block() {
    return (SequentialBlock) model.getBlock();
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return model.getNDManager();
  }

  /** The device the parameters live on. */
  public Device device() {
    return model.getNDManager().getDevice();
  }

  /** The total number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : network.parameters()) {
      n += p.getArray().size();
    }
    return n;
  }

  @Override
  public void close() {
    model.close();
  }
}
