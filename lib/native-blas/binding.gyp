{
  "targets": [
    {
      "target_name": "native_blas",
      "sources": ["src/native_blas.c", "src/kernels.c"],
      "libraries": ["-lopenblas", "-lm"],
      "cflags": ["-O3", "-march=native", "-ffast-math", "-Wall", "-Werror"]
    }
  ]
}
