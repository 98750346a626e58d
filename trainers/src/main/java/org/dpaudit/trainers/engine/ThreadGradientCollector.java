package org.dpaudit.trainers.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * DJL's PyTorch {@code GradientCollector} without its one-per-JVM rule: PyTorch's grad mode is a
 * per-thread setting and its autograd engine runs independent graphs from several threads at once,
 * but DJL's collector keeps a JVM-wide flag that makes a second thread's collector throw. Several
 * models training in one JVM (Spark tasks in {@code local[N]} or an executor with several cores)
 * need one collector per thread; nesting two in one thread stays an error, as in DJL.
 *
 * <p>Otherwise it does exactly what DJL's does: grad mode on while open (restored on close), and
 * {@link #backward} seeds the gradient with ones.
 */
final class ThreadGradientCollector implements GradientCollector {
  private static final ThreadLocal<Boolean> COLLECTING = ThreadLocal.withInitial(() -> false);

  private final boolean gradModeBefore;

  ThreadGradientCollector() {
    if (COLLECTING.get()) {
      throw new IllegalStateException("a gradient collector is already open in this thread");
    }
    gradModeBefore = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    COLLECTING.set(true);
  }

  @Override
  public void backward(NDArray target) {
    NDArray seed = target.getManager().ones(target.getShape(), target.getDataType()).toDevice(target.getDevice(),
        false);
    JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
  }

  @Override
  public void zeroGradients() {
    throw new UnsupportedOperationException("zero the gradients of the model's own parameters (g.subi(g))");
  }

  @Override
  public void close() {
    if (!gradModeBefore) {
      JniUtils.setGradMode(false);
    }
    COLLECTING.set(false);
  }
}
