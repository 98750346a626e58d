package org.dpaudit.cli;

/** Word wrapping for terminal summaries, so CI logs show them without horizontal scrolling. */
public final class TextWrap {
  /** The width summaries are wrapped to. */
  public static final int WIDTH = 110;

  private TextWrap() {}

  /**
   * {@code text} in lines of at most {@code width} characters (broken at spaces; a longer word
   * stays whole), each continuation line starting with {@code indent}.
   */
  public static String wrap(String text, int width, String indent) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col > 0 && col + 1 + word.length() > width) {
        out.append('\n').append(indent);
        col = 0;
      } else if (col > 0) {
        out.append(' ');
        col++;
      }
      out.append(word);
      col += word.length();
    }
    return out.toString();
  }
}
