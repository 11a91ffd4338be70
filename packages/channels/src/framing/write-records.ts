import { invalidRecord } from "./framing-error.js";
import { MAX_RECORD_SIZE, recordSizeLength, writeRecordSize } from "./record-size.js";
import { type FramingRecord, isFramingMode, isKnownEncoding, RECORD_NAMES, RECORD_TYPE_OF } from "./records.js";

/**
 * The [MC-NMF] encoder: records to the octets WCF writes for them. There is one encoding of each
 * record: its type octet, then its fixed data, or the shortest record size (record-size.ts) and the
 * UTF-8 or payload octets, or, for an Unsized Envelope, each chunk's size and octets and a 0x00.
 * The captures in /work/shared/golden/mono-wcf re-encode to themselves (captures.test.ts).
 *
 * Records the document forbids are refused with E_INVALIDARG rather than written: an empty Via,
 * content type, upgrade name, fault or envelope (all "MUST NOT be set to 0"), an undefined mode or
 * encoding, a string that is not Unicode (a lone surrogate, which UTF-8 cannot carry). The version
 * is written as given, so that a test can build a peer that speaks another version.
 */

const utf8 = new TextEncoder();
const LONE_SURROGATE = /\p{Cs}/u;

/** The octets of one record. */
export function writeRecord(record: FramingRecord): Uint8Array {
  return writeRecords([record]);
}

/** The octets of several records, back to back, in one buffer. */
export function writeRecords(records: readonly FramingRecord[]): Uint8Array {
  const parts = records.map(encodeParts);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) at = part.write(out, at);
  return out;
}

interface Part {
  readonly length: number;
  write(out: Uint8Array, at: number): number;
}

function encodeParts(record: FramingRecord): Part {
  const type = RECORD_TYPE_OF[record.type];
  if (type === undefined) throw invalidRecord(`unknown record kind ${JSON.stringify((record as { type: unknown }).type)}`);
  switch (record.type) {
    case "version":
      return fixed(type, octet(record.major, "major version"), octet(record.minor, "minor version"));
    case "mode":
      if (!isFramingMode(record.mode))
        throw invalidRecord(`a Mode Record cannot carry mode ${String(record.mode)} (0x01 to 0x04 are defined)`);
      return fixed(type, record.mode);
    case "known-encoding":
      if (!isKnownEncoding(record.encoding)) {
        throw invalidRecord(`a Known Encoding Record cannot carry encoding ${String(record.encoding)} (0x00 to 0x08 are defined)`);
      }
      return fixed(type, record.encoding);
    case "via":
      return sized(type, text(record.via, record.type));
    case "extensible-encoding":
      return sized(type, text(record.contentType, record.type));
    case "upgrade-request":
      return sized(type, text(record.protocol, record.type));
    case "fault":
      return sized(type, text(record.fault, record.type));
    case "sized-envelope":
      return sized(type, payload(record.payload, "the payload of a Sized Envelope Record"));
    case "unsized-envelope":
      return unsized(type, record.chunks);
    case "end":
    case "upgrade-response":
    case "preamble-ack":
    case "preamble-end":
      return fixed(type);
  }
}

function fixed(...octets: number[]): Part {
  return {
    length: octets.length,
    write(out, at) {
      out.set(octets, at);
      return at + octets.length;
    },
  };
}

function sized(type: number, data: Uint8Array): Part {
  return {
    length: 1 + recordSizeLength(data.length) + data.length,
    write(out, at) {
      out[at] = type;
      const next = writeRecordSize(data.length, out, at + 1);
      out.set(data, next);
      return next + data.length;
    },
  };
}

function unsized(type: number, chunks: readonly Uint8Array[]): Part {
  if (!Array.isArray(chunks) || chunks.length === 0) throw invalidRecord("an Unsized Envelope Record needs at least one data chunk");
  const checked = chunks.map((chunk, i) => payload(chunk, `data chunk ${i} of an Unsized Envelope Record`));
  return {
    length: 1 + checked.reduce((n, chunk) => n + recordSizeLength(chunk.length) + chunk.length, 0) + 1,
    write(out, at) {
      out[at++] = type;
      for (const chunk of checked) {
        at = writeRecordSize(chunk.length, out, at);
        out.set(chunk, at);
        at += chunk.length;
      }
      out[at++] = 0x00; // the terminator: a chunk size of 0
      return at;
    },
  };
}

function payload(bytes: Uint8Array, what: string): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw invalidRecord(`${what} must be a Uint8Array`);
  if (bytes.length === 0) throw invalidRecord(`${what} is empty; its size "MUST NOT be set to 0"`);
  if (bytes.length > MAX_RECORD_SIZE) throw invalidRecord(`${what} has ${bytes.length} octets, more than a record size can say`);
  return bytes;
}

function text(value: string, kind: FramingRecord["type"]): Uint8Array {
  const name = RECORD_NAMES[kind];
  if (typeof value !== "string") throw invalidRecord(`the text of a ${name} must be a string`);
  if (LONE_SURROGATE.test(value)) throw invalidRecord(`the text of a ${name} has a lone surrogate, which UTF-8 cannot encode`);
  return payload(utf8.encode(value), `the text of a ${name}`);
}

function octet(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw invalidRecord(`the ${what} must be an octet, not ${String(value)}`);
  return value;
}
