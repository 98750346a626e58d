package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A scheme's name is read in one place, the registry ({@link Schemes}): main code elsewhere asks it
 * ({@link Schemes#isPrivate}, {@link Schemes#hasDpSgdStep}, {@link Schemes#NON_PRIVATE}) instead of
 * comparing strings, so a new scheme or a renamed one cannot be missed by a {@code "nonprivate".equals}
 * somewhere. The test reads every module's main sources and fails on a quoted scheme id outside the
 * schemes package, except the files listed here with why.
 */
class SchemeNameLiteralsTest {
  /** Files allowed to quote a scheme id, and why (paths from the repository's root). */
  private static final Map<String, String> ALLOWED = Map.of(
      "src/main/java/org/dpaudit/cli/demo/Demo.java",
      "'nonprivate' there is the demo's run directory name, not a scheme test");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("trainers")) ? here : here.getParent();
  }

  private static Pattern literal() {
    String ids = Schemes.NAMES.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    return Pattern.compile("\"(" + ids + ")\"");
  }

  /** Quoted scheme ids in {@code text}, as "line: text" entries. */
  static List<String> hits(String text) {
    List<String> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Pattern p = literal();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = p.matcher(lines[i]);
      if (m.find()) {
        out.add((i + 1) + ": " + lines[i].strip());
      }
    }
    return out;
  }

  @Test
  void theDetectorFindsAStringTestAndIgnoresProse() {
    assertEquals(1, hits("boolean p = !\"nonprivate\".equals(scheme);").size());
    assertEquals(1, hits("if (s.equals(\"icgc-dp-corrected\")) {").size());
    assertTrue(hits("\"--scheme nonprivate adds no noise\"").isEmpty());
    assertTrue(hits("\"dp-sgd q=%.2g\"").isEmpty());
  }

  @Test
  void noMainSourceOutsideTheRegistryQuotesASchemeId() throws IOException {
    Path root = root();
    assertTrue(Files.exists(root.resolve("trainers/src/main/java")), "repository root not found from " + root);
    List<String> found = new ArrayList<>();
    int files = 0;
    List<Path> sourceRoots = new ArrayList<>(List.of(root.resolve("src/main/java")));
    try (Stream<Path> modules = Files.list(root)) {
      modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(sourceRoots::add);
    }
    for (Path sourceRoot : sourceRoots) {
      if (!Files.isDirectory(sourceRoot)) {
        continue;
      }
      List<Path> sources;
      try (Stream<Path> all = Files.walk(sourceRoot)) {
        sources = all.filter(p -> p.toString().endsWith(".java")).toList();
      }
      for (Path p : sources) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith("trainers/src/main/java/org/dpaudit/trainers/schemes/") || ALLOWED.containsKey(rel)) {
          continue;
        }
        files++;
        for (String h : hits(read(p))) {
          found.add(rel + ":" + h);
        }
      }
    }
    assertTrue(files > 100, "read only " + files + " main sources");
    assertTrue(found.isEmpty(), "scheme ids quoted outside the registry (ask Schemes instead):\n"
        + String.join("\n", found));
  }

  @Test
  void theRegistryAnswersWhatTheStringTestsAsked() {
    assertFalse(Schemes.isPrivate(Schemes.NON_PRIVATE.name()));
    for (String name : Schemes.NAMES) {
      if (!name.equals(Schemes.NON_PRIVATE.name())) {
        assertTrue(Schemes.isPrivate(name), name);
      }
    }
    assertTrue(Schemes.hasDpSgdStep("dpsgd") && Schemes.hasDpSgdStep("psgd") && Schemes.hasDpSgdStep("nonprivate"));
    assertFalse(Schemes.hasDpSgdStep("appdl") || Schemes.hasDpSgdStep("icgc-dp") || Schemes.hasDpSgdStep("no-such"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
