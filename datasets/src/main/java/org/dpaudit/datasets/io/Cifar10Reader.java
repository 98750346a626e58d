package org.dpaudit.datasets.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * Reads the CIFAR-10 binary format ({@code cifar-10-batches-bin}).
 *
 * <p>Each record is one label byte (0-9) and 3072 pixel bytes: 1024 red, 1024 green, 1024 blue,
 * each 32x32 row-major. The training set is {@code data_batch_1.bin} to {@code data_batch_5.bin},
 * the test set {@code test_batch.bin}. Pixels are scaled to [0, 1] with shape {@code [3, 32, 32]}.
 */
public final class Cifar10Reader {
  /** Bytes per record: one label and a 3x32x32 image. */
  public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

  /** The training batch files, in order. */
  public static final List<String> TRAIN_FILES =
      List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

  /** The test batch file. */
  public static final String TEST_FILE = "test_batch.bin";

  /** CIFAR-10's class names, used when {@code batches.meta.txt} is absent. */
  public static final List<String> CLASS_NAMES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private Cifar10Reader() {}

  /** Reads the given batch files (in {@code dir}) into one dataset. */
  public static Dataset read(String name, Path dir, List<String> files) {
    List<byte[]> contents = new ArrayList<>();
    int records = 0;
    for (String f : files) {
      Path p = dir.resolve(f);
      byte[] bytes = readAll(p);
      if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
        throw new InvalidInputException(p + ": " + bytes.length + " bytes is not a whole number of "
            + RECORD_BYTES + "-byte CIFAR-10 records (truncated or not CIFAR-10 binary)");
      }
      contents.add(bytes);
      records += bytes.length / RECORD_BYTES;
    }
    float[] features = new float[records * (RECORD_BYTES - 1)];
    int[] labels = new int[records];
    int r = 0;
    for (int f = 0; f < contents.size(); f++) {
      byte[] bytes = contents.get(f);
      for (int off = 0; off < bytes.length; off += RECORD_BYTES, r++) {
        int label = bytes[off] & 0xff;
        if (label >= CLASS_NAMES.size()) {
          throw new InvalidInputException(dir.resolve(files.get(f)) + ": label " + label + " in record "
              + (off / RECORD_BYTES) + " is outside [0, 9] (not CIFAR-10 binary?)");
        }
        labels[r] = label;
        int base = r * (RECORD_BYTES - 1);
        for (int k = 1; k < RECORD_BYTES; k++) {
          features[base + k - 1] = (bytes[off + k] & 0xff) / 255f;
        }
      }
    }
    return new Dataset(name, features, labels, new int[] {3, 32, 32}, classNames(dir));
  }

  private static List<String> classNames(Path dir) {
    Path meta = dir.resolve("batches.meta.txt");
    if (!Files.isRegularFile(meta)) {
      return CLASS_NAMES;
    }
    try {
      List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
          .map(String::trim).filter(s -> !s.isEmpty()).toList();
      return names.size() == CLASS_NAMES.size() ? names : CLASS_NAMES;
    } catch (IOException e) {
      return CLASS_NAMES;
    }
  }

  private static byte[] readAll(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new InvalidInputException(p + ": no such file (expected a CIFAR-10 binary batch; give the "
          + "cifar-10-batches-bin directory)");
    }
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new InvalidInputException(p + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
