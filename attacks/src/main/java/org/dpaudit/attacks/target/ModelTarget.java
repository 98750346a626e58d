package org.dpaudit.attacks.target;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.loop.Evaluator;
import org.dpaudit.trainers.nn.DpModel;

/** A dpaudit model as a white-box target. */
public final class ModelTarget implements WhiteBoxTarget {
  private final DpModel model;
  private final String description;

  public ModelTarget(DpModel model, String description) {
    this.model = model;
    this.description = description;
  }

  @Override
  public float[] logits(Dataset data, int[] idx) {
    return Evaluator.logits(model.network(), model.manager(), data, idx);
  }

  @Override
  public int numClasses() {
    var layers = model.spec().layers();
    return ((org.dpaudit.trainers.nn.LayerSpec.Linear) layers.get(layers.size() - 1)).units();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Gradient logProbabilityGradient(float[] inputs, int[] exampleShape, int[] targetClasses) {
    NDManager m = model.manager();
    int d = 1;
    for (int s : exampleShape) {
      d *= s;
    }
    int n = inputs.length / d;
    long[] dims = new long[exampleShape.length + 1];
    dims[0] = n;
    for (int i = 0; i < exampleShape.length; i++) {
      dims[i + 1] = exampleShape[i];
    }
    try (NDScope scope = new NDScope()) {
      NDArray x = m.create(inputs, new Shape(dims));
      x.setRequiresGradient(true);
      NDArray logp;
      try (GradientCollector gc = Engines.engine().newGradientCollector()) {
        NDArray logits = model.network().forward(x, false, null);
        logp = logits.logSoftmax(1).mul(m.create(targetClasses).oneHot(numClasses(), DataType.FLOAT32))
            .sum(new int[] {1});
        gc.backward(logp.sum());
      }
      return new Gradient(logp.toFloatArray(), x.getGradient().toFloatArray());
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
