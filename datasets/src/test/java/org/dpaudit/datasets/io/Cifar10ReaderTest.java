package org.dpaudit.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
  @TempDir Path dir;

  static byte[] records(int n, int firstLabel) {
    byte[] b = new byte[n * Cifar10Reader.RECORD_BYTES];
    for (int r = 0; r < n; r++) {
      int off = r * Cifar10Reader.RECORD_BYTES;
      b[off] = (byte) ((firstLabel + r) % 10);
      b[off + 1] = (byte) 255;          // first red pixel
      b[off + 1 + 1024] = (byte) 51;    // first green pixel
    }
    return b;
  }

  @Test
  void readsRecordsInChannelMajorLayout() throws IOException {
    Files.write(dir.resolve("a.bin"), records(3, 4));
    Files.write(dir.resolve("b.bin"), records(2, 0));
    Dataset d = Cifar10Reader.read("c", dir, List.of("a.bin", "b.bin"));
    assertEquals(5, d.size());
    assertArrayEquals(new int[] {3, 32, 32}, d.exampleShape());
    assertArrayEquals(new int[] {4, 5, 6, 0, 1}, d.labels());
    float[] x = d.example(0);
    assertEquals(1f, x[0]);
    assertEquals(0.2f, x[1024], 1e-7);
    assertEquals(0f, x[1]);
    assertEquals("airplane", d.classNames().get(0));
  }

  @Test
  void truncatedFile_isRejected() throws IOException {
    byte[] b = records(2, 0);
    Files.write(dir.resolve("t.bin"), Arrays.copyOf(b, b.length - 1));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Cifar10Reader.read("c", dir, List.of("t.bin")));
    assertTrue(e.getMessage().contains("is not a whole number of 3073-byte CIFAR-10 records"), e.getMessage());
  }

  @Test
  void badLabel_isRejected() throws IOException {
    byte[] b = records(2, 0);
    b[Cifar10Reader.RECORD_BYTES] = 10;
    Files.write(dir.resolve("l.bin"), b);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Cifar10Reader.read("c", dir, List.of("l.bin")));
    assertTrue(e.getMessage().contains("label 10 in record 1"), e.getMessage());
  }

  @Test
  void missingBatch_isNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Cifar10Reader.read("c", dir, Cifar10Reader.TRAIN_FILES));
    assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_1.bin") + ": no such file"), e.getMessage());
  }
}
