package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;

/**
 * Per-example gradients of a 2-D convolution (square kernel k, stride s, padding p).
 *
 * <pre>
 * x: (B, C, H, W)   W: (O, C, k, k)   z, Delta: (B, O, H', W')   T = H' W'
 * g_i(W)[o, c, u, v] = sum_t Delta_i[o, t] * xpad_i[c, s h'_t + u, s w'_t + v]     (= Delta_i U_i^T)
 * g_i(b) = sum_t Delta_i[:, t]
 * </pre>
 *
 * Three exact methods ({@link ConvGradMethod}); {@link #choose} picks one from the layer's shape.
 */
public final class Conv2dLayer implements DpLayer {
  /** Above this many floats of materialised per-example gradients, prefer ghost norms (256 MB). */
  static final long MATERIALISE_LIMIT = 1L << 26;

  /** At or below this many output positions, unfolding beats the grouped convolution (measured, C2b). */
  static final long UNFOLD_MAX_POSITIONS = 64;

  private final Parameter weight;
  private final Parameter bias;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final ConvGradMethod requested;
  private ConvGradMethod method;

  public Conv2dLayer(Parameter weight, Parameter bias, int kernel, int stride, int padding, ConvGradMethod method) {
    this.weight = weight;
    this.bias = bias;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.requested = method;
    this.method = method == ConvGradMethod.AUTO ? null : method;
  }

