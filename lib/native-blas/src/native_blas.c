/*
 * Single-precision matrix products from the system's OpenBLAS, computed in
 * place on a JavaScript ArrayBuffer (the wasm backend's heap), so the course's
 * wasm kernels can hand their big products to native code without copying.
 * Also the loops that JavaScript runs slowly next to them: Adam's update,
 * products with a mostly-zero left operand, and the LSTM sequence (kernels.c).
 *
 * The cblas prototypes are declared here rather than included, because Debian
 * keeps cblas.h under a path that depends on the OpenBLAS flavour; linking
 * against -lopenblas is all that is needed.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>

#include "kernels.h"

enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111, CBLAS_TRANS = 112 };
extern void cblas_sgemm(int order, int trans_a, int trans_b, int m, int n, int k, float alpha,
                        const float* a, int lda, const float* b, int ldb, float beta, float* c, int ldc);
extern void openblas_set_num_threads(int threads);
extern int openblas_get_num_threads(void);

#define CHECK(call)                                                    \
  do {                                                                 \
    if ((call) != napi_ok) {                                           \
      napi_throw_error(env, NULL, "native-blas: " #call " failed");    \
      return NULL;                                                     \
    }                                                                  \
  } while (0)

static int get_int(napi_env env, napi_value value, int64_t* out) {
  return napi_get_value_int64(env, value, out) == napi_ok;
}

/* Does a row-major matrix of `rows` x `cols` with leading dimension `ld`
 * starting at byte `offset` fit in `length` bytes? */
static int fits(int64_t offset, int64_t rows, int64_t cols, int64_t ld, size_t length) {
  if (offset < 0 || offset % 4 != 0 || rows < 0 || cols < 0 || ld < cols || ld < 1) return 0;
  if (rows == 0 || cols == 0) return 1;
  int64_t last = offset + ((rows - 1) * ld + cols) * 4;
  return last <= (int64_t)length;
}

/* sgemm(buffer, transA, transB, m, n, k, alpha, aOffset, lda, bOffset, ldb, beta, cOffset, ldc):
 * C = alpha * op(A) * op(B) + beta * C, all row-major float32 at byte offsets in buffer. */
static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 14;
  napi_value argv[14];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 14) {
    napi_throw_type_error(env, NULL, "native-blas: sgemm expects 14 arguments");
    return NULL;
  }
  void* data;
  size_t length;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "native-blas: sgemm's first argument must be an ArrayBuffer");
    return NULL;
  }
  bool trans_a, trans_b;
  CHECK(napi_get_value_bool(env, argv[1], &trans_a));
  CHECK(napi_get_value_bool(env, argv[2], &trans_b));
  int64_t m, n, k, a_off, lda, b_off, ldb, c_off, ldc;
  double alpha, beta;
  if (!get_int(env, argv[3], &m) || !get_int(env, argv[4], &n) || !get_int(env, argv[5], &k) ||
      napi_get_value_double(env, argv[6], &alpha) != napi_ok || !get_int(env, argv[7], &a_off) ||
      !get_int(env, argv[8], &lda) || !get_int(env, argv[9], &b_off) || !get_int(env, argv[10], &ldb) ||
      napi_get_value_double(env, argv[11], &beta) != napi_ok || !get_int(env, argv[12], &c_off) ||
      !get_int(env, argv[13], &ldc)) {
    napi_throw_type_error(env, NULL, "native-blas: sgemm's sizes and offsets must be numbers");
    return NULL;
  }
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX || lda > INT32_MAX || ldb > INT32_MAX || ldc > INT32_MAX ||
      !fits(a_off, trans_a ? k : m, trans_a ? m : k, lda, length) ||
      !fits(b_off, trans_b ? n : k, trans_b ? k : n, ldb, length) || !fits(c_off, m, n, ldc, length)) {
    char message[256];
    snprintf(message, sizeof message,
             "native-blas: sgemm operands m=%lld n=%lld k=%lld lie outside the %zu-byte buffer",
             (long long)m, (long long)n, (long long)k, length);
    napi_throw_range_error(env, NULL, message);
    return NULL;
  }
  if (m == 0 || n == 0) return NULL;
  char* base = (char*)data;
  cblas_sgemm(CBLAS_ROW_MAJOR, trans_a ? CBLAS_TRANS : CBLAS_NO_TRANS, trans_b ? CBLAS_TRANS : CBLAS_NO_TRANS,
              (int)m, (int)n, (int)k, (float)alpha, (const float*)(base + a_off), (int)lda,
              (const float*)(base + b_off), (int)ldb, (float)beta, (float*)(base + c_off), (int)ldc);
  return NULL;
}

/* The kernels' arguments: an ArrayBuffer, then numbers or booleans (sizes, flags, byte offsets, scalars). */
typedef struct {
  char* base;
  size_t length;
  double v[24];
} Args;

