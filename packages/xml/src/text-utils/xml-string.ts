import type { WS_XML_DICTIONARY, WS_XML_STRING } from "@wwsapi/core";

/**
 * WS_XML_STRING helpers. A WS_XML_STRING's `bytes` are UTF-8 (spec/README.md); these convert between
 * them and JS strings with one shared encoder and decoder.
 */

const encoder = new TextEncoder();
/** Not fatal: malformed UTF-8 decodes to U+FFFD. ignoreBOM keeps a leading U+FEFF as a character. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The UTF-8 bytes of `s` (an unpaired surrogate becomes U+FFFD, as TextEncoder does). */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** `bytes` decoded as UTF-8 (malformed sequences become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * A WS_XML_STRING holding `value` as UTF-8: `xmlString("abc")`, or with dictionary information,
 * `xmlString("Quantity", dictionary, 0)` (WS_XML_STRING_DICTIONARY_VALUE). The id is unused when the
 * dictionary is null, and 0 then, as WS_XML_STRING_VALUE leaves it.
 */
export function xmlString(value: string, dictionary: WS_XML_DICTIONARY | null = null, id = 0): WS_XML_STRING {
  return { bytes: encoder.encode(value), dictionary, id: dictionary === null ? 0 : id };
}

/** The text of a WS_XML_STRING (its bytes decoded as UTF-8). */
export function xmlStringToString(string: WS_XML_STRING): string {
  return decoder.decode(string.bytes);
}

/** Whether two byte strings hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  const length = a.length;
  if (length !== b.length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * WsXmlStringEquals' comparison. Two strings that name the same entry of the same dictionary are
 * equal without looking at their bytes: a dictionary's strings are unique and dictionaries "are
 * always assumed to be well-formed" (WS_XML_DICTIONARY), so dictionary->strings[id] identifies the
 * string. Otherwise the bytes are compared ordinally: equal when they are the same bytes.
 */
export function xmlStringEquals(a: WS_XML_STRING, b: WS_XML_STRING): boolean {
  if (a === b) return true;
  if (a.dictionary !== null && a.dictionary === b.dictionary && a.id === b.id) return true;
  return bytesEqual(a.bytes, b.bytes);
}
