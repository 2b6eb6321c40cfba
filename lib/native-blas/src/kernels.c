/*
 * The loops of the course's wasm kernels that JavaScript runs 3-10x slower
 * than C: Adam's update, products with a mostly-zero left operand, the LSTM
 * sequence, the convolution's patch copies, the max-pooling gradient, and the
 * Embedding's row gathers and scatter-adds. Each mirrors a JavaScript kernel in lib/backend/wasm-kernels (same
 * arguments, same results up to float rounding), which runs where this addon
 * is not built.
 */
#include "kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111, CBLAS_TRANS = 112 };
extern void cblas_sgemm(int order, int trans_a, int trans_b, int m, int n, int k, float alpha,
                        const float* a, int lda, const float* b, int ldb, float beta, float* c, int ldc);

/* C (m x n) = op(A) op(B) + beta C, row-major and contiguous. */
static void gemm(int trans_a, int trans_b, long m, long n, long k, const float* a, const float* b, float beta, float* c) {
  cblas_sgemm(CBLAS_ROW_MAJOR, trans_a ? CBLAS_TRANS : CBLAS_NO_TRANS, trans_b ? CBLAS_TRANS : CBLAS_NO_TRANS,
              (int)m, (int)n, (int)k, 1.0f, a, trans_a ? (int)m : (int)k, b, trans_b ? (int)k : (int)n, beta, c, (int)n);
}

