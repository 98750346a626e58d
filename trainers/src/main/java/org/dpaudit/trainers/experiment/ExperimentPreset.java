package org.dpaudit.trainers.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.Json;
import org.dpaudit.datasets.DatasetCatalog;

/**
 * A reproduction experiment as data: one training recipe, a grid of schemes (rows) and epsilons
 * (columns), and the numbers the paper published for each cell, with their source.
 *
 * @param title one line saying what the grid reproduces
 * @param source the publication and table the published numbers come from
 * @param notes what the reader must know to compare (e.g. fewer epochs than the paper, values the
 *     paper does not give)
 * @param quick the smoke-test version ({@code --quick}), or null
 * @param noiseMultipliers per column, the noise multiplier every private row runs at, or null: then
 *     each column's epsilon is the target the noise is calibrated for; with them, the epsilons only
 *     label the columns (for a paper that fixes sigma and reports the budget it trained to)
 */
public record ExperimentPreset(
    int schemaVersion,
    String kind,
    String name,
    String title,
    String source,
    List<String> notes,
    CellSettings settings,
    List<Double> epsilons,
    List<PresetRow> rows,
    QuickVariant quick,
    List<Double> noiseMultipliers) {
  /** The current layout version of preset files. */
  public static final int SCHEMA_VERSION = 1;

  public ExperimentPreset {
    Checks.check(schemaVersion == SCHEMA_VERSION, "preset schemaVersion must be " + SCHEMA_VERSION + "; got "
        + schemaVersion);
    Checks.check("experiment-preset".equals(kind), "preset kind must be experiment-preset; got " + kind);
    Checks.check(name != null && name.matches("[a-z0-9][a-z0-9.-]*"), "preset name must be lower-case letters, "
        + "digits, dots and dashes; got " + name);
    Checks.notNull("title", title);
    Checks.notNull("source", source);
    notes = notes == null ? List.of() : List.copyOf(notes);
    Checks.notNull("settings", settings);
    epsilons = List.copyOf(epsilons);
    Checks.check(!epsilons.isEmpty(), "a preset needs at least one epsilon");
    epsilons.forEach(e -> Checks.positive("epsilon", e));
    rows = List.copyOf(rows);
    Checks.check(!rows.isEmpty(), "a preset needs at least one row");
    if (noiseMultipliers != null) {
      noiseMultipliers = List.copyOf(noiseMultipliers);
      Checks.check(noiseMultipliers.size() == epsilons.size(), "a preset needs one noise multiplier per epsilon; got "
          + noiseMultipliers.size() + " for " + epsilons.size());
      noiseMultipliers.forEach(s -> Checks.positive("noise multiplier", s));
    }
    Checks.check(!settings.trainsUntilBudget() || noiseMultipliers != null, "preset " + name + " trains until a "
        + "budget (untilBudget) but gives no noiseMultipliers: each column needs the sigma it trains at");
    java.util.Set<String> dirs = new java.util.HashSet<>();
    for (PresetRow r : rows) {
      if (!dirs.add(r.directory())) {
        throw new InvalidInputException("two rows of preset " + name + " would share the directory " + r.directory()
            + "; give one an \"id\"");
      }
      if (r.published() != null && r.published().size() != epsilons.size()) {
        throw new InvalidInputException("row " + r.label() + " has " + r.published().size() + " published numbers for "
            + epsilons.size() + " epsilons");
      }
    }
  }

  /** A preset whose columns are calibration targets (no fixed noise multipliers). */
  public ExperimentPreset(int schemaVersion, String kind, String name, String title, String source, List<String> notes,
      CellSettings settings, List<Double> epsilons, List<PresetRow> rows, QuickVariant quick) {
    this(schemaVersion, kind, name, title, source, notes, settings, epsilons, rows, quick, null);
  }

  /** The i-th column's fixed noise multiplier, or null when the column's epsilon is a target. */
  public Double noiseMultiplierAt(int i) {
    return noiseMultipliers == null ? null : noiseMultipliers.get(i);
  }

  /** The i-th column's directory name: {@code eps-<epsilon>}, or {@code sigma-<sigma>} for fixed noise. */
  public String columnDirectory(int i) {
    if (noiseMultipliers == null) {
      return "eps-" + ExperimentRunner.label(epsilons.get(i));
    }
    String sigma = "sigma-" + ExperimentRunner.label(noiseMultipliers.get(i));
    return settings.trainsUntilBudget() ? sigma + "-until-eps-" + ExperimentRunner.label(epsilons.get(i)) : sigma;
  }

  /**
   * The {@code --quick} version: same rows, smaller settings, fewer epsilons (published numbers
   * kept). The quick settings replace those a row sets itself too.
   */
  public ExperimentPreset quickVersion() {
    if (quick == null) {
      throw new InvalidInputException("preset " + name + " has no quick version");
    }
    ObjectNode merged = (ObjectNode) Json.toTree(settings);
    merged.setAll((ObjectNode) Json.mapper().valueToTree(quick.settings()));
    CellSettings small;
    try {
      small = Json.mapper().convertValue(merged, CellSettings.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("preset " + name + ": its quick settings do not fit the settings: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    List<PresetRow> kept = new ArrayList<>();
    for (PresetRow r : rows) {
      List<Double> pub = null;
      if (r.published() != null) {
        pub = new ArrayList<>();
        for (int i : quickColumns()) {
          pub.add(r.publishedAt(i));
        }
      }
      // The quick sizes win over a row's own: a smoke test stays small on every dataset.
      Map<String, Object> own = new TreeMap<>(r.settings());
      own.keySet().removeAll(quick.settings().keySet());
      // The row keeps its full-size directory name: rows that differ only in a setting the quick
      // version replaces stay apart.
      kept.add(new PresetRow(r.label(), r.scheme(), r.options(), pub, own, r.directory()));
    }
    List<String> n = new ArrayList<>(notes);
    n.add(0, "QUICK smoke-test version (--quick): settings changed " + quick.settings() + "; not a reproduction");
    List<Double> sigmas = null;
    if (noiseMultipliers != null) {
      sigmas = quickColumns().stream().map(noiseMultipliers::get).toList();
    }
    return new ExperimentPreset(schemaVersion, kind, name + "-quick", title, source, n, small,
        quickColumns().stream().map(epsilons::get).toList(), kept, null, sigmas);
  }

  /**
   * The columns {@code --quick} keeps: those of its noise multipliers when it names them (a preset
   * whose columns share one epsilon and differ in sigma), else those of its epsilons.
   */
  private List<Integer> quickColumns() {
    if (quick.noiseMultipliers() == null) {
      return quick.epsilons().stream().map(this::indexOf).toList();
    }
    Checks.check(noiseMultipliers != null, "preset " + name + "'s quick version names noise multipliers; the preset "
        + "has none");
    List<Integer> out = new ArrayList<>();
    for (double s : quick.noiseMultipliers()) {
      int i = noiseMultipliers.indexOf(s);
      Checks.check(i >= 0, "sigma " + s + " of the quick version is not one of preset " + name + "'s "
          + noiseMultipliers);
      out.add(i);
    }
    return out;
  }

  /**
   * This preset with only the columns of epsilon {@code kept} (a reduced grid, for a run that cannot
   * afford every column), with a note saying so; the published numbers of the kept columns stay. An
   * epsilon that labels several columns (a preset fixing sigma, e.g. seed003's sigma 8 and 4 both at
   * epsilon 2) is refused: {@link #withColumns} names such columns.
   */
  public ExperimentPreset withEpsilons(List<Double> kept) {
    if (kept.isEmpty()) {
      throw new InvalidInputException("--epsilons: give at least one of the preset's " + epsilons);
    }
    List<Integer> idx = new ArrayList<>();
    for (double e : kept) {
      int i = indexOf(e);
      List<String> same = new ArrayList<>();
      for (int j = 0; j < epsilons.size(); j++) {
        if (epsilons.get(j) == e) {
          same.add(columnDirectory(j));
        }
      }
      if (same.size() > 1) {
        throw new InvalidInputException("--epsilons " + ExperimentRunner.label(e) + " labels " + same.size()
            + " columns of preset " + name + " (" + String.join(", ", same) + "); name the ones to run with --columns");
      }
      idx.add(i);
    }
    return withColumnIndices(idx);
  }

  /**
   * This preset with only the columns named in {@code kept}, each by its directory ({@link
   * #columnDirectory}: {@code eps-2}, {@code sigma-8}, {@code sigma-8-until-eps-2}), as {@link
   * #withEpsilons} otherwise; a name that is no column is refused with the preset's column names.
   */
  public ExperimentPreset withColumns(List<String> kept) {
    if (kept.isEmpty()) {
      throw new InvalidInputException("--columns: give at least one of the preset's " + columnDirectories());
    }
    List<Integer> idx = new ArrayList<>();
    for (String k : kept) {
      int i = columnDirectories().indexOf(k.trim());
      if (i < 0) {
        throw new InvalidInputException("--columns: preset " + name + " has no column " + k + "; its columns are "
            + columnDirectories());
      }
      idx.add(i);
    }
    return withColumnIndices(idx);
  }

  /** Every column's directory name, in column order. */
  public List<String> columnDirectories() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < epsilons.size(); i++) {
      out.add(columnDirectory(i));
    }
    return out;
  }

  /**
   * The i-th column as people read it: {@code eps=2} for a calibration target, {@code sigma=8
   * (paper's eps=2)} for a fixed sigma whose epsilon is a label, {@code sigma=8 until eps=2} when
   * the cells train until that budget.
   */
  public String columnLabel(int i) {
    String eps = ExperimentRunner.label(epsilons.get(i));
    if (noiseMultipliers == null) {
      return "eps=" + eps;
    }
    String sigma = "sigma=" + ExperimentRunner.label(noiseMultipliers.get(i));
    return settings.trainsUntilBudget() ? sigma + " until eps=" + eps : sigma + " (paper's eps=" + eps + ")";
  }

  private ExperimentPreset withColumnIndices(List<Integer> chosen) {
    List<Integer> idx = chosen.stream().distinct().sorted().toList();
    if (idx.size() == epsilons.size()) {
      return this;
    }
    List<PresetRow> rs = new ArrayList<>();
    for (PresetRow r : rows) {
      rs.add(new PresetRow(r.label(), r.scheme(), r.options(),
          r.published() == null ? null : idx.stream().map(r::publishedAt).toList(), r.settings(), r.id()));
    }
    List<String> n = new ArrayList<>(notes);
    n.add(0, "REDUCED grid: only the columns " + idx.stream().map(this::columnLabel).toList() + " of the preset's "
        + columnDirectories().size() + " (" + String.join(", ", columnDirectories()) + ") were run.");
    return new ExperimentPreset(schemaVersion, kind, name, title, source, n, settings,
        idx.stream().map(epsilons::get).toList(), rs, quick,
        noiseMultipliers == null ? null : idx.stream().map(noiseMultipliers::get).toList());
  }

  /**
   * This preset with only the rows whose directory ({@link PresetRow#directory()}: the scheme, then
   * the values of the settings the row replaces) is in {@code kept}, with a note saying so.
   */
  public ExperimentPreset withRows(List<String> kept) {
    List<String> known = rows.stream().map(PresetRow::directory).toList();
    for (String k : kept) {
      if (!known.contains(k)) {
        throw new InvalidInputException("--rows: preset " + name + " has no row " + k + "; its rows are " + known);
      }
    }
    List<PresetRow> rs = rows.stream().filter(r -> kept.contains(r.directory())).toList();
    if (rs.size() == rows.size()) {
      return this;
    }
    List<String> n = new ArrayList<>(notes);
    n.add(0, "REDUCED grid: only the rows " + rs.stream().map(PresetRow::label).toList() + " were run.");
    return new ExperimentPreset(schemaVersion, kind, name, title, source, n, settings, epsilons, rs, quick,
        noiseMultipliers);
  }

  private int indexOf(double epsilon) {
    int i = epsilons.indexOf(epsilon);
    if (i < 0) {
      throw new InvalidInputException("epsilon " + ExperimentRunner.label(epsilon) + " is not one of preset " + name
          + "'s " + epsilons.stream().map(ExperimentRunner::label).toList());
    }
    return i;
  }

  /** The dataset {@code row} trains on: its own setting, else the preset's. */
  public String datasetOf(PresetRow row) {
    Object own = row.settings().get("dataset");
    return own != null ? String.valueOf(own) : settings.dataset();
  }

  /**
   * This preset without the rows on data only the user can supply (CIFAR-10, CSV tables: {@link
   * DatasetCatalog#FROM_PATH}) that {@code supplied} does not name, with a note saying which rows were
   * left out and how to include them. A supplied dataset that no row uses is an input error (a typo
   * would otherwise pass silently).
   */
  public ExperimentPreset withSuppliedData(Set<String> supplied) {
    for (String d : supplied) {
      if (rows.stream().noneMatch(r -> datasetOf(r).equals(d))) {
        throw new InvalidInputException("--data " + d + ": no row of preset " + name + " trains on " + d);
      }
    }
    List<PresetRow> kept = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (PresetRow r : rows) {
      String d = datasetOf(r);
      if (DatasetCatalog.FROM_PATH.contains(d) && !supplied.contains(d)) {
        left.add(r.label() + " (--data " + d + "=PATH)");
      } else {
        kept.add(r);
      }
    }
    if (left.isEmpty()) {
      return this;
    }
    if (kept.isEmpty()) {
      throw new InvalidInputException("every row of preset " + name + " needs data you supply: " + String.join(", ",
          left));
    }
    List<String> n = new ArrayList<>(notes);
    n.add("Rows left out because their data was not supplied: " + String.join("; ", left) + ".");
    return new ExperimentPreset(schemaVersion, kind, name, title, source, n, settings, epsilons, kept, quick,
        noiseMultipliers);
  }

  /** The number of cells. */
  public int cells() {
    return rows.size() * epsilons.size();
  }

  /** The preset from JSON text. */
  public static ExperimentPreset parse(String json, String what) {
    return Json.read(json, ExperimentPreset.class, what);
  }
}
