/**
 * Attacks that measure leakage: the {@code Target} abstraction, membership inference (loss,
 * shadow models, LiRA, RMIA) and model inversion.
 */
package org.dpaudit.attacks;
