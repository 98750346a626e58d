package org.dpaudit.attacks.target;

import org.dpaudit.datasets.Dataset;
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
    return LogProbabilityGradients.compute(model.manager(), x -> model.network().forward(x, false, null),
        numClasses(), inputs, exampleShape, targetClasses);
  }

  @Override
  public void close() {
    model.close();
  }
}
