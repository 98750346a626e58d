package org.dpaudit.cli.faults;

import static org.dpaudit.cli.faults.Args.resume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * {@code train --resume} and {@code --force}: a run is one thing. A checkpoint resumes only with the
 * options it was made with, and only if it agrees with itself; a finished run is not resumed;
 * {@code --force} replaces a run whole.
 */
final class ResumeFaults {
  private ResumeFaults() {}

  private static final String STATE = "run/checkpoint/state.json";

  static List<FaultCase> cases() {
    List<FaultCase> c = new ArrayList<>();
    FixtureRuns.Kind r = FixtureRuns.Kind.RESUMABLE;
    c.add(FaultCase.named("resume a seeded run with --secure").on(r).args(resume("--seed", null, "--secure", ""))
        .fails("randomness: checkpoint SEEDED, now SECURE"));
    c.add(FaultCase.named("resume with another --seed").on(r).args(resume("--seed", "2"))
        .fails("seed: checkpoint 1, now 2"));
    c.add(FaultCase.named("resume with --canaries 0 (started with 20)").on(r).args(resume("--canaries", "0"))
        .fails("canaries: checkpoint 20 mislabeled canaries, now none"));
    c.add(FaultCase.named("resume with --canaries 30").on(r).args(resume("--canaries", "30"))
        .fails("canaries[0].count: checkpoint 20, now 30"));
    c.add(FaultCase.named("resume with another --canary-kind").on(r).args(resume("--canary-kind", "random-input"))
        .fails("canaries[0].kind: checkpoint mislabeled, now random-input"));
    c.add(FaultCase.named("resume with another --noise-multiplier").on(r).args(resume("--noise-multiplier", "2"))
        .fails("config.privacy.noiseMultiplier: checkpoint 1.0, now 2.0"));
    c.add(FaultCase.named("resume with --epsilon instead of --noise-multiplier").on(r)
        .args(resume("--noise-multiplier", null, "--epsilon", "3")).fails("different configuration"));
    c.add(FaultCase.named("resume with another --lr").on(r).args(resume("--lr", "0.2"))
        .fails("config.optim.learningRate"));
    c.add(FaultCase.named("resume with another --batch-size").on(r).args(resume("--batch-size", "40"))
        .fails("config.optim.batchSize"));
    c.add(FaultCase.named("resume with more --epochs").on(r).args(resume("--epochs", "3"))
        .fails("config.optim.epochs"));
    c.add(FaultCase.named("resume with another --split-seed").on(r).args(resume("--split-seed", "3"))
        .fails("different configuration"));
    c.add(FaultCase.named("resume with another --scheme").on(r).args(resume("--scheme", "psgd"))
        .fails("config.privacy.scheme"));
    c.add(FaultCase.named("resume: state.json step counter edited (10 -> 4)").on(r)
        .setup(x -> x.editJson(STATE, s -> s.put("nextStep", 4))).args(resume())
        .fails("its step counter says 4 steps were taken but its ledger records 10"));
    c.add(FaultCase.named("resume: state.json step counter past the run's end").on(r)
        .setup(x -> x.editJson(STATE, s -> s.put("nextStep", 99))).args(resume())
        .fails("outside this run's 0..10 steps"));
    c.add(FaultCase.named("resume: state.json ledger with another sigma").on(r)
        .setup(x -> x.editJson(STATE, s -> scale(s.get("ledger"), "noiseMultiplier", 0.5))).args(resume())
        .fails("its ledger is not the one this configuration produces for 10 steps"));
    c.add(FaultCase.named("resume: state.json ledger with another q").on(r)
        .setup(x -> x.editJson(STATE, s -> scale(s.get("ledger"), "samplingRate", 0.5))).args(resume())
        .fails("its ledger is not the one this configuration produces"));
    c.add(FaultCase.named("resume: state.json canary bit flipped").on(r)
        .setup(x -> x.editJson(STATE, s -> {
          ArrayNode bits = (ArrayNode) s.get("inclusion").get(0).get("included");
          bits.set(0, Json.mapper().getNodeFactory().booleanNode(!bits.get(0).asBoolean()));
        })).args(resume()).fails("its canary inclusion bits do not match the fingerprint"));
    c.add(FaultCase.named("resume: checkpoint of an older dpaudit (no fingerprint)").on(r)
        .setup(x -> x.editJson(STATE, s -> s.remove("fingerprint"))).args(resume())
        .fails("written by an older dpaudit"));
    c.add(FaultCase.named("resume: state.json with a duplicate key").on(r)
        .setup(x -> x.editText(STATE, t -> t.replaceFirst("\\{", "{\n  \"nextStep\" : 10,"))).args(resume())
        .fails("duplicate key 'nextStep'"));
    c.add(FaultCase.named("resume: state.json with a string for the step counter").on(r)
        .setup(x -> x.editText(STATE, t -> t.replaceFirst("\"nextStep\" : 10", "\"nextStep\" : \"10\"")))
        .args(resume()).fails("at nextStep"));
    c.add(FaultCase.named("resume: state.json truncated").on(r)
        .setup(x -> x.editText(STATE, t -> t.substring(0, t.length() / 2))).args(resume()).fails("state.json"));
    c.add(FaultCase.named("resume: state.json with trailing garbage").on(r)
        .setup(x -> x.editText(STATE, t -> t + "}\n")).args(resume()).fails("state.json"));
    c.add(FaultCase.named("resume: parameter file with a flipped byte").on(r)
        .setup(x -> x.flipByte("run/checkpoint/params-10.bin", 5000)).args(resume()).fails("checksum mismatch"));
    c.add(FaultCase.named("resume: parameter file deleted").on(r)
        .setup(x -> x.delete("run/checkpoint/params-10.bin")).args(resume()).fails("params-10.bin: no such file"));
    c.add(FaultCase.named("resume: optimizer file deleted").on(r)
        .setup(x -> x.delete("run/checkpoint/optimizer-10.bin")).args(resume()).fails("optimizer-10.bin: no such file"));
    c.add(FaultCase.named("resume while another task holds the run").on(r).lockedElsewhere().args(resume())
        .fails("is in use by process"));
    c.add(FaultCase.named("resume a finished run").on(FixtureRuns.Kind.RUN).args(resume())
        .fails("is already finished (10 steps); --resume changes nothing"));
    c.add(FaultCase.named("train into an existing run without --resume or --force").on(FixtureRuns.Kind.RUN)
        .args(Args.with(FixtureRuns.RUN_ARGS, "--out", "{run}")).fails("already holds a run"));
    c.add(FaultCase.named("train --force with a bad option keeps the old run").on(FixtureRuns.Kind.RUN)
        .args(Args.with(FixtureRuns.RUN_ARGS, "--out", "{run}", "--force", "", "--scheme-option", "bogus=1"))
        .fails("bogus"));
    c.add(FaultCase.named("resume with the same options finishes the run and keeps its canary bits").on(r)
        .args(resume()).succeeds((x, res) -> {
          RunRecord run = Json.read(x.path("run/run.json"), RunRecord.class);
          assertEquals(10, run.privacy().steps());
          assertEquals(run.canaries().inclusionSha256(), org.dpaudit.core.io.Sha256.of(x.path(
              "run/canaries/inclusion.json")), "inclusion.json is the one training wrote");
        }));
    c.add(FaultCase.named("train --force replaces the whole run: no old model, attacks, audit").on(FixtureRuns.Kind.RUN)
        .setup(x -> x.write("run/model/model-0001.params", "an old model of the run"))
        .args(Args.with(FixtureRuns.RUN_ARGS, "--out", "{run}", "--force", "", "--seed", "2", "--canaries", "0"))
        .succeeds((x, res) -> {
          assertFalse(Files.exists(x.path("run/attacks")), "old attacks gone");
          assertFalse(Files.exists(x.path("run/audit.json")), "old audit gone");
          assertFalse(Files.exists(x.path("run/canaries")), "old canaries gone");
          assertFalse(Files.exists(x.path("run/model/model-0001.params")), "old model gone");
          RunRecord run = Json.read(x.path("run/run.json"), RunRecord.class);
          assertEquals(1, run.model().files().size(), "one model in run.json");
          assertEquals(2L, run.provenance().randomness().seed());
        }));
    return c;
  }

  /** Multiplies every number called {@code field} under {@code node} by {@code factor}. */
  static void scale(JsonNode node, String field, double factor) {
    if (node instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(k -> { });
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (k.equals(field) && o.get(k).isNumber()) {
          o.put(k, o.get(k).asDouble() * factor);
        } else {
          scale(o.get(k), field, factor);
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(n -> scale(n, field, factor));
    }
  }

  static void assertHas(boolean b, String what) {
    assertTrue(b, what);
  }
}
