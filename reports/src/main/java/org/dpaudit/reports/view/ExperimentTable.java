package org.dpaudit.reports.view;

import java.util.List;

/**
 * A {@code table.json} written by {@code dpaudit experiment} next to its runs: our numbers next to
 * the paper's. It is shown generically (its scalar fields as facts, its rows as a table with the
 * union of their fields as columns), so the report needs no change when the experiment adds a
 * column.
 *
 * @param path where the table was read from
 * @param facts the table's top-level scalar fields (preset, paper, source ...)
 * @param columns column headings
 * @param rows cells, as text
 */
public record ExperimentTable(String path, List<Field> facts, List<String> columns, List<List<String>> rows) {}
