/**
 * Character data helpers of the text scanner: the predefined entities, character references, UTF-8
 * output and XML end-of-line handling.
 */

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const QUOTE = 0x22;
const APOS = 0x27;
const CR = 0x0d;
const LF = 0x0a;

/** The byte a predefined entity (lt gt amp quot apos) between `from` and `to` stands for, or 0. */
export function predefinedEntity(b: Uint8Array, from: number, to: number): number {
  const n = to - from;
  const c0 = b[from];
  if (n === 2 && b[from + 1] === 0x74) return c0 === 0x6c ? LT : c0 === 0x67 ? GT : 0;
  if (n === 3 && c0 === 0x61 && b[from + 1] === 0x6d && b[from + 2] === 0x70) return AMP;
  if (n === 4 && c0 === 0x71 && b[from + 1] === 0x75 && b[from + 2] === 0x6f && b[from + 3] === 0x74) return QUOTE;
  if (n === 4 && c0 === 0x61 && b[from + 1] === 0x70 && b[from + 2] === 0x6f && b[from + 3] === 0x73) return APOS;
  return 0;
}

/** The code point of the digits between `from` and `to`, or -1 when they are not all digits. */
export function parseCharacterReference(b: Uint8Array, from: number, to: number, hex: boolean): number {
  if (from >= to) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    const digit =
      c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && c >= 0x61 && c <= 0x66 ? c - 0x57 : hex && c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * (hex ? 16 : 10) + digit;
    if (value > 0x10ffff) value = 0x110000; // past Unicode: keep it out of range without overflowing
  }
  return value;
}

/** Writes `cp` as UTF-8 into `out` at `at`; returns the byte count. */
export function writeUtf8(cp: number, out: Uint8Array, at: number): number {
  if (cp < 0x80) {
    out[at] = cp;
    return 1;
  }
  if (cp < 0x800) {
    out[at] = 0xc0 | (cp >> 6);
    out[at + 1] = 0x80 | (cp & 0x3f);
    return 2;
  }
  if (cp < 0x10000) {
    out[at] = 0xe0 | (cp >> 12);
    out[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 2] = 0x80 | (cp & 0x3f);
    return 3;
  }
  out[at] = 0xf0 | (cp >> 18);
  out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[at + 3] = 0x80 | (cp & 0x3f);
  return 4;
}
/** XML end-of-line handling: CR LF and lone CR become LF. Returns `bytes` itself when it has no CR. */
export function normalizeNewlines(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(CR)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === CR) {
      out.push(LF);
      if (bytes[i + 1] === LF) i++;
    } else out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}
