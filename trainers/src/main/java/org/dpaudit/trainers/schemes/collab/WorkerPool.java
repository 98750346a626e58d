package org.dpaudit.trainers.schemes.collab;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.DpNetwork;

/**
 * The devices and model replicas of collaborative workers, the way DJL trains on several devices in
 * one process: with two or more GPUs, worker k runs on GPU k mod G with its own replica of the
 * model, whose parameters are copied from the main model before each step ("downloading the global
 * parameters"); otherwise every worker runs on the main device and shares the main model (a copy
 * would change nothing). Gradients are computed worker after worker: DJL allows one gradient
 * collector per process, and on GPUs the kernels of successive workers still overlap.
 */
final class WorkerPool {
  private final DpNetwork main;
  private final List<NDManager> managers = new ArrayList<>();
  private final List<DpNetwork> networks = new ArrayList<>();

  /**
   * @param devices each worker's device; a worker on another device than the main model's (or
   *     every worker when {@code replicate}) gets its own replica
   */
  WorkerPool(DpNetwork main, NDManager mainManager, List<Device> devices, boolean replicate) {
    this.main = main;
    for (Device d : devices) {
      boolean own = replicate || !d.equals(mainManager.getDevice());
      NDManager m = own ? mainManager.newSubManager(d) : mainManager;
      managers.add(m);
      networks.add(own ? main.replicate(m) : main);
    }
  }

  /** Worker devices for {@code workers} workers: one per GPU in turn when there are two or more. */
  static List<Device> devices(int workers, Device mainDevice) {
    int gpus = mainDevice.isGpu() ? Engines.engine().getGpuCount() : 0;
    List<Device> out = new ArrayList<>();
    for (int k = 0; k < workers; k++) {
      out.add(gpus >= 2 ? Device.gpu(k % gpus) : mainDevice);
    }
    return out;
  }

  int size() {
    return networks.size();
  }

  /** Worker k's manager (on its device). */
  NDManager manager(int k) {
    return managers.get(k);
  }

  /** Worker k's model, with the main model's current parameters. */
  DpNetwork network(int k) {
    DpNetwork n = networks.get(k);
    if (n != main) {
      main.copyParametersTo(n);
    }
    return n;
  }

  /** Whether worker k has its own replica. */
  boolean replicated(int k) {
    return networks.get(k) != main;
  }
}
