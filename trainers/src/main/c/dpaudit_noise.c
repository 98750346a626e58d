/*
 * dpaudit's native Gaussian noise: the blocks of a Gaussian fill (core's GaussianFill) on an
 * AES-256-CTR keystream, called through JNA (org.dpaudit.trainers.engine.NativeGaussianKernel).
 *
 * The values are defined by core's Java (JavaGaussianKernel, GaussianFill, Ziggurat), which this
 * file reproduces bit for bit:
 *   - keystream: AES-256 in counter mode as the JDK's AES/CTR makes it, the 16-byte counter block
 *     being index (8 bytes, big-endian) || counter (8 bytes, big-endian); word k is bytes 8k..8k+7
 *     read little-endian;
 *   - draw k of a block: u = (2 (w >> 11) + 1 - 2^53) 2^-53 and layer i = w & 127 from word k; when
 *     |u| < RATIO[i], the draw is u * X[i] (and, scaled, (u * X[i]) * scale);
 *   - the other draws, in order of k: wedge tests and new tries from the block's retry words
 *     (counters from first + 2^32), each test decided here only where Java's must decide alike:
 *     most by the layer's chord, where the point lies clear of the density by a proven band
 *     (wedge_bands), the rest where glibc's exp and Java's StrictMath.exp must agree (the point
 *     clear of the density by a relative margin of 2^-50); the first closer call, and every draw
 *     that reaches the base strip's tail, are returned for Java to finish.
 * Every operation that makes a value is a single IEEE operation (a conversion of an integer below
 * 2^53, a product, a sum), rounded as Java rounds it; -ffp-contract=off keeps them from fusing.
 * The tables X, RATIO and F are Java's own, passed once (dpa_ziggurat_tables).
 *
 * Why native: in Java the fill costs about 10 ns a draw; here the keystream is made 16 AES blocks
 * at a time with VAES (8 with AES-NI) and the draws 8 at a time with AVX-512 (4 with AVX2), about
 * 2-4 ns a draw on one core of the 2-core benchmark machine (bench/native/fill-ab.sh).
 */
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define TARGET_NOISE __attribute__((target("aes,avx2,fma")))
#define UNROLL8 _Pragma("GCC unroll 8")
#define UNROLL14 _Pragma("GCC unroll 14")
#define UNROLL15 _Pragma("GCC unroll 15")

static double zx[129];
static double zratio[128];
static double zf[129];
/* The chord decides only points at least this far from the density (wedge_bands' tolerance, f <= 1):
 * so only where the margin asked of resolve_one is at most this, lest it decide a point the margin
 * leaves to Java. */
#define CHORD_MARGIN 0x1.0p-40

/* Layer i's wedge, for the tests decided without exp (wedge_bands): the chord's slope, and how far
 * below and above the chord the density can lie, rounding and exp's error included. */
static double zslope[128];
static double zbelow[128];
static double zabove[128];
static int tables_set;

/*
 * The largest |f''| on [a, b] for f(t) = exp(-t^2/2), 0 <= a < b: f''(t) = (t^2 - 1) f(t), whose
 * size falls on [0, 1] and rises to its peak at sqrt(3) before falling again, so the largest value
 * is at a, at b, or at sqrt(3) when it lies between.
 */
static double curvature_max(double a, double b) {
  const double sqrt3 = 1.7320508075688772;
  double m = fabs(a * a - 1) * exp(-0.5 * a * a);
  double mb = fabs(b * b - 1) * exp(-0.5 * b * b);
  if (mb > m) m = mb;
  if (a < sqrt3 && sqrt3 < b) {
    double mp = 2 * exp(-1.5);
    if (mp > m) m = mp;
  }
  return m;
}

/*
 * The bands in which a wedge test is decided by the chord alone. In layer i the wedge spans
 * a = X[i + 1] <= |x| <= b = X[i]; its chord c(t) runs from (a, F[i + 1]) to (b, F[i]). Linear
 * interpolation's error bound gives |f(t) - c(t)| <= (b - a)^2 / 8 max|f''| = G; and f lies on one
 * side only where the layer does not straddle the inflection at 1 (below the chord where convex,
 * t >= 1; above it where concave, t <= 1). So y < c - G (or y < c on a concave layer) lies under
 * the density and y > c + G (or y > c on a convex layer) above it. Each band is widened by the
 * factor 1 + 2^-20 (exp's and the bound's own rounding) and by 2^-40, far above every other error:
 * the chord's rounding (a few 2^-52), the tables' own (F[i] is an exp of a rounded square, a few
 * 2^-52 from f(X[i])), |x| falling an ulp outside [a, b] by rounding (the chord then extrapolated
 * by an ulp), and the gap between f(|x|) and the exp Java evaluates (one ulp of exp, and the
 * argument (-0.5 x) x rounded once: under 2^-49 relative, f <= 1). So wherever the chord decides,
 * Java's y < StrictMath.exp((-0.5 x) x) decides alike.
 */
