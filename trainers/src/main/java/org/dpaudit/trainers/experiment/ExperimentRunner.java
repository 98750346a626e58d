package org.dpaudit.trainers.experiment;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.RandomnessMode;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.dpaudit.trainers.schemes.BudgetSteps;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * Runs a preset's grid: every (row, epsilon) cell is an ordinary training run in {@code
 * <root>/<preset>/<scheme>/eps-<epsilon>/}, then {@code table.json} and {@code table.md} are written
 * next to them. A cell whose directory already holds a finished run of exactly this configuration
 * and randomness is reused (so an interrupted grid continues where it stopped), unless forced.
 */
public final class ExperimentRunner {
  /** The table files, in the preset's directory. */
  public static final String TABLE_JSON = "table.json";
  public static final String TABLE_MD = "table.md";

  /**
   * What to run and where.
   *
   * @param root the directory under which the preset's directory is made (e.g. {@code runs})
   * @param seed the root seed of every cell, or null for secure randomness
   * @param force retrain cells even when a finished run of the same configuration exists
   * @param dataPaths where the data the user supplies is (dataset name, e.g. {@code cifar10}, to its
   *     directory or file); rows on such a dataset read it from there, and rows on such a dataset
   *     that is not supplied are left out ({@link ExperimentPreset#withSuppliedData})
   * @param validation measure every cell on a validation split of the training partition instead of
   *     the test set ({@link DataConfig#validation}): for choosing a recipe without looking at the
   *     test set; the preset's directory is then {@code <preset>-validation}
   */
  public record Request(ExperimentPreset preset, Path root, DeviceChoice device, Long seed, boolean force,
      Map<String, Path> dataPaths, boolean validation, int seeds, AuditPlan audit) {
    public Request {
      Objects.requireNonNull(preset, "preset");
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(device, "device");
      Checks.positive("seeds", seeds);
      dataPaths = dataPaths == null ? Map.of() : Map.copyOf(dataPaths);
      preset = preset.withSuppliedData(dataPaths.keySet());
    }

    /** A request on fetchable datasets only, one seed, not audited. */
    public Request(ExperimentPreset preset, Path root, DeviceChoice device, Long seed, boolean force) {
      this(preset, root, device, seed, force, Map.of(), false, 1, null);
    }

    /** A request measured on the test set, one seed, not audited. */
    public Request(ExperimentPreset preset, Path root, DeviceChoice device, Long seed, boolean force,
        Map<String, Path> dataPaths) {
      this(preset, root, device, seed, force, dataPaths, false, 1, null);
    }

    /**
     * The root seed of the {@code replicate}-th training of every cell (0-based): the experiment's
     * seed plus the replicate, so the first seed's runs are those of a one-seed experiment.
     */
    Long seedOf(int replicate) {
      return seed == null ? null : seed + replicate;
    }

    /**
     * {@code cfg} reading its dataset from the path the user supplied for it, if any, and measured on
     * the validation split when asked.
     */
    TrainingConfig withDataPath(TrainingConfig cfg) {
      Path path = dataPaths.get(cfg.data().dataset());
      if (path == null && !validation) {
        return cfg;
      }
      DataConfig d = cfg.data();
      return new TrainingConfig(cfg.model(), new DataConfig(d.dataset(),
          path == null ? d.path() : path.toAbsolutePath().normalize().toString(), d.labelColumn(), d.split(),
          validation ? Boolean.TRUE : null), cfg.optim(), cfg.privacy(), cfg.convGrad(), cfg.checkpointEvery());
    }
  }

  /** What the table's provenance records as the experiment's configuration. */
  record ExperimentConfig(String preset, Long seed, String device, Map<String, String> dataPaths, int seeds,
      AuditPlan audit, ExperimentPreset resolved) {}

  private ExperimentRunner() {}

  /** The preset's directory under {@code root}. */
  public static Path directory(Request r) {
    return r.root().resolve(r.preset().name() + (r.validation() ? "-validation" : ""));
  }

  /**
   * One training of the grid: a (row, column) cell at one seed, where its run goes and how it is
   * trained. {@code copyOf} is the index of an earlier training of exactly the same configuration
   * and seed (a non-private row, whose runs do not depend on the column), whose run it shares, or -1.
   */
  private record Cell(int index, PresetRow row, int column, int replicate, double epsilon, String rel, Path dir,
      TrainingConfig config, Long seed, int copyOf) {}

  /** Runs every cell in this process, one after another, and writes the table; returns it. */
  public static ExperimentTable run(Request req, ExperimentListener listener, Consumer<String> log) {
    return run(req, null, null, listener, log);
  }

  /** As {@link #run(Request, CellTrainer, CellAuditor, ExperimentListener, Consumer)}, not audited. */
  public static ExperimentTable run(Request req, CellTrainer trainer, ExperimentListener listener,
      Consumer<String> log) {
    return run(req, trainer, null, listener, log);
  }

