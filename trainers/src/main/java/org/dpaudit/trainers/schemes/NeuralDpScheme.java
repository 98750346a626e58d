package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.grad.PrivatisationLayer;
import org.dpaudit.trainers.grad.StatelessLayer;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * NeuralDP (seed 004: Knolle, Usynin, Ziller, Makowski, Rueckert, Kaissis, 2021): the activations of
 * one layer are privatised ({@link PrivatisationLayer}: each example's activation clipped to C_a,
 * Gaussian noise of std sigma_a C_a), and the network is trained through them; the paper argues that
 * the network is then DP by post-processing.
 *
 * <pre>
 * neuraldp            ordinary (non-private) gradient of the mean loss, through the privatisation layer
 * neuraldp-corrected  DP-SGD on every parameter (clip C, noise sigma C on the sum, / E), through the same
 *                     privatisation layer, which is kept but credited nothing
 * </pre>
 *
 * <h2>Accounting</h2>
 * The post-processing argument covers what is computed from the privatised activations alone. The
 * layers below the privatised activation are trained with unclipped, un-noised gradients of the raw
 * examples; the labels reach the layers above without noise; and each noisy activation is one
 * example's own release (a row of the batch), not a noisy sum, so under add/remove-one the rows
 * reveal membership. The model therefore has no finite epsilon: each step is recorded as a {@link
 * DpEvent.NonPrivate} release. What the activation noise does buy is reported as a caveat: {@link
 * ActivationReleaseBound} for one identified example under feature substitution with its label
 * public. neuraldp-corrected's steps are DP-SGD's, Poisson-sampled Gaussian of multiplier sigma.
 *
 * <h2>Implementation notes</h2>
 * A step's noise (the activations' and, for the corrected variant, the gradient's) is one draw of a
 * fixed size from the run's noise source: {@code cap d + P} values, cap an upper bound on the batch
 * size (E + 6 sqrt(E) + 8). The source makes each next step's draw ahead of time only for a request
 * of the same size, so a size that followed the Poisson batch size would never be ready; a batch
 * above cap (probability below 1e-9) draws its excess rows separately.
 */
public final class NeuralDpScheme extends PerExampleScheme {
  /** The activation clip norm C_a when not given (ours: the paper's value could not be read). */
  static final double DEFAULT_ACTIVATION_CLIP = 1.0;
  /** neuraldp-corrected's activation noise multiplier when not given (ours). */
  static final double DEFAULT_CORRECTED_ACTIVATION_NOISE = 1.0;

  private final String name;
  private final boolean corrected;
  private final Integer requestedLayer;
  private final PrivatisationLayer privatisation;
  private final double gradientClip;
  private final double gradientSigma;
  private final double samplingRate;
  private final PrivacyClaim claim;
  private final List<String> caveats;
  private DpNetwork base;
  private DpNetwork training;
  private int layer = -1;
  private long activationSize = -1;
  private int cap;

  /**
   * @param requestedLayer the index of the model layer whose output is privatised, or null for the
   *     default (the first layer with parameters, then its activation if one follows)
   * @param gradientSigma neuraldp-corrected's DP-SGD noise multiplier (ignored for neuraldp)
   */
  public NeuralDpScheme(String name, boolean corrected, Integer requestedLayer, double activationClip,
      double activationSigma, double gradientClip, double gradientSigma, double samplingRate, PrivacyClaim claim,
      List<String> caveats) {
    this.name = name;
    this.corrected = corrected;
    this.requestedLayer = requestedLayer;
    this.privatisation = new PrivatisationLayer(activationClip, activationSigma);
    this.gradientClip = gradientClip;
    this.gradientSigma = gradientSigma;
    this.samplingRate = samplingRate;
    this.claim = claim;
    this.caveats = List.copyOf(caveats);
  }

