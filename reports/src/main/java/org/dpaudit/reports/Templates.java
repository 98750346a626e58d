package org.dpaudit.reports;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * The Pebble engine that renders the report templates ({@code org/dpaudit/reports/templates/*.peb}
 * on the class path).
 *
 * <p>Auto-escaping is on, HTML strategy: every value a template prints is escaped unless the
 * template says {@code |raw}, which the templates use only for chart SVG made by JFreeSVG (see
 * {@link org.dpaudit.reports.charts.Svg}). Strict variables make a misspelt field an error in the
 * tests, not an empty cell in a report.
 */
final class Templates {
  private static final PebbleEngine ENGINE = engine();

  private Templates() {}

  /** Renders template {@code name} with {@code context}. */
  static String render(String name, Map<String, Object> context) {
    StringWriter out = new StringWriter();
    try {
      ENGINE.getTemplate(name).evaluate(out, context);
    } catch (IOException | PebbleException e) {
      throw new IllegalStateException("report template " + name + " failed: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static PebbleEngine engine() {
    ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
    loader.setPrefix("org/dpaudit/reports/templates");
    loader.setSuffix(".peb");
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(true)
        .defaultEscapingStrategy("html")
        .strictVariables(true)
        .newLineTrimming(true)
        .build();
  }
}
