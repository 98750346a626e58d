package org.dpaudit.trainers.nn;

/** Activation functions the per-sample-gradient path supports. */
public enum ActivationKind {
  RELU,
  TANH
}
