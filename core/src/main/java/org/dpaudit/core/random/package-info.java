/**
 * The single root of randomness ({@link org.dpaudit.core.random.Randomness}).
 *
 * <p>Only this package (and the trainers' {@code NoiseSource}) may create random generators. A
 * source-scanning test fails the build on {@code new Random(}, {@code Math.random(},
 * {@code ThreadLocalRandom}, DJL's {@code RandomUtils} or {@code manager.random*} anywhere else.
 * Poisson sampling and DP noise are part of the privacy mechanism: they come from secure streams by
 * default, never from a fixed "data seed".
 */
package org.dpaudit.core.random;
