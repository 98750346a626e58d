package org.dpaudit.cli.accountant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dpaudit accountant} through the real command line: exit codes, one-line errors, JSON fields. */
class AccountantCommandTest {
  private static final String[] OPACUS = {"accountant", "--sampling-rate", "0.01", "--noise-multiplier", "1.0",
      "--steps", "300", "--delta", "1e-5", "--orders", "2,5,10,20,100"};

  private static CliRunner.Result ok(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertEquals("", r.err());
    return r;
  }

  private static JsonNode json(String... args) throws IOException {
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    return Json.mapper().readTree(ok(withJson).out());
  }

  /** The Opacus script's docstring example: epsilon 2.39 at order 5. */
  @Test
  void opacusExample_textStatesEpsilonOrderAndThePoissonCaveat() {
    String out = ok(OPACUS).out();
    assertTrue(out.contains("epsilon = 2.39333 at Renyi order 5"), out);
    assertTrue(out.contains("assumes Poisson sampling"), out);
  }

  @Test
  void opacusExample_json() throws IOException {
    JsonNode n = json(OPACUS);
    assertEquals("rdp", n.get("accountant").asText());
    assertEquals(2.39, n.get("epsilon").asDouble(), 0.005);
    assertEquals(1e-5, n.get("delta").asDouble());
    assertEquals(5.0, n.get("optimalOrder").asDouble());
    assertEquals(1.0, n.get("noiseMultiplier").asDouble());
    assertEquals(300, n.get("steps").asLong());
    assertTrue(n.get("upperBound").asBoolean());
    assertEquals(1, n.get("results").size());
    assertTrue(n.get("caveats").get(0).asText().contains("Poisson sampling"));
  }

  /**
   * --dataset-size/--batch-size/--epochs is the q/steps form with q = B/N and steps = E ceil(N / B), the
   * steps dpaudit's trainer takes (235 an epoch for 60000/256: 14100 for 60 epochs, not TF Privacy's 14063).
   */
  @Test
  void datasetForm_equalsTheSamplingRateForm_withTheTrainersStepCount() throws IOException {
    JsonNode derived = json("accountant", "--dataset-size", "60000", "--batch-size", "256", "--epochs", "60",
        "--noise-multiplier", "1.1", "--delta", "1e-5");
    JsonNode direct = json("accountant", "--sampling-rate", String.valueOf(256 / 60000.0), "--steps", "14100",
        "--noise-multiplier", "1.1", "--delta", "1e-5");
    assertEquals(14100, derived.get("steps").asLong());
    assertEquals(256 / 60000.0, derived.get("samplingRate").asDouble());
    assertEquals(direct.get("epsilon").asDouble(), derived.get("epsilon").asDouble(), 0);
    assertEquals(60000, derived.get("derivedFrom").get("datasetSize").asLong());
    JsonNode fractional = json("accountant", "--dataset-size", "60000", "--batch-size", "256", "--epochs", "0.5",
        "--noise-multiplier", "1.1", "--delta", "1e-5");
    assertEquals(118, fractional.get("steps").asLong(), "ceil(0.5 x 235)");
  }

  /** The MNIST DP-SGD setting at TF Privacy's step count (14063): dp_accounting's RDP 2.60. */
  @Test
  void mnistSetting_matchesDpAccountingsRdp() throws IOException {
    JsonNode direct = json("accountant", "--sampling-rate", String.valueOf(256 / 60000.0), "--steps", "14063",
        "--noise-multiplier", "1.1", "--delta", "1e-5");
    assertEquals(2.60, direct.get("epsilon").asDouble(), 0.005);
  }

  /** Every accountant: PLD is the best proven bound; GDP is listed but flagged; pure-DP skipped for Gaussian. */
  @Test
  void all_listsEveryAccountantAndPicksTheBestProvenBound() throws IOException {
    JsonNode n = json("accountant", "--sampling-rate", String.valueOf(256 / 60000.0), "--steps", "14063",
        "--noise-multiplier", "1.1", "--delta", "1e-5", "--accountant", "all");
    assertEquals("pld", n.get("accountant").asText());
    assertEquals(2.38, n.get("epsilon").asDouble(), 0.005);
    assertEquals(3, n.get("results").size());
    JsonNode gdp = n.get("results").get(2);
    assertEquals("gdp", gdp.get("accountant").asText());
    assertEquals(false, gdp.get("upperBound").asBoolean());
    assertEquals("pure", n.get("skipped").get(0).get("accountant").asText());
  }

