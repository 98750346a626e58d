package org.dpaudit.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Gzipped files from public HTTP mirrors ({@code <base><name>.gz}), tried in order. The fallback
 * for users without npm; the content is verified against the pinned checksums like any other
 * source's.
 */
public final class HttpMirrorSource implements FileSource {
  private final List<URI> bases;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();

  public HttpMirrorSource(List<URI> bases) {
    this.bases = List.copyOf(bases);
  }

  @Override
  public String describe() {
    return "mirror " + bases.get(0).getHost() + (bases.size() > 1 ? " (+" + (bases.size() - 1) + " more)" : "");
  }

  @Override
  public void fetch(List<String> names, Path into, Consumer<String> progress) throws IOException {
    IOException last = null;
    for (URI base : bases) {
      try {
        for (String name : names) {
          URI uri = base.resolve(name + ".gz");
          progress.accept("downloading " + uri + " ...");
          download(uri, into.resolve(name));
        }
        return;
      } catch (IOException e) {
        last = new IOException(base.getHost() + ": " + e.getMessage());
      }
    }
    throw last;
  }

  private void download(URI uri, Path target) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
    try {
      HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        resp.body().close();
        throw new IOException("HTTP " + resp.statusCode() + " for " + uri);
      }
      try (InputStream in = new GZIPInputStream(resp.body())) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
