package org.dpaudit.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {
  @TempDir Path dir;

  private static byte[] idxImages(int n, int rows, int cols) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x0803);
    out.writeInt(n);
    out.writeInt(rows);
    out.writeInt(cols);
    out.write(new byte[n * rows * cols]);
    return b.toByteArray();
  }

  @Test
  void info_onTruncatedIdxFile_exits2WithOneLine() throws IOException {
    byte[] full = idxImages(10, 28, 28);
    Path f = Files.write(dir.resolve("t-idx3-ubyte"), java.util.Arrays.copyOf(full, 500));
    CliRunner.Result r = CliRunner.run("datasets", "info", "--path", f.toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertEquals("error: " + f + ": truncated: header [10, 28, 28] needs 7840 data bytes, found 484", r.errLines()[0]);
    assertEquals("", r.out());
  }

  @Test
  void info_onValidIdxFile_printsDimensionsAsJson() throws IOException {
    Path f = Files.write(dir.resolve("ok-idx3-ubyte"), idxImages(3, 4, 5));
    CliRunner.Result r = CliRunner.run("datasets", "info", "--path", f.toString(), "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertEquals("[3,4,5]", n.get("dimensions").toString());
  }

  @Test
  void info_onCsv_printsCountsAsJson() throws IOException {
    Path f = Files.writeString(dir.resolve("t.csv"), "a,b,y\n1,2,cat\n3,4,dog\n5,6,cat\n");
    CliRunner.Result r = CliRunner.run("datasets", "info", "--path", f.toString(), "--label-column", "y", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    JsonNode n = Json.mapper().readTree(r.out());
    assertEquals(3, n.get("train").get("size").asInt());
    assertEquals("[2,1]", n.get("train").get("perClassCounts").toString());
    assertEquals("[\"cat\",\"dog\"]", n.get("classes").toString());
  }

  @Test
  void info_onBadCsvCell_exits2() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.csv"), "a,label\nx,1\n");
    CliRunner.Result r = CliRunner.run("datasets", "info", "csv", "--path", f.toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals("error: " + f + ": line 2, column 'a': 'x' is not a number", r.errLines()[0]);
  }

  @Test
  void info_unknownName_exits2() {
    CliRunner.Result r = CliRunner.run("datasets", "info", "imagenet");
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertTrue(r.err().startsWith("error: unknown dataset 'imagenet'"), r.err());
  }

  @Test
  void info_withoutNameOrPath_exits2() {
    CliRunner.Result r = CliRunner.run("datasets", "info");
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length);
  }

  @Test
  void info_missingCifarDirectory_exits2() {
    CliRunner.Result r = CliRunner.run("datasets", "info", "cifar10", "--path", dir.resolve("none").toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertTrue(r.err().contains("not a directory"), r.err());
  }
}