  /** sigma = 0 is not an error: infinite epsilon, and the statement says there is no privacy. */
  @Test
  void zeroNoise_isInfiniteEpsilonAndNoPrivacy() throws IOException {
    String[] args = {"accountant", "--sampling-rate", "0.01", "--noise-multiplier", "0", "--steps", "300", "--delta", "1e-5"};
    String out = ok(args).out();
    assertTrue(out.contains("epsilon = infinity"), out);
    assertTrue(out.contains("no privacy"), out);
    JsonNode n = json(args);
    assertEquals(Double.POSITIVE_INFINITY, n.get("epsilon").asDouble());
    JsonNode all = json("accountant", "--sampling-rate", "0.01", "--noise-multiplier", "0", "--steps", "300",
        "--delta", "1e-5", "--accountant", "all");
    for (JsonNode r : all.get("results")) {
      assertEquals(Double.POSITIVE_INFINITY, r.get("epsilon").asDouble(), r.toString());
    }
  }

  /** Solving for sigma reproduces dp_accounting's calibration (q = 256/60000, 3516 steps, epsilon 1: 1.2631375). */
  @Test
  void targetEpsilon_solvesForTheNoiseMultiplier() throws IOException {
    JsonNode n = json("accountant", "--sampling-rate", String.valueOf(256 / 60000.0), "--steps", "3516",
        "--target-epsilon", "1", "--delta", "1e-5");
    assertEquals("noiseMultiplier", n.get("solvedFor").asText());
    assertEquals(1.2631375066244332, n.get("noiseMultiplier").asDouble(), 2e-6);
    assertTrue(n.get("epsilon").asDouble() <= 1.0);
    assertEquals(1.0, n.get("targetEpsilon").asDouble());
  }

  /** The Laplace mechanism, Poisson-sampled, against dp_accounting's PLD row (q 0.01, scale 2, 1000 steps). */
  @Test
  void laplace_withPld() throws IOException {
    JsonNode n = json("accountant", "--mechanism", "laplace", "--scale", "2", "--sampling-rate", "0.01",
        "--steps", "1000", "--delta", "1e-5", "--accountant", "pld");
    assertEquals(0.5304733217991904, n.get("epsilon").asDouble(), 3e-4);
    assertEquals(2.0, n.get("scale").asDouble());
    assertEquals("laplace", n.get("mechanism").asText());
  }

  @Test
  void laplace_solvesForTheScale() throws IOException {
    JsonNode n = json("accountant", "--mechanism", "laplace", "--sensitivity", "2", "--sampling-rate", "1",
        "--steps", "1", "--delta", "1e-5", "--target-epsilon", "0.5", "--accountant", "pure");
    assertEquals(4.0, n.get("scale").asDouble(), 1e-5); // one release: eps = sensitivity / scale
  }

