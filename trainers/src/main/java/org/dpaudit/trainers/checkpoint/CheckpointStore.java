package org.dpaudit.trainers.checkpoint;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * Checkpoints in {@code runs/<name>/checkpoint/}, written so that a kill at any moment leaves a
 * consistent one behind.
 *
 * <p>Order: the parameter and optimizer files of step t ({@code params-t.bin}, {@code
 * optimizer-t.bin}) are written atomically first; then {@code state.json}, which names them with
 * their SHA-256, replaces the old state atomically; only then are older array files deleted. A
 * reader follows {@code state.json} and verifies the checksums.
 */
public final class CheckpointStore {
  /** The file that names the current checkpoint. */
  public static final String STATE = "state.json";

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  /** Whether a checkpoint exists. */
  public boolean exists() {
    return Files.isRegularFile(dir.resolve(STATE));
  }

  /**
   * Writes a checkpoint: arrays first, then the state that points to them, then cleanup. Array
   * files of an earlier checkpoint (or of one whose state a kill prevented) are deleted here and by
   * {@link #removeStale}.
   */
  public void save(CheckpointState stateWithoutRefs, NDList parameters, NDList optimizerState) {
    save(stateWithoutRefs, parameters, optimizerState, null);
  }

  /**
   * As {@link #save(CheckpointState, NDList, NDList)}, with the white-box recorder's state (null
   * for none) written beside the arrays and named, with its checksum, by the state.
   */
  public void save(CheckpointState stateWithoutRefs, NDList parameters, NDList optimizerState, byte[] whiteBox) {
    long step = stateWithoutRefs.nextStep();
    String paramsName = "params-" + step + ".bin";
    String optName = "optimizer-" + step + ".bin";
    String whiteBoxName = "white-box-" + step + ".bin";
    byte[] p = parameters.encode();
    byte[] o = optimizerState.encode();
    AtomicFiles.writeBytes(dir.resolve(paramsName), p);
    AtomicFiles.writeBytes(dir.resolve(optName), o);
    if (whiteBox != null) {
      AtomicFiles.writeBytes(dir.resolve(whiteBoxName), whiteBox);
    }
    CheckpointState state = stateWithoutRefs.withArrays(new ArtifactRef(paramsName, Sha256.of(p)),
        new ArtifactRef(optName, Sha256.of(o)), whiteBox == null ? null : new ArtifactRef(whiteBoxName,
            Sha256.of(whiteBox)));
    Json.writeFile(dir.resolve(STATE), state);
    deleteOthers(paramsName, optName, whiteBoxName);
  }

  /** The bytes of a file a state names, verified against its checksum. */
  public byte[] readBytes(ArtifactRef ref) {
    Path f = dir.resolve(ref.path());
    try {
      byte[] bytes = Files.readAllBytes(f);
      if (!Sha256.of(bytes).equals(ref.sha256())) {
        throw new ArtifactException(f + ": checksum mismatch (checkpoint corrupt); cannot resume");
      }
      return bytes;
    } catch (IOException e) {
      throw new ArtifactException(f + ": cannot read the checkpoint: " + e.getMessage(), e);
    }
  }

  /** The current checkpoint's state, if any. */
  public Optional<CheckpointState> state() {
    return exists() ? Optional.of(Json.read(dir.resolve(STATE), CheckpointState.class)) : Optional.empty();
  }

  /** Reads the arrays a state names, verifying their checksums. */
  public NDList read(ArtifactRef ref, NDManager manager) {
    Path f = dir.resolve(ref.path());
    String sha = Sha256.of(f);
    if (!sha.equals(ref.sha256())) {
      throw new ArtifactException(f + ": checksum mismatch (checkpoint corrupt); cannot resume");
    }
    try (InputStream in = Files.newInputStream(f)) {
      return NDList.decode(manager, in);
    } catch (IOException | RuntimeException e) {
      throw new ArtifactException(f + ": cannot read checkpoint arrays: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes array files that the current {@code state.json} does not name (left when a process was
   * killed between writing a checkpoint's arrays and its state, or before the old ones were
   * deleted).
   */
  public void removeStale() {
    Optional<CheckpointState> s = state();
    if (s.isEmpty() || s.get().parameters() == null || s.get().optimizer() == null) {
      return;
    }
    deleteOthers(s.get().parameters().path(), s.get().optimizer().path(),
        s.get().whiteBox() == null ? "" : s.get().whiteBox().path());
  }

  private void deleteOthers(String keepParams, String keepOpt, String keepWhiteBox) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bin")) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (!n.equals(keepParams) && !n.equals(keepOpt) && !n.equals(keepWhiteBox)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException ignored) {
      // stale array files are harmless: state.json names the current ones
    }
  }
}
