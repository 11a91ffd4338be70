import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { ByteWriter } from "../shared/byte-writer.js";
import { invalidFormat, quotaExceeded } from "./binary-errors.js";
import { MULTI_BYTE_INT31_MAX, readMultiByteInt31 } from "./multi-byte-int31.js";
import type { SessionDictionary } from "./session-dictionary.js";
import { decodeUtf8, encodeUtf8, isWellFormed } from "./text-encoding.js";

/**
 * The StringTable of [MC-NBFSE] 2.1, which precedes each document of a binary session: a
 * MultiByteInt31 Size, then Strings ([MC-NBFX] 2.1.3: MultiByteInt31 length, UTF-8) filling exactly
 * Size bytes. An empty table is the single byte 0x00. The strings get the next odd ids of the
 * session (session-dictionary.ts).
 */

export interface ReadStringTableOptions {
  /** Add the strings to this session, checking that none was in a prior table. */
  readonly session?: SessionDictionary;
  /** The largest Size accepted. Default: no limit (the bytes present still bound it). */
  readonly maxBytes?: number;
}

export interface StringTableRead {
  readonly strings: string[];
  /** The offset just past the table, where the document's records start. */
  readonly end: number;
}

/** Reads the StringTable at `offset`. Throws WsError (WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED) with byte offsets. */
export function readStringTable(bytes: Uint8Array, offset = 0, options: ReadStringTableOptions = {}): StringTableRead {
  const { value: size, next: start } = readMultiByteInt31(bytes, offset, bytes.length, "StringTable size");
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  if (size > maxBytes) throw quotaExceeded(`StringTable of ${size} bytes exceeds maxBytes`, offset, `maxBytes is ${maxBytes}`);
  const end = start + size;
  if (end > bytes.length) {
    throw invalidFormat(
      `StringTable declares ${size} bytes past the end of the input`,
      offset,
      `${bytes.length - start} remain after its size`,
    );
  }
  const strings: string[] = [];
  const seen = new Set<string>();
  let pos = start;
  while (pos < end) {
    const at = pos;
    // The strings MUST fit exactly within Size: a length field or a string crossing it is an error.
    const { value: length, next } = readMultiByteInt31(bytes, pos, end, "StringTable string length");
    if (next + length > end) {
      throw invalidFormat(`StringTable string of ${length} bytes runs past the table's end`, at, `the table ends at byte ${end}`);
    }
    const text = decodeUtf8(bytes.subarray(next, next + length));
    if (text === undefined) throw invalidFormat("StringTable string is not well-formed UTF-8", at);
    if (seen.has(text)) throw invalidFormat(`StringTable string ${JSON.stringify(text)} appears twice`, at);
    if (options.session?.idOf(text) !== undefined) {
      throw invalidFormat(`StringTable string ${JSON.stringify(text)} was already in a prior StringTable`, at);
    }
    seen.add(text);
    strings.push(text);
    pos = next + length;
  }
  options.session?.add(strings);
  return { strings, end };
}

/** The bytes of a StringTable holding `strings` in order (0x00 for none). Throws E_INVALIDARG for a string UTF-8 cannot carry. */
export function writeStringTable(strings: readonly string[]): Uint8Array {
  const body = new ByteWriter();
  strings.forEach((text, index) => {
    if (typeof text !== "string" || !isWellFormed(text)) {
      throw new WsError(E_INVALIDARG, `binary XML writer: StringTable string ${index} is not a well-formed string`);
    }
    const bytes = encodeUtf8(text);
    body.multiByteInt31(bytes.length);
    body.bytes(bytes);
  });
  if (body.length > MULTI_BYTE_INT31_MAX) throw new WsError(E_INVALIDARG, "binary XML writer: StringTable larger than 2^31-1 bytes");
  const out = new ByteWriter(body.length + 5);
  out.multiByteInt31(body.length);
  out.bytes(body.toBytes());
  return out.toBytes();
}
