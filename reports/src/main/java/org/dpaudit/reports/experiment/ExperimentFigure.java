package org.dpaudit.reports.experiment;

import java.util.Objects;
import org.dpaudit.reports.charts.Svg;

/**
 * One figure of an experiment: drawn, or not drawn with the reason (the preset has no data for
 * it), so a reader sees which of the papers' figures this experiment can show.
 *
 * @param title what the figure shows, with the paper's figure it reproduces
 * @param caption how to read it (what the points and bars are)
 * @param svg the chart, or null when {@code missing} says why there is none
 * @param missing why the figure is not drawn, or null
 */
public record ExperimentFigure(String title, String caption, Svg svg, String missing) {
  public ExperimentFigure {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(caption, "caption");
    if ((svg == null) == (missing == null)) {
      throw new IllegalArgumentException("a figure is either drawn or missing with a reason");
    }
  }

  /** A drawn figure. */
  public static ExperimentFigure drawn(String title, String caption, Svg svg) {
    return new ExperimentFigure(title, caption, Objects.requireNonNull(svg, "svg"), null);
  }

  /** A figure this experiment has no data for. */
  public static ExperimentFigure missing(String title, String why) {
    return new ExperimentFigure(title, "", null, why);
  }
}
