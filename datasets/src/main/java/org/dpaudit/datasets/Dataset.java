package org.dpaudit.datasets;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;

/**
 * A labelled dataset held in memory: {@code n} examples of a fixed shape, as one row-major float
 * array, with integer class labels.
 *
 * <p>Image features are scaled to [0, 1]; table features are as read. One flat array (rather than
 * an array per example) keeps MNIST at 188 MB and lets the trainers hand whole batches to the
 * tensor engine without copying example by example. The array is never exposed for writing.
 */
public final class Dataset {
  private final String name;
  private final float[] features;
  private final int[] labels;
  private final int[] exampleShape;
  private final int numClasses;
  private final List<String> classNames;

  /**
   * @param features {@code labels.length * product(exampleShape)} values, row-major; not copied,
   *     so the caller must not keep writing to it
   */
  public Dataset(String name, float[] features, int[] labels, int[] exampleShape, List<String> classNames) {
    this.name = Objects.requireNonNull(name, "name");
    this.exampleShape = exampleShape.clone();
    this.classNames = List.copyOf(classNames);
    this.numClasses = Checks.positive("number of classes", classNames.size());
    int featureSize = product(exampleShape);
    if ((long) labels.length * featureSize != features.length) {
      throw new InvalidInputException(name + ": " + labels.length + " labels but " + features.length
          + " feature values for examples of shape " + Arrays.toString(exampleShape));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new InvalidInputException(name + ": label " + labels[i] + " of example " + i
            + " is outside [0, " + (numClasses - 1) + "]");
      }
    }
    this.features = features;
    this.labels = labels.clone();
  }

  /** The dataset's name, e.g. {@code mnist/train}. */
  public String name() {
    return name;
  }

  /** The number of examples. */
  public int size() {
    return labels.length;
  }

  /** The shape of one example, e.g. {@code [1, 28, 28]}. */
  public int[] exampleShape() {
    return exampleShape.clone();
  }

  /** Values per example. */
  public int featureSize() {
    return product(exampleShape);
  }

  /** The number of classes. */
  public int numClasses() {
    return numClasses;
  }

  /** Class names, index = label. */
  public List<String> classNames() {
    return classNames;
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** A copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of example {@code i}'s features. */
  public float[] example(int i) {
    int d = featureSize();
    return Arrays.copyOfRange(features, i * d, (i + 1) * d);
  }

  /** A read-only view of all features, row-major, for bulk transfer to a tensor engine. */
  public FloatBuffer featureBuffer() {
    return FloatBuffer.wrap(features).asReadOnlyBuffer();
  }

  /** The features of {@code indices}, gathered into one new row-major array. */
  public float[] gatherFeatures(int[] indices) {
    int d = featureSize();
    float[] out = new float[indices.length * d];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(features, indices[k] * d, out, k * d, d);
    }
    return out;
  }

  /** The labels of {@code indices}. */
  public int[] gatherLabels(int[] indices) {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[indices[k]];
    }
    return out;
  }

  /** A new dataset with the examples at {@code indices}, in that order. */
  public Dataset subset(String subsetName, int[] indices) {
    return new Dataset(subsetName, gatherFeatures(indices), gatherLabels(indices), exampleShape, classNames);
  }

  /** A new dataset with this one's examples followed by {@code other}'s (same shape and classes). */
  public Dataset concat(String concatName, Dataset other) {
    if (!java.util.Arrays.equals(exampleShape, other.exampleShape) || !classNames.equals(other.classNames)) {
      throw new InvalidInputException("cannot join " + name + " and " + other.name + ": shapes or classes differ");
    }
    float[] f = Arrays.copyOf(features, features.length + other.features.length);
    System.arraycopy(other.features, 0, f, features.length, other.features.length);
    int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
    System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
    return new Dataset(concatName, f, l, exampleShape, classNames);
  }

  /** How many examples each class has. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int l : labels) {
      counts[l]++;
    }
    return counts;
  }

  static int product(int[] shape) {
    long p = 1;
    for (int s : shape) {
      Checks.positive("example dimension", s);
      p *= s;
    }
    Checks.check(p <= Integer.MAX_VALUE, "example shape " + Arrays.toString(shape) + " is too large");
    return (int) p;
  }
}
