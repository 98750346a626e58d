package org.dpaudit.cli.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;

/**
 * One case of the fault corpus: what to set up (a copy of a trained run, edited files), the command
 * to run, and what must happen: the exit code, and for an error exactly one line on standard error
 * that says {@code expected}, no stack trace, and no file changed or left behind.
 *
 * @param name what the case is, as the test report shows it
 * @param fixture the run directory copied into the case's directory as {@code run/} (or none)
 * @param setup what the case does to its directory before the command (edit, corrupt, delete)
 * @param args the command; {@code {dir}} stands for the case's directory, {@code {run}} for its run
 * @param exit the exit code the command must end with
 * @param expected a piece of the one error line (for exit code 2)
 * @param then further checks of a case that does not fail
 * @param lockedElsewhere whether another task holds the run's lock while the command runs
 */
record FaultCase(String name, FixtureRuns.Kind fixture, Consumer<Ctx> setup, List<String> args, int exit,
    String expected, BiConsumer<Ctx, CliRunner.Result> then, boolean lockedElsewhere) {
  FaultCase {
    Objects.requireNonNull(name, "name");
    args = List.copyOf(args);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Starts a case called {@code name}. */
  static Builder named(String name) {
    return new Builder(name);
  }

  /** Builds a {@link FaultCase}. */
  static final class Builder {
    private final String name;
    private FixtureRuns.Kind fixture = FixtureRuns.Kind.NONE;
    private Consumer<Ctx> setup = c -> { };
    private final List<String> args = new ArrayList<>();
    private boolean locked;

    private Builder(String name) {
      this.name = name;
    }

    /** The case works on a copy of this trained run ({@code {run}}). */
    Builder on(FixtureRuns.Kind kind) {
      this.fixture = kind;
      return this;
    }

    /** What to do to the case's directory first. */
    Builder setup(Consumer<Ctx> s) {
      this.setup = this.setup.andThen(s);
      return this;
    }

    /** Another task holds the run's lock while the command runs. */
    Builder lockedElsewhere() {
      this.locked = true;
      return this;
    }

    Builder args(String... a) {
      args.addAll(List.of(a));
      return this;
    }

    Builder args(List<String> a) {
      args.addAll(a);
      return this;
    }

    /** The command must fail (exit 2) with one line containing {@code expected}. */
    FaultCase fails(String expected) {
      return new FaultCase(name, fixture, setup, args, ExitCodes.ERROR, expected, (c, r) -> { }, locked);
    }

    /** The command must succeed (exit 0) and pass {@code then}. */
    FaultCase succeeds(BiConsumer<Ctx, CliRunner.Result> then) {
      return new FaultCase(name, fixture, setup, args, ExitCodes.OK, null, then, locked);
    }

    /** The command must end with {@code code} and pass {@code then}. */
    FaultCase exits(int code, BiConsumer<Ctx, CliRunner.Result> then) {
      return new FaultCase(name, fixture, setup, args, code, null, then, locked);
    }
  }
}
