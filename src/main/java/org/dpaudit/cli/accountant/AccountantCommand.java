package org.dpaudit.cli.accountant;

import java.util.concurrent.Callable;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.Checks;
import org.dpaudit.core.accounting.AccountantAnswer;
import org.dpaudit.core.accounting.AccountantQuery;
import org.dpaudit.core.accounting.AccountantQuery.Choice;
import org.dpaudit.core.accounting.AccountantQuery.Mechanism;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.SamplingSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dpaudit accountant}: epsilon for T steps of DP-SGD (or of the Laplace mechanism), or the
 * noise a target epsilon needs; what TF Privacy's {@code compute_dp_sgd_privacy} and Opacus's script
 * are for Python users. The question and its answer are {@link AccountantQuery} in {@code
 * org.dpaudit.core.accounting}; this class parses, checks the options go together, and prints.
 */
@Command(
    name = "accountant",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Epsilon of T steps of DP-SGD (Poisson-sampled Gaussian mechanism) or of the Laplace mechanism at a delta,",
      "or, with --target-epsilon, the least noise that reaches it.",
      "Accountants: rdp (Renyi DP, the default; what TF Privacy and Opacus report), pld (privacy loss",
      "distributions: the tightest proven bound), gdp (central-limit estimate: an approximation, not a bound),",
      "pure (basic/advanced composition; Laplace only), all (every applicable one).",
      "The epsilon assumes Poisson sampling: each example joins each step's batch independently with",
      "probability q. Shuffled fixed-size batches are not covered by this analysis.",
      ""
    },
    footer = {
      "",
      "q and steps: give --sampling-rate and --steps, or --dataset-size, --batch-size and --epochs",
      "(then q = batch size / dataset size and steps = ceil(epochs x ceil(dataset size / batch size)),",
      "the steps dpaudit's trainer and PyTorch's data loaders take; TF Privacy counts ceil(E N / B), up to",
      "E - 1 fewer: give --steps to use that count).",
      "",
      "Examples:",
      "  dpaudit accountant --sampling-rate 0.01 --noise-multiplier 1.0 --steps 300 --delta 1e-5",
      "  dpaudit accountant --dataset-size 60000 --batch-size 256 --epochs 60 --noise-multiplier 1.1 --delta 1e-5 --accountant all",
      "  dpaudit accountant --sampling-rate 0.01 --noise-multiplier 1.0 --steps 300 --delta 1e-5 --orders 2,5,10,20,100 --json",
      "  dpaudit accountant --dataset-size 60000 --batch-size 256 --epochs 15 --target-epsilon 1 --delta 1e-5",
      "  dpaudit accountant --mechanism laplace --scale 2 --sampling-rate 0.01 --steps 1000 --delta 1e-5 --accountant pld"
    })
