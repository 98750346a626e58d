package org.dpaudit.audit.bounds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Reads a reference CSV from the test resources: '#' lines are its source notes, then a header, then numbers. */
final class ReferenceCsv {
  private ReferenceCsv() {}

  static Stream<Arguments> rows(String resource) {
    try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Arguments> rows = new ArrayList<>();
      boolean header = true;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        rows.add(Arguments.of((Object[]) java.util.Arrays.stream(line.split(",")).map(Double::valueOf).toArray(Double[]::new)));
      }
      return rows.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
