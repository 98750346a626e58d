package org.dpaudit.trainers.canary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * Writes and reads a run's white-box canary files: {@code canaries/white-box.json} ({@link
 * WhiteBoxObservations}) and the binary arrays it names. Every read checks the JSON against the
 * checksum run.json recorded and the arrays against the checksum the JSON recorded, so the audit
 * never bounds observations that changed after training.
 */
public final class WhiteBoxFiles {
  private static final int MAGIC = 0x44505753; // "DPWS"
  private static final int VERSION = 1;

  private WhiteBoxFiles() {}

  /**
   * The observations and their arrays.
   *
   * @param logLikelihood per canary, or null when the scores are not defined ({@code model} null)
   * @param sums per canary
   * @param nullTemporal per null coordinate, or null unless standardised
   */
  public record Data(WhiteBoxObservations observations, double[] logLikelihood, double[] sums, double[] nullTemporal) {}

  /** Writes the files of {@code summary} and returns the JSON's checksum (for run.json). */
  public static String write(RunDirectory dir, WhiteBoxRecorder.Summary s, double canaryNorm, double clipNorm,
      double expectedBatchSize, boolean scaled) {
    byte[] scores = encode(s);
    AtomicFiles.writeBytes(dir.resolve(RunLayout.WHITE_BOX_SCORES), scores);
    WhiteBoxObservations obs = new WhiteBoxObservations(WhiteBoxObservations.SCHEMA_VERSION, WhiteBoxObservations.KIND,
        s.canaries(), s.nulls(), canaryNorm, clipNorm, expectedBatchSize, scaled, s.steps(), s.model(), s.standardised(),
        s.replaySteps(), s.replay(), s.nullSums(), s.nullSquares(), new ArtifactRef(RunLayout.WHITE_BOX_SCORES, Sha256.of(scores)));
    dir.writeJson(RunLayout.WHITE_BOX_JSON, obs);
    return Sha256.of(dir.resolve(RunLayout.WHITE_BOX_JSON));
  }

  /** Reads the files, checking the JSON against {@code jsonSha256} (from run.json) and the arrays against the JSON. */
  public static Data read(RunDirectory dir, String jsonFile, String jsonSha256) {
    String sha = Sha256.of(dir.resolve(jsonFile));
    if (jsonSha256 != null && !jsonSha256.equals(sha)) {
      throw new ArtifactException(dir.resolve(jsonFile) + " does not match the SHA-256 recorded in run.json; the "
          + "white-box observations were changed after training");
    }
    WhiteBoxObservations obs = dir.readJson(jsonFile, WhiteBoxObservations.class);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(obs.scores().path()));
    } catch (IOException e) {
      throw new ArtifactException("cannot read " + dir.resolve(obs.scores().path()) + ": " + e.getMessage(), e);
    }
    if (!Sha256.of(bytes).equals(obs.scores().sha256())) {
      throw new ArtifactException(dir.resolve(obs.scores().path()) + " does not match the SHA-256 recorded in "
          + jsonFile + "; the white-box scores were changed after training");
    }
    return decode(obs, bytes);
  }

  private static byte[] encode(WhiteBoxRecorder.Summary s) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(s.canaries());
      out.writeInt(s.nulls());
      out.writeBoolean(s.logLikelihood() != null);
      out.writeBoolean(s.nullTemporal() != null);
      if (s.logLikelihood() != null) {
        writeAll(out, s.logLikelihood());
      }
      writeAll(out, s.sums());
      if (s.nullTemporal() != null) {
        writeAll(out, s.nullTemporal());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Data decode(WhiteBoxObservations obs, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new ArtifactException(RunLayout.WHITE_BOX_SCORES + " is not a white-box scores file this version reads");
      }
      int m = in.readInt();
      int k = in.readInt();
      if (m != obs.canaries() || k != obs.nullCoordinates()) {
        throw new ArtifactException(RunLayout.WHITE_BOX_SCORES + " holds " + m + " canaries and " + k + " null coordinates; "
            + RunLayout.WHITE_BOX_JSON + " says " + obs.canaries() + " and " + obs.nullCoordinates());
      }
      boolean hasScores = in.readBoolean();
      boolean hasTemporal = in.readBoolean();
      double[] ll = hasScores ? readAll(in, m) : null;
      double[] sums = readAll(in, m);
      double[] temporal = hasTemporal ? readAll(in, k) : null;
      if (in.read() != -1) {
        throw new ArtifactException(RunLayout.WHITE_BOX_SCORES + " has bytes after its arrays");
      }
      return new Data(obs, ll, sums, temporal);
    } catch (IOException e) {
      throw new ArtifactException(RunLayout.WHITE_BOX_SCORES + " is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  private static void writeAll(DataOutputStream out, double[] a) throws IOException {
    for (double v : a) {
      out.writeDouble(v);
    }
  }

  private static double[] readAll(DataInputStream in, int n) throws IOException {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }
}
