package org.dpaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void bare_printsCommandList() {
    CliRunner.Result r = CliRunner.run();
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Commands:"), r.out());
    assertTrue(r.out().contains("datasets"), r.out());
  }

  @Test
  void version_namesTheCommit() {
    CliRunner.Result r = CliRunner.run("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("dpaudit "), r.out());
    assertTrue(r.out().contains("commit"), r.out());
    assertTrue(r.out().contains("\nDJL offline: " + System.getProperty("ai.djl.offline") + " ("), r.out());
  }

  @Test
  void unknownOption_isOneLineErrorWithExit2() {
    CliRunner.Result r = CliRunner.run("--frobnicate");
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("error: Unknown option: '--frobnicate'"), r.err());
  }

  @Test
  void everyCommand_hasHelpWithExamples() {
    for (String[] cmd : HelpCoverage.allCommandPaths()) {
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(0, r.exitCode(), String.join(" ", args));
      assertTrue(r.out().contains("Usage:"), String.join(" ", args));
      if (cmd.length > 0 && !HelpCoverage.isGroup(cmd)) {
        assertTrue(r.out().contains("Example"), "no examples in the help of " + String.join(" ", cmd));
      }
    }
  }

  /** Without a terminal (piped, as here) help is printed 120 wide, so no description line is broken in two. */
  @Test
  void helpDescriptions_areNotBrokenMidLine() {
    CommandLine root = Main.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()));
    for (String[] cmd : HelpCoverage.allCommandPaths()) {
      CommandLine c = root;
      for (String name : cmd) {
        c = c.getSubcommands().get(name);
      }
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      String help = CliRunner.run(args).out().replace("\r", "");
      for (String line : c.getCommandSpec().usageMessage().description()) {
        if (!line.contains("%") && !line.contains("${")) {
          assertTrue(help.contains(line.stripTrailing() + "\n"), String.join(" ", cmd) + ": broken line: " + line);
        }
      }
    }
  }
}
