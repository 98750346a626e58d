/*
 * dpaudit's native CPU kernels, called through JNA (org.dpaudit.trainers.engine.NativeKernels).
 *
 * Per-example gradients of a 2-D convolution, their bias gradients and their squared norms, in one
 * pass per example:
 *
 *   g_i(W)[o, c, u, v] = sum_t Delta_i[o, t] * xpad_i[c, s h_t + u, s w_t + v]
 *   g_i(b)[o]          = sum_t Delta_i[o, t]
 *   n_i                = ||g_i(W)||^2 + ||g_i(b)||^2
 *
 * Why native: the engine offers these as a grouped convolution (one group per example) or an
 * unfold and a batched product of small matrices, both far below the CPU's arithmetic rate. Here
 * the output channels lie along 8-float vectors (the gradients are written (C k k, O), transposed) and each vector of deltas is multiplied with up to
 * twelve input values held as broadcasts (twelve accumulators, at most 15 of the 16 vector
 * registers), so the products stay in registers.
 *
 * Determinism: one instruction set (AVX2 with FMA, checked at run time by dpa_supported), every
 * sum taken in a fixed order, no fast-math; the same inputs give the same bits on every machine
 * that runs the kernel, whatever the number of threads (each example is computed by one thread).
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdlib.h>

#define TARGET __attribute__((target("avx2,fma")))

/* 1 when this CPU runs the kernels (AVX2 and FMA), else 0. */
int dpa_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* Version of the kernels' arithmetic: a change of it may change results in the last bits. 4: the
 * norms' totals and the clipping coefficients beside the kernels are computed on the host
 * (org.dpaudit.trainers.schemes.HostClipping), correctly rounded; this library's arithmetic is 3's.
 * 5: a convolution's clipped kernel sum by dpa_weighted_rows (4 took the engine's product). */
int dpa_version(void) { return 5; }

/*
 * out[i] = float32(float64(g[i]) + z[i] * scale) for i < n: the noisy gradient from standard draws
 * z, the product rounded once to float64, the sum once to float64 and once to float32 (round to
 * nearest even, as Java's and the engine's; never a fused multiply-add), read and written in the
 * engine's memory with no copy through Java arrays. out may be g (in place). With scale 1 the
 * product is z itself.
 */
TARGET void dpa_add_noise(const float *g, const double *z, double scale, float *out, long n) {
  const __m256d s = _mm256_set1_pd(scale);
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256d lo = _mm256_add_pd(_mm256_cvtps_pd(_mm_loadu_ps(g + i)), _mm256_mul_pd(_mm256_loadu_pd(z + i), s));
    __m256d hi = _mm256_add_pd(_mm256_cvtps_pd(_mm_loadu_ps(g + i + 4)), _mm256_mul_pd(_mm256_loadu_pd(z + i + 4), s));
    _mm_storeu_ps(out + i, _mm256_cvtpd_ps(lo));
    _mm_storeu_ps(out + i + 4, _mm256_cvtpd_ps(hi));
  }
  for (; i < n; i++) out[i] = (float)((double)g[i] + z[i] * scale);
}

/*
 * w[i] = w[i] - lr * g[i] for i < n, in float32: the product rounded, then the difference (never a
 * fused multiply-add), as the engine's two operations (a product by a float32 scalar, an in-place
 * difference) round them; one pass over the engine's memory instead of two and a temporary.
 */
TARGET void dpa_sgd_update(float *w, const float *g, float lr, long n) {
  const __m256 l = _mm256_set1_ps(lr);
  long i = 0;
  for (; i + 8 <= n; i += 8)
    _mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_loadu_ps(w + i), _mm256_mul_ps(_mm256_loadu_ps(g + i), l)));
  for (; i < n; i++) w[i] = w[i] - lr * g[i];
}

