import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Is a screenshot blank? Used by browser-check.sh, run as a single source file ({@code java
 * scripts/PngStats.java OUT.png}): exit 0 and one line of statistics when the page shows something,
 * exit 1 and one line saying why when it does not.
 *
 * <p>The measure: the background is the most common colour; "ink" is the share of pixels that differ
 * from it by more than 24 levels in some channel (anti-aliasing noise stays below that). A blank or
 * nearly blank page (white, or a single colour, or a few words) has under 0.5% ink; a dpaudit report
 * has several percent even in its first screen. Colours are counted after quantising to 4 bits per
 * channel; fewer than 8 means no charts, badges or images rendered.
 *
 * <p>With {@code --crop} ({@code java scripts/PngStats.java --crop OUT.png}) it first cuts the
 * rows below the page's last content (rows of the bottom-right pixel's colour), so a screenshot taken
 * in a very tall window becomes a full-page one, and measures that.
 */
public final class PngStats {
  static final double MIN_INK = 0.005;
  static final int MIN_COLOURS = 8;

  public static void main(String[] args) throws Exception {
    boolean crop = args.length == 2 && args[0].equals("--crop");
    File file = new File(args[crop ? 1 : 0]);
    BufferedImage img = ImageIO.read(file);
    if (img == null) {
      System.out.println("not a readable PNG: " + file);
      System.exit(1);
    }
    if (crop) {
      img = cropBottom(img);
      ImageIO.write(img, "png", file);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = img.getRGB(0, 0, w, h, null, 0, w);
    Map<Integer, Integer> counts = new HashMap<>();
    for (int p : px) {
      counts.merge(p & 0xFFFFFF, 1, Integer::sum);
    }
    int bg = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long ink = 0;
    boolean[] quantised = new boolean[4096];
    for (int p : px) {
      if (differs(p, bg)) {
        ink++;
      }
      quantised[((p >> 20) & 0xF) << 8 | ((p >> 12) & 0xF) << 4 | ((p >> 4) & 0xF)] = true;
    }
    int colours = 0;
    for (boolean q : quantised) {
      colours += q ? 1 : 0;
    }
    double share = (double) ink / px.length;
    String stats = String.format(Locale.ROOT, "%dx%d, background #%06x, %.1f%% of pixels drawn on it, %d colours",
        w, h, bg, 100 * share, colours);
    if (share < MIN_INK || colours < MIN_COLOURS) {
      System.out.println("the page is blank or nearly blank (" + stats + ")");
      System.exit(1);
    }
    System.out.println(stats);
  }

  /** {@code img} without the rows at its bottom that are all of its bottom-right pixel's colour (48 kept). */
  static BufferedImage cropBottom(BufferedImage img) {
    int w = img.getWidth();
    int bg = img.getRGB(w - 1, img.getHeight() - 1);
    int last = img.getHeight() - 1;
    while (last > 0 && uniform(img, last, bg)) {
      last--;
    }
    int h = Math.min(img.getHeight(), last + 1 + 48);
    return img.getSubimage(0, 0, w, h);
  }

  private static boolean uniform(BufferedImage img, int y, int colour) {
    for (int x = 0; x < img.getWidth(); x++) {
      if (differs(img.getRGB(x, y), colour)) {
        return false;
      }
    }
    return true;
  }

  private static boolean differs(int a, int b) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 24) {
        return true;
      }
    }
    return false;
  }
}
