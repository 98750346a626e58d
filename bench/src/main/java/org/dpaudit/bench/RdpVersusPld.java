package org.dpaudit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;

/**
 * Our RDP against our PLD on every row of the dp_accounting reference table
 * (core/src/test/resources/org/dpaudit/core/accounting/accountant_gaussian.csv): prints each row's
 * relative difference (RDP - PLD) / PLD, the largest overall, and the largest for rows of at least
 * 1000 steps (where both are used in practice; a single step is where RDP is loosest).
 */
public final class RdpVersusPld {
  private RdpVersusPld() {}

  public static void main(String[] args) throws IOException {
    String resource = "/org/dpaudit/core/accounting/accountant_gaussian.csv";
    InputStream in = RdpVersusPld.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing " + resource + " (the dpaudit-core test-jar must be on the class path)");
    }
    List<String> rows;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      rows = r.lines().filter(l -> !l.startsWith("#") && !l.startsWith("q,")).toList();
    }
    double worst = 0;
    double worstLong = 0;
    String worstRow = "";
    String worstLongRow = "";
    System.out.println("q,sigma,steps,delta,eps_rdp,eps_pld,relative_difference");
    for (String line : rows) {
      String[] c = line.split(",");
      double q = Double.parseDouble(c[0]);
      double sigma = Double.parseDouble(c[1]);
      long steps = Long.parseLong(c[2]);
      double delta = Double.parseDouble(c[3]);
      DpEvent e = NoiseCalibrator.dpSgd(q, sigma, steps);
      double rdp = new RdpAccountant().epsilon(e, delta).epsilon();
      double pld = new PldAccountant().epsilon(e, delta).epsilon();
      double rel = (rdp - pld) / pld;
      String row = String.format(Locale.ROOT, "%s,%s,%d,%s,%.6f,%.6f,%.4f", c[0], c[1], steps, c[3], rdp, pld, rel);
      System.out.println(row);
      if (rel > worst) {
        worst = rel;
        worstRow = row;
      }
      if (steps >= 1000 && rel > worstLong) {
        worstLong = rel;
        worstLongRow = row;
      }
    }
    System.out.printf(Locale.ROOT, "largest (RDP - PLD) / PLD over all %d rows: %.4f at %s%n", rows.size(), worst, worstRow);
    System.out.printf(Locale.ROOT, "largest over rows with >= 1000 steps: %.4f at %s%n", worstLong, worstLongRow);
  }
}
