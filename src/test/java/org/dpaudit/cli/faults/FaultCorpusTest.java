package org.dpaudit.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input and fault corpus: every way a careful or an adversarial user was seen to break a run
 * (issue 14), and the ways that already behaved, so they stay that way. Each case runs one real
 * command in-process on its own directory (a copy of a real trained run where it needs one) and
 * must end as stated: an error is exit code 2 with exactly one line on standard error, naming the
 * problem, no stack trace, and not one file changed or left behind in the case's directory.
 *
 * <p>Run it with {@code mvn -B -q -pl src -am test -Dtest=FaultCorpusTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The fixture runs train once per JVM (a few seconds).
 */
class FaultCorpusTest {
  @TempDir static Path root;

  private static final AtomicInteger NEXT = new AtomicInteger();

  static Stream<FaultCase> cases() {
    List<FaultCase> all = new ArrayList<>();
    all.addAll(TrainFaults.cases());
    all.addAll(ResumeFaults.cases());
    all.addAll(RunFaults.cases());
    all.addAll(GateFaults.cases());
    all.addAll(InputFaults.cases());
    return all.stream();
  }

  @Test
  void corpus_hasAtLeast150Cases_withDistinctNames() {
    List<String> names = cases().map(FaultCase::name).toList();
    assertTrue(names.size() >= 150, "the corpus has " + names.size() + " cases");
    assertEquals(names.size(), names.stream().distinct().count(), "case names are distinct");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fault(FaultCase c) throws Exception {
    Ctx ctx = new Ctx(Files.createDirectories(root.resolve("case-" + NEXT.incrementAndGet())));
    if (c.fixture() != FixtureRuns.Kind.NONE) {
      FixtureRuns.copyTree(FixtureRuns.get(c.fixture(), root.resolve("fixtures")), ctx.run());
    }
    c.setup().accept(ctx);
    Map<String, String> before = ctx.snapshot();
    CliRunner.Result r = c.lockedElsewhere() ? whileLocked(ctx.run(), ctx.resolve(c.args()))
        : CliRunner.run(ctx.resolve(c.args()));
    String shown = "exit " + r.exitCode() + "\nstderr:\n" + r.err() + "\nstdout:\n" + r.out();
    assertEquals(c.exit(), r.exitCode(), shown);
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), "a stack trace: " + shown);
    assertFalse(r.err().contains("internal error"), "an internal error: " + shown);
    if (c.exit() == ExitCodes.ERROR) {
      assertEquals(1, r.errLines().length, "one line on standard error: " + shown);
      assertTrue(r.err().startsWith("error: "), shown);
      assertTrue(r.err().contains(c.expected()), "expected \"" + c.expected() + "\" in: " + r.err());
      assertEquals(before, ctx.snapshot(), "the failed command changed or left files behind");
    }
    c.then().accept(ctx, r);
  }

  /** Runs the command while another thread holds the run's lock, as a second writer would. */
  private static CliRunner.Result whileLocked(Path run, String[] args) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try (RunLock lock = RunLock.acquire(run)) {
        held.countDown();
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    holder.start();
    held.await();
    try {
      return CliRunner.run(args);
    } finally {
      done.countDown();
      holder.join();
    }
  }
}
