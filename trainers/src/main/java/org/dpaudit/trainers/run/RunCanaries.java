package org.dpaudit.trainers.run;

import java.util.List;
import java.util.Locale;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.LoadedDataset;
import org.dpaudit.datasets.canary.Canaries;
import org.dpaudit.datasets.canary.CanarySet;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.trainers.canary.GradientCanaries;
import org.dpaudit.trainers.checkpoint.CheckpointState;
import org.dpaudit.trainers.checkpoint.InclusionBits;
import org.dpaudit.trainers.checkpoint.RunFingerprint;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * A run's canaries: built from public data (the audit rebuilds them), each included with probability
 * 1/2 by bits drawn once from the run's randomness, or restored from the checkpoint on a resume
 * ({@link InclusionBits}). Another family of canaries is one more entry in {@link #bits}.
 *
 * @param set the input (black-box) canaries of {@code --canaries}, or null without any
 * @param gradient the white-box gradient canaries of {@code --canary-kind gradient}, or null
 * @param bits every family's inclusion bits, in a fixed order
 */
record RunCanaries(CanarySet set, GradientCanaries gradient, List<InclusionBits> bits) {
  /** The family of {@code --canary-kind gradient}: synthetic gradients, observed in every update. */
  static final String GRADIENT_CANARIES = "gradient";

  RunCanaries {
    bits = List.copyOf(bits);
  }

  /** The canary families {@code request} asks for, before any bits exist (for the resume check). */
  static List<RunFingerprint.CanaryFamily> requested(TrainRequest request) {
    return request.canaries() == 0 ? List.of()
        : List.of(RunFingerprint.CanaryFamily.requested(family(request), kind(request), request.canaries()));
  }

  private static String family(TrainRequest request) {
    return request.canaryKind().isData() ? InclusionBits.INPUT_CANARIES : GRADIENT_CANARIES;
  }

  /** The canaries of {@code request}: built, and their bits restored from {@code resume} or drawn. */
  static RunCanaries of(TrainRequest request, LoadedDataset data, MembershipSplit split, Randomness randomness,
      CheckpointState resume) {
    if (request.canaries() == 0) {
      return new RunCanaries(null, null, List.of());
    }
    if (!request.canaryKind().isData()) {
      if (!Schemes.isPrivate(request.config().privacy().scheme())) {
        throw new InvalidInputException("white-box (gradient) canaries audit a private scheme's noisy updates; "
            + request.config().privacy().scheme() + " releases its gradients without noise: use --canary-kind mislabeled for a black-box audit");
      }
      InclusionBits bits = InclusionBits.drawOrRestore(GRADIENT_CANARIES, kind(request), resume,
          () -> Canaries.drawInclusion(request.canaries(), randomness.stream("canaries/inclusion")));
      GradientCanaries g = new GradientCanaries(request.canaries(), GradientCanaries.DEFAULT_NULLS,
          GradientCanaries.NORM_FACTOR * request.config().privacy().clipNorm(), bits.included());
      return new RunCanaries(null, g, List.of(bits));
    }
    CanarySet set = Canaries.build(data.train(), split, request.canaries(), request.canaryKind(),
        request.config().data().split().seed());
    InclusionBits input = InclusionBits.drawOrRestore(InclusionBits.INPUT_CANARIES, kind(request), resume,
        () -> Canaries.drawInclusion(set.size(), randomness.stream("canaries/inclusion")));
    return new RunCanaries(set, null, List.of(input));
  }

  /** The members plus the canaries whose bit is set: what the run trains on. */
  Dataset trainOn(Dataset members) {
    return set == null ? members
        : members.concat(members.name() + "+canaries", Canaries.included(set, bits.get(0).included()));
  }

  /**
   * Writes the input canaries' bits to {@link RunLayout#CANARY_INCLUSION} (the same bytes on a
   * resume, since the bits are the checkpoint's) and returns run.json's record of them; null without
   * canaries.
   */
  CanaryRecord write(RunDirectory dir) {
    if (gradient != null) {
      // the record, with the observations' checksum, is written after training
      dir.writeJson(RunLayout.CANARY_INCLUSION,
          new TrainingRun.CanaryInclusion(1, "canary-inclusion", bits.get(0).included()));
      return null;
    }
    if (set == null) {
      return null;
    }
    dir.writeJson(RunLayout.CANARY_INCLUSION,
        new TrainingRun.CanaryInclusion(1, "canary-inclusion", bits.get(0).included()));
    String sha = Sha256.of(dir.resolve(RunLayout.CANARY_INCLUSION));
    return new CanaryRecord(set.size(), set.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), set.seed(),
        RunLayout.CANARY_INCLUSION, sha);
  }

  private static String kind(TrainRequest request) {
    return request.canaryKind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