/*
 * w[i] = w[i] - lr * float32(float64(g[i]) + z[i] * scale) for i < n: dpa_add_noise and then
 * dpa_sgd_update in one pass, each value rounded exactly as the two passes round it (the noisy
 * value to float64 and then to float32, the product by lr to float32, then the difference; never a
 * fused multiply-add), so the same bits. The noisy gradient itself is never written: the pass reads
 * w, g and z and writes w only.
 */
TARGET void dpa_noisy_sgd_update(float *w, const float *g, const double *z, double scale, float lr, long n) {
  const __m256d s = _mm256_set1_pd(scale);
  const __m256 l = _mm256_set1_ps(lr);
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256d lo = _mm256_add_pd(_mm256_cvtps_pd(_mm_loadu_ps(g + i)), _mm256_mul_pd(_mm256_loadu_pd(z + i), s));
    __m256d hi = _mm256_add_pd(_mm256_cvtps_pd(_mm_loadu_ps(g + i + 4)), _mm256_mul_pd(_mm256_loadu_pd(z + i + 4), s));
    __m256 noisy = _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo));
    _mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_loadu_ps(w + i), _mm256_mul_ps(noisy, l)));
  }
  for (; i < n; i++) {
    float noisy = (float)((double)g[i] + z[i] * scale);
    w[i] = w[i] - lr * noisy;
  }
}

/* Columns summed at a time by dpa_weighted_rows: their running sums stay in the L1 cache. */
#define WEIGHTED_BLOCK 1024

/*
 * out[j] = sum_i c[i] g[i, j] for the columns from..to-1 of g (rows x cols, row-major): the clipped
 * sum of materialised per-example gradients. Each value is one chain of float32 fused multiply-adds
 * over i in order, acc = fma(c[i], g[i, j], acc) from 0, so the same bits whatever the columns'
 * split between threads and whether a column falls in a vector or in the tail. g is read once, row
 * by row in runs of WEIGHTED_BLOCK columns, whose running sums stay in the L1 cache (the engine's
 * matrix product for a single row of coefficients packed g first).
 */
TARGET void dpa_weighted_rows(const float *c, const float *g, float *out, long rows, long cols, long from, long to) {
  float acc[WEIGHTED_BLOCK] __attribute__((aligned(32)));
  for (long j0 = from; j0 < to; j0 += WEIGHTED_BLOCK) {
    long m = to - j0 < WEIGHTED_BLOCK ? to - j0 : WEIGHTED_BLOCK;
    for (long j = 0; j < m; j++) acc[j] = 0.0f;
    for (long i = 0; i < rows; i++) {
      const float *row = g + i * cols + j0;
      const __m256 ci = _mm256_set1_ps(c[i]);
      long j = 0;
      for (; j + 8 <= m; j += 8)
        _mm256_store_ps(acc + j, _mm256_fmadd_ps(ci, _mm256_loadu_ps(row + j), _mm256_load_ps(acc + j)));
      for (; j < m; j++) acc[j] = __builtin_fmaf(c[i], row[j], acc[j]);
    }
    for (long j = 0; j < m; j++) out[j0 + j] = acc[j];
  }
}

/* sum_j v[j]^2 in float64, in a fixed order: four lanes of products, then the lanes, then the rest. */
TARGET static double squares_f64(const float *v, long n) {
  __m256d acc = _mm256_setzero_pd();
  long j = 0;
  for (; j + 4 <= n; j += 4) {
    __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(v + j));
    acc = _mm256_fmadd_pd(a, a, acc);
  }
  double lanes[4];
  _mm256_storeu_pd(lanes, acc);
  double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  for (; j < n; j++) sum += (double)v[j] * v[j];
  return sum;
}

/* Rows taken together by squares_f64_rows: eight independent chains of FMAs keep both FMA units busy. */
#define NORM_ROWS 8

/*
 * squares_f64 of NORM_ROWS rows of n values, row r at v + r * stride, into sums[r]: each row's sum
 * is the same chain of operations as squares_f64's, in the same order (the same bits); only the
 * rows' chains are interleaved. One row's chain waits on its FMA's latency at every step (4
 * values in about 4 cycles); eight in flight need about 1 cycle for 8 values.
 */
