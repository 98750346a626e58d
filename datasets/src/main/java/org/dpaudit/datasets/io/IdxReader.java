package org.dpaudit.datasets.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * Reads IDX files (the MNIST and Fashion-MNIST format), raw or gzip-compressed.
 *
 * <pre>
 * magic: 0x00 0x00 &lt;type&gt; &lt;ndims&gt;   type 0x08 = unsigned byte (the only type these datasets use)
 * ndims big-endian int32 dimensions, then the data, row-major
 * </pre>
 *
 * Every defect (missing file, wrong magic, truncation, trailing bytes, mismatched counts, wrong
 * dimensions) is an {@link InvalidInputException} whose one-line message names the file.
 */
public final class IdxReader {
  private static final int TYPE_UNSIGNED_BYTE = 0x08;
  private static final int MAX_DIMS = 4;

  private IdxReader() {}

  /** The dimensions and raw unsigned-byte data of one IDX file. */
  public record IdxArray(int[] dims, byte[] data) {
    /** The number of items along the first dimension. */
    public int count() {
      return dims[0];
    }
  }

  /** Reads {@code file}; gzip is detected from its first two bytes, not from the name. */
  public static IdxArray read(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      InputStream in = isGzip(raw) ? new BufferedInputStream(new GZIPInputStream(raw), 1 << 16) : raw;
      return read(new DataInputStream(in), file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (ZipException | EOFException e) {
      throw new InvalidInputException(file + ": corrupt gzip data (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * Reads an image file and a label file into a dataset, scaling pixels to [0, 1].
   *
   * @param expectedShape the image shape the dataset must have ({@code [rows, cols]}), or null
   */
  public static Dataset readImagesAndLabels(
      String name, Path images, Path labels, int[] expectedShape, List<String> classNames) {
    IdxArray img = read(images);
    IdxArray lab = read(labels);
    if (img.dims().length != 3) {
      throw new InvalidInputException(images + ": expected an image file with 3 dimensions (count, rows, cols); found "
          + img.dims().length + " " + Arrays.toString(img.dims()));
    }
    if (lab.dims().length != 1) {
      throw new InvalidInputException(labels + ": expected a label file with 1 dimension; found "
          + lab.dims().length + " " + Arrays.toString(lab.dims()));
    }
    if (img.count() != lab.count()) {
      throw new InvalidInputException(images + " has " + img.count() + " images but " + labels + " has "
          + lab.count() + " labels");
    }
    int[] shape = {img.dims()[1], img.dims()[2]};
    if (expectedShape != null && !Arrays.equals(shape, expectedShape)) {
      throw new InvalidInputException(images + ": images are " + shape[0] + "x" + shape[1] + ", expected "
          + expectedShape[0] + "x" + expectedShape[1]);
    }
    int[] labelValues = IntStream.range(0, lab.count()).map(i -> lab.data()[i] & 0xff).toArray();
    for (int i = 0; i < labelValues.length; i++) {
      if (labelValues[i] >= classNames.size()) {
        throw new InvalidInputException(labels + ": label " + labelValues[i] + " at index " + i
            + " is outside [0, " + (classNames.size() - 1) + "]");
      }
    }
    return new Dataset(name, toUnitFloats(img.data()), labelValues, new int[] {1, shape[0], shape[1]}, classNames);
  }

  static float[] toUnitFloats(byte[] data) {
    float[] out = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (data[i] & 0xff) / 255f;
    }
    return out;
  }

  private static IdxArray read(DataInputStream in, Path file) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": too short to be an IDX file");
    }
    int type = (magic >>> 8) & 0xff;
    int ndims = magic & 0xff;
    if ((magic >>> 16) != 0 || ndims < 1 || ndims > MAX_DIMS) {
      throw new InvalidInputException(file + ": not an IDX file (magic number 0x"
          + String.format("%08x", magic) + ")");
    }
    if (type != TYPE_UNSIGNED_BYTE) {
      throw new InvalidInputException(file + ": IDX data type 0x" + Integer.toHexString(type)
          + " is not supported (only unsigned bytes, 0x08)");
    }
    int[] dims = new int[ndims];
    long total = 1;
    for (int i = 0; i < ndims; i++) {
      try {
        dims[i] = in.readInt();
      } catch (EOFException e) {
        throw new InvalidInputException(file + ": truncated in the IDX header");
      }
      if (dims[i] <= 0) {
        throw new InvalidInputException(file + ": IDX dimension " + i + " is " + dims[i]);
      }
      total *= dims[i];
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException(file + ": IDX dimensions " + Arrays.toString(dims) + " are too large");
    }
    byte[] data = new byte[(int) total];
    int got = in.readNBytes(data, 0, data.length);
    if (got < data.length) {
      throw new InvalidInputException(file + ": truncated: header " + Arrays.toString(dims) + " needs "
          + data.length + " data bytes, found " + got);
    }
    if (in.read() != -1) {
      throw new InvalidInputException(file + ": unexpected bytes after the " + data.length
          + " data bytes its header " + Arrays.toString(dims) + " announces");
    }
    return new IdxArray(dims, data);
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }
}
