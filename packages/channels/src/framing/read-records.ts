import { formatError, invalidArgument, invalidOperation, quotaError } from "./framing-error.js";
import { RecordSizeDecoder } from "./record-size.js";
import {
  type DecodedFramingRecord,
  FRAMING_MAJOR_VERSION,
  FRAMING_MINOR_VERSION,
  FramingMode,
  type FramingModeValue,
  hexByte,
  isFramingMode,
  isKnownEncoding,
  RECORD_NAMES,
  recordKindOf,
} from "./records.js";

/**
 * The incremental [MC-NMF] decoder: socket chunks in, complete records out. Chunks may be split
 * anywhere, down to one octet at a time; the records and the errors are the same whatever the split.
 *
 * Memory is bounded by the limits, never by what the peer declares: a size is checked against its
 * limit as soon as its last octet arrives, before any buffer is made for it, and a buffer is exactly
 * the size declared. Unconsumed input is only held when the caller pushes faster than it pulls.
 *
 * The reader knows the record formats, not the session: it decodes a record wherever it appears,
 * and session-state.ts decides whether it is allowed there. It does use two pieces of context that
 * change what the following octets are:
 * - after an Upgrade Request or Upgrade Response Record the stream belongs to the upgrade (TLS,
 *   Negotiate) until the caller has set it up and calls resume();
 * - in Singleton Sized mode, the bytes after the Envelope Encoding Record are the message itself,
 *   unframed, up to the end of the stream ([MC-NMF] singleton-sized-stream-a).
 * In both cases the reader stops ("detached") and takeUnframed() hands over what it was given.
 *
 * After an error the reader has failed: every later call throws the same error, so that no caller
 * can go on reading from an undefined position.
 */

/** The limits of one reader. All are in octets. */
export interface FramingLimits {
  /**
   * The largest envelope accepted: a Sized Envelope Record's payload, or the sum of an Unsized
   * Envelope Record's chunks. Default 65536, the default of WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE.
   */
  readonly maxEnvelopeSize?: number;
  /** The longest Via accepted. Default 2048, WCF's MaxViaSize. */
  readonly maxViaSize?: number;
  /** The longest Extensible Encoding content type or upgrade protocol name accepted. Default 256, WCF's MaxContentTypeSize. */
  readonly maxContentTypeSize?: number;
  /** The longest fault string accepted. Default 256, the quota of WCF's fault string decoder. */
  readonly maxFaultSize?: number;
}

export const DEFAULT_MAX_ENVELOPE_SIZE = 65536;
export const DEFAULT_MAX_VIA_SIZE = 2048;
export const DEFAULT_MAX_CONTENT_TYPE_SIZE = 256;
export const DEFAULT_MAX_FAULT_SIZE = 256;

/** Why the reader stopped decoding: the stream is not framing records any more (see above). */
export type DetachReason = "upgrade" | "singleton-sized";

/** The records whose data is a size and that many octets. */
type SizedKind = "via" | "extensible-encoding" | "upgrade-request" | "fault" | "sized-envelope";

type Phase =
  | { readonly step: "type" }
  | { readonly step: "version-major"; readonly start: number }
  | { readonly step: "version-minor"; readonly start: number; readonly major: number }
  | { readonly step: "mode"; readonly start: number }
  | { readonly step: "known-encoding"; readonly start: number }
  | { readonly step: "size"; readonly kind: SizedKind; readonly start: number }
  | { readonly step: "data"; readonly kind: SizedKind; readonly start: number; readonly buffer: Uint8Array; filled: number }
  | { readonly step: "chunk-size"; readonly start: number; readonly chunks: Uint8Array[]; readonly total: number }
  | {
      readonly step: "chunk-data";
      readonly start: number;
      readonly chunks: Uint8Array[];
      readonly total: number;
      readonly buffer: Uint8Array;
      filled: number;
    }
  | { readonly step: "detached"; readonly reason: DetachReason };

