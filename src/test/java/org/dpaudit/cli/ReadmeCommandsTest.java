package org.dpaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./dpaudit} command the README shows runs as printed. Those that need no training
 * (the accountant, the audit calculators, listings) are run and must succeed; the others (which
 * train, attack or read runs) are parsed by the real command line, so a renamed or misspelt option
 * fails here. The README's output blocks are checked against the commands where they are
 * transcripts of them (the accountant's).
 */
class ReadmeCommandsTest {
  /** Subcommands (with their first words) that need no run directory and no training. */
  private static final List<String> RUNNABLE = List.of("accountant", "audit bound", "audit one-run", "datasets list",
      "experiment --list", "--version", "--help");

  static Path readme() {
    Path p = Path.of("").toAbsolutePath().resolveSibling("README.md");
    return Files.exists(p) ? p : Path.of("README.md");
  }

  /** The {@code ./dpaudit} commands in the README's bash blocks, continuation lines joined, comments cut. */
  static List<List<String>> commands(List<String> lines) {
    List<List<String>> out = new ArrayList<>();
    boolean bash = false;
    StringBuilder pending = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("```")) {
        bash = line.equals("```bash");
        continue;
      }
      if (!bash) {
        continue;
      }
      String l = line.strip();
      if (pending.length() > 0 || l.contains("./dpaudit ")) {
        pending.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) : l).append(' ');
        if (l.endsWith("\\")) {
          continue;
        }
        String cmd = pending.toString();
        pending.setLength(0);
        int hash = cmd.indexOf(" #");
        cmd = hash >= 0 ? cmd.substring(0, hash) : cmd;
        for (String part : cmd.split(" && ")) {
          String p = part.strip();
          int at = p.indexOf("./dpaudit ");
          if (at < 0) {
            continue;
          }
          out.add(Arrays.asList(p.substring(at + "./dpaudit ".length()).strip().split("\\s+")));
        }
      }
    }
    return out;
  }

  private static boolean runnable(List<String> args) {
    String joined = String.join(" ", args);
    return RUNNABLE.stream().anyMatch(r -> joined.equals(r) || joined.startsWith(r + " "));
  }

  @Test
  void everyCommandInTheReadme_runsOrParses() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    List<List<String>> cmds = commands(lines);
    assertTrue(cmds.size() >= 10, "found only " + cmds.size() + " commands in " + readme());
    int ran = 0;
    for (List<String> args : cmds) {
      String shown = "./dpaudit " + String.join(" ", args);
      if (args.contains("...")) {
        // an elided command ("train --device gpu ..."): its options still have to exist
        args = args.subList(0, args.indexOf("..."));
        parseOptionsOnly(args, shown);
        continue;
      }
      if (runnable(args)) {
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(ExitCodes.OK, r.exitCode(), shown + "\n" + r.err());
        assertFalse(r.out().isBlank(), shown + " printed nothing");
        ran++;
      } else {
        parse(args, shown);
      }
    }
    assertTrue(ran >= 2, "ran only " + ran + " of the README's commands");
  }

  /** The accountant's transcript in the README is what the command prints. */
  @Test
  void accountantTranscript_matchesTheCommand() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    int checked = 0;
    for (List<String> args : commands(lines)) {
      if (!args.get(0).equals("accountant")) {
        continue;
      }
      String out = CliRunner.run(args.toArray(new String[0])).out().stripTrailing();
      String first = out.lines().findFirst().orElse("");
      int at = lines.indexOf(first);
      if (at < 0) {
        continue;
      }
      List<String> shown = new ArrayList<>();
      for (int j = at; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        shown.add(lines.get(j));
      }
      assertEquals(out, String.join("\n", shown).stripTrailing(), String.join(" ", args));
      checked++;
    }
    assertTrue(checked >= 1, "no accountant transcript in the README");
  }

  private static void parse(List<String> args, String shown) {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    try {
      cl.parseArgs(args.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      fail(shown + " does not parse: " + e.getMessage());
    }
  }

  /** Checks that every option of an elided command exists (required options may be among the elided). */
  private static void parseOptionsOnly(List<String> args, String shown) {
    CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    CommandLine sub = cl;
    for (String a : args) {
      if (a.startsWith("-")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        assertTrue(sub.getCommandSpec().findOption(name) != null, shown + ": no option " + name);
      } else if (sub.getSubcommands().containsKey(a)) {
        sub = sub.getSubcommands().get(a);
      }
    }
  }
}