static void wedge_bands(void) {
  const double tolerance = CHORD_MARGIN;
  for (int i = 1; i < 128; i++) {
    double a = zx[i + 1], b = zx[i];
    double gap = curvature_max(a, b) * (b - a) * (b - a) / 8 * (1 + 0x1.0p-20);
    zslope[i] = (zf[i] - zf[i + 1]) / (b - a);
    zbelow[i] = (b > 1 ? gap : 0) + tolerance;
    zabove[i] = (a < 1 ? gap : 0) + tolerance;
  }
}

/* Layer i's wedge test at x by the chord alone (see wedge_bands): 1 when y lies under the density, 0 above it, -1 too close to tell. */
static int chord_test(double x, int i, double y) {
  double chord = zf[i + 1] + (fabs(x) - zx[i + 1]) * zslope[i];
  if (y < chord - zbelow[i]) return 1;
  if (y > chord + zabove[i]) return 0;
  return -1;
}

/* chord_test for tests: -2 before the tables are set or for a layer without a wedge (0, or beyond 127). */
int dpa_wedge_chord(double x, int layer, double y) {
  if (!tables_set || layer < 1 || layer > 127) return -2;
  return chord_test(x, layer, y);
}

/* Sets the ziggurat's tables: X (129 values), RATIO (128) and F (129: the density at X), exactly Java's. */
void dpa_ziggurat_tables(const double *x, const double *ratio, const double *f) {
  memcpy(zx, x, sizeof zx);
  memcpy(zratio, ratio, sizeof zratio);
  memcpy(zf, f, sizeof zf);
  wedge_bands();
  tables_set = 1;
}

/* 1 when this CPU has AES-NI as well as AVX2 and FMA. */
int dpa_noise_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("aes") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

TARGET_NOISE static inline __m128i expand_even(__m128i k, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  return _mm_xor_si128(k, assist);
}

TARGET_NOISE static inline __m128i expand_odd(__m128i k, __m128i previous) {
  __m128i assist = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(previous, 0), 0xaa);
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  return _mm_xor_si128(k, assist);
}

/* The 15 round keys of AES-256 (FIPS-197 key expansion, by AES-NI's key generation assist). */
#define EXPAND_PAIR(n, rcon)                                                                     \
  rk[n] = expand_even(rk[n - 2], _mm_aeskeygenassist_si128(rk[n - 1], rcon));                  \
  if (n + 1 < 15) rk[n + 1] = expand_odd(rk[n - 1], rk[n]);
TARGET_NOISE static void aes256_round_keys(const uint8_t *key, __m128i *rk) {
  rk[0] = _mm_loadu_si128((const __m128i *)key);
  rk[1] = _mm_loadu_si128((const __m128i *)(key + 16));
  EXPAND_PAIR(2, 0x01)
  EXPAND_PAIR(4, 0x02)
  EXPAND_PAIR(6, 0x04)
  EXPAND_PAIR(8, 0x08)
  EXPAND_PAIR(10, 0x10)
  EXPAND_PAIR(12, 0x20)
  rk[14] = expand_even(rk[12], _mm_aeskeygenassist_si128(rk[13], 0x40));
}

/* Keystream words 2 * blocks from counter block (index, counter): 8 blocks in flight at a time. */
TARGET_NOISE static void ctr_words(const __m128i *rk, uint64_t index, uint64_t counter, uint64_t *words,
                                   long blocks) {
  const long long be_index = (long long)__builtin_bswap64(index);
  long j = 0;
  for (; j + 8 <= blocks; j += 8) {
    __m128i b[8];
    /* Unrolled, so the 8 blocks stay in registers and their rounds overlap in the AES unit. */
    UNROLL8 for (int v = 0; v < 8; v++) {
      b[v] = _mm_xor_si128(_mm_set_epi64x((long long)__builtin_bswap64(counter + j + v), be_index), rk[0]);
    }
    UNROLL14 for (int r = 1; r < 14; r++)
      UNROLL8 for (int v = 0; v < 8; v++) b[v] = _mm_aesenc_si128(b[v], rk[r]);
    UNROLL8 for (int v = 0; v < 8; v++)
      _mm_storeu_si128((__m128i *)(words + 2 * (j + v)), _mm_aesenclast_si128(b[v], rk[14]));
  }
  for (; j < blocks; j++) {
    __m128i b = _mm_xor_si128(_mm_set_epi64x((long long)__builtin_bswap64(counter + j), be_index), rk[0]);
    for (int r = 1; r < 14; r++) b = _mm_aesenc_si128(b, rk[r]);
    _mm_storeu_si128((__m128i *)(words + 2 * j), _mm_aesenclast_si128(b, rk[14]));
  }
}

