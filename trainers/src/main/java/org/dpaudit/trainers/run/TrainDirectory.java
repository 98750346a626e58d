package org.dpaudit.trainers.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.trainers.nn.DpModel;

/**
 * What {@code train} may do with its output directory, decided before anything is written, and the
 * model written into it so that no reader ever sees half of one.
 */
final class TrainDirectory {
  private TrainDirectory() {}

  /**
   * Checks that {@code request} may write its directory: a new run needs a directory without one
   * (or {@code --force}, then the old run is replaced: returns true), {@code --resume} needs a
   * checkpoint and refuses a finished run. Called holding the run's lock.
   */
  static boolean check(TrainRequest request) {
    Path out = request.out();
    boolean finished = Files.isRegularFile(out.resolve(RunLayout.RUN_JSON));
    boolean checkpoint = Files.isRegularFile(out.resolve(RunLayout.CHECKPOINT_STATE));
    if (request.resume()) {
      if (finished) {
        throw new InvalidInputException("run " + out + " is already finished" + steps(out) + "; --resume changes "
            + "nothing (use --force to train it again, or another --out)");
      }
      if (!checkpoint) {
        throw new InvalidInputException(out + " has no checkpoint to resume from");
      }
      return false;
    }
    if ((finished || checkpoint) && !request.overwrite()) {
      throw new InvalidInputException(out + " already holds a run; use --resume to continue it, --force to replace "
          + "it, or another --out");
    }
    return finished || checkpoint;
  }

  private static String steps(Path out) {
    try {
      RunRecord r = ArtifactSchema.RUN.read(out.resolve(RunLayout.RUN_JSON));
      return r.privacy() == null ? "" : " (" + r.privacy().steps() + " steps)";
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  /**
   * Saves the model into {@code model/} all at once: DJL writes its files into a temporary directory,
   * which then replaces {@code model/} by renames. A kill mid-save leaves the temporary directory
   * (removed by the next command) and no {@code run.json}, so the run resumes from its last
   * checkpoint and saves again.
   */
  static void saveModel(DpModel model, RunDirectory dir) {
    Path target = dir.resolve(RunLayout.MODEL_DIR);
    Path fresh = AtomicFiles.temporarySibling(target);
    model.save(fresh);
    AtomicFiles.syncTree(fresh);
    try {
      if (Files.exists(target)) {
        Path old = AtomicFiles.temporarySibling(target);
        Files.move(target, old);
        Files.move(fresh, target);
        AtomicFiles.deleteTree(old);
      } else {
        Files.move(fresh, target);
      }
      AtomicFiles.syncDirectory(dir.path());
    } catch (IOException e) {
      throw new ArtifactException("cannot save the model into " + target + ": " + e.getMessage(), e);
    } finally {
      if (Files.exists(fresh)) {
        AtomicFiles.deleteTree(fresh);
      }
    }
  }
}
