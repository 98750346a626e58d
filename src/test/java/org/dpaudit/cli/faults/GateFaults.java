package org.dpaudit.cli.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** {@code gate}: lenient or hostile policies, audits that the run does not back, unwritable outputs. */
final class GateFaults {
  private GateFaults() {}

  private static final String OK_POLICY = "{\"accountantEpsilon\": {\"max\": 10}, \"failOnClaimViolated\": false}\n";

  static List<FaultCase> cases() {
    List<FaultCase> c = new ArrayList<>();
    FixtureRuns.Kind run = FixtureRuns.Kind.RUN;
    List<String> gate = List.of("gate", "--policy", "{dir}/policy.json", "--run", "{run}");
    c.add(policy("a duplicate key", "{\"accountantEpsilon\": {\"max\": 1, \"max\": 30}}", "duplicate key 'max'"));
    c.add(policy("trailing garbage", "{\"accountantEpsilon\": {\"max\": 3}} trailing", "not a valid policy"));
    c.add(policy("a second object after the first", "{\"accountantEpsilon\": {\"max\": 3}} {}",
        "unexpected content after the end"));
    c.add(policy("\"max\": \"3\" (a string for a number)", "{\"accountantEpsilon\": {\"max\": \"3\"}}",
        "at accountantEpsilon.max"));
    c.add(policy("\"max\": true", "{\"accountantEpsilon\": {\"max\": true}}", "at accountantEpsilon.max"));
    c.add(policy("a number for a boolean", "{\"failOnClaimViolated\": 0}", "at failOnClaimViolated"));
    c.add(policy("a misspelt field", "{\"acountantEpsilon\": {\"max\": 3}}", "unknown field 'acountantEpsilon'"));
    c.add(policy("an empty file", "", "not a valid policy"));
    c.add(policy("JSON null", "null", "the policy is empty"));
    c.add(policy("a negative limit", "{\"accountantEpsilon\": {\"max\": -1}}", "accountantEpsilon.max must be"));
    c.add(policy("an FPR of 0", "{\"tprAtFpr\": [{\"fpr\": 0, \"max\": 0.1}]}", "tprAtFpr[0].fpr must be"));
    c.add(policy("schemaVersion 2", "{\"schemaVersion\": 2}", "schemaVersion must be 1"));
    c.add(policy("not JSON", "max accountant epsilon 3", "not a valid policy"));
    c.add(policy("nested 100000 deep", "[".repeat(100_000), "not a valid policy"));
    c.add(policy("a limit on an attack the audit does not have", "{\"auc\": [{\"attack\": \"lira\", \"max\": 0.6}]}",
        "has no such attack"));
    c.add(FaultCase.named("gate --policy /dev/zero").on(run).args("gate", "--policy", "/dev/zero", "--run", "{run}")
        .fails("/dev/zero: not a regular file"));
    c.add(FaultCase.named("gate --policy missing").on(run).args(gate).fails("no such policy file"));
    c.add(FaultCase.named("gate --policy a directory").on(run).setup(x -> x.write("policy.json/x", ""))
        .args(gate).fails("is a directory"));
    c.add(FaultCase.named("gate --junit /proc/x.xml writes neither file").on(run).setup(x -> x.write("policy.json",
        OK_POLICY)).args(List.of("gate", "--policy", "{dir}/policy.json", "--run", "{run}", "--junit",
            "/proc/dpaudit-x.xml")).fails("cannot write /proc/dpaudit-x.xml"));
    c.add(audit("accountantEpsilon edited to 0.01 in audit.json", "accountantEpsilon", "0.01",
        "audit.json: accountantEpsilon is 0.01 but the run's is"));
    c.add(audit("claimedEpsilon edited in audit.json", "claimedEpsilon", "100", "claimedEpsilon is 100.0"));
    c.add(audit("another run's name in audit.json", "run", "\"other\"", "audits run 'other'"));
    c.add(audit("an unknown verdict in audit.json", "verdict", "\"fine\"", "audit.json is not valid"));
    c.add(audit("a string for a number in audit.json", "delta", "\"1e-5\"", "at delta"));
    c.add(audit("audit.json from a newer dpaudit", "schemaVersion", "99",
        "audit.json has schemaVersion 99, written by a newer dpaudit; this one reads audit.json schema 2 to "));
    c.add(audit("audit.json schema 1 (verdicts by withdrawn rules)", "schemaVersion", "1",
        "audit.json has schemaVersion 1, written by an older dpaudit; this one reads audit.json schema 2 to 3: run "
            + "'dpaudit audit --run' again"));
    c.add(FaultCase.named("gate: audit.json with a duplicate key").on(run).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.editText("run/audit.json", t -> t.replaceFirst("\\{", "{\n  \"leaks\" : false,"));
    }).args(gate).fails("duplicate key 'leaks'"));
    c.add(FaultCase.named("gate: run.json changed after the audit").on(run).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.editJson("run/run.json", t -> Ctx.at(t, "metrics").put("testAccuracy", 0.99));
    }).args(gate).fails("is out of date: run.json changed since the audit"));
    c.add(FaultCase.named("gate: model swapped after the audit").on(run).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.flipByte("run/model/model-0000.params", 4242);
    }).args(gate).fails("the model was changed after training"));
    c.add(FaultCase.named("gate: accountant epsilon edited in run.json and audit.json").on(run).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.editJson("run/run.json", t -> Ctx.at(t, "privacy.accountantEpsilon").put("epsilon", 0.01));
      x.editJson("run/audit.json", t -> t.put("accountantEpsilon", 0.01));
    }).args(gate).fails("but its ledger proves"));
    c.add(FaultCase.named("gate: no audit.json").on(run).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.delete("run/audit.json");
    }).args(gate).fails("has no audit.json"));
    c.add(FaultCase.named("gate --baseline missing").on(run).setup(x -> x.write("policy.json", OK_POLICY))
        .args(List.of("gate", "--policy", "{dir}/policy.json", "--run", "{run}", "--baseline", "{dir}/nope"))
        .fails("no such run directory"));
    c.add(FaultCase.named("gate --run missing").setup(x -> x.write("policy.json", OK_POLICY))
        .args("gate", "--policy", "{dir}/policy.json", "--run", "{dir}/nope").fails("no such run directory"));
    c.add(FaultCase.named("gate without --run").setup(x -> x.write("policy.json", OK_POLICY))
        .args("gate", "--policy", "{dir}/policy.json").fails("Missing required option: '--run"));
    c.add(FaultCase.named("gate while another task holds the run").on(run).lockedElsewhere()
        .setup(x -> x.write("policy.json", OK_POLICY)).args(gate).fails("is in use by process"));
    c.add(FaultCase.named("gate passes and writes gate.json and the JUnit file").on(run)
        .setup(x -> x.write("policy.json", OK_POLICY))
        .args(List.of("gate", "--policy", "{dir}/policy.json", "--run", "{run}", "--junit", "{dir}/out/gate.xml"))
        .succeeds((x, r) -> {
          assertTrue(Files.isRegularFile(x.path("run/gate.json")));
          assertTrue(Files.isRegularFile(x.path("out/gate.xml")));
        }));
    return c;
  }

  private static FaultCase policy(String what, String text, String expected) {
    return FaultCase.named("gate: a policy with " + what).on(FixtureRuns.Kind.RUN)
        .setup(x -> x.write("policy.json", text))
        .args("gate", "--policy", "{dir}/policy.json", "--run", "{run}").fails(expected);
  }

  private static FaultCase audit(String what, String key, String json, String expected) {
    return FaultCase.named("gate: " + what).on(FixtureRuns.Kind.RUN).setup(x -> {
      x.write("policy.json", OK_POLICY);
      x.editJson("run/audit.json", t -> t.set(key, org.dpaudit.core.io.Json.readTree(json, "edit")));
    }).args("gate", "--policy", "{dir}/policy.json", "--run", "{run}").fails(expected);
  }
}
