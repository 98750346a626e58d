package org.dpaudit.cli.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.io.RunLayout;

/**
 * The real runs the fault corpus works on, trained once per test JVM (a few seconds each: a small MLP
 * on 200 MNIST members) and copied into each case's directory.
 */
final class FixtureRuns {
  /** Which run a case works on. */
  enum Kind {
    /** None: the case makes its own files. */
    NONE,
    /** DP-SGD, 20 canaries, 10 steps (public size 210, batch 50), seeded; attacked (loss) and audited. */
    RUN,
    /** {@link #RUN} killed after its last checkpoint: no run.json, attacks or audit; {@code --resume} finishes it. */
    RESUMABLE,
    /** EnADPP as published (its ledger records the released noise scales: no finite epsilon proven). */
    ENADPP,
    /** EnADPP corrected (Laplace noise: no RDP result, a PLD one). */
    ENADPP_CORRECTED,
    /** ADPPL corrected (Laplace noise: pure-DP composition). */
    ADPPL_CORRECTED
  }

  /** The options {@link Kind#RUN} was trained with (without {@code --out}). */
  static final List<String> RUN_ARGS = List.of("train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist",
      "--members", "200", "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--noise-multiplier", "1",
      "--batch-size", "50", "--epochs", "2", "--lr", "0.1", "--canaries", "20", "--checkpoint-every", "2", "--seed",
      "1");

  private static final List<String> LAPLACE_ARGS = List.of("--model", "mlp", "--dataset", "mnist", "--members", "200",
      "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--epsilon", "2", "--batch-size", "50",
      "--epochs", "1", "--seed", "1");

  private static final Map<Kind, Path> RUNS = new EnumMap<>(Kind.class);

  private FixtureRuns() {}

  /** The run of {@code kind}, trained on first use under {@code root}. */
  static synchronized Path get(Kind kind, Path root) {
    Path have = RUNS.get(kind);
    if (have != null) {
      return have;
    }
    Path run = root.resolve(kind.name().toLowerCase(java.util.Locale.ROOT));
    switch (kind) {
      case RUN -> {
        ok(with(RUN_ARGS, "--out", run.toString()));
        ok(List.of("attack", "--run", run.toString(), "--attack", "loss", "--seed", "1"));
        ok(List.of("audit", "--run", run.toString(), "--seed", "1"));
      }
      case RESUMABLE -> {
        copyTree(get(Kind.RUN, root), run);
        for (String rel : List.of("run.json", "audit.json", "attacks")) {
          deleteTree(run.resolve(rel));
        }
      }
      case ENADPP, ENADPP_CORRECTED, ADPPL_CORRECTED -> ok(with(with(List.of("train", "--scheme",
          kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')), LAPLACE_ARGS), "--out", run.toString()));
      default -> throw new IllegalArgumentException(kind.name());
    }
    RUNS.put(kind, run);
    return run;
  }

  private static List<String> with(List<String> a, String... more) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  private static List<String> with(List<String> a, List<String> more) {
    List<String> out = new ArrayList<>(a);
    out.addAll(more);
    return out;
  }

  private static void ok(List<String> args) {
    CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("fixture command failed: " + String.join(" ", args) + ": " + r.err());
    }
  }

  /** Copies {@code from} to {@code to} (no lock file: the copy is a run of its own). */
  static void copyTree(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().equals(RunLayout.LOCK)) {
          continue;
        }
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
