package org.dpaudit.trainers.noise;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.Checks;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.GaussianFill;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.Engines;

/**
 * The only code that makes DP noise: Gaussian and Laplace tensors on the model's device.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 *   <li><b>Source.</b> Random words come from an AES-256-CTR keystream ({@link CounterStream}),
 *       keyed from a DRBG in secure mode (the default) or derived from the seed in seeded mode: the
 *       same code path either way. Never from the engine's generator, {@code Random.nextGaussian}
 *       or Commons Math distributions (the latter was reported floating-point-vulnerable for DP
 *       noise).
 *   <li><b>Transforms.</b> Gaussian draws by the ziggurat on the keystream's 64-bit words
 *       ({@link CounterStream#fillGaussians}: 53-bit uniforms, float64, written straight into the
 *       engine's array); Laplace draws as the difference of two exponentials {@code ln(u1) -
 *       ln(u2)} of 53-bit uniforms in (0, 1], in float64 on the engine. No {@code sign(u) ln(1 -
 *       2|u|)}: a uniform that can hit -0.5 gives an infinity.
 *   <li><b>Floating point.</b> Noise is made and added in float64 and the noisy value rounded to
 *       float32, so the released value has a far coarser grid than the noise: the holes in the set
 *       of representable noise values that Mironov's 2012 attack reads (pure float noise added at
 *       full output precision) are averaged out by the rounding, as in his snapping mechanism. This
 *       is an engineering mitigation, not a proof; docs/ say so. The ziggurat's usual draw is
 *       {@code u X_i} with u an odd multiple of 2^-53: an evenly spaced float64 grid of spacing at
 *       most 2^-50 sigma, against float32's 2^-24 relative spacing of the released value.
 *   <li><b>Speed.</b> The keystream does not depend on the data, so the next step's draws are
 *       made ahead by two background threads while the current step computes, straight into the
 *       engine's memory: standard draws for {@link #addGaussian} (the scaling is part of the
 *       addition's pass), and already multiplied by the last standard deviation asked for through
 *       {@link #gaussian} (two, so that
 *       the idle moments of both cores are used: with one, the MLP's step waited longer for its
 *       draws, docs/benchmarks.md). They run in Linux's idle scheduling class: at normal priority
 *       a thread took cores from the engine's
 *       parallel operations, which then wait for their slowest thread (measured on 2 cores: 3.7 ms
 *       of draws made alongside the MLP's DP step cost it 9 ms). The draws are made in independent
 *       blocks ({@link GaussianFill}), so when the step asks before the idle threads are done (a
 *       busy machine has no idle core) the step's thread and a helper make the blocks not yet
 *       started instead of waiting; while the step waits for blocks the idle threads are in the
 *       middle of, they run at normal priority (else, on a busy machine, the step would wait for a
 *       thread that runs only when every other process sleeps). On the CPU the float64 sum and its
 *       rounding are one pass over the
 *       engine's own memory ({@link FusedNoiseAddition}).
 * </ul>
 */
public final class NoiseSource implements AutoCloseable {
  /** When noise is made. */
  enum Mode {
    /**
     * Ahead ({@link #AHEAD}) where the background thread can run in the idle scheduling class
     * ({@link BackgroundPriority}) or has a core free for it ({@link #freeCore}); otherwise when
     * asked ({@link #INLINE}).
     */
    AUTO,
    /**
     * Ahead, on the background thread; Gaussian blocks it has not started when the step asks are
     * made by the step's thread and the helper.
     */
    AHEAD,
    /** When asked; Gaussian draws on two threads (the step's and the helper). */
    INLINE
  }

  private final NoiseDraws draws;
  private final Mode mode;
  private final boolean silent;
  private boolean ahead;
  private NDManager manager;
  private NoiseDraws.Ahead pending;
  private NDArray handedOut;
  /** Draws taken so far: the generation of the arrays handed out last ({@link #holds}). */
  private long takes;
  private boolean closed;

