import { invalidFormat } from "./binary-errors.js";

/**
 * MultiByteInt31 ([MC-NBFX] 2.1.2): an unsigned 31-bit integer in 1 to 5 bytes, 7 bits a byte,
 * least significant group first; the high bit of a byte says another byte follows. Lengths, string
 * sizes and DictionaryString ids are all written this way.
 *
 * Five groups of 7 bits would hold 35 bits, so the fifth byte may only use its low 3 bits: anything
 * above is a value past 2^31-1 and is refused, and so is a continuation bit on the fifth byte (a
 * sixth byte), because a reader that accepted either would have to invent a meaning for it.
 */

export const MULTI_BYTE_INT31_MAX = 0x7fffffff;

/** The value read and the offset just past it. */
export interface MultiByteInt31Read {
  readonly value: number;
  readonly next: number;
}

/**
 * Reads the MultiByteInt31 at `offset`, not looking at or past `end`. `what` names the field in the
 * error message ("string length", "dictionary string id").
 *
 * A longer-than-necessary form (0x80 0x00 for 0) is accepted: the document describes which size a
 * writer uses but gives a reader no rule to reject the others, and the value is unambiguous.
 */
export function readMultiByteInt31(
  bytes: Uint8Array,
  offset: number,
  end: number = bytes.length,
  what = "MultiByteInt31",
): MultiByteInt31Read {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const at = offset + i;
    if (at >= end) throw invalidFormat(`truncated ${what}`, at, `${i} of up to 5 bytes present`);
    const byte = bytes[at]!;
    if (i < 4) {
      // Groups 0..3 fill bits 0..27: multiplication keeps the arithmetic in safe integers.
      value += (byte & 0x7f) * 2 ** (7 * i);
      if ((byte & 0x80) === 0) return { value, next: at + 1 };
      continue;
    }
    // Fifth byte: only bits 28..30 are left for it.
    if ((byte & 0x80) !== 0) throw invalidFormat(`${what} continues into a sixth byte`, at);
    if ((byte & 0x78) !== 0)
      throw invalidFormat(`${what} is larger than 2^31-1`, at, `fifth byte ${byte} uses bits above the 31-bit range`);
    return { value: value + byte * 2 ** 28, next: at + 1 };
  }
  /* c8 ignore next */
  throw new Error("unreachable");
}

/** How many bytes `value` takes; it must already be known to be in range. */
export function multiByteInt31Size(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** True for the integers a MultiByteInt31 can hold. */
export function isMultiByteInt31(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MULTI_BYTE_INT31_MAX;
}

/**
 * Writes `value` at `offset` in its shortest form (the form the document gives for each range, and
 * the one WCF writes) and returns the offset after it. The caller checks the range and the room.
 */
export function writeMultiByteInt31(target: Uint8Array, offset: number, value: number): number {
  let rest = value;
  let at = offset;
  while (rest >= 0x80) {
    target[at++] = (rest & 0x7f) | 0x80;
    // Division, not >>>, so that the full 31-bit range stays exact.
    rest = Math.floor(rest / 0x80);
  }
  target[at++] = rest;
  return at;
}

/** The bytes of `value`; throws a RangeError for a value that is not a 31-bit unsigned integer. */
export function encodeMultiByteInt31(value: number): Uint8Array {
  if (!isMultiByteInt31(value)) throw new RangeError(`MultiByteInt31 out of range: ${value}`);
  const bytes = new Uint8Array(multiByteInt31Size(value));
  writeMultiByteInt31(bytes, 0, value);
  return bytes;
}
