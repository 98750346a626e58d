package org.dpaudit.datasets.io;

import static org.dpaudit.datasets.io.IdxFixtures.images;
import static org.dpaudit.datasets.io.IdxFixtures.labels;
import static org.dpaudit.datasets.io.IdxFixtures.write;
import static org.dpaudit.datasets.io.IdxFixtures.writeGz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class IdxReaderTest {
  private static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  @TempDir Path dir;

  @Test
  void readsRawAndGzipIdentically() throws IOException {
    Path raw = write(dir.resolve("a"), images(5, 4, 3));
    Path gz = writeGz(dir.resolve("a.gz"), images(5, 4, 3));
    IdxReader.IdxArray a = IdxReader.read(raw);
    IdxReader.IdxArray b = IdxReader.read(gz);
    assertArrayEquals(new int[] {5, 4, 3}, a.dims());
    assertArrayEquals(a.data(), b.data());
  }

  @Test
  void imagesAndLabels_giveScaledDataset() throws IOException {
    Path img = write(dir.resolve("img"), images(20, 2, 2));
    Path lab = writeGz(dir.resolve("lab.gz"), labels(20, 10));
    Dataset d = IdxReader.readImagesAndLabels("t", img, lab, new int[] {2, 2}, TEN);
    assertEquals(20, d.size());
    assertArrayEquals(new int[] {1, 2, 2}, d.exampleShape());
    assertArrayEquals(new float[] {3 / 255f, 4 / 255f, 5 / 255f, 6 / 255f}, d.example(3));
    assertEquals(3, d.label(3));
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, d.classCounts());
  }

  @Test
  void missingFile_oneLineError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.read(dir.resolve("nope")));
    assertEquals(dir.resolve("nope") + ": no such file", e.getMessage());
  }

  @Test
  void wrongMagic_isNamed() throws IOException {
    byte[] bytes = images(2, 2, 2);
    bytes[0] = 7;
    Path f = write(dir.resolve("bad"), bytes);
    assertMessage(f, "not an IDX file");
  }

  @Test
  void unsupportedType_isNamed() throws IOException {
    Path f = write(dir.resolve("float"), IdxFixtures.idx(0x0D, new int[] {1}, new byte[4]));
    assertMessage(f, "IDX data type 0xd is not supported");
  }

  @Test
  void truncatedData_isNamedWithCounts() throws IOException {
    byte[] full = images(10, 4, 4);
    Path f = write(dir.resolve("trunc"), Arrays.copyOf(full, full.length - 7));
    assertMessage(f, "truncated: header [10, 4, 4] needs 160 data bytes, found 153");
  }

  @Test
  void truncatedGzip_isNamed() throws IOException {
    Path gz = writeGz(dir.resolve("x.gz"), images(50, 8, 8));
    byte[] bytes = Files.readAllBytes(gz);
    Path cut = write(dir.resolve("cut.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.read(cut));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void truncatedHeader_isNamed() throws IOException {
    Path f = write(dir.resolve("head"), Arrays.copyOf(images(1, 2, 2), 6));
    assertMessage(f, "truncated in the IDX header");
  }

  @Test
  void trailingBytes_areRejected() throws IOException {
    byte[] full = images(2, 2, 2);
    Path f = write(dir.resolve("long"), Arrays.copyOf(full, full.length + 3));
    assertMessage(f, "unexpected bytes after the 8 data bytes");
  }

  @Test
  void emptyFile_isRejected() throws IOException {
    Path f = write(dir.resolve("empty"), new byte[0]);
    assertMessage(f, "too short to be an IDX file");
  }

  @Test
  void countMismatch_namesBothFiles() throws IOException {
    Path img = write(dir.resolve("img"), images(5, 2, 2));
    Path lab = write(dir.resolve("lab"), labels(4, 10));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IdxReader.readImagesAndLabels("t", img, lab, null, TEN));
    assertEquals(img + " has 5 images but " + lab + " has 4 labels", e.getMessage());
  }

  @Test
  void wrongDimensions_areRejected() throws IOException {
    Path img = write(dir.resolve("img"), images(3, 2, 5));
    Path lab = write(dir.resolve("lab"), labels(3, 10));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IdxReader.readImagesAndLabels("t", img, lab, new int[] {28, 28}, TEN));
    assertTrue(e.getMessage().endsWith("images are 2x5, expected 28x28"), e.getMessage());
  }

  @Test
  void labelsGivenAsImages_areRejected() throws IOException {
    Path img = write(dir.resolve("img"), images(3, 2, 2));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IdxReader.readImagesAndLabels("t", img, img, null, TEN));
    assertTrue(e.getMessage().contains("expected a label file with 1 dimension"), e.getMessage());
  }

  @Test
  void labelOutOfRange_isRejected() throws IOException {
    Path img = write(dir.resolve("img"), images(3, 2, 2));
    Path lab = write(dir.resolve("lab"), IdxFixtures.idx(0x08, new int[] {3}, new byte[] {1, 2, 12}));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IdxReader.readImagesAndLabels("t", img, lab, null, TEN));
    assertTrue(e.getMessage().contains("label 12 at index 2"), e.getMessage());
  }

  private static void assertMessage(Path f, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdxReader.read(f));
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
