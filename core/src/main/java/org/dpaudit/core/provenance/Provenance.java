package org.dpaudit.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.random.RandomnessRecord;

/**
 * How an artifact was made. Configuration and provenance are the same data: {@code config} is the
 * config record itself, serialised, so nobody maintains a second description of what ran.
 *
 * @param command the dpaudit command that made the artifact, e.g. {@code "train"}
 * @param config the command's configuration record as JSON
 * @param inputs the files it read, each with its SHA-256
 * @param environment versions, platform, engine and device
 * @param randomness the randomness mode, seed when seeded, and streams used
 * @param created when the work started (UTC)
 * @param elapsed how long it took
 */
public record Provenance(
    String command,
    JsonNode config,
    List<ArtifactRef> inputs,
    EnvironmentInfo environment,
    RandomnessRecord randomness,
    Instant created,
    Duration elapsed) {

  public Provenance {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(environment, "environment");
    inputs = List.copyOf(inputs);
  }

  /** Provenance for {@code command} run with {@code config} (any record), started at {@code created}. */
  public static Provenance of(
      String command,
      Object config,
      List<ArtifactRef> inputs,
      EnvironmentInfo environment,
      RandomnessRecord randomness,
      Instant created) {
    return new Provenance(
        command, Json.toTree(config), inputs, environment, randomness, created,
        Duration.between(created, Instant.now()));
  }
}
