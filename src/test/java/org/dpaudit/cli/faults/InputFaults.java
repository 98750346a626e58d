package org.dpaudit.cli.faults;

import java.util.ArrayList;
import java.util.List;

/** {@code import}, {@code datasets}, {@code accountant}, the audit calculators, {@code experiment}, the root. */
final class InputFaults {
  private InputFaults() {}

  /** A scores CSV header for MNIST's 10 classes. */
  static final String SCORES_HEADER = "example,label,member,logit_0,logit_1,logit_2,logit_3,logit_4,logit_5,logit_6,"
      + "logit_7,logit_8,logit_9\n";

  static List<FaultCase> cases() {
    List<FaultCase> c = new ArrayList<>();
    List<String> scores = List.of("import", "--scores", "{dir}/s.csv", "--dataset", "mnist", "--out", "{dir}/imp");
    c.add(FaultCase.named("import --scores missing").args(scores).fails("s.csv: no such file"));
    c.add(FaultCase.named("import --scores /dev/zero").args("import", "--scores", "/dev/zero", "--dataset", "mnist",
        "--out", "{dir}/imp").fails("/dev/zero: not a regular file"));
    c.add(scoresCase("a duplicate header", SCORES_HEADER.replace("logit_9", "logit_8") + "0,5,1,0,0,0,0,0,0,0,0,0,0\n",
        "duplicate"));
    c.add(scoresCase("a row with an extra cell", SCORES_HEADER + "0,5,1,0,0,0,0,0,0,0,0,0,0,7\n",
        "line 2 has 14 cells, the header has 13"));
    c.add(scoresCase("a row with a missing cell", SCORES_HEADER + "0,5,1,0,0,0,0,0,0,0,0,0\n", "cells"));
    c.add(scoresCase("no member column", SCORES_HEADER.replace("member", "memb") + "0,5,1,0,0,0,0,0,0,0,0,0,0\n",
        "no 'member' column"));
    c.add(scoresCase("member 2", SCORES_HEADER + "0,5,2,0,0,0,0,0,0,0,0,0,0\n", "member must be 0 or 1"));
    c.add(scoresCase("a word for a logit", SCORES_HEADER + "0,5,1,x,0,0,0,0,0,0,0,0,0\n", "'x'"));
    c.add(scoresCase("an example twice", SCORES_HEADER + "0,5,1,0,0,0,0,0,0,0,0,0,0\n0,5,0,0,0,0,0,0,0,0,0,0,0\n",
        "appears twice"));
    c.add(scoresCase("members only", SCORES_HEADER + "0,5,1,0,0,0,0,0,0,0,0,0,0\n", "needs both members"));
    c.add(scoresCase("a label MNIST disagrees with", SCORES_HEADER + "0,0,1,0,0,0,0,0,0,0,0,0,0\n"
        + "1,0,0,0,0,0,0,0,0,0,0,0,0\n", "has label 0 but mnist says 5"));
    c.add(FaultCase.named("import --scores with --members").setup(x -> x.write("s.csv", SCORES_HEADER))
        .args(Args.with(scores, "--members", "{dir}/m.txt")).fails("--scores carries membership itself"));
    c.add(FaultCase.named("import --torchscript without --members").args("import", "--torchscript", "{dir}/m.pt",
        "--dataset", "mnist", "--out", "{dir}/imp").fails("a model import needs --members"));
    c.add(FaultCase.named("import --torchscript missing").setup(x -> x.write("m.txt", "0\n1\n2\n"))
        .args("import", "--torchscript", "{dir}/m.pt", "--members", "{dir}/m.txt", "--dataset", "mnist", "--out",
            "{dir}/imp").fails("m.pt: no such file"));
    c.add(FaultCase.named("import --torchscript not a model").setup(x -> {
      x.write("m.txt", "0\n1\n2\n");
      x.write("m.pt", "not a TorchScript archive");
    }).args("import", "--torchscript", "{dir}/m.pt", "--members", "{dir}/m.txt", "--dataset", "mnist", "--out",
        "{dir}/imp").fails("m.pt"));
    c.add(FaultCase.named("import --members with a word").setup(x -> {
      x.write("m.txt", "0\nseven\n");
      x.write("m.pt", "x");
    }).args("import", "--torchscript", "{dir}/m.pt", "--members", "{dir}/m.txt", "--dataset", "mnist", "--out",
        "{dir}/imp").fails("m.txt"));
    c.add(FaultCase.named("import --members with an index past the data").setup(x -> {
      x.write("m.txt", "0\n999999\n");
      x.write("m.pt", "x");
    }).args("import", "--torchscript", "{dir}/m.pt", "--members", "{dir}/m.txt", "--dataset", "mnist", "--out",
        "{dir}/imp").fails("999999"));
    c.add(FaultCase.named("import both --torchscript and --scores").args("import", "--torchscript", "{dir}/m.pt",
        "--scores", "{dir}/s.csv", "--dataset", "mnist", "--out", "{dir}/imp").fails("mutually exclusive"));
    c.add(FaultCase.named("import --out \"\"").setup(x -> x.write("s.csv", SCORES_HEADER))
        .args(Args.with(scores, "--out", "")).fails("Missing required parameter for option '--out'"));
    c.add(FaultCase.named("import --out an existing file").setup(x -> {
      x.write("s.csv", SCORES_HEADER);
      x.write("imp", "the user's");
    }).args(scores).fails("exists and is not a directory"));
    c.add(FaultCase.named("import --scores into a killed training's checkpoint").on(FixtureRuns.Kind.RESUMABLE)
        .setup(x -> x.write("s.csv", SCORES_HEADER + "0,5,1,0,0,0,0,0,0,0,0,0,0\n1,0,0,0,0,0,0,0,0,0,0,0,0\n"))
        .args(Args.with(scores, "--out", "{run}")).fails("already holds a run"));
    c.add(FaultCase.named("import --claimed-epsilon -1").args(Args.with(scores, "--claimed-epsilon", "-1"))
        .fails("--claimed-epsilon must be"));
    c.add(FaultCase.named("import --delta 2").args(Args.with(scores, "--delta", "2")).fails("--delta must be"));
    c.add(FaultCase.named("import --attacker-pool -1").args(Args.with(scores, "--attacker-pool", "-1"))
        .fails("--attacker-pool must be"));
    // datasets
    c.add(FaultCase.named("datasets info csv --path /dev/zero").args("datasets", "info", "csv", "--path", "/dev/zero")
        .fails("/dev/zero: not a regular file"));
    c.add(FaultCase.named("datasets info csv with a duplicate header").setup(x -> x.write("t.csv",
        "a,a,label\n1,2,0\n")).args("datasets", "info", "csv", "--path", "{dir}/t.csv").fails("duplicate"));
    c.add(FaultCase.named("datasets info --path missing").args("datasets", "info", "--path", "{dir}/nope")
        .fails("nope"));
    c.add(FaultCase.named("datasets info --path a truncated IDX file").setup(x -> x.write("t-idx3-ubyte",
        "\u0000\u0000\u0008\u0003")).args("datasets", "info", "--path", "{dir}/t-idx3-ubyte").fails("t-idx3-ubyte"));
    c.add(FaultCase.named("datasets info bogus").args("datasets", "info", "bogus").fails("bogus"));
    c.add(FaultCase.named("datasets fetch bogus").args("datasets", "fetch", "bogus").fails("bogus"));
    // accountant
    List<String> acc = List.of("accountant", "--sampling-rate", "0.01", "--noise-multiplier", "1", "--steps", "100",
        "--delta", "1e-5");
    c.add(FaultCase.named("accountant --sampling-rate 1.5").args(Args.with(acc, "--sampling-rate", "1.5"))
        .fails("--sampling-rate must be in (0, 1]; got 1.5"));
    c.add(FaultCase.named("accountant --noise-multiplier NaN").args(Args.with(acc, "--noise-multiplier", "NaN"))
        .fails("--noise-multiplier"));
    c.add(FaultCase.named("accountant --delta 0").args(Args.with(acc, "--delta", "0")).fails("--delta"));
    c.add(FaultCase.named("accountant --steps 0").args(Args.with(acc, "--steps", "0")).fails("--steps"));
    c.add(FaultCase.named("accountant without --delta").args(Args.with(acc, "--delta", null)).fails("--delta"));
    c.add(FaultCase.named("accountant --accountant bogus").args(Args.with(acc, "--accountant", "bogus"))
        .fails("--accountant"));
    c.add(FaultCase.named("accountant --target-epsilon with --noise-multiplier")
        .args(Args.with(acc, "--target-epsilon", "1")).fails("--target-epsilon"));
    // audit calculators
    List<String> bound = List.of("audit", "bound", "--tp", "600", "--fn", "400", "--fp", "50", "--tn", "950",
        "--delta", "1e-5");
    c.add(FaultCase.named("audit bound --tp -1").args(Args.with(bound, "--tp", "-1")).fails("--tp"));
    c.add(FaultCase.named("audit bound --delta 2").args(Args.with(bound, "--delta", "2")).fails("--delta"));
    c.add(FaultCase.named("audit one-run --canaries 0").args("audit", "one-run", "--canaries", "0", "--guesses", "0",
        "--correct", "0", "--delta", "1e-5").fails("--canaries"));
    c.add(FaultCase.named("audit one-run more correct than guesses").args("audit", "one-run", "--canaries", "100",
        "--guesses", "10", "--correct", "11", "--delta", "1e-5").fails("--correct"));
    // experiment
    c.add(FaultCase.named("experiment with an unknown preset").args("experiment", "bogus-preset", "--out", "{dir}/x")
        .fails("bogus-preset"));
    c.add(FaultCase.named("experiment preset file with a duplicate key").setup(x -> x.write("p.json",
        "{\"name\": \"a\", \"name\": \"b\"}")).args("experiment", "{dir}/p.json", "--out", "{dir}/x")
        .fails("duplicate key 'name'"));
    c.add(FaultCase.named("experiment preset file /dev/zero").args("experiment", "/dev/zero", "--out", "{dir}/x")
        .fails("/dev/zero"));
    c.add(FaultCase.named("experiment without a preset").args("experiment", "--out", "{dir}/x")
        .fails("give a preset"));
    c.add(FaultCase.named("experiment --data cifar10=missing").args("experiment", "seed002", "--data",
        "cifar10={dir}/nope", "--out", "{dir}/x").fails("does not exist"));
    // the root
    c.add(FaultCase.named("an unknown command").args("frobnicate").fails("frobnicate"));
    c.add(FaultCase.named("an unknown root option").args("--frobnicate").fails("Unknown option: '--frobnicate'"));
    return c;
  }

  private static FaultCase scoresCase(String what, String csv, String expected) {
    return FaultCase.named("import --scores with " + what).setup(x -> x.write("s.csv", csv))
        .args("import", "--scores", "{dir}/s.csv", "--dataset", "mnist", "--out", "{dir}/imp").fails(expected);
  }
}
