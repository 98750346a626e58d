package org.dpaudit.attacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.AtomicFiles;

/**
 * Per-example scores as CSV ({@code example,member,score}), written atomically; the audit reads
 * them back. Scores are written with full double precision.
 */
public final class ScoresFile {
  static final String HEADER = "example,member,score";

  private ScoresFile() {}

  /** Writes {@code s} to {@code file}. */
  public static void write(Path file, MembershipScores s) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    int[] ids = s.exampleIds();
    double[] sc = s.scores();
    boolean[] m = s.members();
    for (int i = 0; i < ids.length; i++) {
      b.append(ids[i]).append(',').append(m[i] ? 1 : 0).append(',').append(sc[i]).append('\n');
    }
    AtomicFiles.writeString(file, b.toString());
  }

  /** Reads a file written by {@link #write}. */
  public static MembershipScores read(Path file, String attack) {
    List<int[]> rows = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
      String header = r.readLine();
      if (!HEADER.equals(header)) {
        throw new ArtifactException(file + ": not a dpaudit scores file (header '" + header + "')");
      }
      int line = 1;
      for (String l; (l = r.readLine()) != null; ) {
        line++;
        String[] f = l.split(",", -1);
        if (f.length != 3) {
          throw new ArtifactException(file + ":" + line + ": expected 3 fields");
        }
        try {
          rows.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
          scores.add(Double.parseDouble(f[2]));
        } catch (NumberFormatException e) {
          throw new ArtifactException(file + ":" + line + ": not a number (" + e.getMessage() + ")");
        }
      }
    } catch (IOException e) {
      throw new ArtifactException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    int[] ids = rows.stream().mapToInt(x -> x[0]).toArray();
    boolean[] members = new boolean[rows.size()];
    for (int i = 0; i < members.length; i++) {
      members[i] = rows.get(i)[1] == 1;
    }
    return new MembershipScores(attack, ids, scores.stream().mapToDouble(Double::doubleValue).toArray(), members);
  }
}
