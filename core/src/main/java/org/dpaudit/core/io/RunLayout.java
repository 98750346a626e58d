package org.dpaudit.core.io;

import org.dpaudit.core.Checks;

/**
 * Every file and directory name of a run directory, in one place: the commands that write a run and
 * the ones that read it (attacks, audits, the gate, reports, another machine's dpaudit) must agree on
 * them, and a name spelled twice drifts.
 *
 * <pre>
 * runs/&lt;name&gt;/
 *   run.json                      the run's record (RunRecord)
 *   membership.json               an imported model's member lists (ImportedMembership)
 *   model/                        DJL parameter files, or the imported model.pt / model.onnx / scores.csv
 *   checkpoint/state.json         resumable training state
 *   canaries/inclusion.json       which canaries went in (read only by the audit)
 *   canaries/white-box.json       white-box canaries: what the released updates showed
 *   canaries/white-box-scores.bin
 *   attacks/&lt;attack&gt;.json        an attack's record (AttackRecord); attacks/&lt;attack&gt;-scores.csv its scores
 *   attacks/inversion.json        model inversion (InversionRecord); attacks/inversion/*.png its images
 *   shadows/&lt;attack&gt;/             shadow models' scores, reused by later attacks with the same recipe
 *   audit.json                    the verdict (AuditRecord)
 *   gate.json                     the gate's decision (GateRecord)
 *   report.html                   the run's report
 *   .dpaudit.lock                 the writers' lock (RunLock)
 * </pre>
 * All paths are relative to the run directory and use {@code /}, as artifacts record them.
 */
public final class RunLayout {
  private RunLayout() {}

  /** The run's record; the file that makes a directory a run. */
  public static final String RUN_JSON = "run.json";
  /** An imported model's membership (explicit index lists). */
  public static final String MEMBERSHIP_JSON = "membership.json";
  /** The model directory. */
  public static final String MODEL_DIR = "model";
  /** An imported TorchScript model. */
  public static final String IMPORTED_TORCHSCRIPT = "model/model.pt";
  /** An imported ONNX model. */
  public static final String IMPORTED_ONNX = "model/model.onnx";
  /** An imported scores file (the model's outputs, no model). */
  public static final String IMPORTED_SCORES = "model/scores.csv";
  /** The checkpoint directory. */
  public static final String CHECKPOINT_DIR = "checkpoint";
  /** The checkpoint's state, whose presence makes a killed run resumable. */
  public static final String CHECKPOINT_STATE = "checkpoint/state.json";
  /** Which canaries were included (only the audit reads it). */
  public static final String CANARY_INCLUSION = "canaries/inclusion.json";
  /** White-box canaries: the observations' record. */
  public static final String WHITE_BOX_JSON = "canaries/white-box.json";
  /** White-box canaries: the per-step projections. */
  public static final String WHITE_BOX_SCORES = "canaries/white-box-scores.bin";
  /** The attacks' directory. */
  public static final String ATTACKS_DIR = "attacks";
  /** Model inversion's record. */
  public static final String INVERSION_JSON = "attacks/inversion.json";
  /** Model inversion's images. */
  public static final String INVERSION_DIR = "attacks/inversion";
  /** Shadow models' scores, one directory per attack. */
  public static final String SHADOWS_DIR = "shadows";
  /** The audit's record. */
  public static final String AUDIT_JSON = "audit.json";
  /** The gate's record. */
  public static final String GATE_JSON = "gate.json";
  /** The run's report. */
  public static final String REPORT_HTML = "report.html";
  /** The writers' lock. */
  public static final String LOCK = ".dpaudit.lock";

  /** {@code attacks/<attack>.json}: a membership attack's record. */
  public static String attackJson(String attack) {
    return ATTACKS_DIR + "/" + name(attack) + ".json";
  }

  /** {@code attacks/<attack>-scores.csv}: a membership attack's per-example scores. */
  public static String attackScores(String attack) {
    return ATTACKS_DIR + "/" + name(attack) + "-scores.csv";
  }

  /** {@code attacks/inversion/<file>}: one image of model inversion. */
  public static String inversionImage(String file) {
    return INVERSION_DIR + "/" + name(file);
  }

  /** {@code shadows/<attack>}: where an attack keeps its shadow models' scores. */
  public static String shadows(String attack) {
    return SHADOWS_DIR + "/" + name(attack);
  }

  private static String name(String s) {
    Checks.check(s != null && !s.isEmpty() && s.indexOf('/') < 0 && !s.startsWith("."),
        "an artifact name must be a plain file name; got " + s);
    return s;
  }
}
