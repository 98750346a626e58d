package org.dpaudit.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkFiles;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.datasets.DatasetCatalog;
import org.dpaudit.datasets.Datasets;
import org.dpaudit.datasets.fetch.CachedFetcher;
import org.dpaudit.datasets.fetch.DpauditHome;

/**
 * A named dataset's cached files, sent by the driver through Spark's file server ({@code
 * addFile}) to executors whose own cache lacks them: executors of a cluster then need neither
 * network access to the dataset's sources nor a shared file system. The executor copies the files
 * into its dataset cache, where the usual SHA-256 check verifies them before use.
 *
 * @param dataset the catalog name ({@code mnist}, {@code fashion-mnist})
 * @param files the cache's file names
 */
record DatasetFiles(String dataset, List<String> files) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Makes sure each fetchable dataset is cached here and offers its files to the executors. */
  static List<DatasetFiles> ship(SparkJobs spark, List<String> datasets, Consumer<String> log) {
    List<DatasetFiles> out = new ArrayList<>();
    for (String name : datasets.stream().distinct().toList()) {
      if (!DatasetCatalog.FETCHABLE.contains(name)) {
        continue; // read from a path the user gave: the executors must see the same path
      }
      CachedFetcher.Result cached = new Datasets(log, true).fetch(name);
      List<String> names = cached.files().stream().map(ArtifactRef::path).toList();
      if (!spark.embedded()) {
        try {
          Path links = Files.createTempDirectory("dpaudit-spark-files-");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> RunArchive.deleteTree(links)));
          for (String f : names) {
            Path link = Files.createSymbolicLink(links.resolve(fileName(name, f)),
                cached.directory().resolve(f).toAbsolutePath());
            spark.context().addFile(link.toString());
          }
        } catch (IOException e) {
          throw new ArtifactException("cannot offer " + name + " to the Spark executors: " + e.getMessage(), e);
        }
      }
      out.add(new DatasetFiles(name, names));
    }
    return out;
  }

  /** On an executor: copies the files into the local cache when it does not hold them already. */
  void ensureCached() throws IOException {
    if (new Datasets(m -> { }, false).isCached(dataset)) {
      return;
    }
    Path dir = DpauditHome.dataset(dataset);
    for (String f : files) {
      Path shipped = Path.of(SparkFiles.get(fileName(dataset, f)));
      if (!Files.isRegularFile(shipped)) {
        throw new ArtifactException("the executor has no copy of " + dataset + "/" + f + " from the driver");
      }
      AtomicFiles.write(dir.resolve(f), out -> Files.copy(shipped, out));
    }
  }

  private static String fileName(String dataset, String file) {
    return dataset + "--" + file;
  }
}
