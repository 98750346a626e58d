package org.dpaudit.trainers.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingPlan;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

/** What a resume compares, and the one line it says when something differs. */
class RunFingerprintTest {
  private static TrainingConfig config(double sigma) {
    return new TrainingConfig("mlp", new DataConfig("mnist", null, null, new SplitSpec(200, 100, 100, 200, 0)),
        new OptimConfig(2, 50, OptimizerKind.SGD, 0.1, 0, LrSchedule.CONSTANT),
        new PrivacyConfig("dpsgd", 1.0, sigma, null, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
  }

  private static final DatasetCard CARD = new DatasetCard("mnist", "test", List.of(new ArtifactRef("f", "ab")),
      60000, 10000, List.of(1, 28, 28), 10, new SplitRecord(0, 200, 100, 100, 200, "cd"));
  private static final RunFingerprint.LedgerShape SHAPE =
      RunFingerprint.LedgerShape.of("dpsgd", new TrainingPlan(210, 50.0 / 210, 5, 10, 1.0, 535818));
  private static final InclusionBits BITS = new InclusionBits("input", "mislabeled", new boolean[] {true, false, true});

  private static RunFingerprint fp(double sigma, Randomness r, List<InclusionBits> bits) {
    return RunFingerprint.of(config(sigma), r.describe(), CARD, bits, SHAPE);
  }

  @Test
  void sameRun_hasNoDifferences_andRoundTripsThroughJson() {
    RunFingerprint a = fp(1.0, Randomness.seeded(1), List.of(BITS));
    assertEquals(List.of(), a.differences(fp(1.0, Randomness.seeded(1), List.of(BITS))));
    RunFingerprint back = Json.read(Json.write(a), RunFingerprint.class, "t");
    assertEquals(a, back);
    assertEquals(a.sha256(), back.sha256());
  }

  @Test
  void aCheckpointOfTheEarlierSchema_spellingEnumsAsJavaConstants_isTheSameRun() {
    RunFingerprint now = fp(1.0, Randomness.seeded(1), List.of(BITS));
    String json = Json.write(now);
    assertTrue(json.contains("\"poisson\""), json);
    RunFingerprint old = Json.read(json.replace("\"poisson\"", "\"POISSON\""), RunFingerprint.class, "old");
    assertTrue(!old.equals(now), "the old spelling survives in the untyped configuration tree");
    assertEquals(List.of(), old.differences(now));
    RunFingerprint other = Json.read(json.replace("\"poisson\"", "\"SHUFFLE\""), RunFingerprint.class, "other");
    assertEquals(List.of("config.privacy.sampler: checkpoint SHUFFLE, now poisson"), other.differences(now));
  }

  @Test
  void aCheckpointOfAnEarlierNoiseSampler_isAnotherRun() {
    RunFingerprint now = fp(1.0, Randomness.seeded(1), List.of(BITS));
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(now);
    assertEquals(org.dpaudit.core.random.CounterStream.GAUSSIAN_SAMPLER, tree.get("sampler").asText());
    tree.remove("sampler"); // checkpoints written before the sampler was recorded
    RunFingerprint old = Json.read(Json.write(tree), RunFingerprint.class, "old");
    assertEquals(List.of("sampler: checkpoint none, now " + org.dpaudit.core.random.CounterStream.GAUSSIAN_SAMPLER),
        old.differences(now));
  }

  @Test
  void aCheckpointOfOtherKernels_isAnotherRun() {
    RunFingerprint now = fp(1.0, Randomness.seeded(1), List.of(BITS));
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(now);
    String here = org.dpaudit.trainers.engine.NativeKernels.version();
    assertEquals(here, tree.get("kernels").asText());
    String other = here.equals("engine") ? "native-5" : "engine";
    tree.put("kernels", other);
    RunFingerprint elsewhere = Json.read(Json.write(tree), RunFingerprint.class, "elsewhere");
    assertEquals(List.of("kernels: checkpoint " + other + ", now " + here), elsewhere.differences(now));
  }

  @Test
  void differences_nameEachPartThatChanged() {
    RunFingerprint was = fp(1.0, Randomness.seeded(1), List.of(BITS));
    assertEquals(List.of("randomness: checkpoint SEEDED, now SECURE", "seed: checkpoint 1, now none"),
        was.differences(fp(1.0, Randomness.secure(), List.of(BITS))));
    assertEquals(List.of("config.privacy.noiseMultiplier: checkpoint 1.0, now 2.0"),
        was.differences(fp(2.0, Randomness.seeded(1), List.of(BITS))));
    assertEquals(List.of("canaries: checkpoint 3 mislabeled canaries, now none"),
        was.differences(fp(1.0, Randomness.seeded(1), List.of())));
    InclusionBits flipped = new InclusionBits("input", "mislabeled", new boolean[] {true, true, true});
    assertEquals(1, was.differences(fp(1.0, Randomness.seeded(1), List.of(flipped))).size());
    assertTrue(was.differences(fp(1.0, Randomness.seeded(1), List.of(flipped))).get(0)
        .startsWith("canaries[0].bitsSha256: checkpoint "));
  }

  @Test
  void partial_leavesOutTheLedgerShapeAndTheBits() {
    RunFingerprint full = fp(1.0, Randomness.seeded(1), List.of(BITS));
    RunFingerprint requested = RunFingerprint.requested(config(1.0), Randomness.seeded(1).describe(), CARD,
        List.of(RunFingerprint.CanaryFamily.requested("input", "mislabeled", 3)));
    assertTrue(requested.isPartial());
    assertEquals(List.of(), full.partial().differences(requested));
    assertNotEquals(full.sha256(), requested.sha256());
  }

  @Test
  void inclusionBits_areRestoredFromTheCheckpoint_notDrawnAgain() {
    CheckpointState state = new CheckpointState(1, "checkpoint", 4, "x", PrivacyLedger.empty()
        .append(new DpEvent.Gaussian(1), 4), 4, 0, 0, List.of(), Randomness.secure().describe(), null, null,
        fp(1.0, Randomness.secure(), List.of(BITS)), List.of(BITS), null);
    assertEquals(BITS, InclusionBits.drawOrRestore("input", "mislabeled", state, () -> {
      throw new AssertionError("drawn again");
    }));
    assertEquals(2, InclusionBits.drawOrRestore("gradient", "dirac", state, () -> new boolean[2]).count(),
        "another family is drawn");
  }

  @Test
  void resumeCheck_refusesAnotherRun_andABrokenCheckpoint() {
    RunFingerprint fp = fp(1.0, Randomness.seeded(1), List.of(BITS));
    PrivacyLedger four = PrivacyLedger.empty().append(new DpEvent.Gaussian(1), 4);
    CheckpointState ok = new CheckpointState(1, "checkpoint", 4, "x", four, 4, 0, 0, List.of(),
        Randomness.seeded(1).describe(), null, null, fp, List.of(BITS), null);
    ResumeCheck.sameRun(ok, fp);
    ResumeCheck.consistent(ok, new TrainingPlan(210, 0.2, 5, 10, 1.0, 1));
    ResumeCheck.ledgerMatches(ok, n -> PrivacyLedger.empty().append(new DpEvent.Gaussian(1), n));

    var e = assertThrows(InvalidInputException.class, () -> ResumeCheck.sameRun(ok, fp(2.0, Randomness.seeded(1),
        List.of(BITS))));
    assertTrue(e.getMessage().contains("config.privacy.noiseMultiplier: checkpoint 1.0, now 2.0"), e.getMessage());
    CheckpointState counter = new CheckpointState(1, "checkpoint", 2, "x", four, 2, 0, 0, List.of(),
        Randomness.seeded(1).describe(), null, null, fp, List.of(BITS), null);
    e = assertThrows(InvalidInputException.class,
        () -> ResumeCheck.consistent(counter, new TrainingPlan(210, 0.2, 5, 10, 1.0, 1)));
    assertTrue(e.getMessage().contains("its step counter says 2 steps were taken but its ledger records 4"),
        e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> ResumeCheck.ledgerMatches(ok, n -> PrivacyLedger.empty().append(new DpEvent.Gaussian(0.5), n)));
    assertTrue(e.getMessage().contains("another noise multiplier"), e.getMessage());
    CheckpointState otherBits = new CheckpointState(1, "checkpoint", 4, "x", four, 4, 0, 0, List.of(),
        Randomness.seeded(1).describe(), null, null, fp,
        List.of(new InclusionBits("input", "mislabeled", new boolean[] {false, false, true})), null);
    e = assertThrows(InvalidInputException.class, () -> ResumeCheck.sameRun(otherBits, fp));
    assertTrue(e.getMessage().contains("canary inclusion bits do not match"), e.getMessage());
  }
}
