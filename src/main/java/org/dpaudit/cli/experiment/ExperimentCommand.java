package org.dpaudit.cli.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.cli.RandomnessOptions;
import org.dpaudit.cli.SparkOptions;
import org.dpaudit.spark.SparkCellTrainer;
import org.dpaudit.spark.SparkJobs;
import org.dpaudit.spark.SparkSettings;
import org.dpaudit.datasets.DatasetCatalog;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.experiment.AuditPlan;
import org.dpaudit.trainers.experiment.ExperimentPreset;
import org.dpaudit.trainers.experiment.ExperimentRunner;
import org.dpaudit.trainers.experiment.ExperimentTable;
import org.dpaudit.trainers.experiment.MarkdownTable;
import org.dpaudit.trainers.experiment.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpaudit experiment <preset>}: train a grid of runs and write the comparison table. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a reproduction experiment: train every cell of a preset's grid",
      "(schemes x epsilons) as a run directory <out>/<preset>/<scheme>/eps-<e>/,",
      "then write <out>/<preset>/table.json and table.md: per cell our test",
      "accuracy, the claimed epsilon, the epsilon the accountants prove, and the",
      "paper's published accuracy beside ours. Cells already trained with the same",
      "configuration and seed are reused (an interrupted grid continues); --force",
      "retrains them. A preset is a JSON file: a shipped name or a path.",
      "Rows on data only you can supply (CIFAR-10, CSV tables) run when --data",
      "names it, and are left out (with a note in the table) otherwise.",
      "--spark MASTER trains the cells as Apache Spark tasks, one task per cell",
      "(local[*] or your cluster; docs/spark.md): the same table as in this process.",
      "Every cell is trained with 3 seeds (mean +- sd; --seeds) and with canaries,",
      "and each run is audited afterwards (claimed / proven / empirical epsilon and",
      "the verdict, as 'dpaudit audit --run'; --no-audit leaves that out).",
      "<out>/<preset>/report.html compares the first seed's runs of every cell",
      "(privacy-utility figure, verdicts), as 'dpaudit compare' would; <out>/<preset>/figures.html",
      "draws the papers' figures (privacy-utility curves with mean +- sd, accuracy against sigma,",
      "training curves, seed 000's budget ratios from the EnADPP/ADPPL runs' budget-ratios.json,",
      "seed 003's speed-up against batch size from seed003-fig7's step times) and says which of them",
      "the preset has no data for; it re-checks every run.json against the SHA-256 table.json",
      "recorded, and names (on the page and in a warning line) any changed or missing one."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit experiment --list",
      "  dpaudit experiment seed000-table1 --seed 1                (the full grid; wall time: docs/reproductions.md)",
      "  dpaudit experiment seed000-table1 --quick --seed 1        (a tiny version: every scheme, 2 epsilons)",
      "  dpaudit experiment seed004 --seed 1 --seeds 3             (3 seeds per cell, audited)",
      "  dpaudit experiment seed000-table1 --seed 1 --rows adppl,enadpp --epsilons 0.2,8   (a reduced grid)",
      "  dpaudit experiment seed003 --seed 1 --columns sigma-4      (one column of a preset that fixes sigma)",
      "  dpaudit experiment seed003-fig7 --quick --seed 1 --no-audit   (Fig. 7: step times of K = 1, 2, 4 workers)",
      "  dpaudit experiment tune-mnist-mlp --validation --seed 1 --seeds 1 --no-audit   (choose a recipe)",
      "  dpaudit experiment seed002 --seed 1 --data cifar10=~/data/cifar-10-batches-bin   (adds the CIFAR-10 rows)",
      "  dpaudit experiment my-preset.json --out runs/mine --secure",
      "  dpaudit experiment seed000-table1 --quick --seed 1 --spark 'local[2]'",
      "  dpaudit experiment seed000-table1 --quick --seed 1 --json > table.json   (table.json's record on stdout)"
    })
