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
import org.dpaudit.trainers.run.AccountantEpsilons;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.trainers.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;

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
      Map<String, Path> dataPaths, boolean validation) {
    public Request {
      Objects.requireNonNull(preset, "preset");
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(device, "device");
      dataPaths = dataPaths == null ? Map.of() : Map.copyOf(dataPaths);
      preset = preset.withSuppliedData(dataPaths.keySet());
    }

    /** A request on fetchable datasets only. */
    public Request(ExperimentPreset preset, Path root, DeviceChoice device, Long seed, boolean force) {
      this(preset, root, device, seed, force, Map.of(), false);
    }

    /** A request measured on the test set. */
    public Request(ExperimentPreset preset, Path root, DeviceChoice device, Long seed, boolean force,
        Map<String, Path> dataPaths) {
      this(preset, root, device, seed, force, dataPaths, false);
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
  record ExperimentConfig(String preset, Long seed, String device, Map<String, String> dataPaths,
      ExperimentPreset resolved) {}

  private ExperimentRunner() {}

  /** The preset's directory under {@code root}. */
  public static Path directory(Request r) {
    return r.root().resolve(r.preset().name() + (r.validation() ? "-validation" : ""));
  }

  /** One cell of the grid: where its run goes and how it is trained. */
  private record Cell(int index, PresetRow row, int column, double epsilon, String rel, Path dir,
      TrainingConfig config) {}

  /** Runs every cell in this process, one after another, and writes the table; returns it. */
  public static ExperimentTable run(Request req, ExperimentListener listener, Consumer<String> log) {
    return run(req, null, listener, log);
  }

  /**
   * Runs every cell and writes the table; returns it. Cells that need training go to {@code
   * trainer} all at once (e.g. as Spark tasks), or are trained here one after another when it is
   * null. Either way each cell's run directory is the same, so a rerun reuses it.
   */
  public static ExperimentTable run(Request req, CellTrainer trainer, ExperimentListener listener,
      Consumer<String> log) {
    Instant created = Instant.now();
    ExperimentPreset p = req.preset();
    Path dir = directory(req);
    List<Cell> grid = new ArrayList<>();
    for (PresetRow row : p.rows()) {
      for (int e = 0; e < p.epsilons().size(); e++) {
        String rel = row.directory() + "/" + p.columnDirectory(e);
        TrainingConfig cfg = req.withDataPath(p.settings().with(row.settings(), "row " + row.label() + "'s settings")
            .config(row.scheme(), row.options(), p.epsilons().get(e), p.noiseMultiplierAt(e)));
        grid.add(new Cell(grid.size(), row, e, p.epsilons().get(e), rel, dir.resolve(rel), cfg));
      }
    }
    RunRecord[] runs = new RunRecord[grid.size()];
    List<Cell> missing = new ArrayList<>();
    for (Cell c : grid) {
      listener.cellStarted(c.index() + 1, p.cells(), c.row(), c.epsilon(), c.dir());
      RunRecord existing = req.force() ? null : finished(c.dir(), c.config(), req.seed());
      if (existing == null && trainer != null) {
        missing.add(c);
        continue;
      }
      runs[c.index()] = existing != null ? existing : TrainingRun.execute(request(req, c), listener.training(), log);
      listener.cellDone(c.index() + 1, p.cells(), c.row(), cell(c, runs[c.index()]), existing != null);
    }
    if (!missing.isEmpty()) {
      trainer.train(missing.stream().map(c -> request(req, c)).toList(), log, (run, j) -> {
        Cell c = missing.get(j);
        runs[c.index()] = run;
        listener.cellDone(c.index() + 1, p.cells(), c.row(), cell(c, run), false);
      });
    }
    List<TableRow> rows = new ArrayList<>();
    List<ArtifactRef> inputs = new ArrayList<>();
    for (int r = 0; r < p.rows().size(); r++) {
      PresetRow row = p.rows().get(r);
      List<TableCell> cells = new ArrayList<>();
      for (int e = 0; e < p.epsilons().size(); e++) {
        Cell c = grid.get(r * p.epsilons().size() + e);
        inputs.add(ArtifactRef.of(c.dir().resolve(RunDirectory.RUN_JSON), c.rel() + "/" + RunDirectory.RUN_JSON));
        cells.add(cell(c, runs[c.index()]));
      }
      RunRecord first = runs[r * p.epsilons().size()];
      rows.add(new TableRow(row.label(), row.scheme(), row.options(), first.privacy().claimBasis(),
          first.privacy().caveats(), cells, row.settings()));
    }
    RandomnessRecord randomness = req.seed() == null ? new RandomnessRecord(RandomnessMode.SECURE, null, List.of())
        : new RandomnessRecord(RandomnessMode.SEEDED, req.seed(), List.of());
    Provenance prov = Provenance.of("experiment", new ExperimentConfig(p.name(), req.seed(), req.device().name(),
        paths(req.dataPaths()), p),
        inputs, EnvironmentInfo.current(Engines.describe(), req.device().name()), randomness, created);
    ExperimentTable table = new ExperimentTable(ExperimentTable.SCHEMA_VERSION, "experiment-table", prov, p.name(),
        p.title(), p.source(), p.notes(), p.settings(), p.epsilons(), rows,
        Duration.between(created, Instant.now()).toMillis() / 1000.0, p.noiseMultipliers());
    Json.writeFile(dir.resolve(TABLE_JSON), table);
    org.dpaudit.core.io.AtomicFiles.writeString(dir.resolve(TABLE_MD), MarkdownTable.render(table));
    return table;
  }

  private static TrainRequest request(Request req, Cell c) {
    return new TrainRequest(c.config(), c.dir(), req.device(), req.seed(), 0, CanaryKind.MISLABELED, false, true);
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
    if (!Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON))) {
      return null;
    }
    try {
      RunRecord r = Json.read(dir.resolve(RunDirectory.RUN_JSON), RunRecord.class);
      RandomnessRecord rr = r.provenance().randomness();
      boolean sameRandomness = seed == null ? rr.mode() == RandomnessMode.SECURE : Objects.equals(seed, rr.seed());
      return cfg.equals(LoadedRun.config(r)) && sameRandomness ? r : null;
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
