package org.dpaudit.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dpaudit.cli.CliRunner;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the benchmarks (CI runs no benchmark beyond this): the commands run end to end on a
 * tiny setting and print what they promise; their figures are measured with the commands in
 * docs/benchmarks.md, never here.
 */
class BenchCommandTest {
  @Test
  void dpStep_json_hasTheStepsRatiosAndEveryStage() throws Exception {
    CliRunner.Result r = CliRunner.run("bench", "dp-step", "--model", "cnn", "--batch-size", "8", "--rounds", "2",
        "--steps", "1", "--warmup", "1", "--device", "cpu", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("cnn", j.get("model").asText());
    for (String variant : new String[] {"nonPrivate", "dp", "dpSeeded", "dpWithoutNoise", "dpNoiseWhenAsked",
        "nonPrivateOneThread", "dpOneThread", "dpWithoutNoiseOneThread"}) {
      assertTrue(j.get("steps").get(variant).asDouble() > 0, variant);
    }
    // Every ratio is against the faster non-private configuration (the engine's threads, or one).
    double best = Math.min(j.get("steps").get("nonPrivate").asDouble(),
        j.get("steps").get("nonPrivateOneThread").asDouble());
    assertEquals(j.get("steps").get("dp").asDouble() / best, j.get("ratios").get("secureNoise").asDouble(), 1e-9);
    assertEquals(j.get("steps").get("dpNoiseWhenAsked").asDouble() / best,
        j.get("ratios").get("secureNoiseWhenAsked").asDouble(), 1e-9);
    assertEquals(j.get("steps").get("dpOneThread").asDouble() / best,
        j.get("ratios").get("secureNoiseOneThread").asDouble(), 1e-9);
    // Round by round (two rounds of one step): least <= median <= greatest, one ratio a round.
    JsonNode rounds = j.get("secureNoiseRounds");
    assertTrue(rounds.get("min").asDouble() > 0, rounds.toString());
    assertTrue(rounds.get("min").asDouble() <= rounds.get("median").asDouble()
        && rounds.get("median").asDouble() <= rounds.get("max").asDouble(), rounds.toString());
    assertEquals(2, rounds.get("byRound").size());
    for (String stage : new String[] {"forwardBackward", "norms", "clippedSum", "noise", "noisyUpdate"}) {
      assertTrue(j.get("stages").get("millis").get(stage).asDouble() >= 0, stage);
    }
    // Counted from /proc on Linux (CI's system): never negative there.
    assertTrue(j.get("stages").get("pageFaultsPerStep").asDouble() >= 0, j.get("stages").toString());
    assertEquals(2, j.get("convMethods").size());
    assertEquals(2, j.get("samplesPerVariant").asInt()); // two rounds (one in each order) of one step
    assertEquals(1, j.get("warmupStepsPerVariant").asInt());
    assertTrue(r.err().contains("warm-up: 1 untimed steps of each of the 9 variants"), r.err());
  }

  @Test
  void thousandsOfPageFaultsAStep_areExplained_aFewAreNot() {
    assertEquals("  page faults a staged step (whole process): 33", DpStepCommand.pageFaultsLine(33));
    String many = DpStepCommand.pageFaultsLine(4972);
    assertTrue(many.startsWith("  page faults a staged step (whole process): 4972 (thousands: freed memory"), many);
    assertTrue(many.contains("GLIBC_TUNABLES"), many);
  }

  @Test
  void badSettings_areOneLine_exit2() {
    CliRunner.Result r = CliRunner.run("bench", "dp-step", "--batch-size", "0");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    CliRunner.Result t = CliRunner.run("bench", "time-to-accuracy", "--epochs", "0");
    assertEquals(2, t.exitCode());
    assertEquals(1, t.errLines().length, t.err());
    CliRunner.Result c = CliRunner.run("bench", "time-to-accuracy", "--calibrate-with", "gdp");
    assertEquals(2, c.exitCode());
    CliRunner.Result n = CliRunner.run("bench", "time-to-accuracy", "--normalize", "imagenet");
    assertEquals(2, n.exitCode());
    assertEquals(1, n.errLines().length, n.err());
    assertTrue(n.err().contains("--normalize must be one of none, mnist"), n.err());
    for (String[] bad : new String[][] {{"--ema-decay", "1"}, {"--ema-decay", "0"}, {"--lr", "0"}, {"--clip", "-1"},
        {"--momentum", "1"}, {"--momentum", "-0.1"}, {"--lr-schedule", "step:0.8"}, {"--lr-schedule", "step:1.2:0.1"},
        {"--lr-schedule", "exponential"}}) {
      CliRunner.Result e = CliRunner.run("bench", "time-to-accuracy", bad[0], bad[1]);
      assertEquals(2, e.exitCode(), String.join(" ", bad));
      assertEquals(1, e.errLines().length, e.err());
    }
    CliRunner.Result ema = CliRunner.run("train", "--noise-multiplier", "1", "--ema-decay", "1.5", "--out",
        "unused-run-dir");
    assertEquals(2, ema.exitCode());
    assertEquals(1, ema.errLines().length, ema.err());
    assertTrue(ema.err().contains("--ema-decay must be in (0, 1); got 1.5"), ema.err());
    CliRunner.Result step = CliRunner.run("train", "--noise-multiplier", "1", "--lr-schedule", "step:0.8:1.5", "--out",
        "unused-run-dir");
    assertEquals(2, step.exitCode());
    assertEquals(1, step.errLines().length, step.err());
    assertTrue(step.err().contains("--lr-schedule") && step.err().contains("in (0, 1)"), step.err());
    CliRunner.Result train = CliRunner.run("train", "--normalize", "imagenet", "--out", "unused-run-dir");
    assertEquals(2, train.exitCode());
    assertEquals(1, train.errLines().length, train.err());
    assertTrue(train.err().contains("--normalize must be one of none, mnist"), train.err());
  }
}