  /**
   * A source that makes each next step's noise ahead of time: Gaussian draws on a thread of the
   * lowest scheduling priority where the platform has one (Linux), or when a core is free for it.
   */
  public NoiseSource(Randomness randomness) {
    this(randomness, Mode.AUTO);
  }

  /**
   * @param prefetch whether noise may be made ahead of time (as {@link #NoiseSource(Randomness)});
   *     without, it is always made when asked (benchmarks time generation alone that way)
   */
  public NoiseSource(Randomness randomness, boolean prefetch) {
    this(randomness, prefetch ? Mode.AUTO : Mode.INLINE);
  }

  NoiseSource(Randomness randomness, Mode mode) {
    this.mode = mode;
    this.silent = false;
    this.draws = new NoiseDraws(randomness);
  }

  private NoiseSource() {
    this.mode = Mode.INLINE;
    this.silent = true;
    this.draws = null;
  }

  /**
   * A source whose every draw is 0: the same code run with its noise switched off. The trainer
   * replays a step's release with it, so that the difference from the real release is exactly the
   * noise the code added (a white-box check of the noise against the ledger); never a run's noise.
   */
  public static NoiseSource silent() {
    return new NoiseSource();
  }

  /** Runs {@code task} on the first prefetch thread before what is handed to it next (tests hold it busy). */
  void occupyPrefetcher(Runnable task) {
    draws.occupyPrefetcher(task);
  }

  /** What this source's thread names end with (tests find its threads by it). */
  String threadSuffix() {
    return silent ? "" : draws.threadSuffix();
  }

  /**
   * {@code n} independent standard normal draws for step {@code step}, float64, on {@code m}'s
   * device. The array stays valid until the next call (or {@link #close}).
   */
  public synchronized NDArray standardGaussian(NDManager m, long step, long n) {
    return take(m, NoiseDraws.Kind.GAUSSIAN, step, n, 1.0);
  }

  /**
   * {@code n} independent N(0, std^2) draws for step {@code step}, float64: standard draws (made
   * ahead on the background thread) times {@code std}, so a std that changes from step to step (a
   * decaying noise schedule) costs nothing extra.
   */
  public synchronized NDArray gaussian(NDManager m, long step, long n, double std) {
    return take(m, NoiseDraws.Kind.GAUSSIAN, step, n, Checks.nonNegative("noise std", std));
  }

  /** {@code n} independent standard Laplace draws (scale 1) for step {@code step}, float64. */
  public synchronized NDArray standardLaplace(NDManager m, long step, long n) {
    return take(m, NoiseDraws.Kind.LAPLACE, step, n, 1.0);
  }

  /** {@code n} independent Laplace draws of scale {@code scale} for step {@code step}, float64. */
  public synchronized NDArray laplace(NDManager m, long step, long n, double scale) {
    return take(m, NoiseDraws.Kind.LAPLACE, step, n, Checks.nonNegative("Laplace scale", scale));
  }

  /**
   * One Laplace draw per coordinate with its own scale: {@code b_j * L_j} with {@code L_j} standard
   * Laplace, for step {@code step}, float64 (schemes whose privacy budget differs per neuron).
   *
   * @param scales the scale b_j of each coordinate (float64, flat; every value finite and at least 0,
   *     0 meaning no noise: only for coordinates the caller releases as 0)
   */
  public synchronized NDArray laplace(NDManager m, long step, NDArray scales) {
    requireScales(scales);
    NDArray standard = take(m, NoiseDraws.Kind.LAPLACE, step, scales.size(), 1.0);
    return standard.mul(scales.toType(DataType.FLOAT64, false));
  }

  private static void requireScales(NDArray scales) {
    Checks.check(scales.getShape().dimension() == 1, "noise scales must be a flat array; got shape " + scales.getShape());
    double min = scales.toType(DataType.FLOAT64, false).min().getDouble();
    double max = scales.toType(DataType.FLOAT64, false).max().getDouble();
    Checks.check(min >= 0 && max < Double.POSITIVE_INFINITY,
        "noise scales must be finite and at least 0; got [" + min + ", " + max + "]");
  }