const TYPE: Phase = { step: "type" };
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export class FramingReader {
  readonly #maxEnvelopeSize: number;
  readonly #maxViaSize: number;
  readonly #maxContentTypeSize: number;
  readonly #maxFaultSize: number;
  readonly #size = new RecordSizeDecoder();
  /** Input pushed and not decoded yet; #position is how far into the first chunk decoding is. */
  readonly #input: Uint8Array[] = [];
  #position = 0;
  #offset = 0;
  #phase: Phase = TYPE;
  #mode: FramingModeValue | undefined;
  #failure: Error | undefined;

  constructor(limits: FramingLimits = {}) {
    this.#maxEnvelopeSize = limit(limits.maxEnvelopeSize, DEFAULT_MAX_ENVELOPE_SIZE, "maxEnvelopeSize");
    this.#maxViaSize = limit(limits.maxViaSize, DEFAULT_MAX_VIA_SIZE, "maxViaSize");
    this.#maxContentTypeSize = limit(limits.maxContentTypeSize, DEFAULT_MAX_CONTENT_TYPE_SIZE, "maxContentTypeSize");
    this.#maxFaultSize = limit(limits.maxFaultSize, DEFAULT_MAX_FAULT_SIZE, "maxFaultSize");
  }

  /** How many octets have been decoded: the stream offset of the next one. */
  get offset(): number {
    return this.#offset;
  }

  /** Why the reader stopped, or undefined while it is decoding records. */
  get detached(): DetachReason | undefined {
    return this.#phase.step === "detached" ? this.#phase.reason : undefined;
  }

  /** True between records: nothing of a record has been read yet. */
  get atRecordBoundary(): boolean {
    return this.#phase.step === "type";
  }

  /** Adds input without decoding it; next() decodes. The reader keeps the chunk until it is decoded. */
  push(chunk: Uint8Array): void {
    this.#throwIfFailed();
    if (chunk.length > 0) this.#input.push(chunk);
  }

  /** The next complete record, or undefined when the input pushed so far does not complete one (or the reader is detached). */
  next(): DecodedFramingRecord | undefined {
    this.#throwIfFailed();
    try {
      return this.#decode();
    } catch (error) {
      this.#failure = error as Error;
      throw error;
    }
  }

  /** push() and then every record the input completes, in order. */
  feed(chunk: Uint8Array): DecodedFramingRecord[] {
    this.push(chunk);
    return this.#drain();
  }

  /**
   * The stream has ended: returns the records still to be decoded and throws WS_E_INVALID_FORMAT if
   * it ended inside a record. A detached reader ends without error (what follows the detach point
   * is not framing).
   */
  finish(): DecodedFramingRecord[] {
    const records = this.#drain();
    const phase = this.#phase;
    if (phase.step === "type" || phase.step === "detached") return records;
    const error = formatError("truncated", phase.start, `the stream ended inside ${describePartial(phase, this.#size.octetsRead)}`);
    this.#failure = error;
    throw error;
  }

  /** The input that was pushed after the reader detached (or not decoded yet), concatenated; the reader keeps none of it. */
  takeUnframed(): Uint8Array {
    this.#throwIfFailed();
    const rest = this.#input.map((chunk, i) => (i === 0 ? chunk.subarray(this.#position) : chunk));
    this.#input.length = 0;
    this.#position = 0;
    const out = new Uint8Array(rest.reduce((n, chunk) => n + chunk.length, 0));
    let at = 0;
    for (const chunk of rest) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Continues with framing records after an upgrade has been set up: the next input is the upgraded stream's plain text. */
  resume(): void {
    this.#throwIfFailed();
    if (this.#phase.step !== "detached" || this.#phase.reason !== "upgrade") {
      throw invalidOperation("resume() is only possible after an Upgrade Request or Upgrade Response Record");
    }
    this.#phase = TYPE;
  }

  #drain(): DecodedFramingRecord[] {
    const records: DecodedFramingRecord[] = [];
    for (let record = this.next(); record !== undefined; record = this.next()) records.push(record);
    return records;
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Runs the state machine over the input until a record completes or the input runs out. */
  #decode(): DecodedFramingRecord | undefined {
    while (this.#phase.step !== "detached") {
      const chunk = this.#input[0];
      if (chunk === undefined) return undefined;
      if (this.#position >= chunk.length) {
        this.#input.shift();
        this.#position = 0;
        continue;
      }
      const phase = this.#phase;
      if (phase.step === "data" || phase.step === "chunk-data") {
        // Bulk copy: as much of the payload as this chunk holds.
        const take = Math.min(phase.buffer.length - phase.filled, chunk.length - this.#position);
        phase.buffer.set(chunk.subarray(this.#position, this.#position + take), phase.filled);
        phase.filled += take;
        this.#position += take;
        this.#offset += take;
        if (phase.filled < phase.buffer.length) continue;
        const record = phase.step === "data" ? this.#completeSized(phase) : this.#completeChunk(phase);
        if (record !== undefined) return record;
        continue;
      }
      const octet = chunk[this.#position]!;
      const at = this.#offset;
      this.#position++;
      this.#offset++;
      const record = this.#step(phase, octet, at);
      if (record !== undefined) return record;
    }
    return undefined;
  }

  /** One header octet (`octet`, at stream offset `at`) in `phase`; returns the record it completes, if any. */
  #step(phase: Phase, octet: number, at: number): DecodedFramingRecord | undefined {
    switch (phase.step) {
      case "type":
        return this.#recordType(octet, at);
      case "version-major":
        if (octet !== FRAMING_MAJOR_VERSION) {
          throw formatError("unsupported-version", at, `unsupported major version ${octet} in the Version Record (only 1.0 is defined)`);
        }
        this.#phase = { step: "version-minor", start: phase.start, major: octet };
        return undefined;
      case "version-minor":
        // WCF reads the minor version and ignores it; the document says a conforming implementation
        // "MUST set this field to 0x00" and reserves the others, so a 1.x other than 1.0 is refused.
        if (octet !== FRAMING_MINOR_VERSION) {
          throw formatError(
            "unsupported-version",
            at,
            `unsupported version ${phase.major}.${octet} in the Version Record (only 1.0 is defined)`,
          );
        }
        this.#phase = TYPE;
        return { type: "version", major: phase.major, minor: octet, offset: phase.start };
      case "mode":
        if (!isFramingMode(octet)) {
          throw formatError("unsupported-mode", at, `unknown mode ${hexByte(octet)} in the Mode Record (0x01 to 0x04 are defined)`);
        }
        this.#mode = octet;
        this.#phase = TYPE;
        return { type: "mode", mode: octet, offset: phase.start };
      case "known-encoding":
        if (!isKnownEncoding(octet)) {
          throw formatError(
            "content-type-invalid",
            at,
            `reserved encoding ${hexByte(octet)} in the Known Encoding Record (0x00 to 0x08 are defined)`,
          );
        }
        this.#afterEncoding();
        return { type: "known-encoding", encoding: octet, offset: phase.start };
      case "size": {
        const size = this.#size.push(octet, at, `${RECORD_NAMES[phase.kind]} size`);
        if (size !== undefined) this.#startData(phase.kind, phase.start, size);
        return undefined;
      }
      case "chunk-size": {
        const size = this.#size.push(octet, at, "Unsized Envelope Record chunk size");
        if (size === undefined) return undefined;
        if (size === 0) {
          // The terminator. An envelope without a single chunk is an empty message, which no mode
          // allows: "sized" envelopes "MUST NOT" be empty, and unsized ones are made of chunks.
          if (phase.chunks.length === 0) throw formatError("empty-record", phase.start, "an Unsized Envelope Record has no data chunk");
          this.#phase = TYPE;
          return { type: "unsized-envelope", chunks: phase.chunks, offset: phase.start };
        }
        if (size > this.#maxEnvelopeSize - phase.total) {
          throw quotaError(
            "message-too-large",
            phase.start,
            `an Unsized Envelope Record of at least ${phase.total + size} octets exceeds the maximum buffered message size (${this.#maxEnvelopeSize})`,
          );
        }
        this.#phase = {
          step: "chunk-data",
          start: phase.start,
          chunks: phase.chunks,
          total: phase.total,
          buffer: new Uint8Array(size),
          filled: 0,
        };
        return undefined;
      }
      default:
        throw new Error(`FramingReader: no octet step in phase ${phase.step}`);
    }
  }

  #recordType(octet: number, at: number): DecodedFramingRecord | undefined {
    const kind = recordKindOf(octet);
    switch (kind) {
      case undefined:
        throw formatError("unknown-record-type", at, `unknown record type ${hexByte(octet)}${looksLikeHttp(octet)}`);
      case "version":
        this.#phase = { step: "version-major", start: at };
        return undefined;
      case "mode":
        this.#phase = { step: "mode", start: at };
        return undefined;
      case "known-encoding":
        this.#phase = { step: "known-encoding", start: at };
        return undefined;
      case "via":
      case "extensible-encoding":
      case "upgrade-request":
      case "fault":
      case "sized-envelope":
        this.#phase = { step: "size", kind, start: at };
        return undefined;
      case "unsized-envelope":
        this.#phase = { step: "chunk-size", start: at, chunks: [], total: 0 };
        return undefined;
      case "upgrade-response":
        this.#phase = { step: "detached", reason: "upgrade" };
        return { type: kind, offset: at };
      case "end":
      case "preamble-ack":
      case "preamble-end":
        return { type: kind, offset: at };
    }
  }

  /** A size has been read: check it against the record's rules and limit, then make its buffer. */
  #startData(kind: SizedKind, start: number, size: number): void {
    const name = RECORD_NAMES[kind];
    // Via, Extensible Encoding, Upgrade Request, Fault and Sized Envelope all say their size "MUST NOT be set to 0".
    if (size === 0) throw formatError("empty-record", start, `the ${name} has a size of 0`);
    const { max, what, error } = this.#limitOf(kind);
    if (size > max) {
      throw quotaError(error, start, `the ${name} declares ${size} octets, more than the maximum ${what} (${max})`);
    }
    this.#phase = { step: "data", kind, start, buffer: new Uint8Array(size), filled: 0 };
  }

  #limitOf(kind: SizedKind): {
    max: number;
    what: string;
    error: "via-too-long" | "content-type-too-long" | "fault-too-long" | "message-too-large";
  } {
    switch (kind) {
      case "via":
        return { max: this.#maxViaSize, what: "Via size", error: "via-too-long" };
      case "extensible-encoding":
      case "upgrade-request":
        return { max: this.#maxContentTypeSize, what: "content type size", error: "content-type-too-long" };
      case "fault":
        return { max: this.#maxFaultSize, what: "fault size", error: "fault-too-long" };
      case "sized-envelope":
        return { max: this.#maxEnvelopeSize, what: "buffered message size", error: "message-too-large" };
    }
  }

  #completeSized(phase: Extract<Phase, { step: "data" }>): DecodedFramingRecord {
    const { kind, start, buffer } = phase;
    this.#phase = TYPE;
    switch (kind) {
      case "sized-envelope":
        return { type: kind, payload: buffer, offset: start };
      case "via":
        return { type: kind, via: decodeText(buffer, kind, start), offset: start };
      case "extensible-encoding": {
        const record = { type: kind, contentType: decodeText(buffer, kind, start), offset: start } as const;
        this.#afterEncoding();
        return record;
      }
      case "upgrade-request":
        this.#phase = { step: "detached", reason: "upgrade" };
        return { type: kind, protocol: decodeText(buffer, kind, start), offset: start };
      case "fault":
        return { type: kind, fault: decodeText(buffer, kind, start), offset: start };
    }
  }

  #completeChunk(phase: Extract<Phase, { step: "chunk-data" }>): undefined {
    phase.chunks.push(phase.buffer);
    this.#phase = { step: "chunk-size", start: phase.start, chunks: phase.chunks, total: phase.total + phase.buffer.length };
    return undefined;
  }

  /** In Singleton Sized mode the message follows the Envelope Encoding Record unframed. */
  #afterEncoding(): void {
    this.#phase = this.#mode === FramingMode.SingletonSized ? { step: "detached", reason: "singleton-sized" } : TYPE;
  }
}

