package org.dpaudit.cli.faults;

import java.util.ArrayList;
import java.util.List;

/** Command lines for the corpus: a valid one with options replaced, added or dropped. */
final class Args {
  private Args() {}

  /** A small valid {@code train} into {@code {dir}/new}. */
  static final List<String> TRAIN = List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist",
      "--members", "200", "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--noise-multiplier", "1",
      "--batch-size", "50", "--epochs", "1", "--seed", "1", "--out", "{dir}/new");

  /**
   * {@code base} with each (option, value) pair of {@code changes} applied: the option's value
   * replaced (or the option added when absent); a null value drops the option, and a value of
   * {@code ""} after a flag adds the flag alone.
   */
  static List<String> with(List<String> base, String... changes) {
    List<String> out = new ArrayList<>(base);
    for (int i = 0; i < changes.length; i += 2) {
      String opt = changes[i];
      String value = changes[i + 1];
      int at = out.indexOf(opt);
      boolean flag = at >= 0 && (at + 1 >= out.size() || out.get(at + 1).startsWith("--"));
      if (at >= 0) {
        out.remove(at);
        if (!flag) {
          out.remove(at);
        }
      }
      if (value != null) {
        int where = at >= 0 ? at : out.size();
        out.add(where, opt);
        if (!value.isEmpty()) {
          out.add(where + 1, value);
        }
      }
    }
    return out;
  }

  /** {@code train} with {@code changes} (see {@link #with}). */
  static List<String> train(String... changes) {
    return with(TRAIN, changes);
  }

  /** The fixture run's own {@code train} command into {@code {run}}, with {@code changes}, plus {@code --resume}. */
  static List<String> resume(String... changes) {
    List<String> a = with(FixtureRuns.RUN_ARGS, changes);
    a.addAll(List.of("--out", "{run}", "--resume"));
    return a;
  }
}
