"use strict";
// The compiled addon; the require fails where node-gyp could not build it
// (no compiler or no OpenBLAS), and the course then runs on wasm alone.
module.exports = require("./build/Release/native_blas.node");
