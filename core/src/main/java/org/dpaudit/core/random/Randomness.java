package org.dpaudit.core.random;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.dpaudit.core.DpauditException;

/**
 * The single root of all randomness in dpaudit.
 *
 * <p>Every consumer asks for a named stream: {@code stream("sampling")}, {@code stream("noise")},
 * {@code stream("split")}, {@code stream("shadow/3")}. Streams are independent and derived from
 * (root, name), so adding a consumer never shifts another one's numbers (Tribuo's {@code split()}
 * idea).
 *
 * <ul>
 *   <li>{@link #secure()} (the default for training): each stream is a fresh {@code DRBG}
 *       {@link SecureRandom}, as Google's DP library does. Poisson sampling and DP noise are part of
 *       the privacy mechanism, so they must not be predictable.
 *   <li>{@link #seeded(long)} (reproduction and tests): child seed = the first 8 bytes of
 *       SHA-256(rootSeed ‖ name), feeding {@value #SEEDED_ALGORITHM} chosen by name, so the
 *       sequence does not depend on "whatever {@code new Random()} is". A seeded run is stamped
 *       {@code SEEDED} in every artifact and is not for release.
 * </ul>
 *
 * <p>In seeded mode, asking twice for the same name returns two generators with the same sequence:
 * that is what makes replay after a resume possible, and why consumers must use distinct names.
 * Only this package may create random generators; a build test enforces it.
 */
public final class Randomness {
  /** The algorithm behind seeded streams; pinned by a golden-sequence test. */
  public static final String SEEDED_ALGORITHM = "L64X128MixRandom";

  private final RandomnessMode mode;
  private final long seed;
  private final Set<String> streamsUsed = new ConcurrentSkipListSet<>();

  private Randomness(RandomnessMode mode, long seed) {
    this.mode = mode;
    this.seed = seed;
  }

  /** Cryptographically strong streams (DRBG); no seed, nothing to replay. */
  public static Randomness secure() {
    return new Randomness(RandomnessMode.SECURE, 0L);
  }

  /** Deterministic streams derived from {@code seed}; for tests and reproduction, not release. */
  public static Randomness seeded(long seed) {
    return new Randomness(RandomnessMode.SEEDED, seed);
  }

  /** The mode: secure or seeded. */
  public RandomnessMode mode() {
    return mode;
  }

  /** The root seed when seeded. */
  public OptionalLong seed() {
    return mode == RandomnessMode.SEEDED ? OptionalLong.of(seed) : OptionalLong.empty();
  }

  /**
   * An independent root for a sub-task (e.g. shadow model {@code k}), so the sub-task can hand out
   * its own named streams: seeded from the child seed of {@code name} when seeded, secure when
   * secure.
   */
  public Randomness child(String name) {
    record(name);
    return mode == RandomnessMode.SECURE ? secure() : seeded(childSeed(name));
  }

  /** An independent generator for the stream {@code name}. */
  public RandomGenerator stream(String name) {
    record(name);
    if (mode == RandomnessMode.SECURE) {
      return newDrbg();
    }
    return RandomGeneratorFactory.of(SEEDED_ALGORITHM).create(childSeed(name));
  }

  /**
   * A random-access AES-CTR stream for {@code name} (DP noise, Poisson sampling): one independent
   * keystream per index, e.g. per training step.
   */
  public CounterStream counterStream(String name) {
    return new CounterStream(keyMaterial(name, 32));
  }

  /**
   * {@code length} bytes of key material for the stream {@code name}, e.g. to key a bulk keystream
   * cipher for noise. Secure mode draws them from a DRBG; seeded mode derives them from SHA-256 of
   * (seed, name, counter).
   */
  public byte[] keyMaterial(String name, int length) {
    record(name);
    byte[] out = new byte[length];
    if (mode == RandomnessMode.SECURE) {
      newDrbg().nextBytes(out);
      return out;
    }
    int filled = 0;
    for (int block = 0; filled < length; block++) {
      byte[] digest = sha256(seed, name + "#key#" + block);
      int n = Math.min(digest.length, length - filled);
      System.arraycopy(digest, 0, out, filled, n);
      filled += n;
    }
    return out;
  }

  /** What went in, for provenance: the mode, the seed when seeded, and the stream names used. */
  public RandomnessRecord describe() {
    return new RandomnessRecord(
        mode, mode == RandomnessMode.SEEDED ? seed : null, List.copyOf(new TreeSet<>(streamsUsed)));
  }

  /** The derived child seed of {@code name} in seeded mode (exposed for golden tests). */
  long childSeed(String name) {
    return ByteBuffer.wrap(sha256(seed, name)).getLong();
  }

  private void record(String name) {
    // Per-step streams ("noise/step/1234") are recorded once, as a pattern.
    streamsUsed.add(name.replaceAll("\\d+", "*"));
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new DpauditException("this JVM offers no DRBG SecureRandom; secure randomness is unavailable", e);
    }
  }

  private static byte[] sha256(long seed, String name) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      md.update(name.getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
