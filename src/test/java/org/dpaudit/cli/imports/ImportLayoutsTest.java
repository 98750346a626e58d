package org.dpaudit.cli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.ScoresFile;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.Json;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model a PyTorch user brings: {@code nn.Sequential(Linear(784, 32), ReLU(), Linear(32, 10))} on
 * flat {@code [N, 784]} inputs, trained on the first 200 MNIST images, saved as TorchScript and as
 * ONNX (fixtures made by {@code make_mlp784.py} beside them). dpaudit feeds MNIST as {@code [N, 1,
 * 28, 28]}, so the import must find the layout; both formats must give the same attack.
 */
class ImportLayoutsTest {
  @TempDir static Path dir;
  static Path torchscript;
  static Path onnx;
  static Path wrongModel;
  static Path members;

  @BeforeAll
  static void fixtures() throws IOException {
    torchscript = fixture("mlp784.pt");
    onnx = fixture("mlp784.onnx");
    wrongModel = fixture("linear100.pt");
    members = Files.writeString(dir.resolve("members.txt"), IntStream.range(0, 200).mapToObj(Integer::toString)
        .collect(Collectors.joining("\n")) + "\n");
  }

  private static Path fixture(String name) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = ImportLayoutsTest.class.getResourceAsStream("/org/dpaudit/attacks/target/" + name)) {
      Files.copy(in, f);
    }
    return f;
  }

  private static CliRunner.Result importModel(String format, Path model, String out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("import", "--" + format, model.toString(), "--dataset",
        "mnist", "--members", members.toString(), "--attacker-pool", "1000", "--test", "1000", "--out",
        dir.resolve(out).toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(new String[0]));
  }

  private static JsonNode input(String run) {
    return Json.mapper().valueToTree(Json.read(dir.resolve(run).resolve("run.json"), RunRecord.class).provenance()
        .config().get("input"));
  }

  @Test
  void flatMlp_importsWithoutOptions_andWithInputShape() {
    CliRunner.Result probed = importModel("torchscript", torchscript, "ts-probed");
    assertEquals(0, probed.exitCode(), probed.err());
    assertTrue(probed.err().contains("input [N, 784] (found by probing)"), probed.err());
    assertEquals("[784]", input("ts-probed").get("shape").toString());
    assertEquals("logits", input("ts-probed").get("output").asText());
    RunRecord run = Json.read(dir.resolve("ts-probed/run.json"), RunRecord.class);
    assertEquals(1.0, run.metrics().trainAccuracy(), "the fixture fits its 200 members");
    assertTrue(run.metrics().testAccuracy() > 0.5, "and generalises: " + run.metrics().testAccuracy());

    CliRunner.Result given = importModel("torchscript", torchscript, "ts-given", "--input-shape", "784");
    assertEquals(0, given.exitCode(), given.err());
    assertEquals("[784]", input("ts-given").get("shape").toString());
    assertFalse(given.err().contains("found by probing"), given.err());
  }

  @Test
  void modelNoLayoutFits_isOneLineNamingTheShapesAndTheOption_exit2() {
    CliRunner.Result r = importModel("torchscript", wrongModel, "wrong");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.errLines().length, r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("[N, 1, 28, 28], [N, 28, 28], [N, 784]"), r.err());
    assertTrue(r.err().contains("--input-shape"), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
    assertFalse(Files.exists(dir.resolve("wrong")), "no half-written run directory");

    CliRunner.Result given = importModel("onnx", onnx, "wrong-shape", "--input-shape", "28,28");
    assertEquals(2, given.exitCode(), given.err());
    assertEquals(1, given.errLines().length, given.err());
    assertTrue(given.err().contains("[N, 28, 28]") && given.err().contains("--input-shape"), given.err());
  }

  @Test
  void onnxAndTorchScript_giveTheSameLossAttack() {
    assertEquals(0, importModel("torchscript", torchscript, "same-ts").exitCode());
    CliRunner.Result o = importModel("onnx", onnx, "same-onnx");
    assertEquals(0, o.exitCode(), o.err());
    assertEquals("", o.err().lines().filter(l -> l.contains("WARN")).collect(Collectors.joining()),
        "no engine warnings on standard error");
    for (String run : List.of("same-ts", "same-onnx")) {
      CliRunner.Result a = CliRunner.run("attack", "--run", dir.resolve(run).toString(), "--attack", "loss");
      assertEquals(0, a.exitCode(), a.err());
    }
    AttackRecord ts = Json.read(dir.resolve("same-ts/attacks/loss.json"), AttackRecord.class);
    AttackRecord ox = Json.read(dir.resolve("same-onnx/attacks/loss.json"), AttackRecord.class);
    assertTrue(ts.auc() > 0.6, "the overfit model leaks: AUC " + ts.auc());
    assertEquals(ts.auc(), ox.auc(), 1e-6);
    MembershipScores a = ScoresFile.read(dir.resolve("same-ts/attacks/loss-scores.csv"), "loss");
    MembershipScores b = ScoresFile.read(dir.resolve("same-onnx/attacks/loss-scores.csv"), "loss");
    double maxDiff = 0;
    for (int i = 0; i < a.size(); i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.scores()[i] - b.scores()[i]));
    }
    assertTrue(maxDiff < 1e-4, "per-example losses agree to float precision: " + maxDiff);
    assertNotEquals(0.5, ts.auc());

    CliRunner.Result inversion = CliRunner.run("attack", "--run", dir.resolve("same-onnx").toString(), "--attack",
        "inversion");
    assertEquals(2, inversion.exitCode(), inversion.err());
    assertTrue(inversion.err().contains("TorchScript") && inversion.err().contains("--black-box"), inversion.err());
  }

  /** The TorchScript fixture's weights, read through DJL's PyTorch engine: {0.weight, 0.bias, 2.weight, 2.bias}. */
  private static float[][] torchScriptWeights() throws Exception {
    Engines.engine();
    try (Model m = Model.newInstance("read", Device.cpu(), Engines.ENGINE_NAME)) {
      m.load(dir, "mlp784");
      var params = m.getBlock().getParameters();
      float[][] w = new float[4][];
      String[] names = {"0.weight", "0.bias", "2.weight", "2.bias"};
      for (int i = 0; i < 4; i++) {
        w[i] = params.get(names[i]).getArray().toFloatArray();
      }
      return w;
    }
  }

  @Test
  void onnxWrittenHere_fromTheTorchScriptWeights_givesTheSameLossAttack() throws Exception {
    float[][] w = torchScriptWeights();
    assertEquals(32 * 784, w[0].length);
    Path written = Files.write(dir.resolve("written.onnx"), OnnxWriter.mlp(w[0], w[1], w[2], w[3], 784, 32, 10, false));
    Path softmax = Files.write(dir.resolve("softmax.onnx"), OnnxWriter.mlp(w[0], w[1], w[2], w[3], 784, 32, 10, true));
    assertEquals(0, importModel("torchscript", torchscript, "w-ts").exitCode());
    CliRunner.Result o = importModel("onnx", written, "w-onnx");
    assertEquals(0, o.exitCode(), o.err());
    CliRunner.Result p = importModel("onnx", softmax, "w-softmax");
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.err().contains("output read as probabilities (told from the values)"), p.err());
    assertEquals("probabilities", input("w-softmax").get("output").asText());
    for (String run : List.of("w-ts", "w-onnx", "w-softmax")) {
      assertEquals(0, CliRunner.run("attack", "--run", dir.resolve(run).toString(), "--attack", "loss").exitCode());
    }
    double ts = Json.read(dir.resolve("w-ts/attacks/loss.json"), AttackRecord.class).auc();
    assertEquals(ts, Json.read(dir.resolve("w-onnx/attacks/loss.json"), AttackRecord.class).auc(), 1e-6);
    Path fixed = Files.write(dir.resolve("fixed.onnx"), OnnxWriter.mlp(w[0], w[1], w[2], w[3], 784, 32, 10, false,
        true));
    CliRunner.Result one = importModel("onnx", fixed, "w-fixed");
    assertEquals(2, one.exitCode(), one.err());
    assertEquals(1, one.errLines().length, one.err());
    assertTrue(one.err().contains("only batches of one example") && one.err().contains("dynamic"), one.err());
    // Probabilities saturate for confident examples (float32 softmax): the same attack, up to near-ties.
    assertEquals(ts, Json.read(dir.resolve("w-softmax/attacks/loss.json"), AttackRecord.class).auc(), 1e-3);
  }

  @Test
  void declaredTraining_givesTheAccountantCommandsEpsilon() throws IOException {
    String[] params = {"--noise-multiplier", "1.1", "--sampling-rate", "0.01", "--steps", "300", "--delta", "1e-5"};
    CliRunner.Result r = importModel("torchscript", torchscript, "declared", params);
    assertEquals(0, r.exitCode(), r.err());
    RunRecord run = Json.read(dir.resolve("declared/run.json"), RunRecord.class);
    CliRunner.Result acc = CliRunner.run(concat(new String[] {"accountant", "--accountant", "all", "--json"}, params));
    assertEquals(0, acc.exitCode(), acc.err());
    JsonNode a = Json.mapper().readTree(acc.out());
    assertEquals(a.get("epsilon").asDouble(), run.privacy().accountantEpsilon().epsilon(), 0.0,
        "the best proven bound, as 'accountant --accountant all' gives it");
    JsonNode rdp = Json.mapper().readTree(CliRunner.run(concat(new String[] {"accountant", "--json"}, params)).out());
    assertEquals(rdp.get("epsilon").asDouble(), run.privacy().accountantEpsilon().rdp().epsilon(), 0.0);
    assertEquals(rdp.get("epsilon").asDouble(), run.privacy().claimedEpsilon(), 0.0,
        "no claim declared: DP-SGD's own (moments accountant, RDP), as dpaudit's dpsgd runs claim");
    assertEquals(300, run.privacy().ledger().steps());

    String[] epochs = {"--noise-multiplier", "1.1", "--dataset-size", "60000", "--batch-size", "256", "--epochs", "3",
        "--delta", "1e-5"};
    assertEquals(0, importModel("torchscript", torchscript, "declared-epochs", epochs).exitCode());
    RunRecord byEpochs = Json.read(dir.resolve("declared-epochs/run.json"), RunRecord.class);
    JsonNode b = Json.mapper().readTree(CliRunner.run(concat(new String[] {"accountant", "--accountant", "all",
        "--json"}, epochs)).out());
    assertEquals(b.get("epsilon").asDouble(), byEpochs.privacy().accountantEpsilon().epsilon(), 0.0);
    assertEquals(b.get("steps").asLong(), byEpochs.privacy().ledger().steps());

    CliRunner.Result half = importModel("torchscript", torchscript, "half", "--noise-multiplier", "1.1", "--steps",
        "300");
    assertEquals(2, half.exitCode());
    assertTrue(half.err().contains("--sampling-rate and --steps go together"), half.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
