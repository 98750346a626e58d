package org.dpaudit.core.random;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dpaudit.core.DpauditException;

/**
 * A random-access, cryptographically strong stream: AES-256 in counter mode, keyed once per run,
 * with one independent block of keystream per index (a training step, an epoch).
 *
 * <p>Why: DP noise needs one draw per parameter per step, and {@code SecureRandom} per element
 * costs 20-70x a whole training step (shared/research/performance.md, C3). A bulk AES-CTR
 * keystream (hardware AES) costs a few milliseconds per million draws and is a standard
 * cryptographically secure generator. Random access by index means a resumed run regenerates step
 * {@code t}'s randomness without replaying steps {@code 0..t-1}.
 *
 * <pre>
 * key  = 32 bytes from {@link Randomness#keyMaterial} (DRBG when secure, SHA-256 derivation when seeded)
 * IV   = index (8 bytes, big-endian) || block counter (8 bytes, from 0; a Gaussian fill's block b
 *        from b << 40)
 * </pre>
 *
 * Uniform doubles use the top 53 bits of each 64-bit word.
 */
public final class CounterStream {
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
  static final int CHUNK_LONGS = 1 << 13;
  /** Little-endian longs over a byte array (the keystream's words, and the counter blocks). */
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final SecretKeySpec key;
  private final byte[] keyBytes;
  private final GaussianKernel kernel;

  CounterStream(byte[] key) {
    this(key, GaussianKernels.active());
  }

  /** A stream whose Gaussian fills use {@code kernel} for the fast path (the values never depend on it). */
  CounterStream(byte[] key, GaussianKernel kernel) {
    this.key = new SecretKeySpec(key, "AES");
    this.keyBytes = key.clone();
    this.kernel = kernel;
  }

  /** This stream with its Gaussian fills' fast path made by {@code kernel} (tests and benchmarks compare them). */
  public CounterStream withKernel(GaussianKernel kernel) {
    return new CounterStream(keyBytes, java.util.Objects.requireNonNull(kernel, "kernel"));
  }

  GaussianKernel kernel() {
    return kernel;
  }

  /** The AES-256 key (not a copy: callers only read it). */
  byte[] keyBytes() {
    return keyBytes;
  }

  /** A generator over the keystream of {@code index}. */
  public RandomGenerator at(long index) {
    return new Reader(cipher(index));
  }

  /**
   * Fills {@code out} with uniform doubles in (0, 1] (never 0, so logarithms stay finite), from the
   * keystream of {@code index}.
   */
  public void fillOpenUniforms(long index, double[] out) {
    fill(index, out, true);
  }

  /** Fills {@code out} with uniform doubles in [0, 1) from the keystream of {@code index}. */
  public void fillUniforms(long index, double[] out) {
    fill(index, out, false);
  }

  /**
   * Draws per block of a Gaussian fill. Block b reads its own stretch of the keystream (counters
   * from {@code b << }{@value #BLOCK_COUNTER_SHIFT} on, far more than a block can use), so blocks
   * are independent: they can be made in any order, on any thread, with the same values.
   */
  public static final int GAUSSIAN_BLOCK = 1 << 16;

  static final int BLOCK_COUNTER_SHIFT = 40;

  /**
   * The Gaussian sampler's version, which run fingerprints record: version 2 reads rejected draws'
   * further words, and the tail's, from counters of their own and takes exponentials and logarithms
   * from StrictMath (version 1, unrecorded, read them on from the draws' own words with Math's).
   */
  public static final String GAUSSIAN_SAMPLER = "ziggurat-128/aes-256-ctr/2";

  /**
   * Where a Gaussian block's retry words start, past its first counter: rejected draws read their
   * further words there, so every draw's first word is fixed by its position (the fast path can be
   * made in any order, vectorised or native) and the retries by the order of the rejected draws.
   */
  static final long RETRY_COUNTER_OFFSET = 1L << 32;

  /**
   * Where a Gaussian block's tail words start, past its first counter: the draws that reach the base
   * strip's tail are drawn last, in the order they got there, so the retries' words never depend on
   * the tail's logarithms (a native worker can finish the wedges and leave the tails to Java).
   */
  static final long TAIL_COUNTER_OFFSET = 1L << 33;

  /**
   * Fills {@code out} (from index 0 to its limit, position ignored) with independent standard
   * normal draws from the keystream of {@code index}, by the ziggurat ({@link Ziggurat}): float64,
   * about one 64-bit word per draw. Draw k of block b ({@link #GAUSSIAN_BLOCK} draws) starts from
   * word k of the keystream from counter {@code b << 40}; the 2.8% it rejects take their further
   * words, in order, from counter {@code (b << 40) + 2^32} on, and the few that reach the base
   * strip's tail are drawn last from counter {@code (b << 40) + 2^33} on ({@link GaussianFill}). A direct buffer may be a tensor's own memory, so draws go
   * straight into the engine's array.
   */
  public void fillGaussians(long index, java.nio.DoubleBuffer out) {
    fillGaussians(index, out, 1.0, null);
  }

