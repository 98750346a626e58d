/**
 * DP training on DJL: per-sample-gradient layers, the one training loop, every scheme as a small
 * strategy, tensor noise and checkpoints. The tensor code is device-agnostic: it runs on CPU and on
 * CUDA wherever a CUDA engine is present.
 */
package org.dpaudit.trainers;
