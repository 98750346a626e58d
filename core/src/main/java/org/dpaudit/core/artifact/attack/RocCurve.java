package org.dpaudit.core.artifact.attack;

import java.util.List;

/**
 * An ROC curve as points (FPR, TPR), both fractions, FPR ascending, from (0, 0) to (1, 1).
 * Stored at the distinct thresholds where the curve changes; charts draw it on log-log axes.
 */
public record RocCurve(List<Point> points) {
  public RocCurve {
    points = List.copyOf(points);
  }

  /** One point: the rates of the rule "member if score >= threshold". */
  public record Point(double fpr, double tpr, double threshold) {}
}
