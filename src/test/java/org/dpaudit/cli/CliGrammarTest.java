package org.dpaudit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One CLI grammar: the same option name means the same thing in every command. The test walks every
 * command's options (subcommands included) and holds each name the issue found used with two
 * meanings to its one meaning; and every name used by several commands must take the same kind of
 * value everywhere (a flag in one command and a value in another is two meanings).
 */
class CliGrammarTest {
  /** The meaning of each name, as a test on its option; the reason is printed when it fails. */
  private static final Map<String, Meaning> MEANINGS = new LinkedHashMap<>();

  private record Meaning(String what, Predicate<OptionSpec> holds) {}

  static {
    MEANINGS.put("--seed", new Meaning("the root seed of all randomness (a split seed is --split-seed)",
        o -> !text(o).contains("split") && (text(o).contains("random") || text(o).contains("root seed"))));
    MEANINGS.put("--split-seed", new Meaning("the seed of the membership split", o -> text(o).contains("split")));
    MEANINGS.put("--run", new Meaning("a run directory", o -> text(o).contains("run")));
    MEANINGS.put("--json", new Meaning("print the result as JSON (a flag)", o -> o.arity().max() == 0
        && text(o).contains("json")));
    MEANINGS.put("--out", new Meaning("a directory (files are written inside it under fixed names)",
        o -> text(o).contains("director")));
    MEANINGS.put("--delta", new Meaning("the delta of a privacy claim, never silently defaulted",
        o -> o.required() || (o.defaultValue() == null && o.initialValue() == null)));
  }

  /**
   * Known departures from the grammar, each with why it is still there: the test fails when one is
   * fixed (so the entry goes) or when a new one appears.
   */
  private static final Map<String, String> KNOWN = Map.of();

  private static String text(OptionSpec o) {
    return (String.join(" ", o.description()) + " " + o.paramLabel()).toLowerCase(Locale.ROOT);
  }

  private static List<CommandSpec> all() {
    CommandLine root = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<CommandSpec> out = new ArrayList<>();
    walk(root, out);
    return out;
  }

  private static void walk(CommandLine c, List<CommandSpec> out) {
    out.add(c.getCommandSpec());
    for (CommandLine sub : c.getSubcommands().values()) {
      if (!out.contains(sub.getCommandSpec())) {
        walk(sub, out);
      }
    }
  }

  @Test
  void eachNameHasOneMeaning() {
    List<String> wrong = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    for (CommandSpec c : all()) {
      for (OptionSpec o : c.options()) {
        for (String name : o.names()) {
          Meaning m = MEANINGS.get(name);
          String where = c.qualifiedName() + " " + name;
          if (m != null && !m.holds().test(o) && KNOWN.containsKey(where)) {
            seen.add(where);
          } else if (m != null && !m.holds().test(o)) {
            wrong.add(c.qualifiedName() + " " + name + " should mean " + m.what() + "; it says: "
                + String.join(" ", o.description()));
          }
          kinds.computeIfAbsent(name, k -> new ArrayList<>()).add(c.qualifiedName() + ":"
              + (o.arity().max() == 0 ? "flag" : "value"));
        }
      }
    }
    for (Map.Entry<String, List<String>> e : kinds.entrySet()) {
      long flags = e.getValue().stream().filter(s -> s.endsWith(":flag")).count();
      if (flags > 0 && flags < e.getValue().size()) {
        wrong.add(e.getKey() + " is a flag in some commands and takes a value in others: " + e.getValue());
      }
    }
    for (String k : KNOWN.keySet()) {
      if (!seen.contains(k)) {
        wrong.add(k + " is listed as a known departure but follows the grammar now: remove it from KNOWN");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void opacusNames_areAliases_andArgumentFilesWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws java.io.IOException {
    CliRunner.Result ours = CliRunner.run("accountant", "--sampling-rate", "0.01", "--noise-multiplier", "1.0", "--steps",
        "300", "--delta", "1e-5");
    CliRunner.Result opacus = CliRunner.run("accountant", "--sample-rate", "0.01", "--noise-multiplier", "1.0", "--steps",
        "300", "--delta", "1e-5");
    org.junit.jupiter.api.Assertions.assertEquals(0, ours.exitCode(), ours.err());
    org.junit.jupiter.api.Assertions.assertEquals(ours.out(), opacus.out());
    java.nio.file.Path args = tmp.resolve("acc.args");
    java.nio.file.Files.writeString(args, "--sampling-rate 0.01\n--noise-multiplier 1.0 --steps 300\n");
    CliRunner.Result fromFile = CliRunner.run("accountant", "@" + args, "--delta", "1e-5");
    org.junit.jupiter.api.Assertions.assertEquals(ours.out(), fromFile.out(), fromFile.err());
    CommandLine root = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    CommandSpec train = root.getSubcommands().get("train").getCommandSpec();
    assertTrue(train.findOption("--target-epsilon") == train.findOption("--epsilon"));
    assertTrue(train.findOption("--max-grad-norm") == train.findOption("--clip"));
  }

  /**
   * picocli formats every help text as a format string: a lone {@code %} (say "1% FPR") makes it print
   * a warning above the help and drop every line break of that text. Literal percent signs are {@code %%}.
   */
  @Test
  void helpTexts_areValidFormatStrings() {
    List<String> bad = new ArrayList<>();
    for (CommandSpec c : all()) {
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(c.usageMessage().description()));
      texts.addAll(List.of(c.usageMessage().header()));
      texts.addAll(List.of(c.usageMessage().footer()));
      for (OptionSpec o : c.options()) {
        texts.addAll(List.of(o.description()));
      }
      for (String t : texts) {
        if (t.replace("%%", "").replace("%n", "").contains("%")) {
          bad.add(c.qualifiedName() + ": " + t);
        }
      }
    }
    assertTrue(bad.isEmpty(), "a lone % in help text (write %%): " + bad);
  }

  /**
   * Where several runs are accepted as positional parameters, {@code --run} takes them too, and is
   * repeatable ({@code --run A --run B}).
   */
  @Test
  void positionalRuns_canBeGivenAsRepeatableRunOptions() {
    List<String> wrong = new ArrayList<>();
    for (CommandSpec c : all()) {
      boolean positionalRuns = c.positionalParameters().stream()
          .anyMatch(p -> p.paramLabel().toUpperCase(Locale.ROOT).startsWith("RUN"));
      OptionSpec run = c.findOption("--run");
      if (positionalRuns && (run == null || !run.isMultiValue())) {
        wrong.add(c.qualifiedName() + " takes runs as parameters but no repeatable --run");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theWalkSeesEveryCommand() {
    List<String> names = all().stream().map(CommandSpec::qualifiedName).toList();
    for (String c : List.of("dpaudit train", "dpaudit import", "dpaudit attack", "dpaudit audit", "dpaudit gate",
        "dpaudit accountant", "dpaudit diff", "dpaudit audit bound")) {
      assertTrue(names.contains(c), c + " not among " + names);
    }
  }
}