function decodeText(bytes: Uint8Array, kind: SizedKind, start: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw formatError("invalid-utf8", start, `the ${RECORD_NAMES[kind]} is not valid UTF-8`);
  }
}

function describePartial(phase: Exclude<Phase, { step: "type" | "detached" }>, sizeOctets: number): string {
  switch (phase.step) {
    case "version-major":
    case "version-minor":
      return `a Version Record (${phase.step === "version-major" ? 1 : 2} of 3 octets)`;
    case "mode":
      return "a Mode Record (1 of 2 octets)";
    case "known-encoding":
      return "a Known Encoding Record (1 of 2 octets)";
    case "size":
      return `the size of a ${RECORD_NAMES[phase.kind]} (${sizeOctets} octet(s) of it)`;
    case "data":
      return `a ${RECORD_NAMES[phase.kind]} (${phase.filled} of ${phase.buffer.length} octets of data)`;
    case "chunk-size":
      return `an Unsized Envelope Record (${phase.chunks.length} chunk(s) read, no terminator)`;
    case "chunk-data":
      return `an Unsized Envelope Record (${phase.filled} of ${phase.buffer.length} octets of chunk ${phase.chunks.length + 1})`;
  }
}

/** A peer that answers a preamble with "HTTP/1.1 400 ..." is an HTTP server: say so, as WCF does. */
function looksLikeHttp(octet: number): string {
  return octet === 0x48 || octet === 0x68 ? " ('H': the peer may be an HTTP server, not a net.tcp endpoint)" : "";
}

function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw invalidArgument(`the limit ${name} must be an integer from 0 to 0xFFFFFFFF, not ${value}`);
  }
  return value;
}
