/**
 * UTF-8 and UTF-16LE for the String structure and the Chars/UnicodeChars text records.
 *
 * [MC-NBFX] 2.2.3.13 requires fully formed sequences, and surrogates in pairs. The decoders are
 * therefore fatal (a malformed sequence is an error, not a U+FFFD that would encode back to other
 * bytes) and keep a leading byte order mark as U+FEFF (the default would drop it, and with it the
 * round trip).
 */

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf16Decoder = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Decodes UTF-8; undefined when the bytes are not well-formed UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether bytes[start, end) are well-formed UTF-8: exactly what decodeUtf8 accepts (no overlong
 * forms, no surrogates, nothing past U+10FFFF, no truncated sequence), checked without making a
 * string. The binary reader validates every name and text this way: TextDecoder costs far more per
 * short string than the loop, whose ASCII bytes take one comparison each.
 */
export function isUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    // ASCII four bytes at a time, then a byte at a time.
    while (i + 4 <= end && ((bytes[i]! | bytes[i + 1]! | bytes[i + 2]! | bytes[i + 3]!) & 0x80) === 0) i += 4;
    if (i >= end) break;
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b < 0xc2) return false; // a continuation byte, or the lead of an overlong 2-byte form
    if (b < 0xe0) {
      if (i + 1 >= end || (bytes[i + 1]! & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (b < 0xf0) {
      if (i + 2 >= end) return false;
      const b1 = bytes[i + 1]!;
      // E0 needs A0..BF (no overlong form), ED 80..9F (no surrogate).
      if (b === 0xe0 ? b1 < 0xa0 || b1 > 0xbf : b === 0xed ? b1 < 0x80 || b1 > 0x9f : (b1 & 0xc0) !== 0x80) return false;
      if ((bytes[i + 2]! & 0xc0) !== 0x80) return false;
      i += 3;
      continue;
    }
    if (b < 0xf5) {
      if (i + 3 >= end) return false;
      const b1 = bytes[i + 1]!;
      // F0 needs 90..BF (no overlong form), F4 80..8F (nothing past U+10FFFF).
      if (b === 0xf0 ? b1 < 0x90 || b1 > 0xbf : b === 0xf4 ? b1 < 0x80 || b1 > 0x8f : (b1 & 0xc0) !== 0x80) return false;
      if ((bytes[i + 2]! & 0xc0) !== 0x80 || (bytes[i + 3]! & 0xc0) !== 0x80) return false;
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

/** Decodes UTF-16LE; undefined for an odd length, an unpaired surrogate or other malformed input. */
export function decodeUtf16(bytes: Uint8Array): string | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  try {
    return utf16Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when every surrogate in `text` is part of a pair, so that it has an exact UTF-8/UTF-16 form. */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** UTF-8 bytes of a well-formed string (the caller checks with isWellFormed). */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** UTF-16LE bytes of a string (code units as they are). */
export function encodeUtf16(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[i * 2] = c & 0xff;
    bytes[i * 2 + 1] = c >> 8;
  }
  return bytes;
}
