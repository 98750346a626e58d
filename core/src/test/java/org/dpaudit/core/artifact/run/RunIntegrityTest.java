package org.dpaudit.core.artifact.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.accounting.EpsilonResult;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json is checked against its files and its ledger, not believed. */
class RunIntegrityTest {
  @TempDir Path dir;

  private static final PrivacyLedger LEDGER =
      PrivacyLedger.empty().append(new DpEvent.PoissonSampled(0.1, new DpEvent.Gaussian(1.2)), 40);

  private RunRecord run(AccountantEpsilons recorded, long steps) throws Exception {
    Files.createDirectories(dir.resolve("model"));
    Files.writeString(dir.resolve("model/model-0000.params"), "weights");
    ModelRecord model = new ModelRecord("mlp", List.of(1, 28, 28), 10, 1, List.of(), "model",
        List.of(ArtifactRef.of(dir.resolve("model/model-0000.params"), "model/model-0000.params")));
    PrivacyRecord p = new PrivacyRecord("dpsgd", 2, "test", recorded, 1e-5, 1.2, 1, 0.1, 100, steps,
        SamplerKind.POISSON, List.of(), LEDGER);
    return new RunRecord(RunRecord.SCHEMA_VERSION, "run", "r", "trained", Provenance.of("train", Map.of(), List.of(),
        EnvironmentInfo.current(), null, Instant.now()), new DatasetCard("mnist", "t", List.of(), 1, 1, List.of(1), 10,
        null), model, p, null, null);
  }

  private static AccountantEpsilons scaled(AccountantEpsilons a, double factor) {
    EpsilonResult r = a.rdp();
    EpsilonResult p = a.pld();
    return AccountantEpsilons.of(new EpsilonResult(r.epsilon() * factor, r.delta(), r.accountant(), true,
        r.optimalOrder(), r.note()), new EpsilonResult(p.epsilon() * factor, p.delta(), p.accountant(), true, null,
        p.note()));
  }

  @Test
  void recordedEpsilon_isTheLedgersWithinOnePartInAMillion() throws Exception {
    AccountantEpsilons proven = new RunAccounting().account(LEDGER, 1e-5);
    RunDirectory d = RunDirectory.create(dir);
    RunIntegrity.verify(d, run(proven, 40));
    RunIntegrity.verify(d, run(scaled(proven, 1 + 1e-7), 40));
    var e = assertThrows(ArtifactException.class, () -> RunIntegrity.verify(d, run(scaled(proven, 1 - 1e-5), 40)));
    assertTrue(e.getMessage().contains("but its ledger proves"), e.getMessage());
    e = assertThrows(ArtifactException.class, () -> RunIntegrity.verify(d, run(proven, 39)));
    assertTrue(e.getMessage().contains("privacy.steps says 39 but the ledger records 40 steps"), e.getMessage());
  }

  @Test
  void modelFiles_mustBeTheOnesRecorded_andNoOthers() throws Exception {
    RunDirectory d = RunDirectory.create(dir);
    RunRecord r = run(new RunAccounting().account(LEDGER, 1e-5), 40);
    Files.writeString(dir.resolve("model/.model-0000.params.1.tmp"), "a killed write");
    RunIntegrity.verifyFiles(d, r);
    Files.writeString(dir.resolve("model/model-0001.params"), "another model");
    var e = assertThrows(ArtifactException.class, () -> RunIntegrity.verifyFiles(d, r));
    assertTrue(e.getMessage().contains("is not one of the model files run.json lists"), e.getMessage());
    Files.delete(dir.resolve("model/model-0001.params"));
    Files.writeString(dir.resolve("model/model-0000.params"), "weightz");
    e = assertThrows(ArtifactException.class, () -> RunIntegrity.verifyFiles(d, r));
    assertTrue(e.getMessage().contains("the model was changed after training"), e.getMessage());
  }
}
