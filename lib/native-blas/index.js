"use strict";
// The compiled addon. Where `npm run build:native` could not build it (no C
// compiler or no libopenblas-dev), this throws and the course runs on wasm alone.
try {
  module.exports = require("./build/Release/native_blas.node");
} catch (error) {
  throw new Error(`the native BLAS addon is not built (${error.message.split("\n")[0]}); install a C compiler and libopenblas-dev, then run \`npm run build:native\``);
}
