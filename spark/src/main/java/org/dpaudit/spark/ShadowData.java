package org.dpaudit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.dpaudit.datasets.Dataset;

/**
 * The examples a set of shadow models needs, sent to the executors once as a Spark broadcast: the
 * rows of the population that some model trains on or is evaluated on (in population order), with
 * every index list renumbered into them. A model trained on the renumbered set sees the same
 * examples in the same order as on the full population, so it is the same model.
 */
record ShadowData(String name, float[] features, int[] labels, int[] shape, ArrayList<String> classes,
    int[] evalIdx) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rows of {@code population} used by {@code trainSets} and {@code evalIdx}, and the renumbering. */
  static Renumbered of(Dataset population, List<int[]> trainSets, int[] evalIdx) {
    TreeSet<Integer> used = new TreeSet<>();
    for (int[] set : trainSets) {
      for (int i : set) {
        used.add(i);
      }
    }
    for (int i : evalIdx) {
      used.add(i);
    }
    int[] rows = used.stream().mapToInt(Integer::intValue).toArray();
    List<int[]> sets = new ArrayList<>();
    for (int[] set : trainSets) {
      sets.add(renumber(rows, set));
    }
    ShadowData data = new ShadowData(population.name(), population.gatherFeatures(rows), population.gatherLabels(rows),
        population.exampleShape(), new ArrayList<>(population.classNames()), renumber(rows, evalIdx));
    return new Renumbered(data, sets);
  }

  /** The data and each model's training set in its numbering. */
  record Renumbered(ShadowData data, List<int[]> trainSets) {}

  private static int[] renumber(int[] rows, int[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Arrays.binarySearch(rows, ids[i]);
    }
    return out;
  }

  /** The examples as a dataset (features are not copied). */
  Dataset dataset() {
    return new Dataset(name, features, labels, shape, classes);
  }
}
