package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.engine.NativeKernels;

/**
 * Per-example gradients of a 2-D convolution (square kernel k, stride s, padding p).
 *
 * <pre>
 * x: (B, C, H, W)   W: (O, C, k, k)   z, Delta: (B, O, H', W')   T = H' W'
 * g_i(W)[o, c, u, v] = sum_t Delta_i[o, t] * xpad_i[c, s h'_t + u, s w'_t + v]     (= Delta_i U_i)
 * g_i(b) = sum_t Delta_i[:, t]
 * </pre>
 *
 * Three exact methods ({@link ConvGradMethod}); {@link #choose} picks one from the layer's shape.
 *
 * <h2>Implementation notes</h2>
 * Nothing is computed twice in a step: the per-example kernel gradients (or, for ghost norms, the
 * unfolded input) and the per-example bias gradients are made once, when the norms are asked for,
 * and the clipped sums reuse them, each as one matrix-vector product {@code c^T G} (Book-Keeping:
 * the clipped sum takes the place of the weight gradient the non-private backward pass would have
 * computed; on the CPU dpaudit's kernel forms {@code c^T G} in one pass, {@link
 * NativeKernels#weightedRows}). The unfolded input is laid out channels-last, {@code U_i: (T, k k C)} in (u, v, c)
 * order, so that the windows are copied in runs of C contiguous values and the batched product
 * needs no transpose; only the final (O, k, k, C) sum is put back in the weight's (O, C, k, k)
 * order.
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
   * The method for a layer of this shape. Where dpaudit's native kernel runs ({@code direct}), it
   * whenever the materialised per-example gradients fit in {@link #MATERIALISE_LIMIT} floats (for
   * the MNIST CNN's two layers, norms and clipped sums: 5.0-5.1 ms against 11.2-11.9 ms for the
   * engine's best method per layer, docs/benchmarks.md). Otherwise, from the work each engine method needs per example: ghost norms
   * cost {@code T^2 (O + C k^2)} multiply-adds and never hold a per-example gradient, materialising
   * the gradients costs {@code O C k^2 T} and {@code O C k^2} floats. Ghost norms when they are the
   * cheaper (few output positions: the MNIST CNN's second layer, T = 25, 7,200 against 8,192 per
   * position; measured in one process, DP step 31.5 against 39.4 ms by unfolding), or when the
   * materialised gradients would exceed {@link #MATERIALISE_LIMIT} floats and the ghost product is
   * smaller than a gradient; otherwise unfold for outputs with few positions and the grouped
   * convolution for the rest (the first layer, T = 196). A shape rule rather than timing, so the
   * choice (and a seeded run) is the same every time on machines of one kind.
   */
  static ConvGradMethod choose(long batch, long channels, long filters, long kernel, long positions, boolean direct) {
    long unfolded = channels * kernel * kernel;
    boolean fits = batch * filters * unfolded <= MATERIALISE_LIMIT;
    if (direct && fits) {
      return ConvGradMethod.DIRECT;
    }
    boolean ghostCheaper = positions * (filters + unfolded) < filters * unfolded;
    boolean tooLarge = !fits && positions * positions < filters * unfolded;
    if (ghostCheaper || tooLarge) {
      return ConvGradMethod.GHOST;
    }
    return positions <= UNFOLD_MAX_POSITIONS ? ConvGradMethod.UNFOLD : ConvGradMethod.GROUPED;
  }

  private ConvGradMethod resolve(Tape.Entry e) {
    if (method == null) {
      Shape x = e.input.getShape();
      Shape d = e.probe.getShape();
      method = choose(x.get(0), x.get(1), d.get(1), kernel, d.get(2) * d.get(3), NativeKernels.serves(e.input.getDevice()));
    } else if (method == ConvGradMethod.DIRECT && !NativeKernels.serves(e.input.getDevice())) {
      throw new InvalidInputException("--conv-grad direct: dpaudit's native kernel does not run here ("
          + (NativeKernels.available() ? "it serves the CPU only" : NativeKernels.unavailableReason())
          + "); use auto, grouped, unfold or ghost");
    }
    return method;
  }

  /**
   * The products (the unfold, the Gram matrices, the grouped convolution) on the engine's threads,
   * the element-wise operations and reductions after them on one when the arrays are small
   * ({@link Engines#onOneThreadIfSmall}: for the MNIST CNN 1.2 against 0.8 ms, profiled).
   */
  @Override
  public NDArray squaredNorms(Tape.Entry e) {
    if (resolve(e) == ConvGradMethod.GHOST) {
      NDArray d = flatDelta(e);
      NDArray u = unfolded(e);
      NDArray dd = d.transpose(0, 2, 1).batchMatMul(d);
      NDArray uu = u.batchMatMul(u.transpose(0, 2, 1));
      return smallOps(e, Math.max(e.probe.size(), dd.size()),
          () -> dd.mul(uu).sum(new int[] {1, 2}).add(biasSquares(e)));
    }
    NDArray g = perExample(e);
    if (method == ConvGradMethod.DIRECT) {
      return e.cachedSquaredNorms;
    }
    return smallOps(e, Math.max(e.probe.size(), g.size()), () -> g.square().sum(new int[] {1}).add(biasSquares(e)));
  }

  private static NDArray smallOps(Tape.Entry e, long largest, java.util.function.Supplier<NDArray> ops) {
    return Engines.onOneThreadIfSmall(largest, e.probe.getDevice(), ops);
  }

  /** Every example's squared bias-gradient norm (B). */
  private static NDArray biasSquares(Tape.Entry e) {
    return biasPerExample(e).square().sum(new int[] {1});
  }

  @Override
  public NDArray l1Norms(Tape.Entry e) {
    NDArray g = e.cachedPerExample != null ? e.cachedPerExample
        : resolve(e) == ConvGradMethod.DIRECT ? perExample(e) : unfoldedPerExample(e);
    return g.abs().sum(new int[] {1}).add(biasPerExample(e).abs().sum(new int[] {1}));
  }

  @Override
  public NDList weightedSum(Tape.Entry e, NDArray coefficients) {
    long b = coefficients.getShape().get(0);
    NDArray row = coefficients.reshape(1, b);
    if (resolve(e) == ConvGradMethod.DIRECT) {
      perExample(e); // the bias gradients come with the kernel's
    }
    NDArray biasGrad = row.matMul(biasPerExample(e)).reshape(bias.getShape());
    if (resolve(e) == ConvGradMethod.GHOST) {
      Shape d = e.probe.getShape();
      NDArray scaled = flatDelta(e).mul(DpLayer.broadcastable(coefficients, 3));
      NDArray dFlat = scaled.transpose(1, 0, 2).reshape(d.get(1), -1);
      NDArray uFlat = unfolded(e).reshape(b * d.get(2) * d.get(3), -1);
      return new NDList(channelsFirst(dFlat.matMul(uFlat)), biasGrad);
    }
    NDArray sum = NativeKernels.weightedRows(coefficients, perExample(e)); // one pass, where the kernels run
    if (sum == null) {
      sum = row.matMul(perExample(e));
    }
    return new NDList(switch (method) {
      case GROUPED -> sum.reshape(weight.getShape());
      case DIRECT -> {
        Shape w = weight.getShape();
        yield sum.reshape(w.get(1), kernel, kernel, w.get(0)).transpose(3, 0, 1, 2);
      }
      default -> channelsFirst(sum);
    }, biasGrad);
  }

  /** A kernel gradient in unfold order (O, k, k, C), flat or not, as the weight's (O, C, k, k). */
  private NDArray channelsFirst(NDArray unfoldOrder) {
    Shape w = weight.getShape();
    return unfoldOrder.reshape(w.get(0), kernel, kernel, w.get(1)).transpose(0, 3, 1, 2);
  }

  /** Every example's bias gradient (B, O), made once per step. */
  private static NDArray biasPerExample(Tape.Entry e) {
    if (e.cachedBias == null) {
      e.cachedBias = e.delta().sum(new int[] {2, 3});
    }
    return e.cachedBias;
  }

  /**
   * Every example's flattened kernel gradient, computed once per step: (B, O*K) with K in (C, k, k)
   * order by the grouped convolution, in unfold order (k, k, C) by unfolding; (B, C*k*k*O) by the
   * native kernel, which also leaves the bias gradients and the squared norms on the record.
   */
  private NDArray perExample(Tape.Entry e) {
    if (e.cachedPerExample == null) {
      switch (resolve(e)) {
        case GROUPED -> e.cachedPerExample = groupedConv(e);
        case DIRECT -> {
          NativeKernels.ConvGradients g = NativeKernels.convPerExample(e.input, e.delta(), kernel, stride, padding);
          if (g == null) {
            throw new IllegalStateException("the native kernel cannot serve this layer's arrays");
          }
          e.cachedPerExample = g.kernel();
          e.cachedBias = g.bias();
          e.cachedSquaredNorms = g.squaredNorms();
        }
        default -> e.cachedPerExample = unfoldedPerExample(e);
      }
    }
    return e.cachedPerExample;
  }

  /** Per-example kernel gradients as {@code Delta_i U_i}, (B, O*k*k*C) in unfold order. */
  NDArray unfoldedPerExample(Tape.Entry e) {
    NDArray d = flatDelta(e);
    return d.batchMatMul(unfolded(e)).reshape(d.getShape().get(0), -1);
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
   * im2col, channels-last: (B, T, k*k*C) in (u, v, c) order. On the CPU one Java pass over the
   * engine's memory ({@link HostUnfold}: for the MNIST CNN's second layer at batch 256, 1.2-1.7 ms
   * against 3.2-3.5 ms by slicing, profiled in one process); elsewhere {@link #sliceUnfold}. Both
   * are copies, so they agree bit for bit.
   */
  NDArray unfold(NDArray x) {
    NDArray host = HostUnfold.unfold(x, kernel, stride, padding);
    return host != null ? host : sliceUnfold(x);
  }

  /**
   * im2col by the engine: the k*k strided windows of the (zero-padded) channels-last input stacked.
   * DJL 0.35.1 has no unfold; slicing is exact and, unlike a convolution with an identity kernel,
   * costs no multiplications (measured 5x faster on the MNIST CNN's second layer). Channels-last,
   * each window is copied in runs of C contiguous values.
   */
  NDArray sliceUnfold(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    NDArray cl = x.transpose(0, 2, 3, 1);
    NDArray padded;
    if (padding > 0) {
      padded = x.getManager().zeros(new Shape(b, h + 2L * padding, w + 2L * padding, c), x.getDataType());
      padded.set(new NDIndex(":, {}:{}, {}:{}, :", padding, padding + h, padding, padding + w), cl);
    } else {
      padded = cl.reshape(b, h, w * c).reshape(b, h, w, c); // one copy into channels-last memory
    }
    long outH = (padded.getShape().get(1) - kernel) / stride + 1;
    long outW = (padded.getShape().get(2) - kernel) / stride + 1;
    NDList windows = new NDList(kernel * kernel);
    for (int i = 0; i < kernel; i++) {
      for (int j = 0; j < kernel; j++) {
        windows.add(padded.get(new NDIndex(":, {}:{}:{}, {}:{}:{}, :", i, i + stride * (outH - 1) + 1, stride,
            j, j + stride * (outW - 1) + 1, stride)));
      }
    }
    return NDArrays.stack(windows, 3).reshape(b, outH * outW, kernel * kernel * c);
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
