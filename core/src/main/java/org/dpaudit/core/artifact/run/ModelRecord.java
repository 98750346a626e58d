package org.dpaudit.core.artifact.run;

import java.util.List;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * The model block of {@code run.json}: architecture, size, the per-example gradient method chosen
 * for each conv layer, and the DJL parameter files with their checksums.
 *
 * @param directory the model directory inside the run ({@code model})
 */
public record ModelRecord(
    String architecture, List<Integer> inputShape, int classes, long parameters, List<String> convGradMethods,
    String directory, List<ArtifactRef> files) {
  public ModelRecord {
    inputShape = List.copyOf(inputShape);
    convGradMethods = List.copyOf(convGradMethods);
    files = List.copyOf(files);
  }
}