public final class AccountantCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"--sampling-rate", "--sample-rate"}, paramLabel = "Q",
      description = "Poisson sampling rate q in (0, 1]; 1 means no sampling (--sample-rate: Opacus' name).")
  Double samplingRate;

  @Option(names = "--steps", paramLabel = "T", description = "Number of steps (at least 1).")
  Long steps;

  @Option(names = "--dataset-size", paramLabel = "N", description = "Training set size (instead of --sampling-rate and --steps).")
  Long datasetSize;

  @Option(names = "--batch-size", paramLabel = "B", description = "Expected batch size, 1 to N.")
  Long batchSize;

  @Option(names = "--epochs", paramLabel = "E", description = "Epochs (may be fractional).")
  Double epochs;

  @Option(names = "--noise-multiplier", paramLabel = "SIGMA",
      description = "Gaussian noise standard deviation / L2 clipping norm; 0 means no noise (and no privacy).")
  Double noiseMultiplier;

  @Option(names = "--target-epsilon", paramLabel = "EPS",
      description = "Solve for the least noise reaching this epsilon (instead of --noise-multiplier or --scale).")
  Double targetEpsilon;

  @Option(names = "--delta", required = true, paramLabel = "DELTA", description = "Delta in (0, 1), e.g. 1e-5 or 1/N.")
  double delta;

  @Option(names = "--mechanism", paramLabel = "M", description = "gaussian (default) or laplace.")
  Mechanism mechanism = Mechanism.GAUSSIAN;

  @Option(names = "--scale", paramLabel = "B", description = "Laplace scale b (with --mechanism laplace).")
  Double scale;

  @Option(names = "--sensitivity", paramLabel = "S", description = "Laplace L1 sensitivity (default 1).")
  Double sensitivity;

  @Option(names = "--accountant", paramLabel = "A", description = "rdp (default), pld, gdp, pure or all.")
  Choice accountant = Choice.RDP;

  @Option(names = "--orders", split = ",", paramLabel = "ALPHA", description = "Renyi orders for rdp (default: 178 orders from 1.02 to 4096).")
  double[] orders;

  @Option(names = "--pld-interval", paramLabel = "H",
      description = "PLD discretisation interval in nats, used as given (default: 1e-4, made coarser when the "
          + "composed losses span more than 2^18 grid points, i.e. at large epsilon; finer is tighter and slower).")
  Double pldInterval;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    SamplingSchedule schedule = sampling();
    Checks.openUnit("--delta", delta);
    checkMechanismOptions();
    Double noise = mechanism == Mechanism.GAUSSIAN ? noiseMultiplier : scale;
    AccountantAnswer answer = new AccountantQuery(schedule, mechanism, noise, sensitivity(), targetEpsilon, delta,
        accountant, orders, pldInterval).answer();
    spec.commandLine().getOut().print(json ? Json.write(answer) : AccountantText.of(answer));
    return ExitCodes.OK;
  }

  /** q and steps, from either form of the options. */
  private SamplingSchedule sampling() {
    boolean direct = samplingRate != null || steps != null;
    boolean derived = datasetSize != null || batchSize != null || epochs != null;
    if (direct && derived) {
      throw usage("give either --sampling-rate and --steps, or --dataset-size, --batch-size and --epochs, not both");
    }
    if (direct) {
      if (samplingRate == null || steps == null) {
        throw usage("--sampling-rate and --steps go together; give both");
      }
      return SamplingSchedule.of(samplingRate, steps);
    }
    if (datasetSize == null || batchSize == null || epochs == null) {
      throw usage(derived ? "--dataset-size, --batch-size and --epochs go together; give all three"
          : "give --sampling-rate and --steps, or --dataset-size, --batch-size and --epochs");
    }
    return SamplingSchedule.fromEpochs(datasetSize, batchSize, epochs);
  }

  private void checkMechanismOptions() {
    if (targetEpsilon != null) {
      Checks.positive("--target-epsilon", targetEpsilon);
    }
    if (mechanism == Mechanism.GAUSSIAN) {
      if (scale != null || sensitivity != null) {
        throw usage("--scale and --sensitivity are for --mechanism laplace; the Gaussian mechanism takes --noise-multiplier");
      }
      exactlyOne(noiseMultiplier, "--noise-multiplier");
      if (noiseMultiplier != null) {
        Checks.nonNegative("--noise-multiplier", noiseMultiplier);
      }
    } else {
      if (noiseMultiplier != null) {
        throw usage("--noise-multiplier is for the Gaussian mechanism; the Laplace mechanism takes --scale");
      }
      exactlyOne(scale, "--scale");
      if (scale != null) {
        Checks.positive("--scale", scale);
      }
      Checks.positive("--sensitivity", sensitivity());
    }
    if (orders != null && accountant != Choice.RDP && accountant != Choice.ALL) {
      throw usage("--orders is for --accountant rdp or all");
    }
    if (pldInterval != null && accountant != Choice.PLD && accountant != Choice.ALL) {
      throw usage("--pld-interval is for --accountant pld or all");
    }
  }

  private void exactlyOne(Double noise, String noiseOption) {
    if ((noise == null) == (targetEpsilon == null)) {
      throw usage("give exactly one of " + noiseOption + " and --target-epsilon");
    }
  }

  private double sensitivity() {
    return sensitivity == null ? 1.0 : sensitivity;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
