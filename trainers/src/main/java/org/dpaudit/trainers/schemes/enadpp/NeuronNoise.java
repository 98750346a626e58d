package org.dpaudit.trainers.schemes.enadpp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.grad.LinearLayer;

/**
 * Per-neuron Laplace scales laid out over a dense network's parameters: neuron q of a layer owns
 * row q of the weight (its incoming weights) and entry q of the bias, and every coordinate it owns
 * gets the neuron's scale {@code b_q = base / rho_q}. A neuron with {@code rho_q = 0} (a budget of
 * zero: an infinite scale) is withheld: its coordinates are released as 0, which reveals nothing.
 *
 * @param scales one Laplace scale per parameter coordinate, in parameter order (float64, flat)
 * @param masks per parameter, 1 where the coordinate is released, 0 where withheld (float32)
 */
record NeuronNoise(NDArray scales, NDList masks) {

  /**
   * The layout for {@code dense} layers with per-layer neuron ratios {@code rho} (each in [0, 1]).
   *
   * @param base the scale of a neuron with ratio 1
   * @param auditSize the white-box audit tensor's coordinates, released after the last layer's
   *     parameters at the scale of a neuron with ratio 1 (the least-noised coordinates, the worst case
   *     the scheme's accounting covers); 0 without white-box canaries
   */
  static NeuronNoise of(NDManager m, List<LinearLayer> dense, double[][] rho, double base, int auditSize) {
    List<NDArray> flat = new ArrayList<>();
    NDList masks = new NDList();
    for (int l = 0; l < dense.size(); l++) {
      Shape w = dense.get(l).parameters().get(0).getShape();
      double[] b = new double[rho[l].length];
      float[] keep = new float[rho[l].length];
      for (int q = 0; q < b.length; q++) {
        keep[q] = rho[l][q] > 0 ? 1f : 0f;
        b[q] = rho[l][q] > 0 ? base / rho[l][q] : 0;
      }
      NDArray neuronScales = m.create(b);
      flat.add(neuronScales.reshape(w.get(0), 1).broadcast(w).flatten());
      flat.add(neuronScales);
      NDArray k = m.create(keep);
      masks.add(k.reshape(w.get(0), 1).broadcast(w));
      masks.add(k);
    }
    if (auditSize > 0) {
      flat.add(m.ones(new Shape(auditSize), DataType.FLOAT64).mul(base));
      masks.add(m.ones(new Shape(auditSize)));
    }
    return new NeuronNoise(NDArrays.concat(new NDList(flat)).toType(DataType.FLOAT64, false), masks);
  }

  /**
   * {@code released} with withheld coordinates set to +0. Multiplying by the 0/1 mask alone would
   * leave -0 where the value was negative, a sign bit that depends on the private gradient; adding
   * +0 afterwards turns every -0 into +0 (IEEE 754 round-to-nearest), so a withheld coordinate is
   * the same bit pattern whatever the data.
   */
  NDList mask(NDList released) {
    NDList out = new NDList();
    for (int i = 0; i < released.size(); i++) {
      out.add(released.get(i).mul(masks.get(i)).add(0f));
    }
    return out;
  }
}