static int parse(napi_env env, napi_callback_info info, const char* name, size_t count, Args* args) {
  size_t argc = 25;
  napi_value argv[25];
  char message[160];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count + 1 ||
      napi_get_arraybuffer_info(env, argv[0], (void**)&args->base, &args->length) != napi_ok) {
    snprintf(message, sizeof message, "native-blas: %s expects an ArrayBuffer and %zu numbers", name, count);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  for (size_t i = 0; i < count; i++) {
    bool flag;
    if (napi_get_value_bool(env, argv[i + 1], &flag) == napi_ok) {
      args->v[i] = flag ? 1 : 0;
    } else if (napi_get_value_double(env, argv[i + 1], &args->v[i]) != napi_ok) {
      snprintf(message, sizeof message, "native-blas: %s's argument %zu must be a number", name, i + 2);
      napi_throw_type_error(env, NULL, message);
      return 0;
    }
  }
  return 1;
}

/* `floats` float32 values at byte `offset` of the buffer, or NULL (with a RangeError thrown) if they do not fit. */
static float* region(napi_env env, const Args* args, double offset, double floats) {
  if (offset < 0 || floats < 0 || (int64_t)offset % 4 != 0 || offset + floats * 4 > (double)args->length) {
    napi_throw_range_error(env, NULL, "native-blas: an operand lies outside the wasm heap");
    return NULL;
  }
  return (float*)(args->base + (int64_t)offset);
}

/* adam(buffer, n, w, m, v, g, w2, m2, v2, learningRate, beta1, beta2, epsilon, correction1, correction2) */
static napi_value adam(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "adam", 14, &a)) return NULL;
  const double n = a.v[0];
  float* p[7];
  for (int i = 0; i < 7; i++)
    if ((p[i] = region(env, &a, a.v[1 + i], n)) == NULL) return NULL;
  adam_update((long)n, p[0], p[1], p[2], p[3], p[4], p[5], p[6], (float)a.v[8], (float)a.v[9], (float)a.v[10],
              (float)a.v[11], (float)a.v[12], (float)a.v[13]);
  return NULL;
}

/* sparseGemm(buffer, transA, m, n, k, a, b, c) */
static napi_value sparse(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "sparseGemm", 7, &a)) return NULL;
  const double m = a.v[1], n = a.v[2], k = a.v[3];
  float *pa, *pb, *pc;
  if ((pa = region(env, &a, a.v[4], m * k)) == NULL || (pb = region(env, &a, a.v[5], k * n)) == NULL ||
      (pc = region(env, &a, a.v[6], m * n)) == NULL)
    return NULL;
  sparse_gemm(a.v[0] != 0, (long)m, (long)n, (long)k, pa, pb, pc);
  return NULL;
}

/* lstmForward(buffer, batch, steps, inputDim, units, hard, returnSequences, x, kernel, recurrentKernel, bias, out, gates, cells, previous) */
static napi_value lstm_fwd(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "lstmForward", 14, &a)) return NULL;
  const double batch = a.v[0], steps = a.v[1], in = a.v[2], units = a.v[3];
  const double sizes[8] = {batch * steps * in, in * 4 * units, units * 4 * units, 4 * units,
                           a.v[5] != 0 ? batch * steps * units : batch * units, batch * steps * 4 * units,
                           batch * steps * units, batch * steps * units};
  float* p[8];
  for (int i = 0; i < 8; i++)
    if ((p[i] = region(env, &a, a.v[6 + i], sizes[i])) == NULL) return NULL;
  if (!lstm_forward((long)batch, (long)steps, (long)in, (long)units, a.v[4] != 0, a.v[5] != 0, p[0], p[1], p[2], p[3],
                    p[4], p[5], p[6], p[7]))
    napi_throw_error(env, NULL, "native-blas: out of memory in lstmForward");
  return NULL;
}

/* lstmBackward(buffer, batch, steps, inputDim, units, hard, returnSequences, dy, x, kernel, recurrentKernel, gates, cells, previous, dx, dKernel, dRecurrent, dBias) */
static napi_value lstm_bwd(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "lstmBackward", 17, &a)) return NULL;
  const double batch = a.v[0], steps = a.v[1], in = a.v[2], units = a.v[3];
  const double seq = batch * steps * units;
  const double sizes[11] = {a.v[5] != 0 ? seq : batch * units, batch * steps * in, in * 4 * units, units * 4 * units,
                            batch * steps * 4 * units, seq, seq, batch * steps * in, in * 4 * units,
                            units * 4 * units, 4 * units};
  float* p[11];
  for (int i = 0; i < 11; i++)
    if ((p[i] = region(env, &a, a.v[6 + i], sizes[i])) == NULL) return NULL;
  if (!lstm_backward((long)batch, (long)steps, (long)in, (long)units, a.v[4] != 0, a.v[5] != 0, p[0], p[1], p[2], p[3],
                     p[4], p[5], p[6], p[7], p[8], p[9], p[10]))
    napi_throw_error(env, NULL, "native-blas: out of memory in lstmBackward");
  return NULL;
}