  /**
   * {@code grads} plus the noise {@code noise} (flat, float64, already scaled), each sum formed in
   * float64 and rounded to float32: one noise value per coordinate, taken in order. On the CPU this
   * is one pass over the arrays' memory ({@link FusedNoiseAddition}); elsewhere engine operations.
   */
  public static NDList addNoise(NDList grads, NDArray noise) {
    long total = 0;
    for (NDArray g : grads) {
      total += g.size();
    }
    if (total != noise.size()) {
      throw new IllegalArgumentException("noise has " + noise.size() + " values for " + total + " coordinates");
    }
    return FusedNoiseAddition.applies(grads, noise) ? FusedNoiseAddition.add(grads, noise) : engineAdd(grads, noise);
  }

  /**
   * {@code grads} plus N(0, std^2) noise for step {@code step}: one draw per coordinate, taken in
   * order, each sum {@code float32(float64(g) + float64(std * z))}, so exactly {@code addNoise(grads,
   * gaussian(m, step, n, std))}. The caller gives {@code grads} up: on the CPU the sums are written
   * over them where their buffers are their own memory.
   *
   * <p>Why a method of its own: here the draws are made ahead standard, and the scaling is part of
   * the addition's single pass, so the background thread writes one array of draws a step instead
   * of two (the standard and the scaled), and the step's thread writes no fresh array for the noisy
   * sum. For the MNIST MLP that is 4.3 MB less written by the background thread and 2.1 MB less by
   * the step's, every step.
   */
  public synchronized NDList addGaussian(NDList grads, NDManager m, long step, double std) {
    return gaussianRelease(grads, m, step, std).materialize();
  }

  /**
   * {@code sum} plus N(0, std^2) noise for step {@code step}, as {@link #addGaussian}, with the
   * addition left to the pass that consumes it ({@link NoisyGradient}): for plain SGD on the CPU
   * the noise is added inside the update's pass. The caller gives {@code sum} up: the returned
   * gradient is from now on its only holder, and must be consumed before this source's next draw.
   */
  public synchronized NoisyGradient gaussianRelease(NDList sum, NDManager m, long step, double std) {
    Checks.nonNegative("noise std", std);
    long n = 0;
    for (NDArray g : sum) {
      n += g.size();
    }
    NDArray standard = standardGaussian(m, step, n);
    return NoisyGradient.pending(this, takes, sum, standard, std);
  }

  /**
   * Whether the draws handed out by take number {@code generation} are still this source's to give
   * (no draw since, not closed): a {@link NoisyGradient} checks it before it reads them.
   */
  synchronized boolean holds(long generation) {
    return silent || generation == takes && !closed;
  }

  /**
   * {@code float32(float64(g) + float64(scale * z))} for each coordinate of {@code grads}, from
   * standard draws {@code z} (flat, float64) taken in order; on the CPU one pass, written over the
   * gradients where their buffers are their own memory (the caller gives them up), else engine
   * operations. {@link #addGaussian} is this after {@link #standardGaussian}; the staged benchmark
   * times the two apart.
   */
  public static NDList addScaledNoise(NDList grads, NDArray standard, double scale) {
    long total = 0;
    for (NDArray g : grads) {
      total += g.size();
    }
    if (total != standard.size()) {
      throw new IllegalArgumentException("noise has " + standard.size() + " values for " + total + " coordinates");
    }
    if (FusedNoiseAddition.applies(grads, standard)) {
      return FusedNoiseAddition.add(grads, standard, scale, true);
    }
    return engineAdd(grads, scale == 1.0 ? standard : standard.mul(scale));
  }

