import { formatError, invalidRecord } from "./framing-error.js";
import { hexByte } from "./records.js";

/**
 * The record size encoding of [MC-NMF] 2.2.2: the size in groups of 7 bits, least significant group
 * first, one octet each; every octet but the last has its high bit (0x80) set. The document's table:
 *
 *   0x00-0x7F                1 octet   Size
 *   0x80-0x3FFF              2 octets  (Size & 0x7F) | 0x80, Size >> 0x07
 *   0x4000-0x1FFFFF          3 octets  ..., Size >> 0x0E
 *   0x200000-0x0FFFFFFF      4 octets  ..., Size >> 0x15
 *   0x10000000-0xFFFFFFFF    5 octets  ..., Size >> 0x1C
 *
 * "An implementation SHOULD support record sizes as large as 0xffffffff octets (encoded size
 * requires five octets)", so five octets is the most there can be and the fifth carries the top four
 * bits only: 0x00-0x0F. A fifth octet with its high bit set would announce a sixth; one with bits
 * 0x70 set would describe a size beyond 32 bits. Both are malformed and refused as soon as the fifth
 * octet is seen, so nothing is read, let alone allocated, on their account.
 *
 * WCF is stricter: its decoder keeps sizes in a signed int and refuses a fifth octet above 0x07
 * (sizes from 2^31). Such sizes are well formed here; every limit of this side is far below them,
 * so read-records.ts refuses them as over quota instead.
 *
 * A longer than necessary form (0x80 0x00 for 0) is accepted: the table says what a writer produces,
 * and gives a reader no rule to reject the others. The writer always produces the shortest form, as
 * WCF's does (the captures' sizes are all shortest).
 */

export const MAX_RECORD_SIZE = 0xffffffff;
export const MAX_RECORD_SIZE_OCTETS = 5;

/**
 * The incremental decoder of one record size: push the octets as they arrive, across as many
 * socket chunks as it takes. It holds two numbers, whatever the input.
 */
export class RecordSizeDecoder {
  #value = 0;
  #count = 0;

  /** How many octets of the current size have been read. */
  get octetsRead(): number {
    return this.#count;
  }

  /**
   * Takes the next octet (found at stream offset `offset`; `what` names the field for the message,
   * "Via Record size"). Returns the size when this octet completed it, undefined when more follow.
   */
  push(octet: number, offset: number, what: string): number | undefined {
    const index = this.#count;
    if (index === MAX_RECORD_SIZE_OCTETS - 1) {
      if ((octet & 0x80) !== 0) {
        throw formatError(
          "malformed-size",
          offset,
          `the ${what} is longer than ${MAX_RECORD_SIZE_OCTETS} octets (the fifth has its high bit set)`,
        );
      }
      if (octet > 0x0f) {
        throw formatError("malformed-size", offset, `the ${what} is larger than 0xFFFFFFFF (fifth octet ${hexByte(octet)}, at most 0x0F)`);
      }
    }
    // Multiplication, not shifts: the fifth group would overflow a 32-bit signed shift.
    this.#value += (octet & 0x7f) * 2 ** (7 * index);
    this.#count = index + 1;
    if ((octet & 0x80) !== 0) return undefined;
    const value = this.#value;
    this.reset();
    return value;
  }

  reset(): void {
    this.#value = 0;
    this.#count = 0;
  }
}

/** Reads a whole record size from `bytes` at `offset`: the size and the offset just past it. Throws on malformed or missing octets. */
export function readRecordSize(bytes: Uint8Array, offset: number, what = "record size"): { readonly value: number; readonly next: number } {
  const decoder = new RecordSizeDecoder();
  for (let at = offset; at < bytes.length; at++) {
    const value = decoder.push(bytes[at]!, at, what);
    if (value !== undefined) return { value, next: at + 1 };
  }
  throw formatError("truncated", bytes.length, `the ${what} is cut short after ${decoder.octetsRead} octet(s)`);
}

/** How many octets the shortest encoding of `size` takes: 1 to 5. */
export function recordSizeLength(size: number): number {
  checkSize(size);
  let length = 1;
  for (let rest = size; rest >= 0x80; rest = Math.floor(rest / 0x80)) length++;
  return length;
}

/** Writes the shortest encoding of `size` into `out` at `offset`; returns the offset just past it. */
export function writeRecordSize(size: number, out: Uint8Array, offset: number): number {
  checkSize(size);
  let at = offset;
  let rest = size;
  while (rest >= 0x80) {
    out[at++] = (rest % 0x80) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  out[at++] = rest;
  return at;
}

/** The shortest encoding of `size` on its own. */
export function encodeRecordSize(size: number): Uint8Array {
  const out = new Uint8Array(recordSizeLength(size));
  writeRecordSize(size, out, 0);
  return out;
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > MAX_RECORD_SIZE) {
    throw invalidRecord(`a record size must be an integer from 0 to 0xFFFFFFFF, not ${size}`);
  }
}
