package org.dpaudit.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.cli.CliRunner;
import org.junit.jupiter.api.Test;

/**
 * Documentation snippets as tests: every "$ ./dpaudit audit ..." transcript in README.md and
 * docs/cli.md (where the command reference moved) is what the command prints. Transcripts of {@code audit --run} show measured output on trained runs, which a unit test
 * cannot retrain; they are skipped here.
 */
class ReadmeAuditExamplesTest {

  @Test
  void auditTranscriptsInTheDocs_matchTheCommands() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    if (!Files.exists(root.resolve("README.md"))) {
      root = Path.of("").toAbsolutePath();
    }
    Path readme = root.resolve("README.md");
    List<String> lines = new ArrayList<>(Files.readAllLines(readme));
    lines.add("");
    lines.addAll(Files.readAllLines(root.resolve("docs/cli.md")));
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("$ ./dpaudit audit ") || line.contains(" --run ")) {
        continue;
      }
      List<String> expected = new ArrayList<>();
      for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty() && !lines.get(j).startsWith("```"); j++) {
        expected.add(lines.get(j));
      }
      String[] args = line.substring("$ ./dpaudit ".length()).split(" ");
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(String.join("\n", expected), r.out().stripTrailing(), line);
      checked++;
    }
    assertTrue(checked >= 2, "found " + checked + " audit transcripts in " + readme);
  }
}
