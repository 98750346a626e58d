package org.dpaudit.trainers.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingPlan;

/**
 * Everything that changes what a run releases, in one record: a checkpoint carries it, and {@code
 * --resume} continues only a run whose fingerprint is the same in every part.
 *
 * <p>Why more than the configuration: a seeded run resumed with {@code --secure} used to be stamped
 * SECURE though most of its steps were seeded; a different {@code --seed}, or {@code --canaries 0} on
 * a run started with 100 (another sampling rate and sigma from the next step on) were accepted and
 * mixed two runs in one model. So the fingerprint holds the configuration (scheme and its options
 * included), the randomness mode and seed, the data (file checksums and the split), every canary
 * family (kind, count and a hash of its inclusion bits), and the shape of the ledger the run
 * produces (scheme, noise multiplier, sampling rate, public size, steps). A new kind of per-run state
 * that changes the release is one more component here, compared like the rest.
 *
 * @param config the training configuration as JSON
 * @param randomness {@code SECURE} or {@code SEEDED}
 * @param seed the root seed when seeded, else null
 * @param kernels which arithmetic a CPU run's per-example norms and sums take ({@link
 *     NativeKernels#version}): dpaudit's native kernels round differently from the engine's
 *     operations, so a seeded run resumed on a machine with the other would not give the same bits
 *     (absent from older checkpoints)
 * @param sampler the noise sampler's version ({@link CounterStream#GAUSSIAN_SAMPLER}): a seed makes
 *     the same noise only under the same sampler, so a checkpoint of an older one is not resumed
 *     (absent from checkpoints of dpaudit before it was recorded)
 * @param data the dataset files' checksums and the membership split
 * @param canaries one entry per canary family, in a fixed order
 * @param ledger the planned mechanism; null in the {@link #partial} fingerprint compared before the
 *     model is built
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunFingerprint(
    int schemaVersion,
    JsonNode config,
    String randomness,
    Long seed,
    String kernels,
    String sampler,
    JsonNode data,
    List<CanaryFamily> canaries,
    LedgerShape ledger) {
  /** The layout version. */
  public static final int SCHEMA_VERSION = 1;

  public RunFingerprint {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(randomness, "randomness");
    canaries = List.copyOf(canaries);
  }

  /**
   * One family of canaries as the fingerprint records it.
   *
   * @param bitsSha256 {@link InclusionBits#sha256()} of its inclusion bits; null in a {@link #partial}
   *     fingerprint (before the bits are drawn or restored)
   */
  public record CanaryFamily(String family, String kind, int count, String bitsSha256) {
    /** The record of {@code bits}. */
    public static CanaryFamily of(InclusionBits bits) {
      return new CanaryFamily(bits.family(), bits.kind(), bits.count(), bits.sha256());
    }

    /** A family as requested, before its bits exist. */
    public static CanaryFamily requested(String family, String kind, int count) {
      return new CanaryFamily(family, kind, count, null);
    }
  }

  /**
   * The mechanism a run repeats, as planned before its first step.
   *
   * @param noiseMultiplier sigma (0 for schemes whose noise varies or that have none)
   * @param publicSize the number of examples q and the normaliser are computed from
   */
  public record LedgerShape(String scheme, double noiseMultiplier, double samplingRate, int publicSize,
      long stepsPerEpoch, long totalSteps) {
    /** The shape of {@code plan} under {@code scheme}. */
    public static LedgerShape of(String scheme, TrainingPlan plan) {
      return new LedgerShape(scheme, plan.noiseMultiplier(), plan.samplingRate(), plan.trainingExamples(),
          plan.stepsPerEpoch(), plan.totalSteps());
    }
  }

  /** The fingerprint of a run whose canaries' bits are drawn and whose model and scheme are built. */
  public static RunFingerprint of(TrainingConfig config, RandomnessRecord randomness, DatasetCard card,
      List<InclusionBits> canaries, LedgerShape ledger) {
    return new RunFingerprint(SCHEMA_VERSION, Json.toTree(config), randomness.mode().name(), randomness.seed(),
        NativeKernels.version(), CounterStream.GAUSSIAN_SAMPLER, data(card), canaries.stream().map(CanaryFamily::of).toList(),
        Objects.requireNonNull(ledger, "ledger"));
  }

  /**
   * The partial fingerprint of a run as requested: no ledger shape, no bits' hashes. A resume compares
   * it first, so a different canary count or kind is refused before any bits are restored.
   */
  public static RunFingerprint requested(TrainingConfig config, RandomnessRecord randomness, DatasetCard card,
      List<CanaryFamily> canaries) {
    return new RunFingerprint(SCHEMA_VERSION, Json.toTree(config), randomness.mode().name(), randomness.seed(),
        NativeKernels.version(), CounterStream.GAUSSIAN_SAMPLER, data(card), canaries, null).partial();
  }

  private static JsonNode data(DatasetCard card) {
    ObjectNode data = Json.mapper().createObjectNode();
    data.set("files", Json.toTree(card.files()));
    data.set("split", card.split() == null ? Json.mapper().nullNode() : Json.toTree(card.split()));
    return data;
  }

  /** This fingerprint without its ledger shape and bits' hashes (see {@link #requested}). */
  public RunFingerprint partial() {
    return new RunFingerprint(schemaVersion, config, randomness, seed, kernels, sampler, data,
        canaries.stream().map(c -> CanaryFamily.requested(c.family(), c.kind(), c.count())).toList(), null);
  }

  /** Whether this is a {@link #partial} fingerprint. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isPartial() {
    return ledger == null;
  }

  /** SHA-256 of the fingerprint's JSON. */
  public String sha256() {
    return Sha256.of(Json.write(this).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * How {@code now} differs from this (the checkpoint's) fingerprint, one "path: checkpoint X, now
   * Y" per difference, in a stable order; empty when they are the same.
   */
  public List<String> differences(RunFingerprint now) {
    List<String> out = new ArrayList<>();
    diff("", Json.toTree(this), Json.toTree(now), out);
    return out;
  }

  private static void diff(String path, JsonNode was, JsonNode now, List<String> out) {
    // A checkpoint of an older dpaudit holds its configuration with enums spelt "POISSON": the same run.
    if (was.equals(now) || was.isTextual() && now.isTextual()
        && org.dpaudit.core.io.EnumIds.sameConstant(was.asText(), now.asText())) {
      return;
    }
    if (was.isObject() && now.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      was.fieldNames().forEachRemaining(keys::add);
      now.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, was.path(k), now.path(k), out);
      }
      return;
    }
    if (was.isArray() && now.isArray() && was.size() == now.size()) {
      Iterator<JsonNode> a = was.elements();
      Iterator<JsonNode> b = now.elements();
      for (int i = 0; a.hasNext(); i++) {
        diff(path + "[" + i + "]", a.next(), b.next(), out);
      }
      return;
    }
    out.add(path + ": checkpoint " + show(was) + ", now " + show(now));
  }

  private static String show(JsonNode n) {
    if (n.isMissingNode() || n.isNull() || n.isArray() && n.isEmpty()) {
      return "none";
    }
    if (n.isArray() && n.get(0).has("count") && n.get(0).has("kind")) {
      List<String> families = new ArrayList<>();
      n.forEach(f -> families.add(f.get("count").asText() + " " + f.get("kind").asText() + " canaries"));
      return String.join(" and ", families);
    }
    String s = n.isTextual() ? n.asText() : n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
