package org.dpaudit.trainers.canary;

import java.util.List;

/**
 * The noise of every released tensor at one replayed step ({@link ResidualStats}).
 *
 * @param step the step
 * @param tensors one entry per released tensor, in release order
 */
public record ReplayRecord(long step, List<ResidualStats> tensors) {
  public ReplayRecord {
    tensors = List.copyOf(tensors);
  }
}
