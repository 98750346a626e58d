package org.dpaudit.cli.datasets;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.datasets.DatasetRequest;
import org.dpaudit.datasets.DatasetSummary;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.io.IdxReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpaudit datasets info}: sizes, shape, classes, per-class counts, checksums. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Describe a dataset: split sizes, example shape, classes, per-class counts and checksums.",
      "A named dataset is fetched first if it is not cached. With --path alone, describe one file:",
      "an IDX file, a CSV table, or a CIFAR-10 batches directory."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit datasets info mnist",
      "  dpaudit datasets info mnist --json",
      "  dpaudit datasets info csv --path adult.csv --label-column income",
      "  dpaudit datasets info --path ~/.dpaudit/datasets/mnist/train-images-idx3-ubyte"
    })
public final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "mnist, fashion-mnist, cifar10 or csv")
  String name;

  @Option(names = "--path", paramLabel = "PATH", description = "A CIFAR-10 directory, a CSV file, or one IDX file.")
  Path path;

  @Option(names = "--label-column", paramLabel = "COLUMN", description = "CSV label column (default: ${DEFAULT-VALUE}).")
  String labelColumn = "label";

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** What {@code info --path FILE} prints for a single IDX file. */
  public record IdxFileInfo(String path, String sha256, List<Integer> dimensions) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (name == null && path == null) {
      throw new ParameterException(spec.commandLine(), "give a dataset NAME, or --path");
    }
    String effective = name != null ? name : guessKind(path);
    if (effective.equals("idx")) {
      IdxReader.IdxArray a = IdxReader.read(path);
      IdxFileInfo info = new IdxFileInfo(path.toString(), Sha256.of(path), Arrays.stream(a.dims()).boxed().toList());
      out.print(json ? Json.write(info) : path + ": IDX unsigned bytes, dimensions " + info.dimensions()
          + "\n  sha256 " + info.sha256() + "\n");
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    Datasets datasets = new Datasets(m -> { err.println(m); err.flush(); }, true);
    DatasetSummary s = DatasetSummary.of(datasets.load(new DatasetRequest(effective, path, labelColumn)));
    out.print(json ? Json.write(s) : text(s));
    return ExitCodes.OK;
  }

  private static String guessKind(Path p) {
    if (Files.isDirectory(p)) {
      return "cifar10";
    }
    return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "csv" : "idx";
  }

  private static String text(DatasetSummary s) {
    StringBuilder b = new StringBuilder();
    b.append(s.name()).append("  (").append(s.source()).append(")\n");
    b.append(String.format("  examples    train %d, test %d; shape %s; %d classes%n", s.train().size(), s.test().size(),
        s.exampleShape().stream().map(String::valueOf).collect(Collectors.joining("x")), s.classes().size()));
    b.append("  classes     ").append(String.join(", ", s.classes())).append('\n');
    b.append("  train/class ").append(counts(s.train().perClassCounts())).append('\n');
    if (s.test().size() > 0) {
      b.append("  test/class  ").append(counts(s.test().perClassCounts())).append('\n');
    }
    s.files().forEach(f -> b.append(String.format("  %-24s sha256 %s%n", f.path(), f.sha256())));
    return b.toString();
  }

  private static String counts(List<Integer> c) {
    return IntStream.range(0, c.size()).mapToObj(i -> i + ":" + c.get(i)).collect(Collectors.joining(" "));
  }
}
