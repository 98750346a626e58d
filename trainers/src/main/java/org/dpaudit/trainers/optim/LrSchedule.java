package org.dpaudit.trainers.optim;

/** Learning rate over training: constant, or cosine-annealed to zero over all steps. */
public enum LrSchedule {
  CONSTANT,
  COSINE;

  /** The learning rate at {@code step} of {@code totalSteps}, from {@code base}. */
  public double at(double base, long step, long totalSteps) {
    return switch (this) {
      case CONSTANT -> base;
      case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / Math.max(1, totalSteps)));
    };
  }
}
