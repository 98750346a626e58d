package org.dpaudit.audit.selftest;

import java.util.List;

/**
 * The self-test's result.
 *
 * @param config what was run
 * @param rows one row per (procedure, mechanism)
 * @param passed whether every row's coverage is at least the confidence; if not, the auditor (or
 *     one of its procedures) overstates its bounds, which is a finding
 */
public record SelfTestReport(SelfTestConfig config, List<SelfTestRow> rows, boolean passed) {
  public SelfTestReport {
    rows = List.copyOf(rows);
  }
}