  /**
   * Runs every cell and writes the table; returns it. Cells that need training go to {@code
   * trainer} all at once (e.g. as Spark tasks), or are trained here one after another when it is
   * null. Either way each cell's run directory is the same, so a rerun reuses it. With an audit plan
   * and an {@code auditor}, every run is audited here afterwards (on the driver).
   */
  public static ExperimentTable run(Request req, CellTrainer trainer, CellAuditor auditor,
      ExperimentListener listener, Consumer<String> log) {
    Instant created = Instant.now();
    ExperimentPreset p = req.preset();
    Path dir = directory(req);
    List<Cell> grid = grid(req, dir);
    RunRecord[] runs = new RunRecord[grid.size()];
    List<Cell> missing = new ArrayList<>();
    for (Cell c : grid) {
      if (c.copyOf() >= 0) {
        continue; // reported with its run, once that is trained
      }
      listener.cellStarted(c.index() + 1, grid.size(), c.row(), p.columnLabel(c.column()), c.dir());
      RunRecord existing = req.force() ? null : finished(c.dir(), c.config(), c.seed(), canaries(req, c));
      if (existing == null && trainer != null) {
        missing.add(c);
        continue;
      }
      runs[c.index()] = existing != null ? existing : TrainingRun.execute(request(req, c), listener.training(), log);
      listener.cellDone(c.index() + 1, grid.size(), c.row(), p.columnLabel(c.column()), cell(c, runs[c.index()]),
          existing != null);
    }
    if (!missing.isEmpty()) {
      trainer.train(missing.stream().map(c -> request(req, c)).toList(), log, (run, j) -> {
        Cell c = missing.get(j);
        runs[c.index()] = run;
        listener.cellDone(c.index() + 1, grid.size(), c.row(), p.columnLabel(c.column()), cell(c, run), false);
      });
    }
    for (Cell c : grid) {
      if (c.copyOf() >= 0) {
        runs[c.index()] = runs[c.copyOf()];
        listener.cellDone(c.index() + 1, grid.size(), c.row(), p.columnLabel(c.column()), cell(c, runs[c.index()]),
            true);
      }
    }
    CellAudit[] audits = new CellAudit[grid.size()];
    if (req.audit() != null && auditor != null) {
      for (Cell c : grid) {
        audits[c.index()] = c.copyOf() >= 0 ? audits[c.copyOf()] : auditor.audit(c.dir(), c.rel(), c.seed());
      }
    }
    int seeds = req.seeds();
    List<TableRow> rows = new ArrayList<>();
    List<ArtifactRef> inputs = new ArrayList<>();
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (int r = 0; r < p.rows().size(); r++) {
      PresetRow row = p.rows().get(r);
      List<TableCell> cells = new ArrayList<>();
      for (int e = 0; e < p.epsilons().size(); e++) {
        List<TableCell> perSeed = new ArrayList<>();
        List<CellAudit> cellAudits = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
          Cell c = grid.get((r * p.epsilons().size() + e) * seeds + k);
          if (listed.add(c.rel())) {
            inputs.add(ArtifactRef.of(c.dir().resolve(RunDirectory.RUN_JSON), c.rel() + "/" + RunDirectory.RUN_JSON));
          }
          perSeed.add(cell(c, runs[c.index()]));
          cellAudits.add(audits[c.index()]);
        }
        cells.add(TableCell.ofSeeds(perSeed, cellAudits));
      }
      RunRecord first = runs[r * p.epsilons().size() * seeds];
      rows.add(new TableRow(row.label(), row.scheme(), row.options(), first.privacy().claimBasis(),
          first.privacy().caveats(), cells, row.settings()));
    }
    RandomnessRecord randomness = req.seed() == null ? new RandomnessRecord(RandomnessMode.SECURE, null, List.of())
        : new RandomnessRecord(RandomnessMode.SEEDED, req.seed(), List.of());
    Provenance prov = Provenance.of("experiment", new ExperimentConfig(p.name(), req.seed(), req.device().name(),
        paths(req.dataPaths()), seeds, req.audit(), p),
        inputs, EnvironmentInfo.current(Engines.describe(), req.device().name()), randomness, created);
    ExperimentTable table = new ExperimentTable(ExperimentTable.SCHEMA_VERSION, "experiment-table", prov, p.name(),
        p.title(), p.source(), p.notes(), p.settings(), p.epsilons(), rows,
        Duration.between(created, Instant.now()).toMillis() / 1000.0, p.noiseMultipliers());
    Json.writeFile(dir.resolve(TABLE_JSON), table);
    org.dpaudit.core.io.AtomicFiles.writeString(dir.resolve(TABLE_MD), MarkdownTable.render(table));
    return table;
  }

  /** Every training of the grid, row by row, column by column, seed by seed. */
  private static List<Cell> grid(Request req, Path dir) {
    ExperimentPreset p = req.preset();
    List<Cell> grid = new ArrayList<>();
    Map<List<Object>, Integer> seen = new java.util.HashMap<>();
    for (PresetRow row : p.rows()) {
      for (int e = 0; e < p.epsilons().size(); e++) {
        TrainingConfig cfg = req.withDataPath(p.settings().with(row.settings(), "row " + row.label() + "'s settings")
            .config(row.scheme(), row.options(), p.epsilons().get(e), p.noiseMultiplierAt(e)));
        for (int k = 0; k < req.seeds(); k++) {
          Long seed = req.seedOf(k);
          String rel = row.directory() + "/" + p.columnDirectory(e) + (k == 0 ? "" : ".s" + (k + 1));
          // Seeded trainings of one configuration are the same run: train it once (secure ones differ).
          Integer earlier = seed == null ? null : seen.putIfAbsent(java.util.Arrays.asList(cfg, seed), grid.size());
          if (earlier != null) {
            Cell o = grid.get(earlier);
            grid.add(new Cell(grid.size(), row, e, k, p.epsilons().get(e), o.rel(), o.dir(), cfg, seed, earlier));
          } else {
            grid.add(new Cell(grid.size(), row, e, k, p.epsilons().get(e), rel, dir.resolve(rel), cfg, seed, -1));
          }
        }
      }
    }
    return grid;
  }

  /** Whether a row's scheme is private (its runs can carry white-box canaries). */
  static boolean isPrivate(String scheme) {
    return Schemes.isPrivate(scheme);
  }

  /** The canaries of cell {@code c}'s run: the audit plan's for its scheme, or none. */
  private static int canaries(Request req, Cell c) {
    return req.audit() == null ? 0 : req.audit().count(isPrivate(c.row().scheme()));
  }

  private static CanaryKind canaryKind(Request req, Cell c) {
    return req.audit() == null ? CanaryKind.MISLABELED : req.audit().kind(isPrivate(c.row().scheme()));
  }

  private static TrainRequest request(Request req, Cell c) {
    return new TrainRequest(c.config(), c.dir(), req.device(), c.seed(), canaries(req, c), canaryKind(req, c), false,
        true);
  }

  private static TableCell cell(Cell c, RunRecord run) {
    return cell(c.epsilon(), c.rel(), run, c.row().publishedAt(c.column()));
  }

  private static Map<String, String> paths(Map<String, Path> dataPaths) {
    Map<String, String> m = new java.util.TreeMap<>();
    dataPaths.forEach((k, v) -> m.put(k, v.toAbsolutePath().normalize().toString()));
    return m;
  }

  /** "0.2", "1", "8": the epsilon as its shortest decimal. */
  static String label(double eps) {
    return BigDecimal.valueOf(eps).stripTrailingZeros().toPlainString();
  }

  /** The finished run in {@code dir} if it was made with exactly {@code cfg} and {@code seed}, else null. */
  static RunRecord finished(Path dir, TrainingConfig cfg, Long seed) {
    return finished(dir, cfg, seed, 0);
  }

  /**
   * The finished run in {@code dir} if it was made with exactly {@code cfg}, {@code seed} and {@code
   * canaries} canaries (0: none), else null.
   */
  static RunRecord finished(Path dir, TrainingConfig cfg, Long seed, int canaries) {
    if (!Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))) {
      return null;
    }
    try {
      RunRecord r = Json.read(dir.resolve(RunDirectory.RUN_JSON), RunRecord.class);
      RandomnessRecord rr = r.provenance().randomness();
      boolean sameRandomness = seed == null ? rr.mode() == RandomnessMode.SECURE : Objects.equals(seed, rr.seed());
      int had = r.canaries() == null ? 0 : r.canaries().count();
      return BudgetSteps.sameRequest(cfg, LoadedRun.config(r)) && sameRandomness && had == canaries ? r : null;
    } catch (RuntimeException unreadable) {
      return null; // an older or damaged run: train it again
    }
  }

  static TableCell cell(double eps, String rel, RunRecord run, Double published) {
    AccountantEpsilons a = run.privacy().accountantEpsilon();
    return new TableCell(eps, rel, run.metrics().testAccuracy(), published, run.privacy().claimedEpsilon(),
        a.epsilon(), accountant(a), run.metrics().trainingSeconds(), run.metrics().fusedTestAccuracy());
  }

  /** Which accountant's bound is the run's epsilon. */
  static String accountant(AccountantEpsilons a) {
    if (a.pld() != null && a.pld().epsilon() == a.epsilon()) {
      return "PLD";
    }
    if (a.rdp() != null && a.rdp().epsilon() == a.epsilon()) {
      return "RDP";
    }
    return "PURE_DP";
  }
}
