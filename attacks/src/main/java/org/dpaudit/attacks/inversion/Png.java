package org.dpaudit.attacks.inversion;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.AtomicFiles;

/** Writes (channels, height, width) images in [0, 1] as PNG: grey for one channel, RGB for three. */
public final class Png {
  private Png() {}

  /** The PNG bytes of {@code pixels}. */
  public static byte[] encode(float[] pixels, int[] shape) {
    int c = shape[0];
    int h = shape[1];
    int w = shape[2];
    BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (c == 1) {
          int v = level(pixels[y * w + x]);
          img.getRaster().setSample(x, y, 0, v);
        } else {
          int r = level(pixels[y * w + x]);
          int g = level(pixels[h * w + y * w + x]);
          int b = level(pixels[2 * h * w + y * w + x]);
          img.setRGB(x, y, (r << 16) | (g << 8) | b);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new ArtifactException("cannot encode PNG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Writes {@code pixels} to {@code file} atomically. */
  public static void write(Path file, float[] pixels, int[] shape) {
    AtomicFiles.writeBytes(file, encode(pixels, shape));
  }

  private static int level(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  }
}
