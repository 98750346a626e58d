package org.dpaudit.trainers.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.random.GaussianKernels;

/**
 * dpaudit's native CPU kernels ({@code trainers/src/main/c/dpaudit_kernels.c}, built into the jar
 * by Maven when gcc is there), called through JNA on the engine's own memory.
 *
 * <p>Why: a convolution's per-example gradients are what makes a DP step on a CNN dearer than a
 * plain one, and the engine offers them only as a grouped convolution (one group per example) or
 * an unfold and a batched product of small matrices, both far below the CPU's arithmetic rate. The
 * kernel computes each example's kernel gradient, bias gradient and squared norm in one pass, with
 * the products held in vector registers: for the MNIST CNN at batch 256, its two conv layers'
 * norms and clipped sums take 5.0-5.1 ms, against 11.2-11.9 ms for the engine's best method per
 * layer ({@code bench/.../ConvGradCandidates}, docs/benchmarks.md, section 1).
 *
 * <p>The library also holds a dense layer's per-example norms ({@link #linearSquaredNorms}), the
 * noisy sum ({@link #addNoise}) and the Gaussian noise's blocks ({@code dpaudit_noise.c}, through
 * {@link NativeGaussianKernel}; it needs AES-NI as well, {@link #noiseAvailable()}).
 *
 * <p>Where the library is missing (no gcc at build time, another platform) or the CPU lacks AVX2
 * and FMA, {@link #available()} is false and callers use the engine's operations. The kernel's
 * arithmetic is one instruction set and a fixed order, so its results are the same on every machine
 * that runs it and whatever the number of threads.
 */
public final class NativeKernels {
  /**
   * The kernels' arithmetic version this class was written for. 4: where the kernels serve a step,
   * the norms' totals and the clipping coefficients are computed on the host as well ({@code
   * HostClipping}), correctly rounded, where 3 took the engine's operations. 5: a convolution's
   * clipped kernel sum by {@link #weightedRows} (4 took the engine's matrix product).
   */
  private static final int VERSION = 5;

  private static final String UNAVAILABLE = load();

  private NativeKernels() {}

