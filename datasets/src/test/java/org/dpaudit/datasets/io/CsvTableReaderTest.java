package org.dpaudit.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("t.csv"), text);
  }

  @Test
  void integerLabels_keepTheirIds() throws IOException {
    Dataset d = CsvTableReader.read("t", csv("a,label,b\n1.5,2,3\n-1,0,4e2\n"), "label");
    assertEquals(2, d.size());
    assertArrayEquals(new int[] {2}, d.exampleShape());
    assertArrayEquals(new float[] {1.5f, 3f}, d.example(0));
    assertArrayEquals(new float[] {-1f, 400f}, d.example(1));
    assertArrayEquals(new int[] {2, 0}, d.labels());
    assertEquals(List.of("0", "1", "2"), d.classNames());
  }

  @Test
  void textLabels_areNumberedInSortedOrder() throws IOException {
    Dataset d = CsvTableReader.read("t", csv("x,y\n1,yes\n2,no\n3,yes\n"), "y");
    assertEquals(List.of("no", "yes"), d.classNames());
    assertArrayEquals(new int[] {1, 0, 1}, d.labels());
  }

  @Test
  void nonNumericCell_namesLineAndColumn() throws IOException {
    Path f = csv("x,label\n1,0\nabc,1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
    assertEquals(f + ": line 3, column 'x': 'abc' is not a number", e.getMessage());
  }

  @Test
  void nanCell_isRejected() throws IOException {
    Path f = csv("x,label\nNaN,0\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
    assertEquals(f + ": line 2, column 'x': 'NaN' is not finite", e.getMessage());
  }

  @Test
  void missingLabelColumn_listsColumns() throws IOException {
    Path f = csv("x,y\n1,2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
    assertEquals(f + ": no label column 'label' (columns: x, y); name it with --label-column", e.getMessage());
  }

  @Test
  void raggedRow_isRejected() throws IOException {
    Path f = csv("x,y,label\n1,2,0\n1,0\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
    assertEquals(f + ": line 3 has 2 cells, the header has 3", e.getMessage());
  }

  @Test
  void headerOnly_isRejected() throws IOException {
    Path f = csv("x,label\n");
    assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
  }

  @Test
  void missingFile_isNamed() {
    Path f = dir.resolve("none.csv");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTableReader.read("t", f, "label"));
    assertEquals(f + ": no such file", e.getMessage());
  }
}