TARGET static void squares_f64_rows(const float *v, long stride, long n, double *sums) {
  __m256d acc[NORM_ROWS];
  _Pragma("GCC unroll 8") for (int r = 0; r < NORM_ROWS; r++) acc[r] = _mm256_setzero_pd();
  long j = 0;
  for (; j + 4 <= n; j += 4) {
    _Pragma("GCC unroll 8") for (int r = 0; r < NORM_ROWS; r++) {
      __m256d a = _mm256_cvtps_pd(_mm_loadu_ps(v + r * stride + j));
      acc[r] = _mm256_fmadd_pd(a, a, acc[r]);
    }
  }
  for (int r = 0; r < NORM_ROWS; r++) {
    double lanes[4];
    _mm256_storeu_pd(lanes, acc[r]);
    double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    const float *row = v + r * stride;
    for (long t = j; t < n; t++) sum += (double)row[t] * row[t];
    sums[r] = sum;
  }
}

/* Rows from..to-1 one by one (squares_f64 alone): dpa_linear_sq_norms's leftover rows, and for tests. */
TARGET void dpa_linear_sq_norms_by_row(const float *x, const float *d, float *out, long x_cols, long d_cols,
                                       long from, long to) {
  for (long r = from; r < to; r++)
    out[r] = (float)(squares_f64(d + r * d_cols, d_cols) * (squares_f64(x + r * x_cols, x_cols) + 1.0));
}

/*
 * Per-example squared norms of a dense layer's gradients (weights and bias), from its inputs x
 * (rows, x_cols) and output gradients d (rows, d_cols): out[r] = ||d_r||^2 (||x_r||^2 + 1), the
 * sums in float64 (squares_f64's order), rounded once to float32. Rows from..to-1, NORM_ROWS at a
 * time and the rest one by one (the same bits either way).
 */
TARGET void dpa_linear_sq_norms(const float *x, const float *d, float *out, long x_cols, long d_cols, long from,
                                long to) {
  long r = from;
  for (; r + NORM_ROWS <= to; r += NORM_ROWS) {
    double sd[NORM_ROWS], sx[NORM_ROWS];
    squares_f64_rows(d + r * d_cols, d_cols, d_cols, sd);
    squares_f64_rows(x + r * x_cols, x_cols, x_cols, sx);
    for (int k = 0; k < NORM_ROWS; k++) out[r + k] = (float)(sd[k] * (sx[k] + 1.0));
  }
  dpa_linear_sq_norms_by_row(x, d, out, x_cols, d_cols, r, to);
}

/*
 * out[r] = sum_j v[r, j]^2 in float64 (squares_f64's order, the same bits) for rows from..to-1 of v
 * (rows of cols values): a dense layer's input norms, taken in the forward pass while the layer's
 * product has just read the inputs, so that the norms after the backward pass read only the
 * output gradients (dpa_linear_sq_norms_from).
 */
TARGET void dpa_row_sq_sums(const float *v, double *out, long cols, long from, long to) {
  long r = from;
  for (; r + NORM_ROWS <= to; r += NORM_ROWS) squares_f64_rows(v + r * cols, cols, cols, out + r);
  for (; r < to; r++) out[r] = squares_f64(v + r * cols, cols);
}

/*
 * dpa_linear_sq_norms with the inputs' sums given (sx[r], from dpa_row_sq_sums): out[r] =
 * (float)(||d_r||^2 (sx[r] + 1)), the same operations in the same order, so the same bits.
 */
TARGET void dpa_linear_sq_norms_from(const double *sx, const float *d, float *out, long d_cols, long from, long to) {
  long r = from;
  for (; r + NORM_ROWS <= to; r += NORM_ROWS) {
    double sd[NORM_ROWS];
    squares_f64_rows(d + r * d_cols, d_cols, d_cols, sd);
    for (int k = 0; k < NORM_ROWS; k++) out[r + k] = (float)(sd[k] * (sx[r + k] + 1.0));
  }
  for (; r < to; r++) out[r] = (float)(squares_f64(d + r * d_cols, d_cols) * (sx[r] + 1.0));
}