void adam_update(long n, const float* restrict w, const float* restrict m, const float* restrict v,
                 const float* restrict g, float* restrict w2, float* restrict m2, float* restrict v2,
                 float learning_rate, float beta1, float beta2, float epsilon, float correction1, float correction2) {
  const float inv1 = 1.0f / correction1, inv2 = 1.0f / correction2;
  for (long i = 0; i < n; i++) {
    const float gi = g[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * gi;
    const float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
    m2[i] = mi;
    v2[i] = vi;
    w2[i] = w[i] - learning_rate * (mi * inv1) / (sqrtf(vi * inv2) + epsilon);
  }
}

/* C (m x n) = op(A) B for a mostly-zero A (m x k, or k x m when trans_a), B k x n. */
void sparse_gemm(int trans_a, long m, long n, long k, const float* a, const float* b, float* c) {
  memset(c, 0, (size_t)(m * n) * sizeof(float));
  for (long r = 0; r < (trans_a ? k : m); r++) {
    for (long s = 0; s < (trans_a ? m : k); s++) {
      const float value = trans_a ? a[r * m + s] : a[r * k + s];
      if (value == 0.0f) continue;
      float* restrict out = c + (trans_a ? s : r) * n;
      const float* restrict row = b + (trans_a ? r : s) * n;
      for (long p = 0; p < n; p++) out[p] += value * row[p];
    }
  }
}

static inline float recurrent(float z, int hard) {
  return hard ? fmaxf(0.0f, fminf(1.0f, 0.2f * z + 0.5f)) : 1.0f / (1.0f + expf(-z));
}

static inline float recurrent_slope(float a, int hard) {
  return hard ? (a > 0.0f && a < 1.0f ? 0.2f : 0.0f) : a * (1.0f - a);
}

/* One batch row of one time step: z (the row's input projection) becomes the activated gates i, f, g, o.
 * Inlined with a constant `hard` so that the loop vectorizes (expf and tanhf from glibc's vector library). */
static inline __attribute__((always_inline)) void gates_forward(long units, int hard, float* restrict z, const float* restrict r,
                                                               const float* restrict bias, const float* restrict c_prev,
                                                               float* restrict cell, float* restrict prev, float* restrict h) {
  for (long j = 0; j < units; j++) {
    const float i = recurrent(z[j] + r[j] + bias[j], hard);
    const float f = recurrent(z[units + j] + r[units + j] + bias[units + j], hard);
    const float g = tanhf(z[2 * units + j] + r[2 * units + j] + bias[2 * units + j]);
    const float o = recurrent(z[3 * units + j] + r[3 * units + j] + bias[3 * units + j], hard);
    const float c = f * c_prev[j] + i * g;
    z[j] = i;
    z[units + j] = f;
    z[2 * units + j] = g;
    z[3 * units + j] = o;
    cell[j] = c;
    prev[j] = h[j];
    h[j] = o * tanhf(c);
  }
}

int lstm_forward(long batch, long steps, long input_dim, long units, int hard, int return_sequences,
                 const float* x, const float* kernel, const float* recurrent_kernel, const float* bias,
                 float* out, float* gates, float* cells, float* previous) {
  const long width = 4 * units;
  float* h = calloc((size_t)(batch * units), sizeof(float));
  float* hu = calloc((size_t)(batch * width), sizeof(float));
  float* zeros = calloc((size_t)units, sizeof(float));
  if (h == NULL || hu == NULL || zeros == NULL) {
    free(h);
    free(hu);
    free(zeros);
    return 0;
  }
  gemm(0, 0, batch * steps, width, input_dim, x, kernel, 0.0f, gates);
  for (long t = 0; t < steps; t++) {
    if (t > 0) gemm(0, 0, batch, width, units, h, recurrent_kernel, 0.0f, hu);
    for (long b = 0; b < batch; b++) {
      const long row = b * steps + t;
      float* cell = cells + row * units;
      const float* c_prev = t > 0 ? cell - units : zeros;
      if (hard)
        gates_forward(units, 1, gates + row * width, hu + b * width, bias, c_prev, cell, previous + row * units, h + b * units);
      else
        gates_forward(units, 0, gates + row * width, hu + b * width, bias, c_prev, cell, previous + row * units, h + b * units);
      if (return_sequences) memcpy(out + row * units, h + b * units, (size_t)units * sizeof(float));
    }
  }
  if (!return_sequences) memcpy(out, h, (size_t)(batch * units) * sizeof(float));
  free(h);
  free(hu);
  free(zeros);
  return 1;
}

/* One batch row of one time step, backwards: the gates' gradients dz (written to `out` and `step`),
 * dh_prev's share through c (dc, updated in place). `dy_t` adds the step's own output gradient. */
static inline __attribute__((always_inline)) void gates_backward(long units, int hard, const float* restrict gate,
                                                                const float* restrict cell, const float* restrict c_prev,
                                                                const float* restrict dh, const float* restrict dy_t,
                                                                float* restrict dc, float* restrict out, float* restrict step) {
  for (long j = 0; j < units; j++) {
    const float i = gate[j], f = gate[units + j], g = gate[2 * units + j], o = gate[3 * units + j];
    const float tc = tanhf(cell[j]);
    const float dhj = dh[j] + dy_t[j];
    const float dcj = dc[j] + dhj * o * (1.0f - tc * tc);
    dc[j] = dcj * f;
    out[j] = step[j] = dcj * g * recurrent_slope(i, hard);
    out[units + j] = step[units + j] = dcj * c_prev[j] * recurrent_slope(f, hard);
    out[2 * units + j] = step[2 * units + j] = dcj * i * (1.0f - g * g);
    out[3 * units + j] = step[3 * units + j] = dhj * tc * recurrent_slope(o, hard);
  }
}

int lstm_backward(long batch, long steps, long input_dim, long units, int hard, int return_sequences,
                  const float* dy, const float* x, const float* kernel, const float* recurrent_kernel,
                  const float* gates, const float* cells, const float* previous,
                  float* dx, float* d_kernel, float* d_recurrent, float* d_bias) {
  const long width = 4 * units;
  float* dz = malloc((size_t)(batch * steps * width) * sizeof(float));
  float* dz_step = malloc((size_t)(batch * width) * sizeof(float));
  float* dh = calloc((size_t)(batch * units), sizeof(float));
  float* dc = calloc((size_t)(batch * units), sizeof(float));
  float* zeros = calloc((size_t)units, sizeof(float));
  if (dz == NULL || dz_step == NULL || dh == NULL || dc == NULL || zeros == NULL) {
    free(dz);
    free(dz_step);
    free(dh);
    free(dc);
    free(zeros);
    return 0;
  }
  if (!return_sequences) memcpy(dh, dy, (size_t)(batch * units) * sizeof(float));
  for (long t = steps - 1; t >= 0; t--) {
    for (long b = 0; b < batch; b++) {
      const long row = b * steps + t;
      const float* cell = cells + row * units;
      const float* c_prev = t > 0 ? cell - units : zeros;
      const float* dy_t = return_sequences ? dy + row * units : zeros;
      if (hard)
        gates_backward(units, 1, gates + row * width, cell, c_prev, dh + b * units, dy_t, dc + b * units, dz + row * width, dz_step + b * width);
      else
        gates_backward(units, 0, gates + row * width, cell, c_prev, dh + b * units, dy_t, dc + b * units, dz + row * width, dz_step + b * width);
    }
    if (t > 0) gemm(0, 1, batch, units, width, dz_step, recurrent_kernel, 0.0f, dh);
  }
  const long rows = batch * steps;
  gemm(1, 0, input_dim, width, rows, x, dz, 0.0f, d_kernel);
  gemm(1, 0, units, width, rows, previous, dz, 0.0f, d_recurrent);
  gemm(0, 1, rows, input_dim, width, dz, kernel, 0.0f, dx);
  memset(d_bias, 0, (size_t)width * sizeof(float));
  for (long r = 0; r < rows; r++) {
    const float* row = dz + r * width;
    for (long j = 0; j < width; j++) d_bias[j] += row[j];
  }
  free(dz);
  free(dz_step);
  free(dh);
  free(dc);
  free(zeros);
  return 1;
}

/* Calls visit(col, pixel) for each in-image (output position, filter tap) pair, pad(col) for taps in the padding. */
#define FOR_EACH_TAP(g, visit, pad)                                                                       \
  do {                                                                                                    \
    long col = 0;                                                                                         \
    for (long b = 0; b < (g)->batch; b++)                                                                 \
      for (long oy = 0; oy < (g)->out_height; oy++)                                                       \
        for (long ox = 0; ox < (g)->out_width; ox++)                                                      \
          for (long fy = 0; fy < (g)->filter_height; fy++) {                                              \
            const long iy = oy * (g)->stride_height - (g)->pad_top + fy * (g)->dilation_height;           \
            for (long fx = 0; fx < (g)->filter_width; fx++, col += (g)->channels) {                       \
              const long ix = ox * (g)->stride_width - (g)->pad_left + fx * (g)->dilation_width;          \
              if (iy < 0 || iy >= (g)->in_height || ix < 0 || ix >= (g)->in_width) {                     \
                pad;                                                                                      \
              } else {                                                                                    \
                const long pixel = ((b * (g)->in_height + iy) * (g)->in_width + ix) * (g)->channels;      \
                visit;                                                                                    \
              }                                                                                           \
            }                                                                                             \
          }                                                                                               \
  } while (0)

void im2col(const ConvGeometry* g, const float* x, float* cols) {
  const size_t bytes = (size_t)g->channels * sizeof(float);
  FOR_EACH_TAP(g, memcpy(cols + col, x + pixel, bytes), memset(cols + col, 0, bytes));
}

void col2im(const ConvGeometry* g, const float* cols, float* dx) {
  memset(dx, 0, (size_t)(g->batch * g->in_height * g->in_width * g->channels) * sizeof(float));
  const long c = g->channels;
  FOR_EACH_TAP(g, for (long j = 0; j < c; j++) dx[pixel + j] += cols[col + j], (void)0);
}

long gather_rows(long count, long rows, long width, const float* x, const int* ids, float* out) {
  for (long i = 0; i < count; i++) {
    if (ids[i] < 0 || ids[i] >= rows) return i;
    memcpy(out + i * width, x + (long)ids[i] * width, (size_t)width * sizeof(float));
  }
  return -1;
}

void segment_sum(long count, long segments, long width, const float* x, const int* ids, float* out) {
  memset(out, 0, (size_t)(segments * width) * sizeof(float));
  for (long i = 0; i < count; i++) {
    if (ids[i] < 0 || ids[i] >= segments) continue;
    float* restrict to = out + (long)ids[i] * width;
    const float* restrict from = x + i * width;
    for (long j = 0; j < width; j++) to[j] += from[j];
  }
}

int max_pool_grad(const ConvGeometry* g, const float* x, const float* dy, float* dx) {
  const long c = g->channels;
  float* best = malloc((size_t)c * sizeof(float));
  long* at = malloc((size_t)c * sizeof(long));
  if (best == NULL || at == NULL) {
    free(best);
    free(at);
    return 0;
  }
  memset(dx, 0, (size_t)(g->batch * g->in_height * g->in_width * c) * sizeof(float));
  const float* grad = dy;
  for (long b = 0; b < g->batch; b++)
    for (long oy = 0; oy < g->out_height; oy++)
      for (long ox = 0; ox < g->out_width; ox++, grad += c) {
        const long y0 = oy * g->stride_height - g->pad_top, x0 = ox * g->stride_width - g->pad_left;
        for (long d = 0; d < c; d++) {
          best[d] = -INFINITY;
          at[d] = -1;
        }
        for (long fy = y0 < 0 ? -y0 : 0; fy < g->filter_height && y0 + fy < g->in_height; fy++)
          for (long fx = x0 < 0 ? -x0 : 0; fx < g->filter_width && x0 + fx < g->in_width; fx++) {
            const long pixel = ((b * g->in_height + y0 + fy) * g->in_width + x0 + fx) * c;
            for (long d = 0; d < c; d++)
              if (x[pixel + d] > best[d]) {
                best[d] = x[pixel + d];
                at[d] = pixel + d;
              }
          }
        for (long d = 0; d < c; d++)
          if (at[d] >= 0) dx[at[d]] += grad[d];
      }
  free(best);
  free(at);
  return 1;
}
