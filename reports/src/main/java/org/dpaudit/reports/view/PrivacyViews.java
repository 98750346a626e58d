package org.dpaudit.reports.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dpaudit.core.accounting.EpsilonResult;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.LedgerEntry;
import org.dpaudit.reports.Formats;
import org.dpaudit.core.artifact.run.PrivacyRecord;

/** Builds the {@link PrivacyView} of a run's privacy record. */
final class PrivacyViews {
  /** Ledger entries shown; a decaying-sigma scheme can have one per step. */
  static final int MAX_ENTRIES = 12;

  private PrivacyViews() {}

  static PrivacyView of(PrivacyRecord p) {
    List<Field> params = new ArrayList<>();
    params.add(Field.of("scheme", p.scheme()));
    params.add(Field.of("claimed epsilon", Formats.epsilon(p.claimedEpsilon())));
    params.add(Field.of("claim basis", p.claimBasis() == null ? Formats.NONE : p.claimBasis()));
    params.add(Field.of("delta", Formats.small(p.delta())));
    params.add(Field.of("noise multiplier σ", Formats.number(p.noiseMultiplier(), 5)));
    params.add(Field.of("clipping norm C", Formats.number(p.clipNorm(), 5)));
    params.add(Field.of("sampling rate q", Formats.number(p.samplingRate(), 5)));
    params.add(Field.of("training examples n", Formats.count(p.trainingExamples())));
    params.add(Field.of("steps", Formats.count(p.steps())));
    params.add(Field.of("sampler", p.sampler() == null ? Formats.NONE : p.sampler().name().toLowerCase(Locale.ROOT)));
    params.add(Field.of("neighbouring relation", String.valueOf(p.ledger().relation()).toLowerCase(Locale.ROOT)
        .replace('_', ' ')));
    if (p.samplerTailDelta() != null) {
      params.add(Field.of("delta spent by the noise sampler's bounded support", Formats.small(p.samplerTailDelta())));
    }
    TreeSet<String> types = new TreeSet<>();
    List<PrivacyView.LedgerRow> rows = new ArrayList<>();
    for (LedgerEntry e : p.ledger().entries()) {
      collectTypes(e.event(), types);
      if (rows.size() < MAX_ENTRIES) {
        rows.add(new PrivacyView.LedgerRow(describe(e.event()), Formats.count(e.count())));
      }
    }
    List<PrivacyView.AccountantRow> acc = new ArrayList<>();
    if (p.accountantEpsilon() != null) {
      for (EpsilonResult r : java.util.Arrays.asList(p.accountantEpsilon().rdp(), p.accountantEpsilon().pld(),
          p.accountantEpsilon().pureDp())) {
        if (r != null) {
          acc.add(row(r));
        }
      }
    }
    return new PrivacyView(params, List.copyOf(types), rows, p.ledger().entries().size() - rows.size(), acc,
        p.ledger().caveats());
  }

  private static PrivacyView.AccountantRow row(EpsilonResult r) {
    return new PrivacyView.AccountantRow(r.accountant().name(), Formats.epsilon(r.epsilon()), Formats.small(r.delta()),
        r.optimalOrder() == null ? Formats.NONE : Formats.number(r.optimalOrder(), 4),
        r.upperBound() ? "upper bound" : "approximation", r.note());
  }

  /** {@code e} in words, e.g. {@code Gaussian (σ = 3.06) on a Poisson subsample (q = 0.0581)}. */
  static String describe(DpEvent e) {
    if (e instanceof DpEvent.Gaussian g) {
      return "Gaussian (σ = " + Formats.number(g.noiseMultiplier(), 4) + ")";
    } else if (e instanceof DpEvent.Laplace l) {
      return "Laplace (b = " + Formats.number(l.scale(), 4) + ", Δ₁ = " + Formats.number(l.sensitivity(), 4) + ")";
    } else if (e instanceof DpEvent.PoissonSampled ps) {
      return describe(ps.event()) + " on a Poisson subsample (q = " + Formats.number(ps.samplingRate(), 4) + ")";
    } else if (e instanceof DpEvent.SelfComposed sc) {
      return sc.count() + " × " + describe(sc.event());
    } else if (e instanceof DpEvent.Composed c) {
      return "composition of [" + c.events().stream().map(PrivacyViews::describe).collect(Collectors.joining("; ")) + "]";
    } else if (e instanceof DpEvent.ParallelComposed pc) {
      return "on disjoint partitions: [" + pc.events().stream().map(PrivacyViews::describe)
          .collect(Collectors.joining("; ")) + "]";
    } else if (e instanceof DpEvent.NonPrivate) {
      return "non-private release (no noise)";
    } else if (e instanceof DpEvent.NoOp) {
      return "nothing private released";
    } else if (e instanceof DpEvent.Unsupported u) {
      return "not accountable: " + u.reason();
    }
    return e.getClass().getSimpleName();
  }

  private static void collectTypes(DpEvent e, TreeSet<String> out) {
    out.add(typeName(e));
    if (e instanceof DpEvent.PoissonSampled ps) {
      collectTypes(ps.event(), out);
    } else if (e instanceof DpEvent.SelfComposed sc) {
      collectTypes(sc.event(), out);
    } else if (e instanceof DpEvent.Composed c) {
      c.events().forEach(x -> collectTypes(x, out));
    } else if (e instanceof DpEvent.ParallelComposed pc) {
      pc.events().forEach(x -> collectTypes(x, out));
    }
  }

  /** The event's JSON type name, as written in run.json's ledger. */
  private static String typeName(DpEvent e) {
    return Json.toTree(e).path("type").asText(e.getClass().getSimpleName());
  }
}