/*
 * acc[j][v] += x[t, column j] * d[t, 8v .. 8v+7] over all t, for NC columns and NV vectors of
 * output channels, then each column's values stored to out[column * o_count + o] (o < o_count).
 */
#define UNROLL _Pragma("GCC unroll 16")
#define MICRO(NV, NC)                                                                              \
  TARGET static void micro_##NV##_##NC(const float *xp, const int *toff, int t_count,             \
                                       const int *base, const float *dt, int op, int o0,          \
                                       int o_count, int col0, float *out) {                      \
    __m256 acc[NC][NV];                                                                            \
    UNROLL for (int j = 0; j < NC; j++)                                                            \
      UNROLL for (int v = 0; v < NV; v++) acc[j][v] = _mm256_setzero_ps();                         \
    int b[NC];                                                                                     \
    UNROLL for (int j = 0; j < NC; j++) b[j] = base[col0 + j];                                     \
    for (int t = 0; t < t_count; t++) {                                                            \
      const float *drow = dt + (size_t)t * op + o0;                                                \
      __m256 d[NV];                                                                                \
      UNROLL for (int v = 0; v < NV; v++) d[v] = _mm256_loadu_ps(drow + 8 * v);                    \
      const float *xb = xp + toff[t];                                                              \
      UNROLL for (int j = 0; j < NC; j++) {                                                        \
        __m256 x = _mm256_broadcast_ss(xb + b[j]);                                                 \
        UNROLL for (int v = 0; v < NV; v++) acc[j][v] = _mm256_fmadd_ps(x, d[v], acc[j][v]);       \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int j = 0; j < NC; j++) {                                                          \
      float *dst = out + (size_t)(col0 + j) * o_count + o0;                                        \
      UNROLL for (int v = 0; v < NV; v++) {                                                        \
        if (o0 + 8 * v + 8 <= o_count) {                                                           \
          _mm256_storeu_ps(dst + 8 * v, acc[j][v]);                                                \
        } else { /* the last, partial vector of channels */                                        \
          __m256i live = _mm256_cmpgt_epi32(_mm256_set1_epi32(o_count - o0 - 8 * v),              \
                                            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));            \
          _mm256_maskstore_ps(dst + 8 * v, live, acc[j][v]);                                       \
        }                                                                                          \
      }                                                                                            \
    }                                                                                              \
  }

MICRO(1, 12)
MICRO(1, 1)
MICRO(2, 6)
MICRO(2, 1)
MICRO(3, 4)
MICRO(3, 1)
MICRO(4, 3)
MICRO(4, 1)

/* Columns [0, ck) for output channels o0 .. o0 + 8 nv - 1 (nv in 1..4). */
TARGET static void columns(int nv, const float *xp, const int *toff, int t_count, const int *base,
                           const float *dt, int op, int o0, int o_count, int ck, float *out) {
  int col = 0;
#define RUN(NV, NC)                                                                                \
  for (; col + NC <= ck; col += NC)                                                                \
    micro_##NV##_##NC(xp, toff, t_count, base, dt, op, o0, o_count, col, out);
  switch (nv) {
    case 1: RUN(1, 12) RUN(1, 1) break;
    case 2: RUN(2, 6) RUN(2, 1) break;
    case 3: RUN(3, 4) RUN(3, 1) break;
    default: RUN(4, 3) RUN(4, 1) break;
  }
#undef RUN
}

/*
 * The same products with AVX-512 (16 channels a vector, 16 or 24 accumulators of the 32 registers,
 * in tiles that divide the usual column counts C k k),
 * where the CPU has it: each gradient value is the same chain of FMAs over t in the same order as
 * above, so the values are the same bits whichever width computes them (tested).
 */