  private static String load() {
    try {
      Native.register(NativeKernels.class, NativeLibrary.getInstance("dpaudit_kernels"));
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return "the native library is not in this build (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }
    if (dpa_version() != VERSION) {
      return "the native library is version " + dpa_version() + ", this build expects " + VERSION;
    }
    return dpa_supported() == 1 ? null : "this CPU lacks AVX2 and FMA";
  }

  private static final String NOISE_UNAVAILABLE = loadNoise();

  private static String loadNoise() {
    if (UNAVAILABLE != null) {
      return UNAVAILABLE;
    }
    if (dpa_noise_supported() != 1) {
      return "this CPU lacks AES-NI";
    }
    dpa_ziggurat_tables(GaussianKernels.zigguratEdges(), GaussianKernels.zigguratRatios(),
        GaussianKernels.zigguratDensities());
    return null;
  }

  private static native int dpa_noise_supported();

  private static native void dpa_ziggurat_tables(double[] edges, double[] ratios, double[] densities);

  private static native long dpa_gaussian_block(byte[] key, long index, long firstCounter, Pointer standard,
      Pointer scaled, long from, long count, double scale, double margin, Pointer pendingAt, Pointer pendingWord,
      Pointer tailAt, long[] state);

  private static native void dpa_keystream(byte[] key, long index, long counter, long[] words, long n);

  private static native int dpa_wedge_chord(double x, int layer, double y);

  /** Whether the native Gaussian noise runs here (the kernels, and AES-NI). */
  public static boolean noiseAvailable() {
    return NOISE_UNAVAILABLE == null;
  }

  /** Why the native Gaussian noise does not run here, or null when it does. */
  public static String noiseUnavailableReason() {
    return NOISE_UNAVAILABLE;
  }

  /**
   * One block of a Gaussian fill by the native kernel ({@code dpaudit_noise.c}; see {@link
   * org.dpaudit.core.random.GaussianKernel.Worker#block}): the fast path, then the rejected draws'
   * wedge tests until one is within {@code margin} (relative) of the density, where Java decides.
   * The buffers are direct, in native order, and hold {@code from + count} values (checked); {@code
   * pendingAt}, {@code pendingWord} and {@code tailAt} are direct with room for {@code count}.
   * Returns {pending draws, retry words read before the first of them, draws sent to the tail}.
   */
  static long[] gaussianBlock(byte[] key, long index, long firstCounter, DoubleBuffer standard, DoubleBuffer scaled,
      int from, int count, double scale, double margin, java.nio.IntBuffer pendingAt, java.nio.LongBuffer pendingWord,
      java.nio.IntBuffer tailAt) {
    if (!noiseAvailable()) {
      throw new IllegalStateException("native noise unavailable: " + NOISE_UNAVAILABLE);
    }
    if (key.length != 32 || from < 0 || count < 0 || pendingAt.capacity() < count || pendingWord.capacity() < count
        || tailAt.capacity() < count) {
      throw new IllegalArgumentException("impossible native noise request (key " + key.length + " bytes, from " + from
          + ", count " + count + ")");
    }
    for (DoubleBuffer b : new DoubleBuffer[] {standard, scaled}) {
      if (b != null && (!b.isDirect() || b.order() != java.nio.ByteOrder.nativeOrder() || b.capacity() < (long) from + count)) {
        throw new IllegalArgumentException("the native noise writes direct native-order buffers of at least "
            + ((long) from + count) + " values");
      }
    }
    long[] state = new long[3];
    long code = dpa_gaussian_block(key, index, firstCounter, standard == null ? null : address(standard),
        scaled == null ? null : address(scaled), from, count, scale, margin, address(pendingAt), address(pendingWord),
        address(tailAt), state);
    if (code != 0) {
      throw new DpauditException("the native noise kernel failed (code " + code + ")");
    }
    return state;
  }

  /**
   * The native wedge test of ziggurat layer {@code layer} (1 to 127) at {@code x} by the chord alone,
   * before any exp: 1 when {@code y} lies under the density, 0 above it, -1 when too close to tell
   * (the kernel then evaluates exp). For tests: wherever it answers, Java's {@code y <
   * StrictMath.exp(-0.5 * x * x)} must answer the same.
   */
  static int wedgeChord(double x, int layer, double y) {
    if (!noiseAvailable()) {
      throw new IllegalStateException("native noise unavailable: " + NOISE_UNAVAILABLE);
    }
    int answer = dpa_wedge_chord(x, layer, y);
    if (answer == -2) {
      throw new IllegalArgumentException("layer " + layer + " has no wedge (1 to 127)");
    }
    return answer;
  }

  /** Fills {@code words} (an even number) with the keystream of (index, counter) under the AES-256 {@code key}. */
  static void keystream(byte[] key, long index, long counter, long[] words) {
    if (!noiseAvailable()) {
      throw new IllegalStateException("native noise unavailable: " + NOISE_UNAVAILABLE);
    }
    if (key.length != 32 || words.length % 2 != 0) {
      throw new IllegalArgumentException("impossible keystream request (key " + key.length + " bytes, " + words.length
          + " words)");
    }
    dpa_keystream(key, index, counter, words, words.length);
  }

  private static native int dpa_supported();

  private static native int dpa_version();

  private static native int dpa_conv_per_example(Pointer x, Pointer delta, Pointer kgrad, Pointer bgrad,
      Pointer sqnorm, int channels, int height, int width, int filters, int outHeight, int outWidth, int kernel,
      int stride, int padding, int from, int to, int wide);

  private static native int dpa_wide_supported();

  /** Whether the convolution kernel's products run with AVX-512 here (the same bits as with AVX2, faster). */
  private static final boolean WIDE = UNAVAILABLE == null && dpa_wide_supported() == 1;

  private static native void dpa_add_noise(Pointer g, Pointer z, double scale, Pointer out, long n);

  private static native void dpa_linear_sq_norms(Pointer x, Pointer delta, Pointer out, long inputs, long outputs,
      long from, long to);

  private static native void dpa_linear_sq_norms_by_row(Pointer x, Pointer delta, Pointer out, long inputs,
      long outputs, long from, long to);

  /**
   * Every example's squared gradient norm of a dense layer, weights and bias, from its inputs
   * {@code x} (B, in) and output gradients {@code delta} (B, out), both float32 on the CPU: {@code
   * ||delta_i||^2 (||x_i||^2 + 1)}, the sums in float64 and in a fixed order, rounded once to
   * float32. One pass over each array instead of the engine's six operations (for the MNIST MLP's
   * three layers, the per-operation overhead was most of the norms' time). Eight rows are summed
   * side by side, each in its own order, so a row's sum does not wait on its own previous step
   * (the same bits as one row at a time). Null when the kernels cannot serve these arrays, so the
   * caller uses the engine.
   */
  public static NDArray linearSquaredNorms(NDArray x, NDArray delta) {
    return linearSquaredNorms(x, delta, false);
  }

  /** {@link #linearSquaredNorms}, or (for tests) with every row summed on its own: the same bits. */
  static NDArray linearSquaredNorms(NDArray x, NDArray delta, boolean byRow) {
    if (!available() || !HostMemory.onCpu(x, DataType.FLOAT32) || !HostMemory.onCpu(delta, DataType.FLOAT32)) {
      return null;
    }
    Shape xs = x.getShape();
    Shape ds = delta.getShape();
    if (xs.dimension() != 2 || ds.dimension() != 2) {
      return null;
    }
    if (xs.get(0) != ds.get(0)) {
      throw new IllegalArgumentException("dense layer input " + xs + " and output gradients " + ds + " do not match");
    }
    FloatBuffer in = HostMemory.floats(x, false);
    FloatBuffer d = HostMemory.floats(delta, false);
    if (in == null || d == null || !in.isDirect() || !d.isDirect()) {
      return null;
    }
    NDArray norms = delta.getManager().create(new Shape(xs.get(0)), DataType.FLOAT32);
    FloatBuffer out = HostMemory.floats(norms, true);
    if (out == null) {
      norms.close();
      return null;
    }
    long inputs = xs.get(1);
    long outputs = ds.get(1);
    int rows = Math.toIntExact(xs.get(0));
    if (byRow) {
      dpa_linear_sq_norms_by_row(address(in), address(d), address(out), inputs, outputs, 0, rows);
    } else {
      // One thread: split between two (HostMemory.inRanges) the MLP's first layer took 0.51 against
      // 0.40 ms inside a step, the helper waking too late for a pass this short (measured).
      dpa_linear_sq_norms(address(in), address(d), address(out), inputs, outputs, 0, rows);
    }
    return norms;
  }

  /**
   * Every row's sum of squares of a float32 CPU array (B, n), in float64 and the order of {@link
   * #linearSquaredNorms}'s input sums (the same bits): a dense layer's input norms, taken in the
   * forward pass while the layer's product has just read its inputs. Why: after the backward pass
   * the inputs have left the cache, and the norms' pass read them back from memory (for the MNIST
   * MLP about half of the norms stage's kernel time). Null when the kernels cannot serve the array.
   */
  public static double[] rowSquares(NDArray x) {
    if (!available() || !HostMemory.onCpu(x, DataType.FLOAT32) || x.getShape().dimension() != 2) {
      return null;
    }
    FloatBuffer in = HostMemory.floats(x, false);
    if (in == null || !in.isDirect()) {
      return null;
    }
    int rows = Math.toIntExact(x.getShape().get(0));
    double[] out = new double[rows];
    dpa_row_sq_sums(address(in), out, x.getShape().get(1), 0, rows);
    return out;
  }

  /**
   * {@link #linearSquaredNorms} as a Java array, its inputs' sums given by {@link #rowSquares}
   * (taken in the forward pass) or, when {@code inputSquares} is null, summed here: the same bits
   * either way. Written straight to the host (no engine array to make and read back: in a step
   * those two calls cost more than the MLP's last layer's whole pass). Null when the kernels cannot
   * serve these arrays.
   */
  public static float[] linearSquaredNormsOnHost(double[] inputSquares, NDArray x, NDArray delta) {
    if (!available() || !HostMemory.onCpu(delta, DataType.FLOAT32) || delta.getShape().dimension() != 2) {
      return null;
    }
    int rows = Math.toIntExact(delta.getShape().get(0));
    if (inputSquares != null && inputSquares.length != rows) {
      throw new IllegalArgumentException(inputSquares.length + " input norms for " + rows + " output gradients");
    }
    double[] sx = inputSquares;
    if (sx == null) {
      if (x.getShape().dimension() != 2 || x.getShape().get(0) != rows) {
        return null;
      }
      sx = rowSquares(x);
      if (sx == null) {
        return null;
      }
    }
    FloatBuffer d = HostMemory.floats(delta, false);
    if (d == null || !d.isDirect()) {
      return null;
    }
    float[] out = new float[rows];
    dpa_linear_sq_norms_from(sx, address(d), out, delta.getShape().get(1), 0, rows);
    return out;
  }

  private static native void dpa_row_sq_sums(Pointer x, double[] out, long cols, long from, long to);

  private static native void dpa_linear_sq_norms_from(double[] inputSquares, Pointer delta, float[] out, long cols,
      long from, long to);

  /**
   * {@code out[i] = float32(float64(g[i]) + z[i] * scale)} for {@code n} values from the given
   * offsets (in values) of three direct buffers: the noisy gradient from standard draws, the product
   * and the sum each rounded as Java and the engine round them (no fused multiply-add), in one pass
   * over the engine's memory; {@code out} may alias {@code g}. With scale 1 the noise is {@code z}
   * itself. The caller checks {@link #available()} first.
   */
  public static void addNoise(FloatBuffer g, int gAt, DoubleBuffer z, long zAt, double scale, FloatBuffer out,
      int outAt, int n) {
    dpa_add_noise(address(g).share((long) gAt * Float.BYTES), address(z).share(zAt * Double.BYTES), scale,
        address(out).share((long) outAt * Float.BYTES), n);
  }

  /**
   * {@code w[i] = w[i] - lr * float32(float64(g[i]) + z[i] * scale)} for {@code n} values from the
   * given offsets (in values) of three direct buffers: {@link #addNoise} and then {@link #sgdUpdate}
   * in one pass, each value rounded exactly as the two round it (the same bits), the noisy gradient
   * never written. {@code lr} is float32 already, as {@link #sgdUpdate} rounds it. The caller checks
   * {@link #available()} first and that {@code w} is its own memory.
   */
  public static void noisySgdUpdate(FloatBuffer w, int wAt, FloatBuffer g, int gAt, DoubleBuffer z, long zAt,
      double scale, float lr, int n) {
    dpa_noisy_sgd_update(address(w).share((long) wAt * Float.BYTES), address(g).share((long) gAt * Float.BYTES),
        address(z).share(zAt * Double.BYTES), scale, lr, n);
  }

  private static native void dpa_noisy_sgd_update(Pointer w, Pointer g, Pointer z, double scale, float lr, long n);

  /**
   * {@code w = w - lr * g} in place, float32, the product rounded and then the difference (no fused
   * multiply-add, {@code lr} rounded to float32 first): what the engine's {@code w.subi(g.mul(lr))}
   * computes, bit for bit, in one pass over the engine's memory instead of two operations and a
   * temporary (a lean PyTorch loop's {@code add_(grad, alpha=-lr)} is one pass too). Large arrays are
   * split between two threads ({@link HostMemory#inRanges}). Returns false, touching nothing, when
   * the kernels cannot serve these arrays (another device or type, a weight that is not its own
   * memory, shapes that differ): the caller then uses the engine.
   */
  public static boolean sgdUpdate(NDArray w, NDArray g, double lr) {
    if (!available() || !HostMemory.onCpu(g, DataType.FLOAT32) || w.size() != g.size()) {
      return false;
    }
    FloatBuffer weights = HostMemory.ownFloats(w);
    FloatBuffer grads = weights == null ? null : HostMemory.floats(g, false);
    if (weights == null || grads == null || !weights.isDirect() || !grads.isDirect()) {
      return false;
    }
    float rate = (float) lr;
    int n = Math.toIntExact(w.size());
    if (n < SGD_PARALLEL_MIN) {
      dpa_sgd_update(address(weights), address(grads), rate, n);
    } else {
      HostMemory.inRanges(n, SGD_PART, (from, to) -> dpa_sgd_update(address(weights).share((long) from * Float.BYTES),
          address(grads).share((long) from * Float.BYTES), rate, to - from));
    }
    return true;
  }

  /** Below this many values an update runs on the calling thread alone. */
  static final int SGD_PARALLEL_MIN = 1 << 17;

  /** Values per part of an update split between two threads. */
  private static final int SGD_PART = 1 << 16;

  private static native void dpa_sgd_update(Pointer w, Pointer g, float lr, long n);

  /**
   * {@code c^T G}: the coefficient-weighted sum of the rows of {@code rows} (B, n), float32 on the
   * CPU, as a (1, n) array: each value a chain of float32 fused multiply-adds over the rows in
   * order (the same bits on one thread or two, tested against a scalar fma loop). Why: the
   * clipped sum of materialised per-example gradients is this vector-matrix product, which the
   * engine runs as a general matrix product that first packs the whole matrix (for the MNIST CNN's
   * second convolution, 8.4 MB a step). Null when the kernels cannot serve these arrays.
   */
  public static NDArray weightedRows(NDArray coefficients, NDArray rows) {
    if (!available() || !HostMemory.onCpu(coefficients, DataType.FLOAT32) || !HostMemory.onCpu(rows, DataType.FLOAT32)
        || rows.getShape().dimension() != 2) {
      return null;
    }
    long b = rows.getShape().get(0);
    int n = Math.toIntExact(rows.getShape().get(1));
    if (coefficients.size() != b) {
      throw new IllegalArgumentException(coefficients.size() + " coefficients for " + b + " rows");
    }
    FloatBuffer c = HostMemory.floats(coefficients, false);
    FloatBuffer g = HostMemory.floats(rows, false);
    if (c == null || g == null || !c.isDirect() || !g.isDirect()) {
      return null;
    }
    NDArray out = rows.getManager().create(new Shape(1, n), DataType.FLOAT32);
    FloatBuffer o = HostMemory.floats(out, true);
    if (o == null) {
      out.close();
      return null;
    }
    if (b * n < WEIGHTED_PARALLEL_MIN) {
      dpa_weighted_rows(address(c), address(g), address(o), b, n, 0, n);
    } else {
      HostMemory.inRanges(n, WEIGHTED_PART, (from, to) -> dpa_weighted_rows(address(c), address(g), address(o), b, n,
          from, to));
    }
    return out;
  }

  /** Below this many values read, a weighted sum of rows runs on the calling thread alone. */
  static final long WEIGHTED_PARALLEL_MIN = 1L << 17;

  /** Columns per part of a weighted sum split between two threads. */
  private static final int WEIGHTED_PART = 2048;

  private static native void dpa_weighted_rows(Pointer c, Pointer g, Pointer out, long rows, long cols, long from,
      long to);

  /**
   * Whether two direct buffers start at the same address: how {@link HostMemory} tells a buffer that
   * aliases a tensor's memory from a contiguous copy of it.
   */
  static boolean sameAddress(Buffer a, Buffer b) {
    return Pointer.nativeValue(address(a)) == Pointer.nativeValue(address(b));
  }

  /** Whether the convolution kernel runs with AVX-512 here. */
  public static boolean wide() {
    return WIDE;
  }

  /**
   * Which arithmetic per-example norms and sums take on this machine's CPU, as run fingerprints
   * record it: {@code "native-<version>"} where the kernels run, {@code "engine"} elsewhere. Within a
   * version the kernels give the same bits on every machine (AVX-512 or AVX2, any thread count).
   */
  public static String version() {
    return available() ? "native-" + VERSION : "engine";
  }

  /** Whether the kernels run here. */
  public static boolean available() {
    return UNAVAILABLE == null;
  }

  /** Why the kernels do not run here, or null when they do. */
  public static String unavailableReason() {
    return UNAVAILABLE;
  }

  /** Every example's gradients of a convolution: kernel {@code (B, C*k*k*O)}, bias {@code (B, O)}, squared norms {@code (B)}. */
  public record ConvGradients(NDArray kernel, NDArray bias, NDArray squaredNorms) {}

  /**
   * Per-example gradients of a convolution with square kernel {@code k}, from its input {@code x}
   * (B, C, H, W) and output gradients {@code delta} (B, O, H', W'), both float32 on the CPU. The
   * kernel gradients are laid out (C, k, k, O) per example: the output channels vary fastest. The
   * squared norms cover kernel and bias. The examples are shared, in parts, by the calling thread
   * and one helper when the engine has two intra-op threads ({@link HostMemory#inParts}). Null when the
   * kernels cannot serve these arrays (not available, not float32 on the CPU), so the caller uses
   * the engine.
   */
  public static ConvGradients convPerExample(NDArray x, NDArray delta, int k, int stride, int padding) {
    return convPerExample(x, delta, k, stride, padding, WIDE);
  }

  /** {@link #convPerExample} with the products in AVX-512 ({@code wide}) or AVX2 (for tests: the same bits). */
  static ConvGradients convPerExample(NDArray x, NDArray delta, int k, int stride, int padding, boolean wide) {
    if (wide && !WIDE) {
      throw new IllegalStateException("AVX-512 kernel unavailable here");
    }
    if (!available() || !HostMemory.onCpu(x, DataType.FLOAT32) || !HostMemory.onCpu(delta, DataType.FLOAT32)) {
      return null;
    }
    Shape xs = x.getShape();
    Shape ds = delta.getShape();
    if (xs.dimension() != 4 || ds.dimension() != 4 || xs.get(0) != ds.get(0)) {
      throw new IllegalArgumentException("convolution input " + xs + " and output gradients " + ds + " do not match");
    }
    int b = Math.toIntExact(xs.get(0));
    int c = Math.toIntExact(xs.get(1));
    int o = Math.toIntExact(ds.get(1));
    NDArray kernelGrads = delta.getManager().create(new Shape(b, (long) c * k * k * o), DataType.FLOAT32);
    NDArray biasGrads = delta.getManager().create(new Shape(b, o), DataType.FLOAT32);
    NDArray norms = delta.getManager().create(new Shape(b), DataType.FLOAT32);
    // The kernel reads the input channels-last: a view, not a copy, when the input is laid out so
    // (as max pooling leaves it) or has one channel; otherwise the engine makes the copy.
    FloatBuffer[] in = {HostMemory.floats(x.transpose(0, 2, 3, 1), false), HostMemory.floats(delta, false)};
    FloatBuffer[] out = {HostMemory.floats(kernelGrads, true), HostMemory.floats(biasGrads, true),
        HostMemory.floats(norms, true)};
    for (FloatBuffer buffer : new FloatBuffer[] {in[0], in[1], out[0], out[1], out[2]}) {
      if (buffer == null || !buffer.isDirect()) {
        kernelGrads.close();
        biasGrads.close();
        norms.close();
        return null;
      }
    }
    int[] dims = {c, Math.toIntExact(xs.get(2)), Math.toIntExact(xs.get(3)), o, Math.toIntExact(ds.get(2)),
        Math.toIntExact(ds.get(3)), k, stride, padding};
    HostMemory.inRanges(b, EXAMPLES_PER_PART, (from, to) -> run(in, out, dims, from, to, wide));
    return new ConvGradients(kernelGrads, biasGrads, norms);
  }

  /** Examples per call: 16 parts of the batch at 256, so that a helper that wakes late still takes its share. */
  static final int EXAMPLES_PER_PART = 16;

  private static void run(FloatBuffer[] in, FloatBuffer[] out, int[] d, int from, int to, boolean wide) {
    int code = dpa_conv_per_example(address(in[0]), address(in[1]), address(out[0]), address(out[1]),
        address(out[2]), d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], from, to, wide ? 1 : 0);
    if (code != 0) {
      throw new DpauditException("the native convolution kernel failed (code " + code + ": "
          + (code == 1 ? "out of memory" : code == 2 ? "CPU without AVX2/FMA" : "impossible shape") + ")");
    }
  }

  private static Pointer address(Buffer direct) {
    return Native.getDirectBufferPointer(direct);
  }

  /** Whether the kernels can serve arrays on {@code device}. */
  public static boolean serves(Device device) {
    return available() && device.equals(Device.cpu());
  }
}
