package org.dpaudit.datasets.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for reader tests: valid ones and each kind of corrupt one. */
public final class IdxFixtures {
  private IdxFixtures() {}

  /** IDX bytes with the given header fields and data. */
  public static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt((type << 8) | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  /** {@code n} images of {@code rows x cols}; pixel (i, k) = (i + k) mod 256. */
  public static byte[] images(int n, int rows, int cols) throws IOException {
    byte[] data = new byte[n * rows * cols];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < rows * cols; k++) {
        data[i * rows * cols + k] = (byte) (i + k);
      }
    }
    return idx(0x08, new int[] {n, rows, cols}, data);
  }

  /** {@code n} labels, label i = i mod classes. */
  public static byte[] labels(int n, int classes) throws IOException {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i % classes);
    }
    return idx(0x08, new int[] {n}, data);
  }

  public static Path write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    return file;
  }

  public static Path writeGz(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
    return file;
  }
}
