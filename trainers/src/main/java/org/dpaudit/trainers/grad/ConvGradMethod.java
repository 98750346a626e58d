package org.dpaudit.trainers.grad;

/**
 * How a convolution's per-example weight gradients are obtained. All four are exact (they agree
 * with a batch-size-1 loop to about 1e-7, float32 rounding); the engine's three differ in speed by
 * 2-4x depending on the layer (shared/research/performance.md, C2b), because DJL 0.35.1 has no
 * unfold, and dpaudit's native kernel is faster than all of them on the CPU (docs/benchmarks.md).
 */
public enum ConvGradMethod {
  /** Choose per layer from its shape ({@link Conv2dLayer#choose}); deterministic, so seeded runs replay. */
  AUTO,
  /**
   * A grouped convolution of the input with the output gradients (batch as groups, stride as
   * dilation) materialises every example's kernel gradient. Fast when outputs are large (T big).
   */
  GROUPED,
  /**
   * Unfold (im2col) by strided slicing of the padded input, then one batched matrix product
   * {@code G_i = Delta_i U_i^T}. Fast when the output has few positions.
   */
  UNFOLD,
  /**
   * Ghost norms {@code ||G_i||^2 = <Delta_i^T Delta_i, U_i^T U_i>} and the clipped sum as one matrix
   * product: never materialises per-example gradients; for layers whose per-example gradients would
   * not fit in memory.
   */
  GHOST,
  /**
   * dpaudit's native CPU kernel ({@link org.dpaudit.trainers.engine.NativeKernels}): every example's
   * kernel gradient, bias gradient and squared norm in one pass over its input, the products in
   * vector registers. CPU only, where the kernel was built and the CPU has AVX2 and FMA; {@code
   * AUTO} takes it there whenever the per-example gradients fit in memory.
   */
  DIRECT
}