  static Stream<Arguments> impossibleInputs() {
    String[] base = {"--sampling-rate", "0.01", "--noise-multiplier", "1", "--steps", "100", "--delta", "1e-5"};
    return Stream.of(
        Arguments.of(replace(base, "--sampling-rate", "0"), "--sampling-rate must be in (0, 1]; got 0.0"),
        Arguments.of(replace(base, "--sampling-rate", "1.0000000000000002"), "--sampling-rate must be in (0, 1]"),
        Arguments.of(replace(base, "--sampling-rate", "NaN"), "--sampling-rate must be in (0, 1]; got NaN"),
        Arguments.of(replace(base, "--noise-multiplier", "-1"), "--noise-multiplier must be non-negative and finite; got -1.0"),
        Arguments.of(replace(base, "--noise-multiplier", "NaN"), "--noise-multiplier must be non-negative and finite; got NaN"),
        Arguments.of(replace(base, "--noise-multiplier", "Infinity"), "--noise-multiplier must be non-negative and finite"),
        Arguments.of(replace(base, "--delta", "0"), "--delta must be in (0, 1); got 0.0"),
        Arguments.of(replace(base, "--delta", "1"), "--delta must be in (0, 1); got 1.0"),
        Arguments.of(replace(base, "--delta", "NaN"), "--delta must be in (0, 1); got NaN"),
        Arguments.of(replace(base, "--steps", "0"), "--steps must be at least 1; got 0"),
        Arguments.of(replace(base, "--steps", "-3"), "--steps must be at least 1; got -3"),
        Arguments.of(new String[] {"--sampling-rate", "0.01", "--noise-multiplier", "1", "--steps", "100"}, "Missing required option: '--delta=DELTA'"),
        Arguments.of(new String[] {"--sampling-rate", "0.01", "--noise-multiplier", "1", "--delta", "1e-5"}, "--sampling-rate and --steps go together"),
        Arguments.of(concat(base, "--dataset-size", "100"), "give either --sampling-rate and --steps, or --dataset-size"),
        Arguments.of(new String[] {"--noise-multiplier", "1", "--delta", "1e-5"}, "give --sampling-rate and --steps, or --dataset-size"),
        Arguments.of(new String[] {"--dataset-size", "100", "--batch-size", "200", "--epochs", "1", "--noise-multiplier", "1",
            "--delta", "1e-5"}, "--batch-size must be at most --dataset-size (100); got 200"),
        Arguments.of(new String[] {"--dataset-size", "100", "--batch-size", "10", "--epochs", "0", "--noise-multiplier", "1",
            "--delta", "1e-5"}, "--epochs must be positive and finite; got 0.0"),
        Arguments.of(concat(base, "--target-epsilon", "1"), "give exactly one of --noise-multiplier and --target-epsilon"),
        Arguments.of(new String[] {"--sampling-rate", "0.01", "--steps", "100", "--delta", "1e-5"}, "give exactly one of --noise-multiplier and --target-epsilon"),
        Arguments.of(concat(base, "--scale", "2"), "--scale and --sensitivity are for --mechanism laplace"),
        Arguments.of(concat(base, "--mechanism", "laplace"), "--noise-multiplier is for the Gaussian mechanism"),
        Arguments.of(concat(base, "--accountant", "pld", "--orders", "2,3"), "--orders is for --accountant rdp or all"),
        Arguments.of(concat(base, "--pld-interval", "1e-3"), "--pld-interval is for --accountant pld or all"),
        Arguments.of(concat(base, "--orders", "1,2"), "every Renyi order must be finite and above 1; got 1.0"),
        Arguments.of(concat(base, "--accountant", "pure"), "the pure-DP composition accountant cannot account for"),
        Arguments.of(new String[] {"--mechanism", "laplace", "--scale", "1", "--sampling-rate", "0.01", "--steps", "10",
            "--delta", "1e-5"}, "the RDP accountant cannot account for"),
        Arguments.of(new String[] {"--sampling-rate", "0.5", "--steps", "100000", "--delta", "1e-5", "--target-epsilon", "1e-4"},
            "no noise multiplier up to 1048576.0 reaches epsilon <= 1.0E-4"),
        Arguments.of(new String[] {"--sampling-rate", "0.5", "--steps", "10", "--delta", "1e-5", "--target-epsilon", "-1"},
            "--target-epsilon must be positive and finite; got -1.0"),
        Arguments.of(replace(base, "--steps", "1.5"), "Invalid value for option '--steps'"));
  }

  @ParameterizedTest
  @MethodSource("impossibleInputs")
  void impossibleInput_exits2WithOneLine(String[] args, String expected) {
    CliRunner.Result r = CliRunner.run(concat(new String[] {"accountant"}, args));
    assertEquals(ExitCodes.ERROR, r.exitCode(), r.out());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals("", r.out());
  }

  @Test
  void help_hasExamplesAndTheSamplingCaveat() {
    CliRunner.Result r = ok("accountant", "--help");
    assertTrue(r.out().contains("Examples:"), r.out());
    assertTrue(r.out().contains("Poisson sampling"), r.out());
    assertTrue(r.out().contains("--target-epsilon"), r.out());
  }

  private static String[] replace(String[] args, String option, String value) {
    String[] out = args.clone();
    for (int i = 0; i < out.length - 1; i++) {
      if (out[i].equals(option)) {
        out[i + 1] = value;
      }
    }
    return out;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
