package org.dpaudit.audit.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The canaries' inclusion bits stay out of the scoring path by construction: in the attacks' and
 * the audit's main sources, only {@link RunInclusion} names the inclusion file or its record, and
 * {@link CanaryScores} has no way to reach it.
 */
class InclusionIsolationTest {
  private static final Pattern INCLUSION = Pattern.compile("CANARY_INCLUSION|CanaryInclusion|inclusionFile\\(\\)"
      + "|inclusionSha256|inclusion\\.json");

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("audit/pom.xml")) ? p : p.getParent();
  }

  @Test
  void onlyRunInclusion_readsTheInclusionBits() throws IOException {
    List<String> readers = new ArrayList<>();
    int scanned = 0;
    for (String module : List.of("attacks", "audit")) {
      try (Stream<Path> walk = Files.walk(repoRoot().resolve(module).resolve("src/main/java"))) {
        for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
          scanned++;
          if (INCLUSION.matcher(Files.readString(f)).find()) {
            readers.add(f.getFileName().toString());
          }
        }
      }
    }
    assertTrue(scanned > 30, "scanned too few sources: " + scanned);
    assertEquals(List.of("RunInclusion.java"), readers);
  }

  @Test
  void scoring_seesOnlyTheModelAndTheCanaries() throws IOException {
    String src = Files.readString(repoRoot().resolve("audit/src/main/java/org/dpaudit/audit/canary/CanaryScores.java"));
    assertTrue(src.contains("public static CanaryScores loss(Target target, Dataset canaries)"));
    assertTrue(!src.contains("RunDirectory") && !src.contains("LoadedRun") && !src.contains("InclusionSource"));
  }
}
