package org.dpaudit.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableCell;
import org.dpaudit.trainers.experiment.TableRow;
import org.dpaudit.trainers.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'dpaudit experiment': the quick grid end to end, its table, and a second call that reuses every cell. */
class ExperimentCommandTest {
  @TempDir Path dir;

  @Test
  void quickGrid_trainsEveryCell_writesTheTable_andReusesCellsOnASecondCall() throws IOException {
    long t0 = System.nanoTime();
    CliRunner.Result r = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(seconds < 60, "the quick grid took " + seconds + " s");
    Path root = dir.resolve("seed000-table1-quick");
    ExperimentTable t = Json.read(root.resolve("table.json"), ExperimentTable.class);
    assertEquals(5, t.rows().size());
    for (TableRow row : t.rows()) {
      assertEquals(2, row.cells().size());
      for (TableCell c : row.cells()) {
        RunRecord run = Json.read(root.resolve(c.run()).resolve("run.json"), RunRecord.class);
        assertEquals(run.privacy().accountantEpsilon().epsilon(), c.accountantEpsilon(), "the table shows run.json's");
        assertEquals(run.privacy().claimedEpsilon(), c.claimedEpsilon());
        assertEquals(c.epsilon(), c.claimedEpsilon(), 1e-12, "every scheme claims the epsilon it was given");
      }
    }
    TableRow enadpp = t.rows().get(3);
    assertTrue(enadpp.cells().get(0).accountantEpsilon() > 100 * enadpp.cells().get(0).claimedEpsilon(),
        "EnADPP as published: the honest epsilon is far above the claim");
    assertTrue(t.rows().get(4).cells().stream().allMatch(c -> c.accountantEpsilon() <= c.claimedEpsilon()),
        "the corrected variant is proven at its claim");
    assertTrue(Files.readString(root.resolve("table.md")).contains("| EnADPP | "));
    assertTrue(r.out().contains("## Test accuracy: ours / paper"), r.out());
    assertEquals(10, Arrays.stream(r.errLines()).filter(l -> l.contains("test ") && l.contains("proven")).count(), r.err());

    CliRunner.Result again = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(10, Arrays.stream(again.errLines()).filter(l -> l.endsWith("[reused]")).count(), again.err());
  }

  @Test
  void list_namesTheShippedPresets() {
    CliRunner.Result r = CliRunner.run("experiment", "--list");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("seed000-table1"), r.out());
  }

  @Test
  void badInput_isOneLineAndExitCode2() {
    CliRunner.Result none = CliRunner.run("experiment");
    assertEquals(2, none.exitCode());
    CliRunner.Result unknown = CliRunner.run("experiment", "no-such-preset", "--out", dir.toString());
    assertEquals(2, unknown.exitCode());
    assertEquals(1, unknown.errLines().length, unknown.err());
    assertTrue(unknown.err().contains("unknown preset"), unknown.err());
  }
}
