package org.dpaudit.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.datasets.fetch.CachedFetcher;
import org.dpaudit.datasets.fetch.DpauditHome;
import org.dpaudit.datasets.io.Cifar10Reader;
import org.dpaudit.datasets.io.CsvTableReader;
import org.dpaudit.datasets.io.IdxReader;

/**
 * The entry point for getting data: fetch a named dataset into the cache, or load any dataset with
 * its {@link DatasetCard}.
 */
public final class Datasets {
  private final Consumer<String> progress;
  private final boolean mayInstall;

  /**
   * @param progress receives one-line progress messages (fetching, verifying)
   * @param mayInstall whether a missing system package may be installed (Fashion-MNIST)
   */
  public Datasets(Consumer<String> progress, boolean mayInstall) {
    this.progress = progress;
    this.mayInstall = mayInstall;
  }

  /** Fetches (or verifies the cached copy of) a named dataset. */
  public CachedFetcher.Result fetch(String name) {
    DatasetSpec spec = DatasetCatalog.get(name, mayInstall);
    return fetcher(spec).ensure(spec.name(), spec.files(), spec.sources());
  }

  /** Whether a named dataset is in the cache and verifies. */
  public boolean isCached(String name) {
    DatasetSpec spec = DatasetCatalog.get(name, mayInstall);
    return fetcher(spec).isCached(spec.files());
  }

  /** Loads a dataset; named datasets are fetched first when they are not cached. */
  public LoadedDataset load(DatasetRequest request) {
    return switch (request.name()) {
      case "cifar10" -> loadCifar(requirePath(request));
      case "csv" -> loadCsv(requirePath(request), request.labelColumn());
      default -> loadFetchable(request);
    };
  }

  private LoadedDataset loadFetchable(DatasetRequest request) {
    if (request.path() != null) {
      throw new InvalidInputException("--path is for cifar10 and csv; " + request.name()
          + " is fetched into the cache by name");
    }
    DatasetSpec spec = DatasetCatalog.get(request.name(), mayInstall);
    CachedFetcher.Result cached = fetcher(spec).ensure(spec.name(), spec.files(), spec.sources());
    Path dir = cached.directory();
    Dataset train = IdxReader.readImagesAndLabels(spec.name() + "/train",
        dir.resolve(spec.trainImages().name()), dir.resolve(spec.trainLabels().name()), spec.imageShape(), spec.classNames());
    Dataset test = IdxReader.readImagesAndLabels(spec.name() + "/test",
        dir.resolve(spec.testImages().name()), dir.resolve(spec.testLabels().name()), spec.imageShape(), spec.classNames());
    return new LoadedDataset(train, test, card(spec.name(), spec.source(), cached.files(), train, test));
  }

  private static LoadedDataset loadCifar(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": not a directory (give the cifar-10-batches-bin directory)");
    }
    Dataset train = Cifar10Reader.read("cifar10/train", dir, Cifar10Reader.TRAIN_FILES);
    Dataset test = Cifar10Reader.read("cifar10/test", dir, List.of(Cifar10Reader.TEST_FILE));
    List<ArtifactRef> files = new ArrayList<>();
    for (String f : Cifar10Reader.TRAIN_FILES) {
      files.add(ArtifactRef.of(dir.resolve(f), f));
    }
    files.add(ArtifactRef.of(dir.resolve(Cifar10Reader.TEST_FILE), Cifar10Reader.TEST_FILE));
    return new LoadedDataset(train, test, card("cifar10", "CIFAR-10 binary at " + dir.toAbsolutePath(), files, train, test));
  }

  private static LoadedDataset loadCsv(Path file, String labelColumn) {
    Dataset all = CsvTableReader.read("csv/" + file.getFileName(), file, labelColumn);
    Dataset empty = all.subset("csv/test", new int[0]);
    List<ArtifactRef> files = List.of(new ArtifactRef(file.getFileName().toString(), Sha256.of(file)));
    return new LoadedDataset(all, empty,
        card("csv:" + file.getFileName(), "CSV table at " + file.toAbsolutePath() + " (label column '"
            + labelColumn + "')", files, all, empty));
  }

  private static DatasetCard card(String name, String source, List<ArtifactRef> files, Dataset train, Dataset test) {
    List<Integer> shape = Arrays.stream(train.exampleShape()).boxed().toList();
    return new DatasetCard(name, source, files, train.size(), test.size(), shape, train.numClasses(), null);
  }

  private CachedFetcher fetcher(DatasetSpec spec) {
    return new CachedFetcher(DpauditHome.dataset(spec.name()), progress);
  }

  private static Path requirePath(DatasetRequest request) {
    if (request.path() == null) {
      throw new InvalidInputException(request.name() + " is loaded from a path you give: add --path "
          + ("cifar10".equals(request.name()) ? "<cifar-10-batches-bin directory>" : "<file.csv>"));
    }
    return request.path();
  }
}