#define TARGET_VAES __attribute__((target("aes,vaes,avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")))

/* 1 when this CPU has VAES with AVX-512 (F, DQ, BW, VL): the keystream 4 blocks an instruction, draws 8 a vector. */
static int wide(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("vaes") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

/*
 * ctr_words with VAES: 16 blocks in flight (4 per 512-bit register), the rest by ctr_words. The
 * counter blocks are made in vector registers: the counters counter + j + (0..3) sit in the odd
 * 64-bit lanes as native integers (a vector sum steps them by 4, wrapping modulo 2^64 as the scalar
 * sum does), one byte shuffle turns every lane big-endian, and the index's big-endian bytes fill the
 * even lanes. Why: made one by one (a byte swap and an insert each), they cost about as many
 * instructions as the rounds themselves.
 */
TARGET_VAES static void ctr_words_wide(const __m128i *rk, uint64_t index, uint64_t counter, uint64_t *words,
                                       long blocks) {
  const __m512i be_index = _mm512_set_epi64(0, (long long)__builtin_bswap64(index), 0,
                                            (long long)__builtin_bswap64(index), 0,
                                            (long long)__builtin_bswap64(index), 0,
                                            (long long)__builtin_bswap64(index));
  const __m512i swap = _mm512_broadcast_i32x4(_mm_set_epi8(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
  const __m512i four = _mm512_set_epi64(4, 0, 4, 0, 4, 0, 4, 0);
  __m512i next = _mm512_set_epi64((long long)(counter + 3), 0, (long long)(counter + 2), 0,
                                  (long long)(counter + 1), 0, (long long)counter, 0);
  __m512i k[15];
  UNROLL15 for (int r = 0; r < 15; r++) k[r] = _mm512_broadcast_i32x4(rk[r]);
  long j = 0;
  for (; j + 16 <= blocks; j += 16) {
    __m512i b[4];
    UNROLL8 for (int v = 0; v < 4; v++) {
      /* (shuffled | index) ^ round key 0, one ternary-logic instruction (truth table 0x56: (A | B) ^ C) */
      b[v] = _mm512_ternarylogic_epi64(_mm512_shuffle_epi8(next, swap), be_index, k[0], 0x56);
      next = _mm512_add_epi64(next, four);
    }
    UNROLL14 for (int r = 1; r < 14; r++)
      UNROLL8 for (int v = 0; v < 4; v++) b[v] = _mm512_aesenc_epi128(b[v], k[r]);
    UNROLL8 for (int v = 0; v < 4; v++) _mm512_storeu_si512(words + 2 * j + 8 * v, _mm512_aesenclast_epi128(b[v], k[14]));
  }
  memset(k, 0, sizeof k);
  /* Clean upper register halves before any SSE code runs (glibc's exp wrapper among it): without
   * this, every SSE instruction after a refill of the retry words paid the transition (exp took
   * 120 ns instead of about 20, by perf). */
  _mm256_zeroupper();
  ctr_words(rk, index, counter + j, words + 2 * j, blocks - j);
}

/* Keystream words for blocks counter blocks: VAES where the CPU has it, else AES-NI (the same bytes). */
static void keystream_words(const __m128i *rk, uint64_t index, uint64_t counter, uint64_t *words, long blocks,
                            int wide_aes) {
  if (wide_aes)
    ctr_words_wide(rk, index, counter, words, blocks);
  else
    ctr_words(rk, index, counter, words, blocks);
}

/* The keystream itself, for tests: n words (n even) of (index, counter) under key. */
void dpa_keystream(const uint8_t *key, long index, long counter, uint64_t *words, long n) {
  __m128i rk[15];
  if (!dpa_noise_supported() || n < 0 || n % 2 != 0) return;
  aes256_round_keys(key, rk);
  keystream_words(rk, (uint64_t)index, (uint64_t)counter, words, n / 2, wide());
  memset(rk, 0, sizeof rk);
}

#define CHUNK_WORDS 2048

/* One rejected draw: its position in the block and its word. */
#define REJECT(position, word)                                                                     \
  do {                                                                                             \
    rejected_at[rejected] = (int32_t)(position);                                                   \
    rejected_word[rejected++] = (int64_t)(word);                                                   \
  } while (0)

static double symmetric_uniform(uint64_t w) { return (double)((int64_t)((w >> 11) << 1) + 1 - (1LL << 53)) * 0x1.0p-53; }

static double open_uniform(uint64_t w) { return (double)((w >> 11) + 1) * 0x1.0p-53; }

/* The lanes set in mask, draws k + lane of the chunk, are rejected, in order of lane. */
#define REJECT_LANES(mask, k)                                                                      \
  while (mask) {                                                                                   \
    int lane = __builtin_ctz(mask);                                                                \
    mask &= mask - 1;                                                                              \
    REJECT(done + (k) + lane, words[(k) + lane]);                                                  \
  }

/*
 * The fast path over draws k0 <= k < m of a chunk that starts at draw done of the block; st and sc
 * point at its first draw's place (or are null). The scalar one serves the vector loops' remainders;
 * each returns the number of draws rejected so far, counting from rejected.
 */
static long fast_scalar(const uint64_t *words, long k0, long m, long done, double *st, double *sc, double scale,
                        int32_t *rejected_at, int64_t *rejected_word, long rejected) {
  for (long k = k0; k < m; k++) {
    uint64_t w = words[k];
    double u = symmetric_uniform(w);
    int i = (int)(w & 127);
    double z = u * zx[i];
    if (st) st[k] = z;
    if (sc) sc[k] = z * scale;
    if (!(__builtin_fabs(u) < zratio[i])) REJECT(done + k, w);
  }
  return rejected;
}

/*
 * AVX2, 4 draws a vector, over the chunk's whole vectors (*k_end is where they stop): u = m 2^-52 +
 * (2^-53 - 1) with m = w >> 11 < 2^53, which is Java's (2m + 1 - 2^53) 2^-53: m is converted
 * exactly in two 32-bit halves (each by the 2^52 exponent trick), and every product and sum is
 * exact, its result being representable.
 */
TARGET_NOISE static long fast_avx2(const uint64_t *words, long m, long done, double *st, double *sc, double scale,
                                   int32_t *rejected_at, int64_t *rejected_word, long rejected, long *k_end) {
  const __m256i low7 = _mm256_set1_epi64x(127);
  const __m256i low32 = _mm256_set1_epi64x(0xffffffffLL);
  const __m256i magic = _mm256_set1_epi64x(0x4330000000000000LL); /* the bits of 2^52 */
  const __m256d two_p52 = _mm256_set1_pd(0x1.0p52);
  const __m256d two_p32 = _mm256_set1_pd(0x1.0p32);
  const __m256d two_m52 = _mm256_set1_pd(0x1.0p-52);
  const __m256d shift = _mm256_set1_pd(0x1.0p-53 - 1.0);
  const __m256d abs_mask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  const __m256d vscale = _mm256_set1_pd(scale);
  long k = 0;
  for (; k + 4 <= m; k += 4) {
    __m256i w = _mm256_load_si256((const __m256i *)(words + k));
    __m256i m53 = _mm256_srli_epi64(w, 11);
    __m256d ml = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(m53, low32), magic)), two_p52);
    __m256d mh = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(m53, 32), magic)), two_p52);
    __m256d u = _mm256_add_pd(_mm256_mul_pd(_mm256_add_pd(_mm256_mul_pd(mh, two_p32), ml), two_m52), shift);
    __m256i layer = _mm256_and_si256(w, low7);
    __m256d z = _mm256_mul_pd(u, _mm256_i64gather_pd(zx, layer, 8));
    __m256d ratio = _mm256_i64gather_pd(zratio, layer, 8);
    int reject = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_and_pd(u, abs_mask), ratio, _CMP_NLT_UQ));
    if (st) _mm256_storeu_pd(st + k, z);
    if (sc) _mm256_storeu_pd(sc + k, _mm256_mul_pd(z, vscale));
    REJECT_LANES(reject, k)
  }
  *k_end = k;
  return rejected;
}

