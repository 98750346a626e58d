package org.dpaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the JVM itself end like every other failure: one line, exit code 2 (1 is for
 * findings), no stack trace; and the tensor engine prints nothing of its own on standard error.
 */
class JvmErrorsTest {
  @TempDir Path dir;

  /** picocli hands Errors past its handler; with 48 MB of heap a training used to exit 1 with 20 lines. */
  @Test
  void outOfMemory_isOneLineAndExit2() throws Exception {
    CliProcess p = CliProcess.start(dir, "oom", List.of("-Xmx48m"), List.of("train", "--seed", "1", "--epsilon", "2",
        "--model", "mlp", "--members", "500", "--epochs", "1", "--out", dir.resolve("oom").toString()));
    assertEquals(ExitCodes.ERROR, p.waitFor(5), p.err());
    String err = p.err().strip();
    assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), err);
    String last = err.lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("error: out of memory"), err);
    assertEquals(1, err.lines().filter(l -> l.startsWith("error")).count(), err);
  }

  @Test
  void stackOverflowAndOtherErrors_areOneLineEach() {
    for (Throwable t : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
        new NoClassDefFoundError("ai/djl/Bogus"), new IllegalStateException("x", new OutOfMemoryError("deep")))) {
      StringWriter s = new StringWriter();
      assertEquals(ExitCodes.ERROR, ErrorHandlers.report(t, new PrintWriter(s)));
      assertEquals(1, s.toString().lines().count(), s.toString());
      assertTrue(s.toString().startsWith("error: "), s.toString());
    }
  }

  /** libtorch printed a deprecation warning (AutoNonVariableTypeMode) at every training's start. */
  @Test
  void training_printsNoEngineWarning() throws Exception {
    CliProcess p = CliProcess.start(dir, "train", List.of(), List.of("train", "--seed", "1", "--noise-multiplier",
        "1", "--model", "mlp", "--members", "200", "--non-members", "50", "--attacker-pool", "50", "--test", "100",
        "--epochs", "1", "--batch-size", "50", "--out", dir.resolve("run").toString()));
    assertEquals(0, p.waitFor(5), p.err());
    String err = p.err();
    assertFalse(err.contains("Warning") || err.contains("WARN") || err.contains("[W"), err);
    CliProcess bad = CliProcess.start(dir, "bad", List.of(), List.of("train", "--seed", "1", "--noise-multiplier",
        "1", "--model", "mlp", "--members", "200", "--non-members", "50", "--attacker-pool", "50", "--test", "100",
        "--epochs", "1", "--batch-size", "50", "--scheme-option", "bogus=1", "--out", dir.resolve("bad").toString()));
    assertEquals(ExitCodes.ERROR, bad.waitFor(5));
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }
}
