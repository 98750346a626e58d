package org.dpaudit.attacks.target;

import ai.djl.Device;
import org.dpaudit.attacks.imports.ModelImporter;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.trainers.run.LoadedRun;

/** The target behind a run directory: dpaudit's own model, or an imported one. */
public final class Targets {
  private Targets() {}

  /** Opens the run's target on {@code device}. */
  public static Target of(LoadedRun run, Device device) {
    String origin = run.record().origin();
    if ("trained".equals(origin)) {
      return new ModelTarget(run.loadModel(device), "dpaudit " + run.record().model().architecture() + " model of run "
          + run.record().name());
    }
    if ("imported".equals(origin) && "torchscript".equals(run.record().model().architecture())) {
      return TorchScriptTarget.load(run.directory().resolve(ModelImporter.TORCHSCRIPT_FILE),
          run.data().train().numClasses(), device);
    }
    if ("imported".equals(origin) && "scores".equals(run.record().model().architecture())) {
      return ScoresTarget.read(run.directory().resolve(ModelImporter.SCORES_FILE));
    }
    throw new ArtifactException(run.directory().path() + ": run origin '" + origin + "' is not supported");
  }
}
