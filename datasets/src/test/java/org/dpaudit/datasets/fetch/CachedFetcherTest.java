package org.dpaudit.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.io.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedFetcherTest {
  @TempDir Path tmp;
  Path cache;
  Path good;
  List<PinnedFile> pinned;
  List<String> messages = new ArrayList<>();

  /** Counts fetches, so "instant second fetch" means "no source was asked". */
  static final class CountingSource extends LocalDirectorySource {
    int calls;

    CountingSource(Path dir, String name) {
      super(dir, name);
    }

    @Override
    public void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException {
      calls++;
      super.fetch(names, into, progress);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    cache = tmp.resolve("cache");
    good = Files.createDirectories(tmp.resolve("good"));
    Files.writeString(good.resolve("a"), "alpha");
    Files.writeString(good.resolve("b"), "beta");
    pinned = List.of(pin("a", "alpha"), pin("b", "beta"));
  }

  private static PinnedFile pin(String name, String content) {
    return new PinnedFile(name, Sha256.of(content.getBytes(StandardCharsets.UTF_8)));
  }

  private CachedFetcher fetcher() {
    return new CachedFetcher(cache, messages::add);
  }

  @Test
  void firstFetchCopies_secondIsServedFromCache() {
    CountingSource src = new CountingSource(good, "good");
    CachedFetcher.Result r1 = fetcher().ensure("d", pinned, List.of(src));
    assertEquals("good", r1.fetchedFrom());
    CachedFetcher.Result r2 = fetcher().ensure("d", pinned, List.of(src));
    assertEquals("cache", r2.fetchedFrom());
    assertEquals(1, src.calls);
    assertTrue(fetcher().isCached(pinned));
  }

  @Test
  void corruptedCachedFile_isDetectedAndFetchedAgain() throws IOException {
    CountingSource src = new CountingSource(good, "good");
    fetcher().ensure("d", pinned, List.of(src));
    Files.writeString(cache.resolve("b"), "bets");
    assertFalse(fetcher().isCached(pinned));
    CachedFetcher.Result r = fetcher().ensure("d", pinned, List.of(src));
    assertEquals("good", r.fetchedFrom());
    assertEquals("beta", Files.readString(cache.resolve("b")));
    assertTrue(messages.stream().anyMatch(m -> m.contains("is corrupt")), messages.toString());
  }

  @Test
  void sourceWithWrongContent_isRefused_andNextSourceUsed() throws IOException {
    Path evil = Files.createDirectories(tmp.resolve("evil"));
    Files.writeString(evil.resolve("a"), "alpha");
    Files.writeString(evil.resolve("b"), "tampered");
    CachedFetcher.Result r = fetcher().ensure("d", pinned,
        List.of(new LocalDirectorySource(evil, "evil"), new LocalDirectorySource(good, "good")));
    assertEquals("good", r.fetchedFrom());
    assertEquals("beta", Files.readString(cache.resolve("b")));
  }

  @Test
  void allSourcesFail_oneLineErrorAndNoFilesLeft() throws IOException {
    Path evil = Files.createDirectories(tmp.resolve("evil"));
    Files.writeString(evil.resolve("a"), "alpha");
    Files.writeString(evil.resolve("b"), "tampered");
    DpauditException e = assertThrows(DpauditException.class, () -> fetcher().ensure("d", pinned,
        List.of(new LocalDirectorySource(evil, "evil"), new LocalDirectorySource(tmp.resolve("none"), "empty"))));
    assertTrue(e.getMessage().startsWith("could not fetch d (evil: b has SHA-256 "), e.getMessage());
    assertTrue(e.getMessage().contains("empty: a is not in"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    try (Stream<Path> s = Files.list(cache)) {
      assertEquals(List.of(), s.toList(), "no partial or staging files in the cache");
    }
  }

  @Test
  void gzippedSourceFiles_areDecompressed() throws IOException {
    Path gz = Files.createDirectories(tmp.resolve("gz"));
    org.dpaudit.datasets.io.IdxFixtures.writeGz(gz.resolve("a.gz"), "alpha".getBytes(StandardCharsets.UTF_8));
    org.dpaudit.datasets.io.IdxFixtures.writeGz(gz.resolve("b.gz"), "beta".getBytes(StandardCharsets.UTF_8));
    fetcher().ensure("d", pinned, List.of(new LocalDirectorySource(gz, "gz")));
    assertEquals("alpha", Files.readString(cache.resolve("a")));
  }

  @Test
  void debianSource_withoutPermissionToInstall_saysWhatToRun() {
    DpauditException e = assertThrows(DpauditException.class, () -> fetcher().ensure("fashion-mnist", pinned,
        List.of(new DebianPackageSource("dataset-x", tmp.resolve("absent"), false))));
    assertTrue(e.getMessage().contains("sudo apt-get install dataset-x"), e.getMessage());
  }
}