#define TARGET512 __attribute__((target("avx512f,avx2,fma")))
#define MICRO512(NV, NC)                                                                           \
  TARGET512 static void micro512_##NV##_##NC(const float *xp, const int *toff, int t_count,       \
                                             const int *base, const float *dt, int op, int o0,    \
                                             int o_count, int col0, float *out) {                 \
    __m512 acc[NC][NV];                                                                            \
    UNROLL for (int j = 0; j < NC; j++)                                                            \
      UNROLL for (int v = 0; v < NV; v++) acc[j][v] = _mm512_setzero_ps();                         \
    int b[NC];                                                                                     \
    UNROLL for (int j = 0; j < NC; j++) b[j] = base[col0 + j];                                     \
    for (int t = 0; t < t_count; t++) {                                                            \
      const float *drow = dt + (size_t)t * op + o0;                                                \
      __m512 d[NV];                                                                                \
      UNROLL for (int v = 0; v < NV; v++) d[v] = _mm512_loadu_ps(drow + 16 * v);                   \
      const float *xb = xp + toff[t];                                                              \
      UNROLL for (int j = 0; j < NC; j++) {                                                        \
        __m512 x = _mm512_set1_ps(xb[b[j]]);                                                       \
        UNROLL for (int v = 0; v < NV; v++) acc[j][v] = _mm512_fmadd_ps(x, d[v], acc[j][v]);       \
      }                                                                                            \
    }                                                                                              \
    UNROLL for (int j = 0; j < NC; j++) {                                                          \
      float *dst = out + (size_t)(col0 + j) * o_count + o0;                                        \
      UNROLL for (int v = 0; v < NV; v++) {                                                        \
        int live = o_count - o0 - 16 * v;                                                          \
        __mmask16 mask = live >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << live) - 1u);          \
        _mm512_mask_storeu_ps(dst + 16 * v, mask, acc[j][v]);                                      \
      }                                                                                            \
    }                                                                                              \
  }

MICRO512(1, 16)
MICRO512(1, 4)
MICRO512(1, 1)
MICRO512(2, 8)
MICRO512(2, 2)
MICRO512(2, 1)
MICRO512(3, 8)
MICRO512(3, 1)
MICRO512(4, 4)
MICRO512(4, 1)

/* Columns [0, ck) for output channels o0 .. o0 + 16 nv - 1 (nv in 1..4), AVX-512. */
TARGET512 static void columns512(int nv, const float *xp, const int *toff, int t_count, const int *base,
                                 const float *dt, int op, int o0, int o_count, int ck, float *out) {
  int col = 0;
#define RUN(NV, NC)                                                                                \
  for (; col + NC <= ck; col += NC)                                                                \
    micro512_##NV##_##NC(xp, toff, t_count, base, dt, op, o0, o_count, col, out);
  switch (nv) {
    case 1: RUN(1, 16) RUN(1, 4) RUN(1, 1) break;
    case 2: RUN(2, 8) RUN(2, 2) RUN(2, 1) break;
    case 3: RUN(3, 8) RUN(3, 1) break;
    default: RUN(4, 4) RUN(4, 1) break;
  }
#undef RUN
}

/* 1 when this CPU has AVX-512 (F). */
int dpa_wide_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") != 0;
}

/* sum of squares of a[0 .. n-1]: eight lanes in order, then the lanes and the tail in order. */
TARGET static float squares(const float *a, size_t n) {
  __m256 s = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 v = _mm256_loadu_ps(a + i);
    s = _mm256_fmadd_ps(v, v, s);
  }
  float lanes[8];
  _mm256_storeu_ps(lanes, s);
  float total = 0.0f;
  for (int l = 0; l < 8; l++) total += lanes[l];
  for (; i < n; i++) total += a[i] * a[i];
  return total;
}

/*
 * Examples [from, to) of a batch. x: (B, H, W, C), channels-last; delta: (B, O, OH, OW); kgrad:
 * (B, C, k, k, O);
 * bgrad: (B, O); sqnorm: (B). wide: the products with AVX-512 (the same bits). Returns 0, or 1 when
 * working memory could not be allocated, 2 when the CPU lacks AVX2/FMA (or AVX-512 when wide), 3
 * for an impossible shape.
 */
