package org.dpaudit.attacks.target;

import ai.djl.Device;
import org.dpaudit.attacks.imports.ImportConfig;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.RunRecord;

/** The target behind a run directory: dpaudit's own model, or an imported one. */
public final class Targets {
  private Targets() {}

  /** Opens the run's target on {@code device}. */
  public static Target of(LoadedRun run, Device device) {
    if ("trained".equals(run.record().origin())) {
      return new ModelTarget(run.loadModel(device), "dpaudit " + run.record().model().architecture() + " model of run "
          + run.record().name());
    }
    return imported(run.record(), run.directory(), run.data().train().numClasses(), device);
  }

  /** The target of an imported run ({@code classes} from its data). */
  public static Target imported(RunRecord record, RunDirectory dir, int classes, Device device) {
    String origin = record.origin();
    String kind = record.model() == null ? null : record.model().architecture();
    if (!"imported".equals(origin) || kind == null) {
      throw new ArtifactException(dir.path() + ": run origin '" + origin + "' is not supported");
    }
    ModelInput input = importConfig(record).input();
    ModelInput in = input == null ? ModelInput.probe() : input;
    return switch (kind) {
      case "torchscript" -> TorchScriptTarget.load(dir.resolve(RunLayout.IMPORTED_TORCHSCRIPT), classes, device, in,
          dir.resolve(RunLayout.IMPORTED_TORCHSCRIPT).toString());
      case "onnx" -> OnnxTarget.load(dir.resolve(RunLayout.IMPORTED_ONNX), classes, in,
          dir.resolve(RunLayout.IMPORTED_ONNX).toString());
      case "scores" -> ScoresTarget.read(dir.resolve(RunLayout.IMPORTED_SCORES));
      default -> throw new ArtifactException(dir.path() + ": imported model kind '" + kind + "' is not supported");
    };
  }

  /** How an imported run was imported (its provenance config). */
  public static ImportConfig importConfig(RunRecord record) {
    return Json.mapper().convertValue(record.provenance().config(), ImportConfig.class);
  }
}
