package org.dpaudit.bench;

import java.util.concurrent.TimeUnit;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.privacy.DpEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to an epsilon for DP-SGD: RDP over 10^5 steps (goal: under 50 ms) and PLD over 10^4 steps
 * (goal: under 2 s), after JVM warm-up, each from a fresh accountant (the PLD accountant caches its
 * last event, which would otherwise turn every call after the first into a lookup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AccountantBenchmark {
  /** "q/sigma" (JMH splits -p values at commas): the MNIST DP-SGD setting, a typical q = 1%, and a large-epsilon one. */
  @Param({"0.004266666666666667/1.1", "0.01/1.0", "0.1/0.8"})
  public String setting;

  private DpEvent rdpEvent;
  private DpEvent pldEvent;

  @Setup
  public void setUp() {
    String[] qs = setting.split("/");
    double q = Double.parseDouble(qs[0]);
    double sigma = Double.parseDouble(qs[1]);
    rdpEvent = NoiseCalibrator.dpSgd(q, sigma, 100_000);
    pldEvent = NoiseCalibrator.dpSgd(q, sigma, 10_000);
  }

  /** RDP, 10^5 steps, default orders (178, up to 4096). */
  @Benchmark
  public double rdp100kSteps() {
    return new RdpAccountant().epsilon(rdpEvent, 1e-5).epsilon();
  }

  /** PLD, 10^4 steps, the default grid: interval 1e-4, coarser when the composed losses span more than 2^18 points. */
  @Benchmark
  public double pld10kSteps() {
    return new PldAccountant().epsilon(pldEvent, 1e-5).epsilon();
  }

  /** PLD, 10^4 steps, interval 1e-4 as given (the default before the grid adapted; coarsened only to fit). */
  @Benchmark
  public double pld10kStepsFixedGrid() {
    return new PldAccountant(PldAccountant.DEFAULT_INTERVAL).epsilon(pldEvent, 1e-5).epsilon();
  }
}
