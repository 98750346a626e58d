package org.dpaudit.spark;

import java.util.function.Consumer;

/**
 * One progress line per finished task, with where it ran and an estimate of the time left from the
 * job's pace so far (finished tasks per second of wall time, so parallel executors count).
 */
final class TaskProgress {
  private final String noun;
  private final int total;
  private final Consumer<String> out;
  private final long start = System.nanoTime();
  private int done;

  TaskProgress(String noun, int total, Consumer<String> out) {
    this.noun = noun;
    this.total = total;
    this.out = out;
  }

  /** Reports that {@code what} finished on {@code where} after {@code seconds} of training. */
  synchronized void finished(String what, TaskInfo where) {
    done++;
    double elapsed = (System.nanoTime() - start) / 1e9;
    String left = done == total ? "all done" : "about " + clock(elapsed / done * (total - done)) + " left";
    out.accept(String.format("%s %s trained on executor %s (%s, attempt %d) in %.1f s; %d of %d %s done after %s, %s",
        noun, what, where.executor(), where.host(), where.attempt() + 1, where.seconds(), done, total, noun + "s",
        clock(elapsed), left));
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
