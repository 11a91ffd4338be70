import type { WS_XML_READER_PROPERTY } from "@wwsapi/core";
import type { BinaryDictionaries } from "./drive.js";

/**
 * One input of the malformed-input corpus and what WS_XML_READER must do with it: return exactly
 * `hr` (S_OK for the few boundary controls that must be accepted), with every string of `message`
 * in the error's first string. For text the position is written "line L, column C (byte B)", for
 * binary "at byte B".
 */
export interface MalformedCase {
  /** Short, unique: the test's name. */
  readonly name: string;
  /** The bytes; a function for the large generated inputs, so that they exist only while their test runs. */
  readonly input: Uint8Array | (() => Uint8Array);
  readonly hr: number;
  readonly message?: readonly string[];
  /** Generated cases: the message names a byte position (text "(byte B)", binary "at byte B") no later than this. */
  readonly positionAtMost?: number;
  readonly properties?: readonly WS_XML_READER_PROPERTY[];
  /** Text: WS_XML_READER_TEXT_ENCODING's charSet (WS_CHARSET_AUTO unless given). */
  readonly charSet?: number;
  /** Binary: "soap" for the [MC-NBFS] dictionary from WsGetDictionary, or the caller's dictionaries. */
  readonly dictionaries?: "soap" | BinaryDictionaries;
  /**
   * Flood and bomb cases: the read must finish within `ms` and grow the heap by less than `heapMB`
   * (measured after a forced GC where `--expose-gc` is available, else as a generous upper bound).
   */
  readonly budget?: { readonly ms: number; readonly heapMB: number };
  /**
   * A known bug (the HRESULT is right, the message or the cost is not): the case's test checks
   * the HRESULT only, and a second test, \`it.fails\`, checks everything, with this explanation,
   * so that it turns red when the bug is fixed and this marker must be removed.
   */
  readonly bug?: string;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Bytes from strings (as UTF-8) and byte arrays, in order: `bytes("<a>", [0xc0, 0x80], "</a>")`. */
export function bytes(...parts: ReadonlyArray<string | readonly number[]>): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "string" ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Bytes from hex pairs separated by white space: `hex("40 01 74")`. */
export const hex = (text: string): Uint8Array =>
  text.trim() === "" ? new Uint8Array(0) : Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));

/** Hex pairs of the UTF-8 of `text`, to splice names into `hex` strings. */
export const ascii = (text: string): string => [...encoder.encode(text)].map((b) => b.toString(16).padStart(2, "0")).join(" ");

/** The text reader's position as its messages write it. */
export const at = (line: number, column: number, byte: number): string => `at line ${line}, column ${column} (byte ${byte})`;

/** The binary reader's position as its messages write it. */
export const atByte = (byte: number): string => `at byte ${byte}`;