TARGET int dpa_conv_per_example(const float *x, const float *delta, float *kgrad, float *bgrad,
                                float *sqnorm, int c_count, int h, int w, int o_count, int oh,
                                int ow, int k, int stride, int pad, int from, int to, int wide) {
  if (!dpa_supported() || (wide && !dpa_wide_supported())) return 2;
  if (c_count < 1 || h < 1 || w < 1 || o_count < 1 || oh < 1 || ow < 1 || k < 1 || stride < 1 ||
      pad < 0 || from < 0 || to < from)
    return 3;
  int hp = h + 2 * pad, wp = w + 2 * pad;
  if ((oh - 1) * stride + k > hp || (ow - 1) * stride + k > wp) return 3;
  int t_count = oh * ow;
  int ck = c_count * k * k;
  int op = (o_count + 15) / 16 * 16; /* rows of dt padded with zeros to whole vectors of either width */
  size_t plane = (size_t)hp * wp;
  float *xp = calloc((size_t)c_count * plane, sizeof(float));
  float *dt = calloc((size_t)t_count * op, sizeof(float));
  int *toff = malloc(sizeof(int) * (size_t)t_count);
  int *base = malloc(sizeof(int) * (size_t)ck);
  if (!xp || !dt || !toff || !base) {
    free(xp), free(dt), free(toff), free(base);
    return 1;
  }
  for (int i = 0; i < oh; i++)
    for (int j = 0; j < ow; j++) toff[i * ow + j] = i * stride * wp + j * stride;
  for (int c = 0; c < c_count; c++)
    for (int u = 0; u < k; u++)
      for (int v = 0; v < k; v++) base[(c * k + u) * k + v] = (int)(c * plane) + u * wp + v;

  for (int e = from; e < to; e++) {
    const float *xe = x + (size_t)e * h * w * c_count;
    const float *de = delta + (size_t)e * o_count * t_count;
    float *ge = kgrad + (size_t)e * o_count * ck;
    float *be = bgrad + (size_t)e * o_count;
    for (int i = 0; i < h; i++) /* channels-last in, one padded plane per channel out */
      for (int j = 0; j < w; j++)
        for (int c = 0; c < c_count; c++)
          xp[c * plane + (size_t)(i + pad) * wp + pad + j] = xe[((size_t)i * w + j) * c_count + c];
    for (int o = 0; o < o_count; o++)
      for (int t = 0; t < t_count; t++) dt[(size_t)t * op + o] = de[(size_t)o * t_count + t];
    /* bias gradients: for each channel the sum over t in order, 8 channels a vector */
    for (int o0 = 0; o0 < o_count; o0 += 8) {
      __m256 s = _mm256_setzero_ps();
      for (int t = 0; t < t_count; t++) s = _mm256_add_ps(s, _mm256_loadu_ps(dt + (size_t)t * op + o0));
      float lanes[8];
      _mm256_storeu_ps(lanes, s);
      for (int o = o0; o < o_count && o < o0 + 8; o++) be[o] = lanes[o - o0];
    }
    if (wide) {
      for (int o0 = 0; o0 < o_count; o0 += 64) {
        int nv = (o_count - o0 + 15) / 16;
        columns512(nv > 4 ? 4 : nv, xp, toff, t_count, base, dt, op, o0, o_count, ck, ge);
      }
    } else {
      for (int o0 = 0; o0 < o_count; o0 += 32) {
        int nv = (o_count - o0 + 7) / 8;
        columns(nv > 4 ? 4 : nv, xp, toff, t_count, base, dt, op, o0, o_count, ck, ge);
      }
    }
    sqnorm[e] = squares(ge, (size_t)o_count * ck) + squares(be, (size_t)o_count);
  }
  free(xp), free(dt), free(toff), free(base);
  return 0;
}
