package org.dpaudit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, as picocli's testing guide recommends, capturing both streams. */
public final class CliRunner {
  private CliRunner() {}

  /** The outcome of one command. */
  public record Result(int exitCode, String out, String err) {
    /** Standard error's lines. */
    public String[] errLines() {
      return err.isEmpty() ? new String[0] : err.split("\\R");
    }
  }

  /** Runs {@code dpaudit args...}. */
  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
