/**
 * The plain-data form in which values cross between the grader and the
 * sandbox: arguments of the calls the grader asks for, and what the learner's
 * functions return. JSON, with every object tagged so that nothing a learner
 * returns can pass for something else, and with the values JSON lacks (Map,
 * Set, undefined, NaN, typed arrays, tensors, models) spelled out.
 *
 * This file is bound into the sandbox (the runner encodes with it) and read by
 * the grader (which decodes with it): it imports nothing.
 */

export type Wire =
  | null
  | boolean
  | number
  | string
  | Wire[]
  | { $: "object"; v: Record<string, Wire> }
  | { $: "undefined" }
  | { $: "number"; v: "NaN" | "Infinity" | "-Infinity" }
  | { $: "bigint"; v: string }
  | { $: "map"; v: Array<[Wire, Wire]> }
  | { $: "set"; v: Wire[] }
  | { $: "function"; name: string }
  | { $: "tensor"; shape: number[]; dtype: string; values: Wire[] }
  | { $: "model"; topology: unknown; training: unknown };

/** The largest encoded value accepted either way, in characters of JSON. */
export const MAX_WIRE_CHARS = 1_000_000;
/** Deeper nesting is refused on both sides (a learner's value or a forged message). */
export const MAX_WIRE_DEPTH = 64;
/** Tensors with more values are refused before they are read. */
const MAX_TENSOR_VALUES = 200_000;

export class WireError extends Error {}

/**
 * Marks the grader's decoded classes. A symbol never crosses the wire, so no
 * plain object can carry it, and Symbol.for makes it the same in every copy
 * of this module (a test runner may load two).
 */
const KIND = Symbol.for("imdb-course-grader.wire-kind");

function kindOf(value: unknown): unknown {
  return value !== null && typeof value === "object" ? (value as { [KIND]?: unknown })[KIND] : undefined;
}

export const isTensorData = (value: unknown): value is TensorData => kindOf(value) === "tensor";
export const isModelData = (value: unknown): value is ModelData => kindOf(value) === "model";
export const isFunctionData = (value: unknown): value is FunctionData => kindOf(value) === "function";

/** A tensor's data as the grader sees it (values flattened in row-major order). */
export class TensorData {
  readonly [KIND] = "tensor";
  constructor(
    readonly shape: number[],
    readonly dtype: string,
    readonly values: unknown[],
  ) {}
}

/** A learner's model as data: its topology (model.toJSON) and how it was compiled, rebuilt only by the grader. */
export class ModelData {
  readonly [KIND] = "model";
  constructor(
    readonly topology: unknown,
    readonly training: unknown,
  ) {}
}

/** A function the learner returned: only its name crosses. */
export class FunctionData {
  readonly [KIND] = "function";
  constructor(readonly name: string) {}
}

interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  data(): Promise<ArrayLike<unknown>>;
}

interface ModelLike {
  layers: unknown[];
  toJSON(unused: null, returnString: false): unknown;
  optimizer?: { getClassName(): string; getConfig(): unknown };
  loss?: unknown;
  metrics?: unknown;
}

function isTensor(value: object): value is TensorLike {
  const v = value as Partial<TensorLike> & { dataSync?: unknown };
  return Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataSync === "function" && typeof v.data === "function";
}

function isModel(value: object): value is ModelLike {
  const v = value as Partial<ModelLike> & { summary?: unknown };
  return Array.isArray(v.layers) && typeof v.toJSON === "function" && typeof v.summary === "function";
}

/**
 * Encodes a value (awaiting promises, reading tensors) for the wire. Throws a
 * WireError saying what cannot be sent: a cycle, too deep, too large.
 */
