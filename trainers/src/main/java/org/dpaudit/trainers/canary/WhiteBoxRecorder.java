package org.dpaudit.trainers.canary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.ReleaseModel;

/**
 * Accumulates, step by step, what the released updates show at the audit tensor's coordinates
 * (see {@code CanaryRows}): per canary its summed observation and its summed log-likelihood ratio
 * under the step's ledger event ({@link ReleaseModel}); per step the null coordinates' standardised
 * sum and sum of squares; per null coordinate its standardised sum over the steps; and, at a few
 * replayed steps, every released tensor's noise ({@link ResidualStats}).
 *
 * <p>Why accumulate rather than store the steps x coordinates matrix: the audit needs only these
 * sums, and they are a few megabytes for 10^5 canaries and 10^4 steps where the matrix would be
 * gigabytes. Everything here is computed from the released values and public constants (the
 * ledger, the clip norm, the expected batch size): never from which canaries were sampled, which
 * the trainer knows and the auditor must not.
 *
 * <p>Observations are divided by the per-example sensitivity of the released estimate (the
 * scheme's clip norm over the expected batch size) when the scheme states one, so that a sampled
 * canary adds 1 and the noise has the ledger's scale; a scheme without a fixed sensitivity leaves
 * them unscaled, and only the plain sums are then meaningful.
 */
public final class WhiteBoxRecorder {
  private static final int MAGIC = 0x44505742; // "DPWB"
  private static final int VERSION = 1;

  private final int canaries;
  private final int nulls;
  private final long[] replaySteps;
  private final double[] logLikelihood;
  private final double[] sums;
  private final double[] nullTemporal;
  private double[] nullSquares;
  private double[] nullSums;
  private final List<ReplayRecord> replay;
  private long steps;
  /** Every step so far had a per-step model and a sensitivity unit: the log-likelihood scores are defined. */
  private boolean scored;
  /** Every step so far had a Gaussian model and a unit: the standardised null statistics are defined. */
  private boolean standardised;
  private String model;

  /**
   * @param canaries m, the canary coordinates (the first m of the audit tensor)
   * @param nulls K, the null coordinates after them
   * @param replaySteps the steps at which the trainer replays the release without noise (ascending)
   */
  public WhiteBoxRecorder(int canaries, int nulls, long[] replaySteps) {
    this(canaries, nulls, replaySteps, new double[canaries], new double[canaries], new double[nulls],
        new double[0], new double[0], new ArrayList<>(), 0, true, true, null);
  }

  private WhiteBoxRecorder(int canaries, int nulls, long[] replaySteps, double[] logLikelihood, double[] sums,
      double[] nullTemporal, double[] nullSquares, double[] nullSums, List<ReplayRecord> replay, long steps,
      boolean scored, boolean standardised, String model) {
    this.canaries = Checks.positive("canaries", canaries);
    this.nulls = Checks.nonNegative("null coordinates", nulls);
    this.replaySteps = replaySteps.clone();
    this.logLikelihood = logLikelihood;
    this.sums = sums;
    this.nullTemporal = nullTemporal;
    this.nullSquares = nullSquares;
    this.nullSums = nullSums;
    this.replay = replay;
    this.steps = steps;
    this.scored = scored;
    this.standardised = standardised;
    this.model = model;
  }

  /** The first {@code count} steps of {@code totalSteps}, evenly spread, at which the release is replayed. */
  public static long[] replaySteps(long totalSteps, int count) {
    int r = (int) Math.min(totalSteps, Math.max(0, count));
    long[] out = new long[r];
    for (int j = 0; j < r; j++) {
      out[j] = (long) Math.floor((j + 0.5) * totalSteps / r);
    }
    return out;
  }

  /** Whether step {@code step} is one whose release is replayed without noise. */
  public boolean isReplayStep(long step) {
    return Arrays.binarySearch(replaySteps, step) >= 0;
  }

  /** The number of steps recorded. */
  public long steps() {
    return steps;
  }

  /**
   * Records step {@code step}'s released audit tensor.
   *
   * @param audit the released values of the m + K audit coordinates
   * @param event the step's ledger event
   * @param unit the per-example sensitivity of the released estimate (clip norm over expected batch
   *     size), or NaN when the scheme has no fixed one
   */
  public void record(long step, float[] audit, DpEvent event, double unit) {
    Checks.check(step == steps, "white-box observations must be recorded in step order: expected step " + steps
        + ", got " + step);
    Checks.check(audit.length == canaries + nulls, "the audit tensor has " + audit.length + " values for "
        + canaries + " canaries and " + nulls + " null coordinates");
    boolean scaled = Double.isFinite(unit) && unit > 0;
    Optional<ReleaseModel> m = scaled ? ReleaseModel.of(event) : Optional.empty();
    double inv = scaled ? 1 / unit : 1;
    String kind = m.map(r -> r.noise().name().toLowerCase(java.util.Locale.ROOT)).orElse("none");
    model = model == null ? kind : (model.equals(kind) ? model : "mixed");
    scored &= m.isPresent();
    boolean gaussian = m.isPresent() && m.get().noise() == ReleaseModel.Noise.GAUSSIAN;
    standardised &= gaussian;
    for (int c = 0; c < canaries; c++) {
      double x = audit[c] * inv;
      sums[c] += x;
      if (scored) {
        logLikelihood[c] += m.get().logLikelihoodRatio(x);
      }
    }
    double s2 = 0;
    double s1 = 0;
    double sigma = gaussian ? m.get().scale() : 1;
    for (int k = 0; k < nulls; k++) {
      double z = audit[canaries + k] * inv / sigma;
      nullTemporal[k] += z;
      s1 += z;
      s2 += z * z;
    }
    nullSums = append(nullSums, s1);
    nullSquares = append(nullSquares, s2);
    steps++;
  }

