package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

/**
 * Train-until-budget stops at the right step: checked against a published value, against the
 * RDP accountant walked one step at a time (the procedure the bisection replaces), and at the
 * boundary (T steps inside the budget, T + 1 outside).
 */
class BudgetStepsTest {
  private static final RunAccounting RDP = new RunAccounting(AccountantKind.RDP);

  /** epsilon of {@code steps} Poisson-sampled Gaussian steps, straight from the RDP accountant. */
  private static double direct(double q, double sigma, long steps, double delta) {
    return new RdpAccountant().epsilon(new DpEvent.SelfComposed(new DpEvent.PoissonSampled(q,
        new DpEvent.Gaussian(sigma)), steps), delta).epsilon();
  }

  /** The first step count whose epsilon exceeds the budget, found by walking one step at a time. */
  private static long walk(double q, double sigma, double epsilon, double delta) {
    long t = 1;
    while (direct(q, sigma, t, delta) <= epsilon) {
      t++;
    }
    return t - 1;
  }

  @Test
  void tfPrivacyTutorial_3600StepsAtSigma1point3_spend0point942() {
    // TF Privacy's MNIST tutorial: q = 250/60000, sigma 1.3, delta 1e-5, 3600 steps -> epsilon 0.942 (published).
    double q = 250 / 60000.0;
    assertTrue(BudgetSteps.maxSteps(RDP, q, 1.3, 0.945, 1e-5) >= 3600);
    assertTrue(BudgetSteps.maxSteps(RDP, q, 1.3, 0.939, 1e-5) < 3600);
  }

  @Test
  void bisection_equalsTheStepByStepWalk() {
    // Small step counts (the walk evaluates the accountant once a step): a sampled and an unsampled case.
    double[][] cases = {{0.1, 1.0, 3.0}, {1.0, 5.0, 1.5}, {0.3, 2.0, 2.0}};
    for (double[] c : cases) {
      long t = BudgetSteps.maxSteps(RDP, c[0], c[1], c[2], 1e-5);
      assertEquals(walk(c[0], c[1], c[2], 1e-5), t, java.util.Arrays.toString(c));
      assertTrue(t > 1, "a case with more than one step: " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void theStepsFound_areInsideAndOneMoreIsOutside() {
    double q = 256 / 60000.0;
    for (double sigma : new double[] {1, 2, 4, 8}) {
      long t = BudgetSteps.maxSteps(RDP, q, sigma, 2.0, 1e-5);
      assertTrue(direct(q, sigma, t, 1e-5) <= 2.0, "sigma " + sigma + ": " + t + " steps");
      assertTrue(direct(q, sigma, t + 1, 1e-5) > 2.0, "sigma " + sigma + ": " + (t + 1) + " steps");
    }
  }

  @Test
  void aBudgetOneStepExceeds_orOneWithoutEnd_isRefused() {
    InvalidInputException one = assertThrows(InvalidInputException.class,
        () -> BudgetSteps.maxSteps(RDP, 1.0, 0.5, 0.1, 1e-5));
    assertTrue(one.getMessage().contains("one step"), one.getMessage());
    InvalidInputException many = assertThrows(InvalidInputException.class,
        () -> BudgetSteps.maxSteps(RDP, 1e-4, 50, 10, 1e-5));
    assertTrue(many.getMessage().contains("steps"), many.getMessage());
  }

  private static TrainingConfig config(String scheme, Double until) {
    return new TrainingConfig("mlp", new DataConfig("mnist", null, "label", new org.dpaudit.datasets.split.SplitSpec()),
        new OptimConfig(1, 30, OptimizerKind.SGD, 0.1, 0, LrSchedule.CONSTANT),
        new PrivacyConfig(scheme, 1.0, 1.0, null, 1e-5, SamplerKind.POISSON, Map.of()).untilEpsilon(until),
        ConvGradMethod.AUTO, 0);
  }

  @Test
  void resolve_fixesTheStepsAndTheirEpochs_andKeepsTheTarget() {
    TrainingConfig r = BudgetSteps.resolve(config("dpsgd", 3.0), 300, RDP);
    long t = walk(0.1, 1.0, 3.0, 1e-5);
    assertEquals(t, r.optim().steps());
    assertEquals((t + 9) / 10, r.optim().epochs());
    assertEquals(3.0, r.privacy().untilEpsilon());
    assertEquals(r, BudgetSteps.resolve(r, 300, RDP), "a resolved configuration resolves to itself (resume)");
    TrainingConfig plain = config("dpsgd", null);
    assertEquals(plain, BudgetSteps.resolve(plain, 300, RDP));
  }

  @Test
  void resolve_refusesASchemeWithAClaimOfItsOwn() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BudgetSteps.resolve(config("appdl", 3.0), 300, RDP));
    assertTrue(e.getMessage().contains("appdl"), e.getMessage());
  }
}
