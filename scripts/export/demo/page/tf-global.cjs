// What `import … from "@tensorflow/tfjs"` becomes in the demo's bundle: the
// tf global of tf.min.js, loaded by the page before demo.js (see ../../demo.ts).
module.exports = globalThis.tf;
