package org.dpaudit.reports.view;

/**
 * A named value on a page (a row of a definition list). Both are plain text; the template escapes
 * them.
 *
 * @param title an optional longer text for a tooltip (a full checksum), or null
 */
public record Field(String name, String value, String title) {
  /** A field without tooltip. */
  public static Field of(String name, String value) {
    return new Field(name, value, null);
  }
}
