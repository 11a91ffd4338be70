/**
 * Minimal strict UTF-8 (RFC 3629) for percent-encoding. Written here rather than using TextDecoder so
 * that malformed input is reported at the exact byte instead of being replaced by U+FFFD, and so that
 * lone surrogates are refused rather than silently encoded as U+FFFD.
 */

export type Utf8DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly at: number };

/** Decodes `bytes`; on failure reports the index of the first byte of the bad sequence. */
export function utf8Decode(bytes: readonly number[]): Utf8DecodeResult {
  let text = "";
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      text += String.fromCharCode(b0);
      i += 1;
      continue;
    }
    // The lead byte fixes the length and the range the first continuation byte may take, which is
    // how RFC 3629 §4 excludes overlong forms, surrogates (ED A0..BF) and values above U+10FFFF.
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    let value: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      length = 2;
      value = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      value = b0 & 0x0f;
      if (b0 === 0xe0) min = 0xa0;
      if (b0 === 0xed) max = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      value = b0 & 0x07;
      if (b0 === 0xf0) min = 0x90;
      if (b0 === 0xf4) max = 0x8f;
    } else {
      return { ok: false, at: i };
    }
    if (i + length > bytes.length) return { ok: false, at: i };
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k] ?? 0;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (b < lo || b > hi) return { ok: false, at: i };
      value = (value << 6) | (b & 0x3f);
    }
    text += String.fromCodePoint(value);
    i += length;
  }
  return { ok: true, text };
}

/** The UTF-8 bytes of one Unicode scalar value (the caller has already refused lone surrogates). */
export function utf8EncodeCodePoint(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}
