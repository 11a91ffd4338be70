/**
 * The [MC-NBFSE] 2.1 StringTable that starts every message of a binary session: a MultiByteInt31
 * Size, then strings (MultiByteInt31 length + UTF-8) filling exactly Size bytes; the n-th string of
 * the session (counting across messages) is dynamic dictionary id 2n+1. Our requests carry an empty
 * table (0x00): every name is written inline or from the static dictionary.
 */

const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** MultiByteInt31 ([MC-NBFX] 2.1.2): 7 bits per byte, least significant first, at most 5 bytes. */
function readInt31(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new Error(`StringTable: MultiByteInt31 at byte ${at} runs past the end`);
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  throw new Error(`StringTable: MultiByteInt31 at byte ${at} is longer than 5 bytes`);
}

/** The strings of the table at the start of `payload` and the document after it. */
export function splitStringTable(payload: Uint8Array): { strings: string[]; document: Uint8Array } {
  const { value: size, next: start } = readInt31(payload, 0);
  const end = start + size;
  if (end > payload.length) throw new Error(`StringTable of ${size} bytes runs past the message (${payload.length} bytes)`);
  const strings: string[] = [];
  for (let at = start; at < end; ) {
    const { value: length, next } = readInt31(payload, at);
    if (next + length > end) throw new Error(`StringTable string at byte ${at} runs past the table`);
    strings.push(fromUtf8.decode(payload.subarray(next, next + length)));
    at = next + length;
  }
  return { strings, document: payload.subarray(end) };
}

/** A message of a binary session with an empty StringTable. */
export function withEmptyStringTable(document: Uint8Array): Uint8Array {
  const out = new Uint8Array(document.length + 1);
  out[0] = 0x00;
  out.set(document, 1);
  return out;
}
