/**
 * Access to the wasm backend's memory for the course's kernels.
 *
 * Every tensor of the wasm backend lives in one WebAssembly memory; a tensor's
 * data starts at `dataIdMap.get(dataId).memoryOffset` (bytes). The kernels here
 * read and write that memory from JavaScript (or from the optional native BLAS)
 * instead of copying tensors out and back.
 *
 * One rule keeps this safe: any allocation in the wasm module (a new output,
 * a scratch buffer, an XNNPACK operator) may grow the memory, and growing it
 * detaches every typed-array view taken before. So kernels keep *offsets*
 * across calls that may allocate and take a fresh view (`heapF32`) right
 * before each loop.
 */
import type { DataId, DataType, TensorInfo } from "@tensorflow/tfjs";

/** What the wasm backend keeps per tensor (tfjs-backend-wasm's TensorData). */
interface WasmTensorData {
  id: number;
  memoryOffset: number;
  shape: number[];
  dtype: DataType;
  refCount: number;
}

/** The parts of tfjs-backend-wasm's BackendWasm (4.22) these kernels use. */
export interface WasmBackend {
  wasm: {
    HEAPU8: Uint8Array;
    _malloc(bytes: number): number;
    _free(offset: number): void;
    cwrap(name: string, returnType: null, argTypes: string[]): (...args: unknown[]) => void;
    tfjs: {
      registerTensor(id: number, size: number, memoryOffset: number): void;
      disposeData(id: number): void;
    };
  };
  dataIdMap: { get(dataId: DataId): WasmTensorData };
  /** Next free tensor id of the backend's C++ registry (a private field of BackendWasm). */
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number): TensorInfo;
  /** A view of a tensor's data in the heap, typed by its dtype. */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

export function asWasm(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

/** The heap's memory, as the native addon takes it. Take it after the last allocation. */
export function heapBuffer(backend: WasmBackend): ArrayBuffer {
  return backend.wasm.HEAPU8.buffer as ArrayBuffer;
}

/** A float32 view of the whole heap; index it with `floatIndex`. Take it after the last allocation. */
export function heapF32(backend: WasmBackend): Float32Array {
  return new Float32Array(backend.wasm.HEAPU8.buffer);
}

/** An int32 view of the whole heap; index it with `floatIndex` (int32 has the same width). */
export function heapI32(backend: WasmBackend): Int32Array {
  return new Int32Array(backend.wasm.HEAPU8.buffer);
}

/** Byte offset of a tensor's data in the heap. */
export function byteOffset(backend: WasmBackend, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset;
}

/** Index of a tensor's first element in `heapF32` / `heapI32` (both 4-byte types). */
export function floatIndex(backend: WasmBackend, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset >>> 2;
}

/** Memory the kernel owns for the duration of a call; free it with `release`. */
export interface Scratch {
  /** Byte offset in the heap. */
  offset: number;
  /** Index in `heapF32`. */
  index: number;
}

export function scratch(backend: WasmBackend, floats: number): Scratch {
  const offset = backend.wasm._malloc(Math.max(4, floats * 4)) >>> 0;
  if (offset === 0) throw new Error(`The wasm heap could not allocate ${floats * 4} bytes of scratch memory; use a smaller batch size.`);
  return { offset, index: offset >>> 2 };
}

export function release(backend: WasmBackend, ...buffers: Scratch[]): void {
  for (const buffer of buffers) backend.wasm._free(buffer.offset);
}

/**
 * Registers a region of the heap under a temporary tensor id so that the
 * backend's C++ kernels (XNNPACK) can read or write it; `forget` removes the id
 * without freeing the memory, which belongs to someone else.
 */
export function registerView(backend: WasmBackend, offset: number, size: number): number {
  const id = backend.dataIdNextNumber++;
  backend.wasm.tfjs.registerTensor(id, size, offset);
  return id;
}

export function forgetView(backend: WasmBackend, id: number): void {
  backend.wasm.tfjs.disposeData(id);
}

/** Throws for a tensor the course's kernel cannot take, saying how to fix the call. */
export function checkFloat32(kernel: string, ...infos: TensorInfo[]): void {
  for (const info of infos) {
    if (info.dtype !== "float32") throw new Error(`${kernel} on wasm supports float32 tensors, got ${info.dtype}; cast the inputs with tf.cast(x, "float32").`);
  }
}
