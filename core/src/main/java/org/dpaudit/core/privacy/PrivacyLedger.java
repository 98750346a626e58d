package org.dpaudit.core.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The only privacy state of a run: every mechanism event, in order, with the neighbouring relation
 * and the caveats no accountant covers.
 *
 * <p>Each appended event is one optimizer step; consecutive equal events are run-length
 * compressed (as dp_accounting's {@code DpEventBuilder}). {@link #steps()} counts steps and {@link
 * #entries()} lists compressed entries: two named methods, never one ambiguous {@code size()}
 * (Opacus' {@code __len__} counted phases while documenting steps). The ledger is stored in {@code
 * run.json} and in every checkpoint, so a resumed run never under-counts.
 *
 * @param schemaVersion the JSON layout version
 * @param relation the neighbouring relation every event is accounted under
 * @param entries the run-length-compressed events, in order
 * @param caveats what the events do not cover (e.g. "clipping threshold chosen from private data")
 */
public record PrivacyLedger(
    int schemaVersion, NeighbouringRelation relation, List<LedgerEntry> entries, List<String> caveats) {

  /**
   * The current JSON layout version: 2 writes the relation as the command line spells it
   * ({@code "replace-one"}); version 1 ({@code "REPLACE_ONE"}) is still read ({@code EnumIds}).
   */
  public static final int SCHEMA_VERSION = 2;

  public PrivacyLedger {
    Objects.requireNonNull(relation, "relation");
    entries = List.copyOf(entries);
    caveats = List.copyOf(caveats);
  }

  /** An empty ledger under add/remove-one. */
  public static PrivacyLedger empty() {
    return new PrivacyLedger(SCHEMA_VERSION, NeighbouringRelation.ADD_OR_REMOVE_ONE, List.of(), List.of());
  }

  /** The number of steps recorded (the sum of entry counts). */
  public long steps() {
    long s = 0;
    for (LedgerEntry e : entries) {
      s += e.count();
    }
    return s;
  }

  /** The whole run as one event: the composition of every entry. */
  public DpEvent composedEvent() {
    List<DpEvent> parts = new ArrayList<>();
    for (LedgerEntry e : entries) {
      parts.add(e.count() == 1 ? e.event() : new DpEvent.SelfComposed(e.event(), e.count()));
    }
    return parts.size() == 1 ? parts.get(0) : new DpEvent.Composed(parts);
  }

  /** A ledger with {@code event} appended as one more step. */
  public PrivacyLedger append(DpEvent event) {
    return append(event, 1);
  }

  /** A ledger with {@code count} more steps of {@code event} appended (merged with the last entry when equal). */
  public PrivacyLedger append(DpEvent event, long count) {
    List<LedgerEntry> next = new ArrayList<>(entries);
    int last = next.size() - 1;
    if (last >= 0 && next.get(last).event().equals(event)) {
      next.set(last, new LedgerEntry(event, next.get(last).count() + count));
    } else {
      next.add(new LedgerEntry(event, count));
    }
    return new PrivacyLedger(schemaVersion, relation, next, caveats);
  }

  /** A ledger with {@code caveat} added (once). */
  public PrivacyLedger withCaveat(String caveat) {
    if (caveats.contains(caveat)) {
      return this;
    }
    List<String> next = new ArrayList<>(caveats);
    next.add(caveat);
    return new PrivacyLedger(schemaVersion, relation, entries, next);
  }
}
