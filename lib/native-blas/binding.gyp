{
  "targets": [
    {
      "target_name": "native_blas",
      "sources": ["src/native_blas.c"],
      "libraries": ["-lopenblas"],
      "cflags": ["-O3", "-march=native", "-Wall", "-Werror"]
    }
  ]
}
