/*
 * Times builds of dpaudit's native Gaussian fill (dpaudit_noise.c) against each other, interleaved:
 * each library, given as a path, fills one MLP step's worth of draws (535,818) in blocks of 65,536,
 * as a real fill does, on one thread, `iterations` times in turn with the others; prints each
 * library's median, 10th and 90th percentile in ms, and a checksum of its last fill: two builds of
 * the same definition must print the same checksum (the same draws).
 *
 * The ziggurat's tables are computed here as core's Ziggurat computes them, but with the C library's
 * exp, log and sqrt instead of StrictMath: close to Java's, perhaps not bit for bit. Every library
 * gets the same tables, so their timings and checksums compare; the draws are not Java's.
 *
 * Build and run: see fill-ab.sh beside this file.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef long (*block_fn)(const uint8_t *, long, long, double *, double *, long, long, double, double, int32_t *,
                         int64_t *, int32_t *, int64_t *);
typedef void (*tables_fn)(const double *, const double *, const double *);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s iterations library.so [library.so ...]\n", argv[0]);
    return 2;
  }
  int iterations = atoi(argv[1]);
  int libraries = argc - 2;
  if (iterations < 1 || libraries > 8) {
    fprintf(stderr, "iterations must be at least 1, and at most 8 libraries\n");
    return 2;
  }
  double x[129], ratio[128], f[129];
  const double r = 3.442619855899, v = 9.91256303526217e-3;
  double d = exp(-0.5 * r * r);
  x[0] = v / d;
  x[1] = r;
  x[128] = 0;
  f[0] = 0;
  f[1] = d;
  for (int i = 2; i < 128; i++) {
    x[i] = sqrt(-2 * log(v / x[i - 1] + d));
    d = exp(-0.5 * x[i] * x[i]);
    f[i] = d;
  }
  f[128] = 1;
  for (int i = 0; i < 128; i++) ratio[i] = x[i + 1] / x[i];
  block_fn fill[8];
  for (int l = 0; l < libraries; l++) {
    void *h = dlopen(argv[l + 2], RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      fprintf(stderr, "%s\n", dlerror());
      return 1;
    }
    fill[l] = (block_fn)dlsym(h, "dpa_gaussian_block");
    tables_fn tables = (tables_fn)dlsym(h, "dpa_ziggurat_tables");
    if (!fill[l] || !tables) {
      fprintf(stderr, "%s: not a dpaudit kernels library\n", argv[l + 2]);
      return 1;
    }
    tables(x, ratio, f);
  }
  const long n = 535818, block = 1 << 16;
  double *draws = aligned_alloc(64, n * sizeof(double));
  int32_t *pending_at = malloc(block * sizeof(int32_t)), *tail_at = malloc(block * sizeof(int32_t));
  int64_t *pending_word = malloc(block * sizeof(int64_t)), state[3];
  double *ms[8];
  double checksum[8];
  uint8_t key[32] = {1, 2, 3};
  for (int l = 0; l < libraries; l++) ms[l] = malloc(iterations * sizeof(double));
  for (int it = 0; it < iterations; it++) {
    for (int l = 0; l < libraries; l++) {
      double t0 = now_ms();
      for (long b = 0; b * block < n; b++) {
        long count = n - b * block < block ? n - b * block : block;
        long code = fill[l](key, it, b << 40, draws, NULL, b * block, count, 1.0, 0x1.0p-50, pending_at,
                            pending_word, tail_at, state);
        if (code != 0) {
          fprintf(stderr, "%s: dpa_gaussian_block returned %ld\n", argv[l + 2], code);
          return 1;
        }
      }
      ms[l][it] = now_ms() - t0;
      if (it == iterations - 1) {
        double s = 0;
        for (long q = 0; q < n; q++) s += draws[q] * (double)(q % 7 + 1);
        checksum[l] = s;
      }
    }
  }
  for (int l = 0; l < libraries; l++) {
    qsort(ms[l], iterations, sizeof(double), by_value);
    printf("%s: median %.3f ms, p10 %.3f, p90 %.3f, checksum %.17g\n", argv[l + 2], ms[l][iterations / 2],
           ms[l][iterations / 10], ms[l][iterations * 9 / 10], checksum[l]);
  }
  return 0;
}