  /**
   * {@code scale} times standard normal draws ({@link #fillGaussians(long, java.nio.DoubleBuffer)};
   * each product rounded once, as any float64 multiplication). With a {@code helper}, that thread
   * makes blocks too meanwhile; the values never depend on it.
   */
  public void fillGaussians(long index, java.nio.DoubleBuffer out, double scale, java.util.concurrent.Executor helper) {
    GaussianFill fill = scale == 1.0 ? gaussianFill(index, out, null, 1.0) : gaussianFill(index, null, out, scale);
    if (helper != null && out.limit() > GAUSSIAN_BLOCK) {
      helper.execute(fill::help);
    }
    fill.complete();
  }

  /**
   * A fill of {@code standard} with standard normal draws from the keystream of {@code index} and/or
   * of {@code scaled} with {@code scale} times them (either may be null), for threads to make
   * together ({@link GaussianFill}).
   */
  public GaussianFill gaussianFill(long index, java.nio.DoubleBuffer standard, java.nio.DoubleBuffer scaled,
      double scale) {
    return new GaussianFill(this, index, standard, scaled, scale);
  }

  /** {@link #fillGaussians(long, java.nio.DoubleBuffer)} into an array. */
  public void fillGaussians(long index, double[] out) {
    fillGaussians(index, java.nio.DoubleBuffer.wrap(out));
  }

  private void fill(long index, double[] out, boolean open) {
    Words words = words(index, 0);
    for (int i = 0; i < out.length; i++) {
      long bits = words.next() >>> 11;
      out[i] = (open ? bits + 1 : bits) * TWO_POW_MINUS_53;
    }
  }

  /**
   * The keystream of one index read word by word, a chunk at a time, from a chosen block counter on:
   * the JDK's AES/CTR (its counter-mode intrinsic, VAES where the CPU has it) applied to zeros, one
   * 64 KB update per chunk, the words read in place. Measured side by side (bench's NoiseCandidates):
   * this is cheaper than encrypting counter blocks through ECB (dpaudit's previous way, the same
   * bytes), and far cheaper than one {@code doFinal} over a whole step's bytes, which allocates and
   * runs before the intrinsic is compiled. One Words serves many blocks of a fill ({@link #restart}).
   */
  static final class Words implements Ziggurat.Words {
    /** The plaintext: CTR mode XORs the keystream into it, so zeros give the keystream itself. */
    private static final byte[] ZEROS = new byte[CHUNK_LONGS * Long.BYTES];

    private final Cipher ctr;
    private final SecretKeySpec key;
    private final long index;
    private final byte[] block = new byte[CHUNK_LONGS * Long.BYTES];
    private final byte[] iv = new byte[16];
    private int next = CHUNK_LONGS;

    Words(SecretKeySpec key, long index, long firstCounter) {
      this.key = key;
      this.index = index;
      try {
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new DpauditException("AES/CTR is not available in this JVM: " + e.getMessage(), e);
      }
      restart(firstCounter);
    }

    /** The index whose keystream this reads. */
    long index() {
      return index;
    }

    /** Reads from block counter {@code firstCounter} of the index on (IV = index || counter, big-endian). */
    void restart(long firstCounter) {
      ByteBuffer.wrap(iv).putLong(index).putLong(firstCounter);
      try {
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      } catch (GeneralSecurityException e) {
        throw new DpauditException("AES/CTR is not available in this JVM: " + e.getMessage(), e);
      }
      next = CHUNK_LONGS;
    }

    @Override
    public long next() {
      if (next == CHUNK_LONGS) {
        refill();
      }
      // Read in place: copying the chunk out through a LongBuffer view cost more than the AES itself.
      return (long) LONGS.get(block, (next++) << 3);
    }

    private void refill() {
      try {
        ctr.update(ZEROS, 0, ZEROS.length, block, 0);
      } catch (GeneralSecurityException e) {
        throw new DpauditException("AES keystream failed: " + e.getMessage(), e);
      }
      next = 0;
    }
  }

  /** A reader of {@code index}'s keystream from block counter {@code firstCounter} on. */
  Words words(long index, long firstCounter) {
    return new Words(key, index, firstCounter);
  }

  private Cipher cipher(long index) {
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      byte[] iv = ByteBuffer.allocate(16).putLong(index).putLong(0L).array();
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      return c;
    } catch (GeneralSecurityException e) {
      throw new DpauditException("AES/CTR is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /** A buffered generator over one index's keystream. */
  private static final class Reader implements RandomGenerator {
    private final Cipher cipher;
    private final byte[] zeros = new byte[4096];
    private final ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    Reader(Cipher cipher) {
      this.cipher = cipher;
      buffer.position(buffer.limit());
    }

    @Override
    public long nextLong() {
      if (buffer.remaining() < Long.BYTES) {
        try {
          cipher.update(zeros, 0, zeros.length, buffer.array(), 0);
        } catch (GeneralSecurityException e) {
          throw new DpauditException("AES-CTR keystream failed: " + e.getMessage(), e);
        }
        buffer.clear();
      }
      return buffer.getLong();
    }
  }
}
