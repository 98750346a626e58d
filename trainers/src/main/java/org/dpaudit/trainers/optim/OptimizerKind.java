package org.dpaudit.trainers.optim;

/** The optimizers the trainer offers. */
public enum OptimizerKind {
  /** SGD with optional (heavy-ball) momentum, as PyTorch's {@code SGD}. */
  SGD,
  /** Adam (Kingma and Ba 2015), as PyTorch's {@code Adam} without weight decay. */
  ADAM
}