  /** Records the noise of every released tensor at a replayed step. */
  public void replayed(ReplayRecord record) {
    Checks.check(isReplayStep(record.step()), "step " + record.step() + " is not a replay step");
    replay.add(record);
  }

  private static double[] append(double[] a, double v) {
    double[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }

  /** What was recorded, for the run directory. */
  public Summary summary() {
    return new Summary(canaries, nulls, steps, scored ? model : null, standardised, replaySteps.clone(),
        scored ? logLikelihood.clone() : null, sums.clone(), standardised ? nullTemporal.clone() : null,
        standardised ? nullSums.clone() : null, standardised ? nullSquares.clone() : null, List.copyOf(replay));
  }

  /**
   * The accumulated observations.
   *
   * @param model the per-step model the scores were computed under ({@code gaussian}, {@code
   *     laplace}, {@code mixed}), or null when some step had none (then only the sums are defined)
   * @param standardised whether every step had a Gaussian model and a unit, so that the null
   *     statistics are in units of the ledger's noise
   * @param logLikelihood per canary, the summed log-likelihood ratio (null when {@code model} is)
   * @param sums per canary, the summed observation
   * @param nullTemporal per null coordinate, the summed standardised observation (null unless standardised)
   * @param nullSums per step, the sum of the null coordinates' standardised values (null unless standardised)
   * @param nullSquares per step, the sum of their squares (null unless standardised)
   */
  public record Summary(int canaries, int nulls, long steps, String model, boolean standardised, long[] replaySteps,
      double[] logLikelihood, double[] sums, double[] nullTemporal, double[] nullSums, double[] nullSquares,
      List<ReplayRecord> replay) {}

  /** The state, for a checkpoint. */
  public byte[] encode() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(canaries);
      out.writeInt(nulls);
      writeLongs(out, replaySteps);
      out.writeLong(steps);
      out.writeBoolean(scored);
      out.writeBoolean(standardised);
      out.writeUTF(model == null ? "" : model);
      writeDoubles(out, logLikelihood);
      writeDoubles(out, sums);
      writeDoubles(out, nullTemporal);
      writeDoubles(out, nullSquares);
      writeDoubles(out, nullSums);
      out.writeInt(replay.size());
      for (ReplayRecord r : replay) {
        out.writeLong(r.step());
        out.writeInt(r.tensors().size());
        for (ResidualStats t : r.tensors()) {
          out.writeUTF(t.tensor());
          out.writeLong(t.count());
          out.writeDouble(t.sum());
          out.writeDouble(t.sumSquares());
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A recorder restored from {@link #encode}'s bytes; must match the run's canaries and null coordinates. */
  public static WhiteBoxRecorder decode(byte[] state, int canaries, int nulls) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new ArtifactException("the checkpoint's white-box state is not in a format this version reads");
      }
      int m = in.readInt();
      int k = in.readInt();
      if (m != canaries || k != nulls) {
        throw new ArtifactException("the checkpoint's white-box state has " + m + " canaries and " + k
            + " null coordinates; the run has " + canaries + " and " + nulls);
      }
      long[] replaySteps = readLongs(in);
      long steps = in.readLong();
      boolean scored = in.readBoolean();
      boolean standardised = in.readBoolean();
      String model = in.readUTF();
      double[] ll = readDoubles(in);
      double[] sums = readDoubles(in);
      double[] temporal = readDoubles(in);
      double[] squares = readDoubles(in);
      double[] nullSums = readDoubles(in);
      int r = in.readInt();
      List<ReplayRecord> replay = new ArrayList<>();
      for (int i = 0; i < r; i++) {
        long step = in.readLong();
        int t = in.readInt();
        List<ResidualStats> tensors = new ArrayList<>();
        for (int j = 0; j < t; j++) {
          tensors.add(new ResidualStats(in.readUTF(), in.readLong(), in.readDouble(), in.readDouble()));
        }
        replay.add(new ReplayRecord(step, tensors));
      }
      if (in.read() != -1 || ll.length != m || sums.length != m || temporal.length != k || squares.length != steps
          || nullSums.length != steps) {
        throw new ArtifactException("the checkpoint's white-box state is inconsistent");
      }
      return new WhiteBoxRecorder(m, k, replaySteps, ll, sums, temporal, squares, nullSums, replay, steps, scored,
          standardised, model.isEmpty() ? null : model);
    } catch (IOException e) {
      throw new ArtifactException("cannot read the checkpoint's white-box state: " + e.getMessage(), e);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double v : a) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 28) {
      throw new IOException("bad array length " + n);
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("bad array length " + n);
    }
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readLong();
    }
    return a;
  }
}
