/** DP noise: the one {@link org.dpaudit.trainers.noise.NoiseSource} per run. */
package org.dpaudit.trainers.noise;