/* Reads the 14 ConvGeometry numbers starting at args->v[first]. */
static ConvGeometry geometry(const Args* a, int first) {
  const double* v = a->v + first;
  ConvGeometry g = {(long)v[0], (long)v[1], (long)v[2],  (long)v[3],  (long)v[4],  (long)v[5],  (long)v[6],
                    (long)v[7], (long)v[8], (long)v[9], (long)v[10], (long)v[11], (long)v[12], (long)v[13]};
  return g;
}

static double pixels(const ConvGeometry* g) { return (double)g->batch * g->in_height * g->in_width * g->channels; }

static double patches(const ConvGeometry* g) {
  return (double)g->batch * g->out_height * g->out_width * g->filter_height * g->filter_width * g->channels;
}

/* im2col(buffer, ...14 geometry numbers, x, cols) */
static napi_value im2col_js(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "im2col", 16, &a)) return NULL;
  ConvGeometry g = geometry(&a, 0);
  float *x, *cols;
  if ((x = region(env, &a, a.v[14], pixels(&g))) == NULL || (cols = region(env, &a, a.v[15], patches(&g))) == NULL) return NULL;
  im2col(&g, x, cols);
  return NULL;
}

/* col2im(buffer, ...14 geometry numbers, cols, dx) */
static napi_value col2im_js(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "col2im", 16, &a)) return NULL;
  ConvGeometry g = geometry(&a, 0);
  float *cols, *dx;
  if ((cols = region(env, &a, a.v[14], patches(&g))) == NULL || (dx = region(env, &a, a.v[15], pixels(&g))) == NULL) return NULL;
  col2im(&g, cols, dx);
  return NULL;
}

/* gatherRows(buffer, count, rows, width, x, ids, out): returns the position of the first id out of range, or -1. */
static napi_value gather_js(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "gatherRows", 6, &a)) return NULL;
  const double count = a.v[0], rows = a.v[1], width = a.v[2];
  float *x, *ids, *out;
  if ((x = region(env, &a, a.v[3], rows * width)) == NULL || (ids = region(env, &a, a.v[4], count)) == NULL ||
      (out = region(env, &a, a.v[5], count * width)) == NULL)
    return NULL;
  napi_value result;
  CHECK(napi_create_double(env, (double)gather_rows((long)count, (long)rows, (long)width, x, (const int*)ids, out), &result));
  return result;
}

/* segmentSum(buffer, count, segments, width, x, ids, out) */
static napi_value segment_js(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "segmentSum", 6, &a)) return NULL;
  const double count = a.v[0], segments = a.v[1], width = a.v[2];
  float *x, *ids, *out;
  if ((x = region(env, &a, a.v[3], count * width)) == NULL || (ids = region(env, &a, a.v[4], count)) == NULL ||
      (out = region(env, &a, a.v[5], segments * width)) == NULL)
    return NULL;
  segment_sum((long)count, (long)segments, (long)width, x, (const int*)ids, out);
  return NULL;
}

/* maxPoolGrad(buffer, ...14 geometry numbers (dilations 1), x, dy, dx) */
static napi_value max_pool_grad_js(napi_env env, napi_callback_info info) {
  Args a;
  if (!parse(env, info, "maxPoolGrad", 17, &a)) return NULL;
  ConvGeometry g = geometry(&a, 0);
  const double outputs = (double)g.batch * g.out_height * g.out_width * g.channels;
  float *x, *dy, *dx;
  if ((x = region(env, &a, a.v[14], pixels(&g))) == NULL || (dy = region(env, &a, a.v[15], outputs)) == NULL ||
      (dx = region(env, &a, a.v[16], pixels(&g))) == NULL)
    return NULL;
  if (!max_pool_grad(&g, x, dy, dx)) napi_throw_error(env, NULL, "native-blas: out of memory in maxPoolGrad");
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t threads;
  if (argc != 1 || napi_get_value_int32(env, argv[0], &threads) != napi_ok || threads < 1) {
    napi_throw_range_error(env, NULL, "native-blas: setThreads expects a positive integer");
    return NULL;
  }
  openblas_set_num_threads(threads);
  return NULL;
}

static napi_value get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &result));
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor properties[] = {
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"threads", NULL, get_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"adam", NULL, adam, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sparseGemm", NULL, sparse, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmForward", NULL, lstm_fwd, NULL, NULL, NULL, napi_enumerable, NULL},
      {"lstmBackward", NULL, lstm_bwd, NULL, NULL, NULL, napi_enumerable, NULL},
      {"im2col", NULL, im2col_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"col2im", NULL, col2im_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gatherRows", NULL, gather_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"segmentSum", NULL, segment_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"maxPoolGrad", NULL, max_pool_grad_js, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties) != napi_ok) return NULL;
  return exports;
}
