/**
 * ICGC-DP (seed 002: Ma, Kong, Huang 2023): {@link org.dpaudit.trainers.schemes.icgc.IcgcDp}, the
 * layer-wise clipped step both variants share, and one class per variant.
 */
package org.dpaudit.trainers.schemes.icgc;