export async function encode(value: unknown, depth = 0, seen: Set<object> = new Set()): Promise<Wire> {
  if (depth > MAX_WIRE_DEPTH) throw new WireError(`the value is nested more than ${MAX_WIRE_DEPTH} levels deep`);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (value === undefined) return { $: "undefined" };
  if (typeof value === "number") {
    if (Number.isFinite(value)) return Object.is(value, -0) ? 0 : value;
    return { $: "number", v: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (typeof value === "bigint") return { $: "bigint", v: value.toString() };
  if (typeof value === "function") return { $: "function", name: String((value as { name?: unknown }).name ?? "") };
  if (typeof value === "symbol") return { $: "object", v: { symbol: String(value.description) } };
  if (value instanceof Promise) return encode(await value, depth, seen);
  const object = value as object;
  if (seen.has(object)) throw new WireError("the value contains itself (a cycle)");
  seen.add(object);
  try {
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      return Array.from(object as unknown as ArrayLike<number | bigint>, (n) => (typeof n === "bigint" ? { $: "bigint", v: n.toString() } : (encodeNumber(n) as Wire)));
    }
    if (Array.isArray(object)) {
      const out: Wire[] = [];
      for (const item of object) out.push(await encode(item, depth + 1, seen));
      return out;
    }
    if (object instanceof Map) {
      const out: Array<[Wire, Wire]> = [];
      for (const [k, v] of object) out.push([await encode(k, depth + 1, seen), await encode(v, depth + 1, seen)]);
      return { $: "map", v: out };
    }
    if (object instanceof Set) {
      const out: Wire[] = [];
      for (const item of object) out.push(await encode(item, depth + 1, seen));
      return { $: "set", v: out };
    }
    if (isTensor(object)) {
      if (object.size > MAX_TENSOR_VALUES) throw new WireError(`a tensor of ${object.size} values is more than the grader accepts (${MAX_TENSOR_VALUES})`);
      const values = Array.from(await object.data(), (n) => (typeof n === "number" ? encodeNumber(n) : String(n)));
      return { $: "tensor", shape: [...object.shape], dtype: object.dtype, values };
    }
    if (isModel(object)) return { $: "model", topology: object.toJSON(null, false), training: trainingOf(object) };
    // A model the grader passes as an argument, already in its data form.
    if (isModelData(object)) return { $: "model", topology: object.topology, training: object.training };
    const entries: Record<string, Wire> = {};
    for (const key of Object.keys(object)) entries[key] = await encode((object as Record<string, unknown>)[key], depth + 1, seen);
    return { $: "object", v: entries };
  } finally {
    seen.delete(object);
  }
}

function encodeNumber(n: number): Wire {
  return Number.isFinite(n) ? (Object.is(n, -0) ? 0 : n) : { $: "number", v: Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity" };
}

/** How a compiled model was compiled (loss, metrics and optimizer names), as plain data; null before compile(). */
function trainingOf(model: ModelLike): unknown {
  if (!model.optimizer) return null;
  const name = (item: unknown): unknown => (typeof item === "function" ? `function ${(item as { name?: string }).name ?? ""}` : typeof item === "string" ? item : null);
  const names = (items: unknown): unknown => (Array.isArray(items) ? items.map(name) : items === undefined ? [] : [name(items)]);
  return {
    loss: Array.isArray(model.loss) ? model.loss.map(name) : name(model.loss),
    metrics: names(model.metrics),
    optimizer: { className: model.optimizer.getClassName(), config: model.optimizer.getConfig() },
  };
}

/** JSON text of an encoded value, refused when larger than the wire accepts. */
export function wireText(wire: unknown): string {
  const text = JSON.stringify(wire);
  if (text.length > MAX_WIRE_CHARS) throw new WireError(`the value is ${text.length} characters of JSON, more than the grader accepts (${MAX_WIRE_CHARS})`);
  return text;
}

/**
 * Turns wire data (already JSON-parsed, from anywhere) back into values,
 * checking its shape at every step: anything malformed throws a WireError.
 */
export function decode(wire: unknown, depth = 0): unknown {
  if (depth > MAX_WIRE_DEPTH) throw new WireError(`nested more than ${MAX_WIRE_DEPTH} levels deep`);
  if (wire === null || typeof wire === "boolean" || typeof wire === "string") return wire;
  if (typeof wire === "number") {
    if (!Number.isFinite(wire)) throw new WireError("a number that is not finite outside its tag");
    return wire;
  }
  if (Array.isArray(wire)) return wire.map((item) => decode(item, depth + 1));
  if (typeof wire !== "object") throw new WireError(`a ${typeof wire} is not wire data`);
  const tagged = wire as Record<string, unknown>;
  const field = <T>(name: string, ok: (v: unknown) => v is T): T => {
    const v = tagged[name];
    if (!ok(v)) throw new WireError(`a "${String(tagged.$)}" value with a malformed "${name}"`);
    return v;
  };
  const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
  const isString = (v: unknown): v is string => typeof v === "string";
  switch (tagged.$) {
    case "object": {
      const entries = field("v", (v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v));
      return Object.fromEntries(Object.keys(entries).map((key) => [key, decode(entries[key], depth + 1)]));
    }
    case "undefined":
      return undefined;
    case "number": {
      const v = field("v", isString);
      if (v !== "NaN" && v !== "Infinity" && v !== "-Infinity") throw new WireError(`"${v.slice(0, 20)}" is not a tagged number`);
      return Number(v);
    }
    case "bigint": {
      const v = field("v", isString);
      if (!/^-?\d{1,400}$/.test(v)) throw new WireError("a malformed bigint");
      return BigInt(v);
    }
    case "map":
      return new Map(
        field("v", isArray).map((pair) => {
          if (!Array.isArray(pair) || pair.length !== 2) throw new WireError("a map entry that is not a [key, value] pair");
          return [decode(pair[0], depth + 1), decode(pair[1], depth + 1)];
        }),
      );
    case "set":
      return new Set(field("v", isArray).map((item) => decode(item, depth + 1)));
    case "function":
      return new FunctionData(field("name", isString).slice(0, 200));
    case "tensor": {
      const shape = field("shape", isArray);
      if (shape.length > 8 || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) throw new WireError("a tensor with a malformed shape");
      const values = field("values", isArray).map((item) => decode(item, depth + 1));
      const size = (shape as number[]).reduce((a, b) => a * b, 1);
      if (size !== values.length) throw new WireError(`a tensor of shape [${shape.join(", ")}] with ${values.length} values`);
      return new TensorData(shape as number[], field("dtype", isString).slice(0, 20), values);
    }
    case "model":
      jsonDepth(tagged.topology, depth + 1);
      jsonDepth(tagged.training, depth + 1);
      return new ModelData(tagged.topology, tagged.training);
    default:
      throw new WireError("an object without a known tag");
  }
}

/** Checks the nesting of raw JSON carried inside a tagged value (a model's topology). */
function jsonDepth(value: unknown, depth: number): void {
  if (depth > MAX_WIRE_DEPTH * 2) throw new WireError(`nested more than ${MAX_WIRE_DEPTH * 2} levels deep`);
  if (value !== null && typeof value === "object") for (const item of Object.values(value)) jsonDepth(item, depth + 1);
}