  /** The same sums by engine operations (any device): widen, add, round. */
  static NDList engineAdd(NDList grads, NDArray noise) {
    List<NDArray> out = new ArrayList<>();
    long offset = 0;
    for (NDArray g : grads) {
      long size = g.size();
      NDArray part = noise.get(new NDIndex(offset + ":" + (offset + size))).reshape(g.getShape());
      out.add(g.toType(DataType.FLOAT64, false).add(part).toType(DataType.FLOAT32, false));
      offset += size;
    }
    return new NDList(out);
  }

  /**
   * Waits for and drops the noise being made ahead, if any: the next call makes its own. For
   * benchmarks that alternate between sources, so that each pays for all of its own noise.
   */
  public synchronized void cancelPrefetch() {
    discardPending();
  }

  /** How long the last batch of noise took to make (on the background thread), in nanoseconds. */
  public long lastMakeNanos() {
    return silent ? 0 : draws.lastMakeNanos();
  }

  /**
   * Standard draws times {@code scale}. Draws made ahead are keyed by (kind, step, count), not by
   * the scale: they come as standard draws and already times the last scale asked for, so a
   * constant sigma finds them scaled and a scale that changes every step pays one multiplication.
   * Arrays this source still owns are freed at the next call; a scaled array made here belongs to
   * the caller's scope.
   */
  private NDArray take(NDManager m, NoiseDraws.Kind kind, long step, long n, double scale) {
    takes++;
    if (silent) {
      return m.zeros(new Shape(n), DataType.FLOAT64);
    }
    if (handedOut != null) {
      handedOut.close();
      handedOut = null;
    }
    if (manager == null || !manager.getDevice().equals(m.getDevice())) {
      discardPending(); // made on the old device's manager
      if (manager != null) {
        manager.close();
      }
      // A manager of its own, not a child of the caller's: the background thread writes the next
      // step's noise into it, so closing the caller's manager before this source must not free it.
      manager = NDManager.newBaseManager(m.getDevice(), m.getEngine().getEngineName());
      ahead = mode == Mode.AHEAD || mode == Mode.AUTO && (BackgroundPriority.SUPPORTED || freeCore(m));
    }
    String key = kind + ":" + step + ":" + n;
    NoiseDraws.Made made;
    if (pending != null && pending.key().equals(key)) {
      made = draws.collect(pending);
      pending = null;
      if (made == null) { // never started by its idle-class thread
        made = draws.make(manager, kind, step, n, scale, draws.helper());
      }
    } else {
      discardPending();
      made = draws.make(manager, kind, step, n, scale, draws.helper());
    }
    if (ahead) {
      pending = draws.startAhead(manager, kind, step + 1, n, scale);
    }
    handedOut = made.standard();
    if (made.scaled() != null && made.scale() == scale) {
      NDScope.register(made.scaled()); // the caller's, like a product made on this thread
      return made.scaled();
    }
    if (made.scaled() != null) {
      made.scaled().close();
    }
    return scale == 1.0 ? made.standard() : made.standard().mul(scale);
  }

  /**
   * Whether a core is free for making noise ahead: the step runs on a GPU, or the machine has more
   * cores than the engine's operations use.
   */
  static boolean freeCore(NDManager m) {
    return !m.getDevice().equals(Device.cpu())
        || Runtime.getRuntime().availableProcessors() > Engines.intraOpThreads();
  }

  private void discardPending() {
    if (pending != null) {
      pending.discard();
      pending = null;
    }
  }

  /**
   * Stops the background thread and frees the noise arrays. The thread is waited for before the
   * arrays' manager is closed: closing it while a prefetch is still making noise on it frees native
   * memory under the running task and crashes the JVM (seen once in CI, SIGSEGV in
   * {@code TensorImpl::requires_grad}). That manager is the source's own, not a child of the
   * managers passed in, so those may be closed before this source (a test that did so crashed in
   * {@code GaussianFill.block} under load when it was a child).
   */
  @Override
  public synchronized void close() {
    if (silent) {
      return;
    }
    closed = true;
    boolean stopped = draws.closeAndWait();
    // If the threads could not be waited for, leak the manager rather than crash.
    if (stopped && manager != null) {
      manager.close();
    }
  }
}