/*
 * AVX-512, 8 draws a vector (m = w >> 11 < 2^53 converts exactly by AVX512DQ; then the product and
 * the sum are exact). The rejected lanes' positions and words are stored packed (compress-store:
 * only the rejected lanes, in order of lane), the count advancing by the number rejected: no
 * branch. Why: a fifth of the vectors hold a rejected draw, at random, and the branch that collected
 * them lane by lane was mispredicted about as often (with the chord test in place, the fill about 15%
 * faster without it, by the C harness; compressing into a register and storing it whole was no
 * faster than storing packed: the packed store ahead in 13 of 18 alternated runs, by 2% at the median).
 */
TARGET_VAES static long fast_avx512(const uint64_t *words, long m, long done, double *st, double *sc, double scale,
                                    int32_t *rejected_at, int64_t *rejected_word, long rejected, long *k_end) {
  const __m512i low7 = _mm512_set1_epi64(127);
  const __m512d two_m52 = _mm512_set1_pd(0x1.0p-52);
  const __m512d shift = _mm512_set1_pd(0x1.0p-53 - 1.0);
  const __m512d vscale = _mm512_set1_pd(scale);
  const __m256i lanes = _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0);
  long k = 0;
  for (; k + 8 <= m; k += 8) {
    __m512i w = _mm512_load_si512(words + k);
    __m512d u = _mm512_add_pd(_mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_srli_epi64(w, 11)), two_m52), shift);
    __m512i layer = _mm512_and_si512(w, low7);
    __m512d z = _mm512_mul_pd(u, _mm512_i64gather_pd(layer, zx, 8));
    __m512d ratio = _mm512_i64gather_pd(layer, zratio, 8);
    unsigned reject = _mm512_cmp_pd_mask(_mm512_abs_pd(u), ratio, _CMP_NLT_UQ);
    if (st) _mm512_storeu_pd(st + k, z);
    if (sc) _mm512_storeu_pd(sc + k, _mm512_mul_pd(z, vscale));
    __m256i at = _mm256_add_epi32(lanes, _mm256_set1_epi32((int32_t)(done + k)));
    _mm256_mask_compressstoreu_epi32(rejected_at + rejected, (__mmask8)reject, at);
    _mm512_mask_compressstoreu_epi64(rejected_word + rejected, (__mmask8)reject, w);
    rejected += __builtin_popcount(reject);
  }
  _mm256_zeroupper(); /* before the scalar remainder and any SSE code after it */
  *k_end = k;
  return rejected;
}