  /** Builds neuraldp or neuraldp-corrected from the run's configuration. */
  public static NeuralDpScheme create(SchemeId id, SchemeOptions o, SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    String name = id.name();
    boolean corrected = id.corrected();
    Integer layer = parseLayer(name, o.text("layer", null));
    double activationClip = o.positive("activation-clip", DEFAULT_ACTIVATION_CLIP);
    double q = ctx.samplingRate();
    long steps = ctx.totalSteps();
    NoisePlan plan = NoisePlan.gaussian(name, ctx);
    double sigma = plan.sigma();
    String basis = plan.calibrated()
        ? String.format(Locale.ROOT, "; sigma %.4f calibrated for the target epsilon", sigma) : "";
    double eps = plan.epsilon();
    if (corrected) {
      double activationSigma = o.positive("activation-noise", DEFAULT_CORRECTED_ACTIVATION_NOISE);
      PrivacyClaim claim = new PrivacyClaim(eps, cfg.delta(), String.format(Locale.ROOT, "neuraldp-corrected: DP-SGD on "
          + "every parameter, each step a Poisson-sampled Gaussian of multiplier %.4g at rate %.4g, %d steps (RDP)%s; "
          + "the activation noise is not credited", sigma, q, steps, basis));
      return new NeuralDpScheme(name, true, layer, activationClip, activationSigma, cfg.clipNorm(), sigma, q, claim,
          List.of());
    }
    PrivacyClaim claim = new PrivacyClaim(eps, cfg.delta(), String.format(Locale.ROOT, "NeuralDP (Knolle et al. 2021) "
        + "as we reconstruct its accounting: the activation noise multiplier %.4g accounted per step as a "
        + "Poisson-sampled Gaussian at rate %.4g, %d steps (RDP), and the network DP by post-processing%s", sigma, q,
        steps, basis));
    double feature = ActivationReleaseBound.epsilon(sigma, q, steps, cfg.delta());
    List<String> caveats = List.of(
        "neuraldp: the layers below the privatised activation are trained with unclipped, un-noised gradients of the "
            + "raw examples; post-processing covers only what is computed from the privatised activations, so the "
            + "model has no finite epsilon (every step is recorded as a non-private release)",
        "neuraldp: the labels reach the layers above without noise, and each noisy activation is one example's own "
            + "release (a row of the batch), not a noisy sum: under add/remove-one the rows reveal membership, so "
            + "even the layers above have no central DP guarantee",
        String.format(Locale.ROOT, "neuraldp: what the activation noise does buy: for one identified example whose "
            + "label is public, against anyone who sees the noisy activations, with its features replaced by anyone "
            + "else's (activation sensitivity 2 C_a), the run's activation stream is (%.4g, %s)-DP (local privacy of "
            + "each step's sampled-or-absent release, composed over %d steps; ActivationReleaseBound)", feature,
            cfg.delta(), steps));
    return new NeuralDpScheme(name, false, layer, activationClip, sigma, 0, 0, q, claim, caveats);
  }

  private static Integer parseLayer(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("scheme option layer of " + name + " must be a layer index (0 or more); got '"
        + value + "'");
  }

  @Override
  public String name() {
    return name;
  }

  /** neuraldp: the activation noise multiplier; neuraldp-corrected: DP-SGD's. */
  @Override
  public double noiseMultiplier() {
    return corrected ? gradientSigma : privatisation.noiseMultiplier();
  }

  /** The index of the model layer whose output is privatised (known after the first step). */
  public int privatisedLayer() {
    return layer;
  }

  /** The network the scheme trains through: the model with the privatisation layer inserted. */
  DpNetwork trainingNetwork(DpNetwork network) {
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
  static int defaultLayer(List<DpLayer> layers) {
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
    if (b == 0) {
      PerSampleGradients canaries = ctx.perSampleGradients(net, null, null);
      if (canaries != null && canaries.batchSize() > 0) {
        NDArray z = corrected ? stepNoise(ctx, 0, p) : null;
        return new StepGradient(release(canaries, corrected ? gradientNoise(z, p, e) : null, e, ctx), 0);
      }
      NDList zeros = emptySum(ctx);
      if (!corrected) {
        return new StepGradient(zeros, 0);
      }
      NDArray z = stepNoise(ctx, 0, p);
      return new StepGradient(NoiseSource.addNoise(zeros, gradientNoise(z, p, e)), 0);
    }
    if (activationSize < 0) {
      activationSize = activationSize(ctx);
      cap = (int) Math.ceil(e + 6 * Math.sqrt(e) + 8);
    }
    NDArray z = stepNoise(ctx, b, corrected ? p : 0);
    // Both slices are copied before any other draw: the source reuses its array at the next call.
    NDArray gradientNoise = corrected ? gradientNoise(z, p, e) : null;
    privatisation.setNoise(activationNoise(ctx, z, b));
    PerSampleGradients g = ctx.perSampleGradients(net, ctx.inputs(), ctx.labels());
    return new StepGradient(release(g, gradientNoise, e, ctx), g.lossSum());
  }

  /**
   * neuraldp: the mean of every row's gradient over the realised batch (no clipping, no gradient
   * noise); neuraldp-corrected: DP-SGD's clipped sum plus {@code gradientNoise}, over E.
   */
  private NDList release(PerSampleGradients g, NDArray gradientNoise, double e, StepContext ctx) {
    int rows = g.batchSize();
    if (!corrected) {
      return g.weightedSum(ctx.manager().ones(new ai.djl.ndarray.types.Shape(rows)).div(rows));
    }
    NDArray c = l2ClipCoefficients(g, gradientClip).div(e);
    return NoiseSource.addNoise(g.weightedSum(c), gradientNoise);
  }

  /** One fixed-size standard normal draw for the step: cap d activation values, then p gradient values. */
  private NDArray stepNoise(StepContext ctx, int b, long p) {
    long act = activationSize < 0 ? 0 : (long) cap * activationSize;
    return ctx.noise().standardGaussian(ctx.manager(), ctx.step(), act + p);
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

  private NDArray gradientNoise(NDArray z, long p, double e) {
    long act = activationSize < 0 ? 0 : (long) cap * activationSize;
    return z.get(act + ":" + (act + p)).mul(gradientSigma * gradientClip / e);
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

  /** neuraldp-corrected: the gradient clip norm (DP-SGD through the layer); neuraldp: none (no clipping). */
  @Override
  public java.util.OptionalDouble sumSensitivity(long step) {
    return corrected ? java.util.OptionalDouble.of(gradientClip) : java.util.OptionalDouble.empty();
  }

  @Override
  public DpEvent stepEvent(long step) {
    return corrected ? new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(gradientSigma))
        : new DpEvent.NonPrivate();
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
