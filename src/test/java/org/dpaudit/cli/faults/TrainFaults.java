package org.dpaudit.cli.faults;

import static org.dpaudit.cli.faults.Args.train;

import java.util.ArrayList;
import java.util.List;

/** {@code train}: impossible options and inputs, each one line before anything is written. */
final class TrainFaults {
  private TrainFaults() {}

  static List<FaultCase> cases() {
    List<FaultCase> c = new ArrayList<>();
    // sizes
    c.add(FaultCase.named("train --members 0").args(train("--members", "0")).fails("--members must be at least 1; got 0"));
    c.add(FaultCase.named("train --members -5").args(train("--members", "-5")).fails("--members must be at least 1"));
    c.add(FaultCase.named("train --non-members -1").args(train("--non-members", "-1")).fails("--non-members must be"));
    c.add(FaultCase.named("train --attacker-pool -1").args(train("--attacker-pool", "-1")).fails("--attacker-pool must be"));
    c.add(FaultCase.named("train --test 0").args(train("--test", "0")).fails("--test must be at least 1"));
    c.add(FaultCase.named("train --batch-size 0").args(train("--batch-size", "0")).fails("--batch-size must be at least 1"));
    c.add(FaultCase.named("train --batch-size above the members (q > 1)")
        .args(train("--batch-size", "100000", "--members", "500")).fails("--batch-size 100000 is more than the 500"));
    c.add(FaultCase.named("train --batch-size above members plus half the canaries")
        .args(train("--batch-size", "211", "--members", "200", "--canaries", "20")).fails("plus half the --canaries"));
    c.add(FaultCase.named("train --epochs 0").args(train("--epochs", "0")).fails("--epochs must be at least 1"));
    c.add(FaultCase.named("train --canaries -1").args(train("--canaries", "-1")).fails("--canaries must be"));
    c.add(FaultCase.named("train --checkpoint-every -1").args(train("--checkpoint-every", "-1"))
        .fails("--checkpoint-every must be at least 0"));
    c.add(FaultCase.named("train --members 70000 (more than MNIST has)").args(train("--members", "70000"))
        .fails("70000"));
    c.add(FaultCase.named("train --canaries 100000 (more than are left)").args(train("--canaries", "100000",
        "--batch-size", "50")).fails("canaries"));
    // numbers
    for (String lr : List.of("0", "-1", "NaN", "Infinity")) {
      c.add(FaultCase.named("train --lr " + lr).args(train("--lr", lr)).fails("--lr must be positive and finite"));
    }
    c.add(FaultCase.named("train --momentum 1").args(train("--momentum", "1")).fails("--momentum must be in [0, 1)"));
    c.add(FaultCase.named("train --momentum -0.1").args(train("--momentum", "-0.1")).fails("--momentum must be"));
    for (String d : List.of("0", "1", "NaN", "-1e-5")) {
      c.add(FaultCase.named("train --delta " + d).args(train("--delta", d)).fails("--delta must be"));
    }
    for (String e : List.of("0", "-1", "NaN", "Infinity")) {
      c.add(FaultCase.named("train --epsilon " + e).args(train("--noise-multiplier", null, "--epsilon", e))
          .fails("--epsilon must be positive and finite"));
    }
    c.add(FaultCase.named("train --noise-multiplier -1").args(train("--noise-multiplier", "-1"))
        .fails("--noise-multiplier must be non-negative"));
    c.add(FaultCase.named("train --noise-multiplier NaN").args(train("--noise-multiplier", "NaN"))
        .fails("--noise-multiplier must be"));
    c.add(FaultCase.named("train --clip 0").args(train("--clip", "0")).fails("--clip must be positive"));
    c.add(FaultCase.named("train --clip -1").args(train("--clip", "-1")).fails("--clip must be positive"));
    c.add(FaultCase.named("train --workers 0 (collab-dp)").args(train("--scheme", "collab-dp", "--workers", "0"))
        .fails("--workers must be at least 1"));
    c.add(FaultCase.named("train --workers with dpsgd").args(train("--workers", "2"))
        .fails("--workers is an option of collab-dp"));
    // combinations
    c.add(FaultCase.named("train --scheme nonprivate --epsilon 2 (epsilon would be dropped)")
        .args(train("--scheme", "nonprivate", "--noise-multiplier", null, "--epsilon", "2"))
        .fails("--scheme nonprivate adds no noise and claims no epsilon; drop --epsilon"));
    c.add(FaultCase.named("train --scheme nonprivate --noise-multiplier 1")
        .args(train("--scheme", "nonprivate")).fails("drop --noise-multiplier"));
    c.add(FaultCase.named("train dpsgd without --epsilon or --noise-multiplier")
        .args(train("--noise-multiplier", null)).fails("needs --epsilon or --noise-multiplier"));
    c.add(FaultCase.named("train --epsilon with --noise-multiplier").args(train("--epsilon", "2"))
        .fails("not both"));
    c.add(FaultCase.named("train --resume with --force").args(train("--resume", "", "--force", ""))
        .fails("give one of them"));
    // names and enumerations
    c.add(FaultCase.named("train --scheme bogus").args(train("--scheme", "bogus")).fails("unknown scheme 'bogus'"));
    c.add(FaultCase.named("train --model bogus").args(train("--model", "bogus")).fails("unknown model 'bogus'"));
    c.add(FaultCase.named("train --dataset bogus").args(train("--dataset", "bogus")).fails("unknown dataset 'bogus'"));
    for (String opt : List.of("--optimizer", "--sampler", "--lr-schedule", "--device", "--conv-grad", "--canary-kind")) {
      c.add(FaultCase.named("train " + opt + " bogus").args(train(opt, "bogus")).fails(opt));
    }
    c.add(FaultCase.named("train --epochs abc").args(train("--epochs", "abc")).fails("--epochs"));
    c.add(FaultCase.named("train --members 1e3").args(train("--members", "1e3")).fails("--members"));
    c.add(FaultCase.named("train --seed abc").args(train("--seed", "abc")).fails("--seed"));
    c.add(FaultCase.named("train --seed with --secure").args(train("--secure", "")).fails("mutually exclusive"));
    c.add(FaultCase.named("train --frobnicate").args(train("--frobnicate", "")).fails("Unknown option: '--frobnicate'"));
    c.add(FaultCase.named("train --scheme-option without =").args(train("--scheme-option", "decay"))
        .fails("--scheme-option"));
    c.add(FaultCase.named("train --scheme-option unknown key").args(train("--scheme-option", "bogus=1"))
        .fails("bogus"));
    c.add(FaultCase.named("train --scheme-option bad value").args(train("--scheme", "appdl", "--scheme-option",
        "decay-rate=-1")).fails("decay-rate"));
    // where to write
    c.add(FaultCase.named("train --out \"\"").args(train("--out", "")).fails("Missing required parameter for option '--out'"));
    c.add(FaultCase.named("train without --out").args(train("--out", null)).fails("Missing required option: '--out"));
    c.add(FaultCase.named("train --out an existing file").setup(x -> x.write("file", "the user's"))
        .args(train("--out", "{dir}/file")).fails("exists and is not a directory"));
    c.add(FaultCase.named("train --out a directory of other files").setup(x -> x.write("project/notes.txt", "mine"))
        .args(train("--out", "{dir}/project")).fails("holds other files and no dpaudit run"));
    c.add(FaultCase.named("train --resume without a checkpoint").args(train("--resume", ""))
        .fails("no checkpoint to resume from"));
    // data given by path
    c.add(FaultCase.named("train --dataset csv without --path").args(train("--dataset", "csv")).fails("--path"));
    c.add(FaultCase.named("train --dataset mnist with --path").args(train("--path", "{dir}/x.csv"))
        .fails("--path is for cifar10 and csv"));
    c.add(FaultCase.named("train --dataset csv --path /dev/zero").args(train("--dataset", "csv", "--path", "/dev/zero"))
        .fails("/dev/zero: not a regular file"));
    c.add(FaultCase.named("train --dataset csv --path missing").args(train("--dataset", "csv", "--path", "{dir}/no.csv"))
        .fails("no.csv: no such file"));
    c.add(FaultCase.named("train --dataset csv with a duplicate header").setup(x -> x.write("t.csv",
        "a,a,label\n1,2,0\n3,4,1\n")).args(train("--dataset", "csv", "--path", "{dir}/t.csv")).fails("duplicate"));
    c.add(FaultCase.named("train --dataset csv with a word in a cell").setup(x -> x.write("t.csv",
        "a,b,label\n1,x,0\n3,4,1\n")).args(train("--dataset", "csv", "--path", "{dir}/t.csv"))
        .fails("'x' is not a number"));
    c.add(FaultCase.named("train --dataset csv with a short row").setup(x -> x.write("t.csv",
        "a,b,label\n1,2,0\n3,1\n")).args(train("--dataset", "csv", "--path", "{dir}/t.csv")).fails("cells"));
    c.add(FaultCase.named("train --dataset csv without a label column").setup(x -> x.write("t.csv",
        "a,b,c\n1,2,0\n3,4,1\n")).args(train("--dataset", "csv", "--path", "{dir}/t.csv"))
        .fails("no label column 'label'"));
    c.add(FaultCase.named("train --dataset csv with a header only").setup(x -> x.write("t.csv", "a,b,label\n"))
        .args(train("--dataset", "csv", "--path", "{dir}/t.csv")).fails("no rows"));
    c.add(FaultCase.named("train --dataset cifar10 --path missing").args(train("--dataset", "cifar10", "--path",
        "{dir}/nope")).fails("nope"));
    return c;
  }
}