/*
 * The fast path over count draws from counter block (index, first_counter), a chunk of keystream at
 * a time: standard[from + k] and scaled[from + k] (either may be null); the rejected draws' positions
 * and words go to rejected_at and rejected_word in increasing k. Returns how many were rejected.
 */
static long fast_path(const __m128i *rk, uint64_t index, uint64_t first_counter, double *standard, double *scaled,
                      long from, long count, double scale, int32_t *rejected_at, int64_t *rejected_word,
                      int wide_aes) {
  uint64_t words[CHUNK_WORDS] __attribute__((aligned(64)));
  long rejected = 0;
  for (long done = 0; done < count; done += CHUNK_WORDS) {
    long m = count - done < CHUNK_WORDS ? count - done : CHUNK_WORDS;
    keystream_words(rk, index, first_counter + (uint64_t)(done / 2), words, (m + 1) / 2, wide_aes);
    double *st = standard ? standard + from + done : NULL;
    double *sc = scaled ? scaled + from + done : NULL;
    long k = 0;
    rejected = wide_aes ? fast_avx512(words, m, done, st, sc, scale, rejected_at, rejected_word, rejected, &k)
                        : fast_avx2(words, m, done, st, sc, scale, rejected_at, rejected_word, rejected, &k);
    rejected = fast_scalar(words, k, m, done, st, sc, scale, rejected_at, rejected_word, rejected);
  }
  memset(words, 0, sizeof words);
  return rejected;
}

/* The block's retry words, read in order a chunk at a time. */
typedef struct {
  const __m128i *rk;
  uint64_t index;
  uint64_t counter; /* of the next chunk */
  uint64_t words[CHUNK_WORDS];
  int next;
  long used;
} retry_stream;

static uint64_t retry_next(retry_stream *r, int wide_aes) {
  if (r->next == CHUNK_WORDS) {
    keystream_words(r->rk, r->index, r->counter, r->words, CHUNK_WORDS / 2, wide_aes);
    r->counter += CHUNK_WORDS / 2;
    r->next = 0;
  }
  r->used++;
  return r->words[r->next++];
}

