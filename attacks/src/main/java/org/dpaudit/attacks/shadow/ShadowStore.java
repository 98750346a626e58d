package org.dpaudit.attacks.shadow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;

/**
 * dpaudit's own shadow models, kept: {@code runs/NAME/shadows/<attack>/plan.json} and one {@link
 * ShadowScoresFile} per model ({@code shadow-0000.csv}, ...), each written atomically as soon as its
 * model is trained. A later attack with the same recipe fingerprint reuses the plan and every
 * finished file; a killed attack, run again, trains only what is missing.
 *
 * <p>A file is reused only when it carries the plan's fingerprint and its shadow number and covers
 * exactly the plan's evaluation examples with the plan's membership; anything else is trained again
 * and overwritten. The directory is in the format users give with {@code --shadow-scores}.
 */
public final class ShadowStore {
  static final String PLAN = "plan.json";

  private final Path dir;

  /** The store of {@code attack}'s shadows under {@code shadowsDir} ({@code runs/NAME/shadows}). */
  public ShadowStore(Path shadowsDir, String attack) {
    this.dir = shadowsDir.resolve(attack);
  }

  /** Where the files are. */
  public Path directory() {
    return dir;
  }

  /**
   * The recipe fingerprint: SHA-256 of everything that decides what the shadows are (the attack and
   * its settings, the training recipe, the target's split and data, the randomness), so equal
   * fingerprints mean interchangeable shadows.
   *
   * @param settings the attack's settings that shape its plan (number of models, population samples)
   * @param data what identifies the data (the dataset card's file hashes and the split fingerprint)
   */
  public static String fingerprint(String attack, ShadowRecipe recipe, Map<String, Object> settings, Object data,
      Randomness randomness) {
    Map<String, Object> what = new LinkedHashMap<>();
    what.put("format", ShadowScoresFile.FORMAT_LINE);
    what.put("attack", attack);
    what.put("settings", settings);
    what.put("recipe", recipe.config());
    what.put("data", data);
    what.put("randomness", randomness.mode() + (randomness.seed().isPresent() ? " " + randomness.seed().getAsLong()
        : ""));
    return Sha256.of(Json.write(what).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The stored plan when it has this fingerprint, else {@code fresh}'s, stored. */
  public ShadowPlan plan(String recipe, Supplier<ShadowPlan> fresh) {
    Path file = dir.resolve(PLAN);
    if (Files.isRegularFile(file)) {
      try {
        ShadowPlan old = Json.read(file, ShadowPlan.class);
        if (recipe.equals(old.recipe()) && old.schemaVersion() == ShadowPlan.SCHEMA_VERSION) {
          return old;
        }
      } catch (DpauditException unreadable) {
        // a plan of another layout or a damaged file: make a new one
      }
    }
    ShadowPlan p = fresh.get();
    Json.writeFile(file, p);
    return p;
  }

  /**
   * Every model of {@code plan}: read from its file when finished, else trained (in groups of the
   * trainer's size) and written.
   */
  public List<ShadowScores> scores(ShadowPlan plan, Dataset population, ShadowTrainer trainer, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress) {
    int n = plan.size();
    ShadowScores[] out = new ShadowScores[n];
    List<Integer> missing = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out[k] = reusable(plan, k);
      if (out[k] == null) {
        missing.add(k);
      }
    }
    if (missing.size() < n) {
      progress.accept("reusing " + (n - missing.size()) + " of " + n + " shadow models finished earlier (" + dir + ")");
    }
    int[] eval = plan.evalIdx();
    int[] labels = population.gatherLabels(eval);
    int group = Math.max(1, trainer.groupSize());
    long t0 = System.nanoTime();
    int done = 0;
    for (int from = 0; from < missing.size(); ) {
      // Models train together only within the same slot of `group` (0-7, 8-15, ...), so a resumed
      // attack trains a model exactly as an uninterrupted one would.
      int slot = missing.get(from) / group;
      int to = from;
      while (to < missing.size() && missing.get(to) / group == slot) {
        to++;
      }
      int[] ids = missing.subList(from, to).stream().mapToInt(Integer::intValue).toArray();
      List<int[]> sets = new ArrayList<>();
      for (int k : ids) {
        sets.add(plan.trainSets().get(k));
      }
      float[][] logits = trainer.trainAndPredict(population, sets, ids, eval, recipe, randomness, progress);
      for (int j = 0; j < ids.length; j++) {
        int k = ids[j];
        out[k] = ShadowScores.ofLogits(fileName(k), plan.recipe(), eval, inFlags(plan.trainSets().get(k), eval),
            labels, logits[j], population.numClasses());
        ShadowScoresFile.write(dir.resolve(fileName(k)), out[k], k);
      }
      done += ids.length;
      double s = (System.nanoTime() - t0) / 1e9;
      progress.accept(String.format("shadow models: %d of %d trained and saved (%.0f s, about %.0f s left)", done,
          missing.size(), s, s / done * (missing.size() - done)));
      from = to;
    }
    return List.of(out);
  }

  private ShadowScores reusable(ShadowPlan plan, int k) {
    Path f = dir.resolve(fileName(k));
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      ShadowScoresFile.Parsed p = ShadowScoresFile.parse(f);
      ShadowScores s = p.scores();
      boolean ok = plan.recipe().equals(s.recipe()) && p.header().shadow() != null && p.header().shadow() == k
          && Arrays.equals(plan.evalIdx(), s.examples())
          && Arrays.equals(inFlags(plan.trainSets().get(k), plan.evalIdx()), s.in(plan.evalIdx()));
      return ok ? s : null;
    } catch (DpauditException damaged) {
      return null; // trained again and overwritten
    }
  }

  static String fileName(int k) {
    return String.format("shadow-%04d.csv", k);
  }

  /** Membership of {@code eval} in the sorted {@code set}. */
  static boolean[] inFlags(int[] set, int[] eval) {
    boolean[] in = new boolean[eval.length];
    for (int i = 0; i < eval.length; i++) {
      in[i] = Arrays.binarySearch(set, eval[i]) >= 0;
    }
    return in;
  }
}
