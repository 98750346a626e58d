package org.dpaudit.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.io.EnumIds;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.provenance.ProvenanceDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpaudit diff}: why do two runs differ? */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {
      "Compare two runs' run.json leaf by leaf and print what differs: configuration, data, split,",
      "versions, randomness, privacy and results. Timings and creation times are skipped unless --all.",
      "Both files are read as run.json records, so an older schema's spelling (\"POISSON\") is no difference."
    },
    footer = {"", "Exit codes: 0 the runs do not differ, 1 they differ, 2 bad input.", "", "Examples:",
        "  dpaudit diff runs/a runs/b", "  dpaudit diff --run runs/a --run runs/b --all",
        "  dpaudit diff runs/a runs/b --json     (a list of {path, left, right}; the same exit codes)"})
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "RUN", description = "The two run directories (or give them as --run)")
  List<Path> positional = new ArrayList<>();

  @Option(names = "--run", paramLabel = "RUN", description = "A run directory (repeatable: --run A --run B; the same as "
      + "the positional runs)")
  List<Path> runs = new ArrayList<>();

  @Option(names = "--all", description = "Also show timings, creation times and history")
  boolean all;

  @Option(names = "--json", description = "Print the differences as JSON: a list of {path, left, right} (empty when "
      + "the runs do not differ); the exit code is the same")
  boolean json;

  /** What --json prints. */
  record Diff(String runA, String runB, List<ProvenanceDiff.Difference> differences) {}

  @Override
  public Integer call() {
    List<Path> both = new ArrayList<>(positional);
    both.addAll(runs);
    if (both.size() != 2) {
      throw new ParameterException(spec.commandLine(), "give two runs (as RUN_A RUN_B or --run A --run B); got "
          + both.size());
    }
    Path a = both.get(0);
    Path b = both.get(1);
    JsonNode left = tree(a);
    JsonNode right = tree(b);
    List<String> ignore = all ? List.of() : List.of("name", "provenance.created", "provenance.elapsed",
        "metrics.trainingSeconds", "metrics.medianStepMillis", "metrics.history");
    // The configuration block is kept as written, so an older run spells its enums "POISSON": not a difference.
    List<ProvenanceDiff.Difference> d = ProvenanceDiff.diff(left, right, ignore).stream()
        .filter(x -> !EnumIds.sameConstant(x.left(), x.right())).toList();
    var out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(new Diff(a.toString(), b.toString(), d)));
      return d.isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
    }
    if (d.isEmpty()) {
      out.println("no differences" + (all ? "" : " (timings skipped; --all shows them)"));
    }
    for (ProvenanceDiff.Difference x : d) {
      out.printf("%s%n    %s: %s%n    %s: %s%n", x.path(), a.getFileName(), x.left(), b.getFileName(), x.right());
    }
    return d.isEmpty() ? ExitCodes.OK : ExitCodes.FINDING;
  }

  /** The run's run.json as a record's tree: strictly read, schema checked, enums in one spelling. */
  private static JsonNode tree(Path run) {
    return Json.toTree(ArtifactSchema.RUN.read(RunDirectory.open(run)));
  }
}
