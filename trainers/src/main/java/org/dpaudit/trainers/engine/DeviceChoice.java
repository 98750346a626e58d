package org.dpaudit.trainers.engine;

/** Where tensors live: {@code auto} picks a GPU when the engine has CUDA and a GPU is present. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU
}
