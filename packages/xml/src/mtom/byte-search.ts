/**
 * The first index at or after `from` where `needle` occurs in `haystack`, or -1: Horspool's
 * algorithm, so a MIME body is searched for its boundary in about one pass whatever its bytes (a
 * boundary is at most 70 characters, which bounds the worst case too).
 */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const m = needle.length;
  if (m === 0) return from <= haystack.length ? from : -1;
  const shift = new Uint32Array(256).fill(m);
  for (let i = 0; i < m - 1; i++) shift[needle[i]!] = m - 1 - i;
  const lastByte = needle[m - 1]!;
  for (let at = from; at + m <= haystack.length; at += shift[haystack[at + m - 1]!]!) {
    if (haystack[at + m - 1] !== lastByte) continue;
    let i = 0;
    while (i < m - 1 && haystack[at + i] === needle[i]) i++;
    if (i === m - 1) return at;
  }
  return -1;
}

/** Whether `needle` stands at `at` in `haystack`. */
export function bytesAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at < 0 || at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

const encoder = new TextEncoder();

/** The bytes of text made of ASCII characters (MIME syntax). */
export const ascii = (text: string): Uint8Array => encoder.encode(text);
