// What `import … from "@tensorflow/tfjs"` becomes in the demo's bundle: the
// parts of TensorFlow.js the page runs (core with its chained tensor methods,
// as @tensorflow/tfjs's own index imports them; layers; the cpu backend), no
// gradients: the page does not train. Bundled into demo.js instead of loading
// tf.min.js, which also carries the WebGL backend, the converter and tf.data:
// demo.js is 0.6 MB instead of 1.5 MB, and all six full-scale models were
// ready a median 0.4 s sooner (3.44 s against 3.85 s after opening the page,
// 6 runs each, interleaved; Chromium 156 on this project's 2-core machine).
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-backend-cpu";
export * from "@tensorflow/tfjs-core";
export * from "@tensorflow/tfjs-layers";
