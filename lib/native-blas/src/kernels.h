/* Loops of the course's wasm kernels in C; see kernels.c. Pointers are into the wasm heap. */
#ifndef IMDB_COURSE_KERNELS_H
#define IMDB_COURSE_KERNELS_H

void adam_update(long n, const float* w, const float* m, const float* v, const float* g, float* w2, float* m2, float* v2,
                 float learning_rate, float beta1, float beta2, float epsilon, float correction1, float correction2);

void sparse_gemm(int trans_a, long m, long n, long k, const float* a, const float* b, float* c);

/* Return 0 when scratch memory could not be allocated. */
int lstm_forward(long batch, long steps, long input_dim, long units, int hard, int return_sequences,
                 const float* x, const float* kernel, const float* recurrent_kernel, const float* bias,
                 float* out, float* gates, float* cells, float* previous);

int lstm_backward(long batch, long steps, long input_dim, long units, int hard, int return_sequences,
                  const float* dy, const float* x, const float* kernel, const float* recurrent_kernel,
                  const float* gates, const float* cells, const float* previous,
                  float* dx, float* d_kernel, float* d_recurrent, float* d_bias);

/* Geometry of an NHWC 2-D convolution (a 1-D one has height 1). */
typedef struct {
  long batch, in_height, in_width, channels, out_height, out_width, filter_height, filter_width;
  long stride_height, stride_width, dilation_height, dilation_width, pad_top, pad_left;
} ConvGeometry;

/* The patch matrix [batch*outH*outW, filterH*filterW*channels] of x, zeros in the padding. */
void im2col(const ConvGeometry* g, const float* x, float* cols);

/* dx = the patches of `cols` added back to the pixels they came from. */
void col2im(const ConvGeometry* g, const float* cols, float* dx);

/* out[i] = x[ids[i]] (rows of `width` floats); returns the position of the first id outside [0, rows), or -1. */
long gather_rows(long count, long rows, long width, const float* x, const int* ids, float* out);

/* out[ids[i]] += x[i] (rows of `width` floats), ids outside [0, segments) skipped. */
void segment_sum(long count, long segments, long width, const float* x, const int* ids, float* out);

/* dx for max pooling (dilation 1): each window's dy goes to its first maximum in row-major window order.
 * Returns 0 when scratch memory could not be allocated. */
int max_pool_grad(const ConvGeometry* g, const float* x, const float* dy, float* dx);

#endif
