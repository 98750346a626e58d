package org.dpaudit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Walks the command tree, so help tests cover commands added later without being edited. */
final class HelpCoverage {
  private HelpCoverage() {}

  static List<String[]> allCommandPaths() {
    List<String[]> paths = new ArrayList<>();
    walk(Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), new ArrayList<>(), paths);
    return paths;
  }

  static boolean isGroup(String[] path) {
    CommandLine cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (String p : path) {
      cl = cl.getSubcommands().get(p);
    }
    return !cl.getSubcommands().isEmpty();
  }

  private static void walk(CommandLine cl, List<String> prefix, List<String[]> out) {
    out.add(prefix.toArray(new String[0]));
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getValue().getCommandSpec().aliases().length > 0 && !e.getKey().equals(e.getValue().getCommandName())) {
        continue;
      }
      List<String> next = new ArrayList<>(prefix);
      next.add(e.getKey());
      walk(e.getValue(), next, out);
    }
  }
}
