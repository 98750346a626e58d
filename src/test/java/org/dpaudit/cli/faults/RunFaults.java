package org.dpaudit.cli.faults;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attack}, {@code audit}, {@code report}, {@code compare} and {@code diff} on a run whose
 * files were edited, corrupted, swapped or are missing: nothing in a run is taken on trust.
 */
final class RunFaults {
  private RunFaults() {}

  private static final String RUN_JSON = "run/run.json";
  private static final String MODEL = "run/model/model-0000.params";

  static List<FaultCase> cases() {
    List<FaultCase> c = new ArrayList<>();
    FixtureRuns.Kind run = FixtureRuns.Kind.RUN;
    List<String> attack = List.of("attack", "--run", "{run}", "--attack", "loss", "--seed", "1");
    List<String> audit = List.of("audit", "--run", "{run}", "--seed", "1");
    List<String> report = List.of("report", "--run", "{run}", "--out", "{dir}");
    // the model's files
    for (List<String> cmd : List.of(attack, audit, report)) {
      String what = cmd.get(0);
      c.add(FaultCase.named(what + ": a byte of the model flipped after training").on(run)
          .setup(x -> x.flipByte(MODEL, 100_000)).args(cmd).fails("model-0000.params does not match the SHA-256 "
              + "run.json records for it: the model was changed after training"));
      c.add(FaultCase.named(what + ": another model file added to model/").on(run)
          .setup(x -> x.copy(MODEL, "run/model/model-0001.params")).args(cmd)
          .fails("model-0001.params is not one of the model files run.json lists"));
      c.add(FaultCase.named(what + ": the model file deleted").on(run).setup(x -> x.delete(MODEL)).args(cmd)
          .fails("model-0000.params is missing (run.json lists it)"));
    }
    // run.json itself
    for (List<String> cmd : List.of(attack, audit, report)) {
      c.add(FaultCase.named(cmd.get(0) + ": run.json from a newer dpaudit (schemaVersion 99)").on(run)
          .setup(x -> x.editJson(RUN_JSON, t -> t.put("schemaVersion", 99))).args(cmd)
          .fails("run.json has schemaVersion 99, written by a newer dpaudit; this one reads run.json schema 1 to "));
    }
    c.add(FaultCase.named("attack: run.json with a duplicate key").on(run)
        .setup(x -> x.editText(RUN_JSON, t -> t.replaceFirst("\\{", "{\n  \"name\" : \"other\","))).args(attack)
        .fails("duplicate key 'name'"));
    c.add(FaultCase.named("attack: run.json with trailing content").on(run)
        .setup(x -> x.editText(RUN_JSON, t -> t + "{}\n")).args(attack).fails("unexpected content after the end"));
    c.add(FaultCase.named("attack: run.json with a string for a number").on(run)
        .setup(x -> x.editText(RUN_JSON, t -> t.replaceFirst("\"steps\" : 10", "\"steps\" : \"10\"")))
        .args(attack).fails("at privacy.steps"));
    c.add(FaultCase.named("attack: run.json not JSON").on(run).setup(x -> x.write(RUN_JSON, "hello\n")).args(attack)
        .fails("run.json is not valid RunRecord JSON"));
    c.add(FaultCase.named("attack: run.json empty").on(run).setup(x -> x.write(RUN_JSON, "")).args(attack)
        .fails("run.json"));
    c.add(FaultCase.named("attack: run.json is JSON null").on(run).setup(x -> x.write(RUN_JSON, "null\n")).args(attack)
        .fails("run.json is empty"));
    c.add(FaultCase.named("attack: run.json with an unknown key").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> t.put("bogus", 1))).args(attack).fails("unknown key 'bogus'"));
    c.add(FaultCase.named("attack: run.json is a directory").on(run)
        .setup(x -> {
          x.delete(RUN_JSON);
          x.write("run/run.json/x", "");
        }).args(attack).fails("is not a dpaudit run"));
    c.add(FaultCase.named("attack: no such run").args("attack", "--run", "{dir}/nope", "--attack", "loss")
        .fails("nope: no such run directory"));
    c.add(FaultCase.named("attack --run \"\"").args("attack", "--run", "", "--attack", "loss")
        .fails("the run directory path is empty"));
    c.add(FaultCase.named("attack: a directory that is not a run").setup(x -> x.write("empty/.keep", ""))
        .args("attack", "--run", "{dir}/empty", "--attack", "loss").fails("is not a dpaudit run (no run.json)"));
    c.add(FaultCase.named("attack --attack bogus").on(run).args("attack", "--run", "{run}", "--attack", "bogus")
        .fails("--attack"));
    c.add(FaultCase.named("attack without --attack").on(run).args("attack", "--run", "{run}")
        .fails("Missing required option: '--attack"));
    c.add(FaultCase.named("attack lira --shadows 0").on(run).args("attack", "--run", "{run}", "--attack", "lira",
        "--shadows", "0").fails("--shadows must be at least 1"));
    c.add(FaultCase.named("attack rmia --population-samples 0").on(run).args("attack", "--run", "{run}", "--attack",
        "rmia", "--population-samples", "0").fails("--population-samples must be at least 1"));
    c.add(FaultCase.named("attack rmia --gamma -1").on(run).args("attack", "--run", "{run}", "--attack", "rmia",
        "--gamma", "-1").fails("--gamma must be positive"));
    c.add(FaultCase.named("attack while another task holds the run").on(run).lockedElsewhere().args(attack)
        .fails("is in use by process"));
    // epsilons taken on trust
    c.add(FaultCase.named("audit: accountant epsilon edited to 0.01 in run.json").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "privacy.accountantEpsilon").put("epsilon", 0.01))).args(audit)
        .fails("privacy.accountantEpsilon.epsilon is 0.01 but its ledger proves"));
    c.add(FaultCase.named("audit: accountant and claimed epsilon both edited to 0.01").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> {
          Ctx.at(t, "privacy.accountantEpsilon").put("epsilon", 0.01);
          Ctx.at(t, "privacy").put("claimedEpsilon", 0.01);
        })).args(audit).fails("but its ledger proves"));
    c.add(FaultCase.named("audit: the RDP epsilon edited").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "privacy.accountantEpsilon.rdp").put("epsilon", 0.5)))
        .args(audit).fails("privacy.accountantEpsilon.rdp.epsilon is 0.5"));
    c.add(FaultCase.named("audit: the step count edited").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "privacy").put("steps", 5))).args(audit)
        .fails("privacy.steps says 5 but the ledger records 10 steps"));
    c.add(FaultCase.named("audit: the ledger's sigma edited, epsilon kept").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> ResumeFaults.scale(Ctx.at(t, "privacy").get("ledger"),
            "noiseMultiplier", 4))).args(audit).fails("but its ledger proves"));
    c.add(FaultCase.named("audit: a caveat the ledger carries removed from run.json").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> {
          Ctx.at(t, "privacy.ledger").putArray("caveats").add("clipping threshold chosen from private data");
          Ctx.at(t, "privacy").putArray("caveats");
        })).args(audit).fails("privacy.caveats leave out caveats the ledger carries"));
    c.add(FaultCase.named("audit: an accountant epsilon recorded without a ledger").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> {
          Ctx.at(t, "privacy.ledger").putArray("entries");
          Ctx.at(t, "privacy").put("steps", 0);
        })).args(audit).fails("but no ledger that proves it"));
    // the audit's inputs
    c.add(FaultCase.named("audit: canary inclusion bits edited").on(run)
        .setup(x -> x.editText("run/canaries/inclusion.json", t -> t.replaceFirst("true", "false").equals(t)
            ? t.replaceFirst("false", "true") : t.replaceFirst("true", "false")))
        .args(audit).fails("the canary inclusion bits were changed after training"));
    c.add(FaultCase.named("audit: canary inclusion file deleted").on(run)
        .setup(x -> x.delete("run/canaries/inclusion.json")).args(audit).fails("inclusion.json is missing"));
    c.add(FaultCase.named("audit: attack scores edited after the attack").on(run)
        .setup(x -> x.editText("run/attacks/loss-scores.csv", t -> t.replaceFirst(",1,", ",0,"))).args(audit)
        .fails("does not match the SHA-256 recorded in attacks/loss.json"));
    c.add(FaultCase.named("audit: a scores row with an extra cell").on(run)
        .setup(x -> {
          x.editText("run/attacks/loss-scores.csv", t -> t.replaceFirst("\n", "\n0,1,0.5,9\n"));
          x.editJson("run/attacks/loss.json", t -> Ctx.at(t, "scores").put("sha256",
              org.dpaudit.core.io.Sha256.of(x.path("run/attacks/loss-scores.csv"))));
        }).args(audit).fails("expected 3 fields"));
    c.add(FaultCase.named("audit: an attack made from an earlier run.json").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "metrics").put("testAccuracy", 0.99))).args(audit)
        .fails("was made from a different run.json"));
    c.add(FaultCase.named("audit: attacks/loss.json with a duplicate key").on(run)
        .setup(x -> x.editText("run/attacks/loss.json", t -> t.replaceFirst("\\{", "{\n  \"auc\" : 0.5,")))
        .args(audit).fails("duplicate key 'auc'"));
    c.add(FaultCase.named("audit --attacks lira without lira results").on(run)
        .args(List.of("audit", "--run", "{run}", "--attacks", "lira")).fails("has no attacks/lira.json"));
    for (String conf : List.of("0", "1", "2", "NaN")) {
      c.add(FaultCase.named("audit --confidence " + conf).on(run).args("audit", "--run", "{run}", "--confidence", conf)
          .fails("--confidence must be"));
    }
    c.add(FaultCase.named("audit --attacks inversion").on(run).args("audit", "--run", "{run}", "--attacks", "inversion")
        .fails("inversion is not one"));
    c.add(FaultCase.named("audit --attacks bogus").on(run).args("audit", "--run", "{run}", "--attacks", "bogus")
        .fails("--attacks"));
    c.add(FaultCase.named("audit: no such run").args("audit", "--run", "{dir}/nope").fails("no such run directory"));
    c.add(FaultCase.named("audit while another task holds the run").on(run).lockedElsewhere().args(audit)
        .fails("is in use by process"));
    // reports
    c.add(FaultCase.named("report: accountant epsilon edited in run.json").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "privacy.accountantEpsilon").put("epsilon", 0.01))).args(report)
        .fails("but its ledger proves"));
    c.add(FaultCase.named("report: no such run").args("report", "--run", "{dir}/nope").fails("no such run directory"));
    c.add(FaultCase.named("report --out in a place that cannot be written").on(run)
        .args("report", "--run", "{run}", "--out", "/proc/dpaudit-report").fails("cannot write"));
    c.add(FaultCase.named("report leaves out results made before run.json changed").on(run)
        .setup(x -> x.editJson(RUN_JSON, t -> Ctx.at(t, "metrics").put("testAccuracy", 0.99))).args(report)
        .succeeds((x, r) -> {
          String html = read(x, "report.html");
          assertTrue(html.contains("Left out: results made from an earlier state of this run"), "marked");
          assertTrue(html.contains("attacks/loss.json (made before run.json changed"), "attack left out");
          assertTrue(html.contains("audit.json (made before run.json changed"), "audit left out");
        }));
    c.add(FaultCase.named("report of an EnADPP-corrected run (no RDP result)").on(FixtureRuns.Kind.ENADPP_CORRECTED)
        .args(report).succeeds((x, r) -> assertTrue(read(x, "report.html").contains("PLD"), "the PLD result is shown")));
    c.add(FaultCase.named("report of an ADPPL-corrected run (no RDP result)").on(FixtureRuns.Kind.ADPPL_CORRECTED)
        .args(report).succeeds((x, r) -> assertTrue(read(x, "report.html").contains("pure-DP"),
            "pure-DP composition shown")));
    c.add(FaultCase.named("report of an EnADPP run as published (nothing proven)").on(FixtureRuns.Kind.ENADPP)
        .args(report).succeeds((x, r) -> assertTrue(read(x, "report.html").contains("non-private release"),
            "the caveat says why no epsilon is proven")));
    c.add(FaultCase.named("report of a run in a directory named like HTML").on(run)
        .setup(x -> FixtureRuns.copyTree(x.run(), x.path("<img src=x onerror=alert(1)>")))
        .args("report", "--run", "{dir}/<img src=x onerror=alert(1)>", "--out", "{dir}")
        .succeeds((x, r) -> assertFalse(read(x, "report.html").contains("<img src=x"), "escaped")));
    c.add(FaultCase.named("compare a run with itself").on(run).args("compare", "{run}", "{run}", "--out", "{dir}/c")
        .fails("is given twice"));
    c.add(FaultCase.named("compare a run with itself spelled differently").on(run)
        .args("compare", "{run}", "{run}/.", "--out", "{dir}/c").fails("is given twice"));
    c.add(FaultCase.named("compare one run").on(run).args("compare", "{run}", "--out", "{dir}/c")
        .fails("RUN"));
    c.add(FaultCase.named("compare with a missing run").on(run).args("compare", "{run}", "{dir}/nope", "--out",
        "{dir}/c").fails("no such run directory"));
    c.add(FaultCase.named("compare two runs of the same name").on(run)
        .setup(x -> FixtureRuns.copyTree(x.run(), x.path("other/run")))
        .args("compare", "{run}", "{dir}/other/run", "--out", "{dir}/c")
        .succeeds((x, r) -> assertTrue(Files.exists(x.path("c/compare.html")))));
    c.add(FaultCase.named("diff with a missing run").on(run).args("diff", "{run}", "{dir}/nope")
        .fails("no such run directory"));
    return c;
  }

  static String read(Ctx x, String rel) {
    return x.read(rel);
  }
}