/*
 * Ziggurat.resolveOrTail for the rejected draw with first word w: 0 with *z the value, 1 for the
 * tail (*negative its side), 2 when a wedge test's outcome could differ from Java's. Each wedge test
 * is first put to the chord (chord_test, exact by its proven band; it decides about 93% of them,
 * each an exp saved); otherwise glibc's exp and StrictMath's are each within an ulp of the true value,
 * so where |y - exp| exceeds margin * exp (margin 2^-50, four ulps) both decide alike, and anywhere
 * closer Java decides.
 */
static int resolve_one(uint64_t w, retry_stream *r, int wide_aes, double margin, double *z, int *negative) {
  double u = symmetric_uniform(w);
  int i = (int)(w & 127);
  for (;;) {
    if (i == 0) {
      *negative = u < 0;
      return 1;
    }
    double x = u * zx[i];
    double y = zf[i + 1] + open_uniform(retry_next(r, wide_aes)) * (zf[i] - zf[i + 1]);
    int under = margin <= CHORD_MARGIN ? chord_test(x, i, y) : -1;
    if (under == 1) {
      *z = x;
      return 0;
    }
    if (under == -1) {
      double e = exp((-0.5 * x) * x);
      if (fabs(y - e) <= margin * e) return 2;
      if (y < e) {
        *z = x;
        return 0;
      }
    }
    uint64_t w2 = retry_next(r, wide_aes);
    u = symmetric_uniform(w2);
    i = (int)(w2 & 127);
    if (fabs(u) < zratio[i]) {
      *z = u * zx[i];
      return 0;
    }
  }
}

/*
 * One block of a Gaussian fill, as core's GaussianFill defines it, up to the tails: the fast path over
 * count draws from counter block (index, first_counter), standard[from + k] and scaled[from + k]
 * (either may be null); then the rejected draws in order of k, their wedge tests and new tries from
 * the retry words (counters from first_counter + 2^32), until the first whose test is too close to
 * call (margin, see resolve_one). On return: pending_at/pending_word[0 .. state[0]) the draws left to
 * Java (in order), state[1] the retry words read before the first of them, tail_at[0 .. state[2])
 * the draws sent to the tail in order (k, or -k-1 for the negative side). Each array has room for
 * count. Returns 0, or -1 when the CPU lacks AES-NI/AVX2, -2 before the tables are set, -3 for an
 * impossible count.
 */
long dpa_gaussian_block(const uint8_t *key, long index, long first_counter, double *standard, double *scaled,
                        long from, long count, double scale, double margin, int32_t *pending_at,
                        int64_t *pending_word, int32_t *tail_at, int64_t *state) {
  if (!dpa_noise_supported()) return -1;
  if (!tables_set) return -2;
  if (count < 0 || from < 0 || count > (1L << 30)) return -3;
  __m128i rk[15];
  aes256_round_keys(key, rk);
  int wide_aes = wide();
  long rejected = fast_path(rk, (uint64_t)index, (uint64_t)first_counter, standard, scaled, from, count, scale,
                            pending_at, pending_word, wide_aes);
  retry_stream r;
  r.rk = rk;
  r.index = (uint64_t)index;
  r.counter = (uint64_t)first_counter + (1ULL << 32);
  r.next = CHUNK_WORDS;
  r.used = 0;
  long tails = 0, j = 0, used_before = 0;
  for (; j < rejected; j++) {
    used_before = r.used;
    double z = 0;
    int negative = 0;
    int outcome = resolve_one((uint64_t)pending_word[j], &r, wide_aes, margin, &z, &negative);
    if (outcome == 2) break;
    long at = pending_at[j];
    if (outcome == 1) {
      tail_at[tails++] = negative ? -(int32_t)at - 1 : (int32_t)at;
    } else {
      if (standard) standard[from + at] = z;
      if (scaled) scaled[from + at] = z * scale;
    }
  }
  if (j == rejected) used_before = r.used;
  memmove(pending_at, pending_at + j, sizeof(int32_t) * (size_t)(rejected - j));
  memmove(pending_word, pending_word + j, sizeof(int64_t) * (size_t)(rejected - j));
  state[0] = rejected - j;
  state[1] = used_before;
  state[2] = tails;
  memset(rk, 0, sizeof rk);
  memset(r.words, 0, sizeof r.words);
  return 0;
}
