import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setNativeBlasEnabled } from "../lib/backend/wasm-kernels/native-blas";
import { LSTM_FORWARD } from "../lib/backend/wasm-kernels/lstm";
import { installFusedLstm, lstmSequence } from "../lib/backend/wasm-kernels/lstm-layer";
import { expectClose, expectSameOnWasmAndCpu, KERNEL_PATHS, loadWasmWithKernels, randomTensor, randomValues } from "./wasm-kernels.helpers";

beforeAll(async () => {
  await loadWasmWithKernels();
  installFusedLstm();
});
afterAll(() => setNativeBlasEnabled(true));

type LstmArgs = Parameters<typeof tf.layers.lstm>[0];

/** A seeded LSTM applied to a fixed input: its output, then the gradients of a weighted sum for each weight and the input. */
function outputAndGradients(args: Omit<LstmArgs, "units">, shape = [3, 5, 4], units = 3): tf.Tensor[] {
  const layer = tf.layers.lstm({
    units, ...args,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 }),
  });
  const x = tf.variable(randomTensor(shape, 4));
  const y = layer.apply(x) as tf.Tensor;
  const r = randomTensor(y.shape, 5);
  const variables = [...layer.trainableWeights.map((w: tf.LayerVariable) => w.read() as tf.Variable), x];
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)) as tf.Scalar, variables);
  return [y, ...variables.map((v) => grads[v.name])];
}

describe.each(KERNEL_PATHS)("fused LSTM on $name against tf.layers.lstm on cpu", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it.each([
    { name: "sigmoid gates, last output", recurrentActivation: "sigmoid" as const, returnSequences: false },
    { name: "sigmoid gates, every output", recurrentActivation: "sigmoid" as const, returnSequences: true },
    { name: "hard-sigmoid gates (tfjs' default), last output", recurrentActivation: "hardSigmoid" as const, returnSequences: false },
    { name: "hard-sigmoid gates, every output", recurrentActivation: "hardSigmoid" as const, returnSequences: true },
  ])("same output and gradients: $name", async ({ recurrentActivation, returnSequences }) => {
    await expectSameOnWasmAndCpu(() => outputAndGradients({ recurrentActivation, returnSequences }));
  });

  it("same output and gradients for a longer sequence with more units (several gemm tiles)", async () => {
    await expectSameOnWasmAndCpu(() => outputAndGradients({ recurrentActivation: "sigmoid", unitForgetBias: true }, [5, 30, 9], 17), 2e-4);
  });
});

describe("fused LSTM", () => {
  it("runs a plain tf.layers.lstm as the fused kernel on wasm, and as stock ops on cpu", async () => {
    const kernelsOn = async (backend: "wasm" | "cpu") => {
      await tf.setBackend(backend);
      return (await tf.profile(() => outputAndGradients({ recurrentActivation: "sigmoid" }))).kernelNames;
    };
    expect(await kernelsOn("wasm")).toContain(LSTM_FORWARD);
    expect(await kernelsOn("cpu")).not.toContain(LSTM_FORWARD);
  });

  it("no longer warns about the orthogonal initializer's speed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // 50 × 50 is over tfjs' 2,000-element warning threshold, and quick to orthogonalise.
    tf.tidy(() => tf.initializers.orthogonal({ gain: 1 }).apply([50, 50]));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("falls back to the stock computation where it cannot fuse (goBackwards)", async () => {
    await expectSameOnWasmAndCpu(() => outputAndGradients({ goBackwards: true }));
  });

  it("has the gradient of its own forward pass (central finite differences)", async () => {
    const shapes = { x: [2, 4, 3], kernel: [3, 8], recurrentKernel: [2, 8], bias: [8] };
    const values = Object.fromEntries(Object.entries(shapes).map(([name, shape], i) => [name, randomValues(shape.reduce((a, b) => a * b), 10 + i)]));
    const r = randomValues(2 * 2, 20);
    const loss = (v: Record<string, Float32Array>) => tf.sum(tf.mul(lstmSequence(
      tf.tensor3d(v.x, shapes.x as [number, number, number]), tf.tensor2d(v.kernel, shapes.kernel as [number, number]),
      tf.tensor2d(v.recurrentKernel, shapes.recurrentKernel as [number, number]), tf.tensor1d(v.bias),
      { hardSigmoid: false, returnSequences: false }), tf.tensor2d(r, [2, 2])));
    await tf.setBackend("wasm");
    const names = Object.keys(shapes);
    const analytic = tf.tidy(() => tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(lstmSequence(ts[0] as tf.Tensor3D, ts[1] as tf.Tensor2D, ts[2] as tf.Tensor2D, ts[3] as tf.Tensor1D,
      { hardSigmoid: false, returnSequences: false }), tf.tensor2d(r, [2, 2]))))(names.map((n) => tf.tensor(values[n], shapes[n as keyof typeof shapes])))
      .map((g) => g.dataSync().slice()));
    const h = 1e-2;
    names.forEach((name, which) => {
      const numeric = values[name].map((_, i) => {
        const at = (delta: number) => tf.tidy(() => {
          const shifted = { ...values, [name]: values[name].slice() };
          shifted[name][i] += delta;
          return loss(shifted).dataSync()[0];
        });
        return (at(h) - at(-h)) / (2 * h);
      });
      expectClose(analytic[which], numeric, 2e-3);
    });
  });

  it("saves as a plain LSTM that stock tfjs loads and runs to the same predictions", async () => {
    await tf.setBackend("wasm");
    const model = tf.sequential({ layers: [tf.layers.lstm({ units: 4, inputShape: [6, 3], kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) })] });
    const before = (model.predict(randomTensor([2, 6, 3], 8)) as tf.Tensor).dataSync().slice();
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
    expect(JSON.stringify(saved!.modelTopology)).toContain('"class_name":"LSTM"');
    await tf.setBackend("cpu");
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const after = (loaded.predict(randomTensor([2, 6, 3], 8)) as tf.Tensor).dataSync();
    expectClose(after, before);
  });
});
