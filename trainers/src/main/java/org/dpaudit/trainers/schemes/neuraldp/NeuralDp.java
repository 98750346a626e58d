package org.dpaudit.trainers.schemes.neuraldp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.grad.PrivatisationLayer;
import org.dpaudit.trainers.grad.StatelessLayer;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.schemes.PerExampleScheme;
import org.dpaudit.trainers.schemes.PrivacyClaim;
import org.dpaudit.trainers.schemes.StepContext;
import org.dpaudit.trainers.schemes.StepGradient;

/**
 * NeuralDP (seed 004: Knolle, Usynin, Ziller, Makowski, Rueckert, Kaissis, 2021): the activations of
 * one layer are privatised ({@link PrivatisationLayer}: each example's activation clipped to C_a,
 * Gaussian noise of std sigma_a C_a), and the network is trained through them. The variants differ
 * in what they do with the gradient: {@link NeuralDpAsPublished} uses it as it is (the paper argues
 * the network is then DP by post-processing), {@link NeuralDpCorrected} runs DP-SGD on it.
 *
 * <p>A step's noise (the activations' and, for the corrected variant, the gradient's) is one draw
 * of a fixed size from the run's noise source: {@code cap d + P} values, cap an upper bound on the
 * batch size (E + 6 sqrt(E) + 8). The source makes each next step's draw ahead of time only for a
 * request of the same size, so a size that followed the Poisson batch size would never be ready; a
 * batch above cap (probability below 1e-9) draws its excess rows separately.
 */
public abstract sealed class NeuralDp extends PerExampleScheme permits NeuralDpAsPublished, NeuralDpCorrected {
  private final String name;
  private final Integer requestedLayer;
  final PrivatisationLayer privatisation;
  final double samplingRate;
  private final PrivacyClaim claim;
  private final List<String> caveats;
  private DpNetwork base;
  private DpNetwork training;
  private int layer = -1;
  private long activationSize = -1;
  private int cap;

  NeuralDp(String name, NeuralDpOptions options, double activationSigma, double samplingRate, PrivacyClaim claim,
      List<String> caveats) {
    this.name = name;
    this.requestedLayer = options.layer();
    this.privatisation = new PrivatisationLayer(options.activationClip(), activationSigma);
    this.samplingRate = samplingRate;
    this.claim = claim;
    this.caveats = List.copyOf(caveats);
  }

  @Override
  public String name() {
    return name;
  }

  /** The index of the model layer whose output is privatised (known after the first step). */
  public int privatisedLayer() {
    return layer;
  }

  /** The network the scheme trains through: the model with the privatisation layer inserted. */
  public DpNetwork trainingNetwork(DpNetwork network) {
    if (network != base) {
      List<DpLayer> layers = network.layers();
      layer = requestedLayer != null ? requestedLayer : defaultLayer(layers);
      if (layer > layers.size() - 2) {
        throw new InvalidInputException("scheme " + name + ": layer " + layer + " has no layer above it to train (the "
            + "model has " + layers.size() + " layers, 0 to " + (layers.size() - 1) + ")");
      }
      base = network;
      training = network.withLayerAfter(layer, privatisation);
      activationSize = -1;
    }
    return training;
  }

  /** The first layer with parameters, then the activation right after it if there is one. */
  public static int defaultLayer(List<DpLayer> layers) {
    for (int i = 0; i < layers.size(); i++) {
      if (!layers.get(i).parameters().isEmpty()) {
        boolean activation = i + 1 < layers.size() && layers.get(i + 1) instanceof StatelessLayer s
            && (s.toString().equals("relu") || s.toString().equals("tanh"));
        return activation ? i + 1 : i;
      }
    }
    throw new InvalidInputException("NeuralDP needs a model with parameters");
  }

  @Override
  public StepGradient gradient(StepContext ctx) {
    DpNetwork net = trainingNetwork(ctx.network());
    int b = ctx.batchSize();
    long p = ctx.parameterCount();
    double e = ctx.expectedBatchSize();
    long extra = gradientNoiseSize(p);
    if (b == 0) {
      PerSampleGradients canaries = ctx.perSampleGradients(net, null, null);
      NDArray noise = extra > 0 ? gradientNoise(stepNoise(ctx, extra), p, e) : null;
      if (canaries != null && canaries.batchSize() > 0) {
        return new StepGradient(release(canaries, noise, e, ctx), 0);
      }
      NDList zeros = emptySum(ctx);
      return new StepGradient(noise == null ? zeros : NoiseSource.addNoise(zeros, noise), 0);
    }
    if (activationSize < 0) {
      activationSize = activationSize(ctx);
      cap = (int) Math.ceil(e + 6 * Math.sqrt(e) + 8);
    }
    NDArray z = stepNoise(ctx, extra);
    // Both slices are copied before any other draw: the source reuses its array at the next call.
    NDArray noise = extra > 0 ? gradientNoise(z, p, e) : null;
    privatisation.setNoise(activationNoise(ctx, z, b));
    PerSampleGradients g = ctx.perSampleGradients(net, ctx.inputs(), ctx.labels());
    return new StepGradient(release(g, noise, e, ctx), g.lossSum());
  }

  /** The standard normal values the variant draws for its gradient each step, after the activations' (0: none). */
  abstract long gradientNoiseSize(long p);

  /** The gradient noise from the step's draw {@code z}, starting at {@link #activationDraw()} (a copy). */
  abstract NDArray gradientNoise(NDArray z, long p, double e);

  /** The released gradient from the batch's per-example gradients (through the privatised layer). */
  abstract NDList release(PerSampleGradients g, NDArray gradientNoise, double e, StepContext ctx);

  /** How many of the step's draw are activation noise: cap d (0 before the activation size is known). */
  long activationDraw() {
    return activationSize < 0 ? 0 : (long) cap * activationSize;
  }

  /** One fixed-size standard normal draw for the step: cap d activation values, then {@code extra} more. */
  private NDArray stepNoise(StepContext ctx, long extra) {
    return ctx.noise().standardGaussian(ctx.manager(), ctx.step(), activationDraw() + extra);
  }

  private NDArray activationNoise(StepContext ctx, NDArray z, int b) {
    long need = b * activationSize;
    long have = (long) cap * activationSize;
    if (need <= have) {
      return z.get("0:" + need).duplicate();
    }
    NDArray head = z.get("0:" + have).duplicate();
    NDArray extra = ctx.noise().standardGaussian(ctx.manager(), -1 - ctx.step(), need - have).duplicate();
    return head.concat(extra);
  }

  /** The number of values one example's privatised activation has. */
  private long activationSize(StepContext ctx) {
    NDArray h = ctx.inputs().get("0:1");
    List<DpLayer> layers = base.layers();
    for (int i = 0; i <= layer; i++) {
      h = layers.get(i).forward(h, false, null);
    }
    return h.size();
  }

  @Override
  public PrivacyClaim claim() {
    return claim;
  }

  @Override
  public List<String> caveats() {
    return caveats;
  }
}