public final class ExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PRESET", description = "A shipped preset's name or a preset "
      + ".json file")
  String preset;

  @Option(names = "--list", description = "List the shipped presets and exit")
  boolean list;

  @Option(names = "--quick", description = "Run the preset's tiny smoke-test version (into <out>/<preset>-quick)")
  boolean quick;

  @Option(names = "--out", description = "Directory the preset's directory is made in (default: ${DEFAULT-VALUE})")
  Path out = Path.of("runs");

  @Option(names = "--device", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--force", description = "Retrain cells that were already trained")
  boolean force;

  @Option(names = "--data", paramLabel = "DATASET=PATH", description = "Where data you supply is: cifar10=<the "
      + "cifar-10-batches-bin directory> or csv=<file.csv>; repeatable")
  Map<String, Path> data = new LinkedHashMap<>();

  @Option(names = "--validation", description = "Measure every cell on a validation split of the training "
      + "partition (examples in no other group of the split) instead of the test set: for choosing a recipe "
      + "without looking at the test set. Writes <out>/<preset>-validation")
  boolean validation;

  @Option(names = "--epsilons", split = ",", paramLabel = "E", description = "Run only these of the preset's "
      + "columns (a reduced grid, noted as such in the table); an epsilon that labels several columns (a preset "
      + "fixing sigma, e.g. seed003's sigma 8 and 4 at epsilon 2) is refused: use --columns")
  List<Double> epsilons;

  @Option(names = "--columns", split = ",", paramLabel = "COLUMN", description = "Run only these of the preset's "
      + "columns, named by their directory: eps-2 for a calibration target, sigma-8 for a fixed sigma, "
      + "sigma-8-until-eps-2 for a preset that trains until a budget (the names are in the error for a wrong one); "
      + "a reduced grid, noted as such in the table")
  List<String> columns;

  @Option(names = "--rows", split = ",", paramLabel = "ROW", description = "Run only these of the preset's rows, "
      + "named by their directory (the scheme, e.g. enadpp; icgc-dp-fashion-mnist for a row with its own dataset); "
      + "a reduced grid, noted as such in the table")
  List<String> rows;

  @Option(names = "--seeds", paramLabel = "N", description = "Train every cell N times, with seeds --seed, --seed + 1, "
      + "...; the table gives mean +- sd (default: 3, or 1 with --quick)")
  Integer seeds;

  @Option(names = "--canaries", paramLabel = "M", description = "White-box gradient canaries per private run, audited "
      + "after training: the table's empirical epsilon and verdict (default: ${DEFAULT-VALUE}; non-private runs get "
      + "--black-box-canaries random-input canaries)")
  int canaries = AuditPlan.DEFAULT.whiteBox();

  @Option(names = "--black-box-canaries", paramLabel = "M", description = "Random-input canaries per non-private run "
      + "(default: ${DEFAULT-VALUE})")
  int blackBoxCanaries = AuditPlan.DEFAULT.blackBox();

  @Option(names = "--no-audit", description = "Train without canaries and leave the audit column out")
  boolean noAudit;

  @Mixin RandomnessOptions randomness;

  @Mixin SparkOptions spark;

  @Option(names = "--json", description = "Print the result as JSON on standard output: the table (table.json's "
      + "record) instead of the Markdown table, or with --list the presets; the rest goes to standard error")
  boolean json;

  /** One shipped preset, as {@code --list --json} prints it. */
  record PresetEntry(String name, int cells, String title) {}

  /**
   * The experiment's HTML page: the reports module's comparison of the first seed's run of every
   * cell (its privacy-utility figure plots accuracy against the accountant's and the claimed
   * epsilon per scheme, its summary gives each run's verdict); null for a one-cell grid.
   */
  static Path report(Path dir, ExperimentTable table) {
    java.util.LinkedHashSet<Path> runs = new java.util.LinkedHashSet<>();
    table.rows().forEach(r -> r.cells().forEach(c -> runs.add(dir.resolve(c.run()))));
    if (runs.size() < 2) {
      return null;
    }
    return new org.dpaudit.reports.ReportWriter().writeComparison(List.copyOf(runs), dir.resolve(REPORT_HTML));
  }

  /** The experiment's HTML page, in the preset's directory. */
  public static final String REPORT_HTML = "report.html";

  @Override
  public Integer call() {
    var o = spec.commandLine().getOut();
    if (list) {
      List<PresetEntry> presets = new java.util.ArrayList<>();
      for (String name : Presets.names()) {
        ExperimentPreset p = Presets.load(name);
        ExperimentPreset fetchable = p.withSuppliedData(java.util.Set.of());
        String more = p.rows().stream().map(p::datasetOf).filter(DatasetCatalog.FROM_PATH::contains).distinct()
            .map(d -> " (+" + (p.cells() - fetchable.cells()) + " with --data " + d + "=PATH)")
            .findFirst().orElse("");
        if (json) {
          presets.add(new PresetEntry(name, fetchable.cells(), p.title()));
        } else {
          o.printf("%-18s %d cells%s: %s%n", name, fetchable.cells(), more, p.title());
        }
      }
      if (json) {
        o.print(org.dpaudit.core.io.Json.write(presets));
      }
      o.flush();
      return ExitCodes.OK;
    }
    if (preset == null) {
      throw new ParameterException(spec.commandLine(), "give a preset (see --list) or --list");
    }
    SparkSettings sparkSettings = spark.settingsOrNull(spec.commandLine());
    ExperimentPreset p = Presets.load(preset);
    p = quick ? p.quickVersion() : p;
    if (epsilons != null && columns != null) {
      throw new ParameterException(spec.commandLine(), "give --epsilons or --columns, not both");
    }
    p = epsilons == null ? p : p.withEpsilons(epsilons);
    p = columns == null ? p : p.withColumns(columns);
    p = rows == null ? p : p.withRows(rows);
    for (var d : data.entrySet()) {
      if (!DatasetCatalog.FROM_PATH.contains(d.getKey())) {
        throw new ParameterException(spec.commandLine(), "--data " + d.getKey() + ": only "
            + String.join(" and ", DatasetCatalog.FROM_PATH) + " are read from a path");
      }
      if (!Files.exists(d.getValue())) {
        throw new ParameterException(spec.commandLine(), "--data " + d.getKey() + ": " + d.getValue()
            + " does not exist");
      }
    }
    int n = seeds != null ? seeds : quick ? 1 : 3;
    if (n < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1; got " + n);
    }
    if (!noAudit && (canaries < 1 || blackBoxCanaries < 1)) {
      throw new ParameterException(spec.commandLine(), "--canaries and --black-box-canaries must be at least 1 (use "
          + "--no-audit for none)");
    }
    AuditPlan plan = noAudit ? null : new AuditPlan(canaries, blackBoxCanaries);
    var req = new ExperimentRunner.Request(p, out, device, randomness.seedOrNull(), force, data, validation, n, plan);
    p = req.preset();
    var err = spec.commandLine().getErr();
    err.printf("experiment %s: %d cells (%d rows x %d epsilons) x %d seed(s)%s into %s%n", p.name(), p.cells(),
        p.rows().size(), p.epsilons().size(), n, plan == null ? "" : ", audited", ExperimentRunner.directory(req));
    err.flush();
    ExperimentTable table;
    try (SparkJobs jobs = sparkSettings == null ? null : SparkJobs.create(sparkSettings, m -> {
      err.println(m);
      err.flush();
    })) {
      table = ExperimentRunner.run(req, jobs == null ? null : new SparkCellTrainer(jobs),
          new RunCellAuditor(device, m -> {
            err.println(m);
            err.flush();
          }), new ExperimentProgress(err), m -> { });
    }
    if (json) {
      o.print(org.dpaudit.core.io.Json.write(table));
      o.flush();
    } else {
      o.print(MarkdownTable.render(table));
    }
    Path report = report(ExperimentRunner.directory(req), table);
    var written = org.dpaudit.reports.ExperimentFiguresPage.write(table, ExperimentRunner.directory(req),
        ExperimentRunner.TABLE_MD, report == null ? null : REPORT_HTML);
    Path figures = written.file();
    if (written.untrusted() != null) {
      err.println("warning: " + figures + ": " + written.untrusted());
      err.flush();
    }
    (json ? err : o).printf("%nwritten: %s and %s%s, and %s%n",
        ExperimentRunner.directory(req).resolve(ExperimentRunner.TABLE_JSON),
        ExperimentRunner.directory(req).resolve(ExperimentRunner.TABLE_MD), report == null ? "" : ", " + report,
        figures);
    (json ? err : o).flush();
    return ExitCodes.OK;
  }
}
