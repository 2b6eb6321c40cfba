/**
 * What the sandbox may send the grader (see sandbox/runner.ts), and the
 * validation every byte of it goes through: lines of bounded length, JSON
 * objects of a known shape, "ready" once and before the result, a result
 * whose outputs are well-formed wire data. Anything else is a protocol
 * violation, reported for that exercise; nothing the sandbox sends can throw
 * out of here.
 */
import { decode, WireError } from "./sandbox/wire";

export type ExerciseStatus = "passed" | "failed" | "error";

/** The longest line accepted from the sandbox: every output at its cap, plus room for the rest. */
const MAX_LINE_BYTES = 4_000_000;
const MAX_TEXT = 10_000;

/** One call's output after validation: the decoded value (and arguments after the call), or what it threw. */
export type DecodedOutcome = { value: unknown; argumentsAfter?: unknown[] } | { thrown: string };

export type SandboxReport = { defineError: string } | { outcomes: DecodedOutcome[] };

export class ProtocolViolation extends Error {}

export type ParsedMessage = { type: "ready" } | { type: "result"; report: SandboxReport };

/** Splits a byte stream into lines, refusing a line longer than the limit before it is held in memory. */
export class LineReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes = MAX_LINE_BYTES) {}

  /** The complete lines in this chunk (and the ones it completes); throws ProtocolViolation for an overlong line. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.add(chunk.subarray(start, newline));
      lines.push(Buffer.concat(this.pending).toString("utf8"));
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
    }
    this.add(chunk.subarray(start));
    return lines;
  }

  private add(part: Buffer): void {
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxBytes) throw new ProtocolViolation(`sent a message longer than ${this.maxBytes} bytes`);
    if (part.length > 0) this.pending.push(Buffer.from(part));
  }
}

/** Parses and validates one line; `expectedCalls` is how many outcomes a result must hold. */
export function parseMessage(line: string, expectedCalls: number): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation("sent a message that is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ProtocolViolation("sent a message that is not an object");
  const message = value as Record<string, unknown>;
  if (message.type === "ready" && Object.keys(message).length === 1) return { type: "ready" };
  if (message.type !== "result") throw new ProtocolViolation("sent a message of no known type");
  if (typeof message.defineError === "string" && !("outcomes" in message)) {
    return { type: "result", report: { defineError: clip(message.defineError) } };
  }
  const outcomes = message.outcomes;
  if (!Array.isArray(outcomes) || outcomes.length !== expectedCalls) {
    throw new ProtocolViolation(`sent a result without exactly ${expectedCalls} outputs`);
  }
  try {
    return { type: "result", report: { outcomes: outcomes.map(decodeOutcome) } };
  } catch (error) {
    if (error instanceof WireError || error instanceof ProtocolViolation) throw new ProtocolViolation(`sent a malformed output: ${error.message}`);
    throw new ProtocolViolation("sent a malformed output");
  }
}

function decodeOutcome(raw: unknown): DecodedOutcome {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ProtocolViolation("an output that is not an object");
  const outcome = raw as Record<string, unknown>;
  if (typeof outcome.thrown === "string") return { thrown: clip(outcome.thrown) };
  if (!("value" in outcome)) throw new ProtocolViolation("an output with neither a value nor an error");
  const value = decode(outcome.value);
  if (outcome.argumentsAfter === undefined) return { value };
  if (!Array.isArray(outcome.argumentsAfter)) throw new ProtocolViolation("arguments after the call that are not a list");
  return { value, argumentsAfter: outcome.argumentsAfter.map((arg) => decode(arg)) };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)} …` : text;
}
