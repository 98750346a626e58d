package org.dpaudit.cli.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.TableCell;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark} and {@code --spark-conf} on the command line: the quick experiment grid trained
 * as Spark tasks in {@code local[2]} gives the table of the in-process grid, and bad Spark options
 * are one-line errors with exit code 2.
 */
class SparkOptionsTest {
  @TempDir Path dir;

  @Test
  @Tag("slow")
  void quickGridOnSpark_givesTheInProcessTable() throws Exception {
    CliRunner.Result here = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.resolve("here").toString());
    assertEquals(0, here.exitCode(), here.err());
    CliRunner.Result spark = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.resolve("spark").toString(), "--spark", "local[2]");
    assertEquals(0, spark.exitCode(), spark.err());
    ExperimentTable a = Json.read(dir.resolve("here/seed000-table1-quick/table.json"), ExperimentTable.class);
    ExperimentTable b = Json.read(dir.resolve("spark/seed000-table1-quick/table.json"), ExperimentTable.class);
    assertEquals(a.rows().size(), b.rows().size());
    for (int r = 0; r < a.rows().size(); r++) {
      for (int c = 0; c < a.rows().get(r).cells().size(); c++) {
        TableCell x = a.rows().get(r).cells().get(c);
        TableCell y = b.rows().get(r).cells().get(c);
        String what = a.rows().get(r).label() + " eps " + x.epsilon();
        assertEquals(x.run(), y.run(), what);
        assertEquals(x.testAccuracy(), y.testAccuracy(), 1e-9, what);
        assertEquals(x.claimedEpsilon(), y.claimedEpsilon(), 0.0, what);
        assertEquals(x.accountantEpsilon(), y.accountantEpsilon(), 0.0, what);
        assertEquals(x.accountant(), y.accountant(), what);
      }
    }
    assertEquals(here.out().lines().filter(l -> l.startsWith("|")).toList(),
        spark.out().lines().filter(l -> l.startsWith("|")).toList(), "the printed table");
    assertEquals(11, Arrays.stream(spark.errLines()).filter(l -> l.startsWith("cell ") && l.contains(" trained on "
        + "executor ")).count(), spark.err());

    CliRunner.Result again = CliRunner.run("experiment", "seed000-table1", "--quick", "--seed", "1", "--out",
        dir.resolve("spark").toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(12, Arrays.stream(again.errLines()).filter(l -> l.endsWith("[reused]")).count(),
        "cells trained on Spark are reused in-process:\n" + again.err());
  }

  @Test
  void badSparkOptions_areOneLineErrors() {
    CliRunner.Result noMaster = CliRunner.run("experiment", "seed000-table1", "--quick", "--out", dir.toString(),
        "--spark-conf", "spark.executor.memory=4g");
    assertEquals(2, noMaster.exitCode());
    assertTrue(noMaster.err().contains("--spark-conf needs --spark MASTER"), noMaster.err());

    CliRunner.Result badMaster = CliRunner.run("experiment", "seed000-table1", "--quick", "--out", dir.toString(),
        "--spark", "nowhere");
    assertEquals(2, badMaster.exitCode());
    assertTrue(badMaster.err().startsWith("error: --spark nowhere: not a Spark master URL"), badMaster.err());
    assertEquals(1, badMaster.errLines().length, badMaster.err());

    CliRunner.Result badKey = CliRunner.run("experiment", "seed000-table1", "--quick", "--out", dir.toString(),
        "--spark", "local[2]", "--spark-conf", "executor.memory=4g");
    assertEquals(2, badKey.exitCode());
    assertTrue(badKey.err().contains("Spark settings start with 'spark.'"), badKey.err());
    assertFalse(Files.exists(dir.resolve("seed000-table1-quick")), "nothing written");

    CliRunner.Result noShadows = CliRunner.run("attack", "--run", dir.toString(), "--attack", "inversion", "--spark",
        "local[2]");
    assertEquals(2, noShadows.exitCode());
    assertTrue(noShadows.err().startsWith("error: --spark trains shadow models; the inversion attack uses none"),
        noShadows.err());
  }
}
