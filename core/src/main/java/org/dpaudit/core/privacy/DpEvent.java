package org.dpaudit.core.privacy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * What a mechanism released, described precisely enough to account for it.
 *
 * <p>The contract (adapted from dp_accounting's {@code dp_event.py}): an event's meaning never
 * changes once defined; to describe something new, add a new event type. An event says <em>what
 * was done</em>, not how private it is: the accountants decide that. Every event is an immutable
 * record and serialises to JSON with a {@code type} field, so a ledger read back years later means
 * exactly what it meant when it was written.
 *
 * <p>Sensitivities: a {@link Gaussian} has L2 sensitivity 1 and noise standard deviation {@code
 * noiseMultiplier}; a {@link Laplace} has L1 sensitivity {@code sensitivity} and noise scale {@code
 * scale} (so a single release is {@code sensitivity / scale}-DP). Both are under the ledger's
 * {@link NeighbouringRelation}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DpEvent.Gaussian.class, name = "gaussian"),
  @JsonSubTypes.Type(value = DpEvent.Laplace.class, name = "laplace"),
  @JsonSubTypes.Type(value = DpEvent.PoissonSampled.class, name = "poisson-sampled"),
  @JsonSubTypes.Type(value = DpEvent.SelfComposed.class, name = "self-composed"),
  @JsonSubTypes.Type(value = DpEvent.Composed.class, name = "composed"),
  @JsonSubTypes.Type(value = DpEvent.ParallelComposed.class, name = "parallel-composed"),
  @JsonSubTypes.Type(value = DpEvent.NoOp.class, name = "no-op"),
  @JsonSubTypes.Type(value = DpEvent.NonPrivate.class, name = "non-private"),
  @JsonSubTypes.Type(value = DpEvent.Unsupported.class, name = "unsupported")
})
public sealed interface DpEvent {

  /**
   * The Gaussian mechanism with L2 sensitivity 1: adds N(0, noiseMultiplier^2) to each coordinate.
   * A noise multiplier of 0 releases the value exactly (no privacy); use {@link NonPrivate} for
   * that where possible.
   *
   * @param noiseMultiplier sigma / sensitivity (dimensionless), at least 0
   */
  record Gaussian(double noiseMultiplier) implements DpEvent {
    public Gaussian {
      Checks.nonNegative("noiseMultiplier", noiseMultiplier);
    }
  }

  /**
   * The Laplace mechanism: adds Lap(scale) noise to a query of L1 sensitivity {@code sensitivity}.
   *
   * @param scale the Laplace scale b (absolute, positive)
   * @param sensitivity the L1 sensitivity of the noised quantity (positive)
   */
  record Laplace(double scale, double sensitivity) implements DpEvent {
    public Laplace {
      Checks.positive("scale", scale);
      Checks.positive("sensitivity", sensitivity);
    }
  }

  /**
   * {@code event} applied to a Poisson subsample: each example is included independently with
   * probability {@code samplingRate}.
   */
  record PoissonSampled(double samplingRate, DpEvent event) implements DpEvent {
    public PoissonSampled {
      Checks.samplingRate("samplingRate", samplingRate);
      Objects.requireNonNull(event, "event");
    }
  }

  /** {@code event} run {@code count} times, adaptively composed. */
  record SelfComposed(DpEvent event, long count) implements DpEvent {
    public SelfComposed {
      Objects.requireNonNull(event, "event");
      Checks.positive("count", count);
    }
  }

  /** Several different events, adaptively composed (e.g. steps with a decaying sigma). */
  record Composed(List<DpEvent> events) implements DpEvent {
    public Composed {
      events = List.copyOf(events);
    }
  }

  /**
   * Events run on disjoint partitions of the data (e.g. collaborative workers each owning a
   * partition). Under add/remove-one, one example touches at most one partition, so the privacy
   * cost is the worst partition's. Only valid when the partitions are truly disjoint and fixed
   * independently of the data.
   */
  record ParallelComposed(List<DpEvent> events) implements DpEvent {
    public ParallelComposed {
      events = List.copyOf(events);
      Checks.check(!events.isEmpty(), "a parallel composition needs at least one partition's event");
    }
  }

  /** Nothing private was released (e.g. a step on public data). */
  record NoOp() implements DpEvent {}

  /** Something was released without any privacy protection: epsilon is infinite. */
  record NonPrivate() implements DpEvent {}

  /** Something was released that no accountant can account for; {@code reason} says what. */
  record Unsupported(String reason) implements DpEvent {
    public Unsupported {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