  /** The method in use (after the first DP step when {@code AUTO} was requested). */
  public ConvGradMethod method() {
    return method == null ? requested : method;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    NDArray z = Conv2d.conv2d(x, weight.getArray(), bias.getArray(), new Shape(stride, stride),
        new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
    return tape == null ? z : tape.probe(this, x, z, null);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  /**
   * The method for a layer of this shape: ghost norms when materialised per-example gradients
   * would exceed {@link #MATERIALISE_LIMIT} and the ghost product is smaller; otherwise unfold for
   * outputs with few positions and the grouped convolution for the rest. A shape rule rather than
   * timing, so the choice (and a seeded run) is the same every time.
   */
  static ConvGradMethod choose(long batch, long channels, long filters, long kernel, long positions) {
    long perExample = batch * filters * channels * kernel * kernel;
    if (perExample > MATERIALISE_LIMIT && positions * positions < filters * channels * kernel * kernel) {
      return ConvGradMethod.GHOST;
    }
    return positions <= UNFOLD_MAX_POSITIONS ? ConvGradMethod.UNFOLD : ConvGradMethod.GROUPED;
  }

  private ConvGradMethod resolve(Tape.Entry e) {
    if (method == null) {
      Shape x = e.input.getShape();
      Shape d = e.probe.getShape();
      method = choose(x.get(0), x.get(1), d.get(1), kernel, d.get(2) * d.get(3));
    }
    return method;
  }

  @Override
  public NDArray squaredNorms(Tape.Entry e) {
    NDArray biasSq = e.delta().sum(new int[] {2, 3}).square().sum(new int[] {1});
    if (resolve(e) == ConvGradMethod.GHOST) {
      NDArray d = flatDelta(e);
      NDArray u = unfolded(e);
      NDArray dd = d.transpose(0, 2, 1).batchMatMul(d);
      NDArray uu = u.transpose(0, 2, 1).batchMatMul(u);
      return dd.mul(uu).sum(new int[] {1, 2}).add(biasSq);
    }
    return perExample(e).square().sum(new int[] {1}).add(biasSq);
  }

  @Override
  public NDArray l1Norms(Tape.Entry e) {
    NDArray g = e.cachedPerExample != null ? e.cachedPerExample : perExampleBy(e, ConvGradMethod.UNFOLD);
    return g.abs().sum(new int[] {1}).add(e.delta().sum(new int[] {2, 3}).abs().sum(new int[] {1}));
  }

  @Override
  public NDList weightedSum(Tape.Entry e, NDArray coefficients) {
    NDArray scaledDelta = e.delta().mul(DpLayer.broadcastable(coefficients, 4));
    NDArray biasGrad = scaledDelta.sum(new int[] {0, 2, 3});
    Shape w = weight.getShape();
    if (resolve(e) == ConvGradMethod.GHOST) {
      long b = scaledDelta.getShape().get(0);
      long o = w.get(0);
      NDArray dFlat = scaledDelta.reshape(b, o, -1).transpose(1, 0, 2).reshape(o, -1);
      NDArray uFlat = unfolded(e).transpose(0, 2, 1).reshape(dFlat.getShape().get(1), -1);
      return new NDList(dFlat.matMul(uFlat).reshape(w), biasGrad);
    }
    NDArray g = perExample(e);
    NDArray sum = g.mul(DpLayer.broadcastable(coefficients, 2)).sum(new int[] {0});
    return new NDList(sum.reshape(w), biasGrad);
  }

  /** Every example's flattened kernel gradient (B, O*C*k*k), computed once per step. */
  private NDArray perExample(Tape.Entry e) {
    if (e.cachedPerExample == null) {
      e.cachedPerExample = perExampleBy(e, resolve(e));
    }
    return e.cachedPerExample;
  }

  NDArray perExampleBy(Tape.Entry e, ConvGradMethod how) {
    return switch (how) {
      case GROUPED -> groupedConv(e);
      case UNFOLD, GHOST, AUTO -> {
        NDArray d = flatDelta(e);
        NDArray u = unfold(e.input);
        yield d.batchMatMul(u.transpose(0, 2, 1)).reshape(d.getShape().get(0), -1);
      }
    };
  }

  /** The layer input unfolded, computed once per step and shared by norms and sums. */
  private NDArray unfolded(Tape.Entry e) {
    if (e.cachedUnfold == null) {
      e.cachedUnfold = unfold(e.input);
    }
    return e.cachedUnfold;
  }

  /** Delta as (B, O, T). */
  private static NDArray flatDelta(Tape.Entry e) {
    Shape d = e.probe.getShape();
    return e.delta().reshape(d.get(0), d.get(1), -1);
  }

  /**
   * im2col as (B, C*k*k, T): the k*k strided windows of the (zero-padded) input, stacked. DJL
   * 0.35.1 has no unfold; slicing is exact and, unlike a convolution with an identity kernel,
   * costs no multiplications (measured 5x faster on the MNIST CNN's second layer).
   */
  NDArray unfold(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    NDArray padded = x;
    if (padding > 0) {
      padded = x.getManager().zeros(new Shape(b, c, s.get(2) + 2L * padding, s.get(3) + 2L * padding), x.getDataType());
      padded.set(new NDIndex(":, :, {}:{}, {}:{}", padding, padding + s.get(2), padding, padding + s.get(3)), x);
    }
    long outH = (padded.getShape().get(2) - kernel) / stride + 1;
    long outW = (padded.getShape().get(3) - kernel) / stride + 1;
    NDList windows = new NDList(kernel * kernel);
    for (int i = 0; i < kernel; i++) {
      for (int j = 0; j < kernel; j++) {
        windows.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (outH - 1) + 1, stride,
            j, j + stride * (outW - 1) + 1, stride)));
      }
    }
    return NDArrays.stack(windows, 2).reshape(b, c * kernel * kernel, outH * outW);
  }

  /** The grouped-convolution recipe: per-example kernel gradients as (B, O*C*k*k). */
  private NDArray groupedConv(Tape.Entry e) {
    NDArray x = e.input;
    Shape xs = x.getShape();
    long b = xs.get(0);
    long c = xs.get(1);
    Shape ds = e.probe.getShape();
    long o = ds.get(1);
    NDArray kernelOfDeltas = e.delta().reshape(b * o, 1, ds.get(2), ds.get(3));
    NDArray out = Conv2d.conv2d(x.transpose(1, 0, 2, 3), kernelOfDeltas, null, new Shape(1, 1),
        new Shape(padding, padding), new Shape(stride, stride), (int) b).singletonOrThrow();
    NDArray cropped = out.get(new NDIndex(":, :, :" + kernel + ", :" + kernel));
    return cropped.reshape(c, b, o, kernel, kernel).transpose(1, 2, 0, 3, 4).reshape(b, -1);
  }

  @Override
  public DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    return new Conv2dLayer(copy.apply(weight), copy.apply(bias), kernel, stride, padding, requested);
  }
}
