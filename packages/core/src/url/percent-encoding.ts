/**
 * Percent-encoding (RFC 3986 §2.1): checking an encoded component, decoding it to a string, and
 * encoding a string for one component.
 *
 * Escapes stand for UTF-8 bytes (RFC 3986 §2.5, and what WWSAPI does: Wine's conformance tests decode
 * "%c3%ab" to "ë"), so decoding gathers each run of escapes into bytes and decodes them as UTF-8.
 */
import { WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { type CharClass, describeChar, isHexDigit } from "./char-classes.js";
import { errorAt, quote, type UrlSource, urlError } from "./url-errors.js";
import { utf8Decode, utf8EncodeCodePoint } from "./utf8.js";

/**
 * Checks that `text` (found at `offset` in `source.input`) has only characters of `allowed` and
 * well-formed escapes, and throws WS_E_INVALID_FORMAT naming the first one that is not.
 */
export function checkEncoded(source: UrlSource, text: string, offset: number, allowed: CharClass, component: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      if (!isHexDigit(text.charCodeAt(i + 1)) || !isHexDigit(text.charCodeAt(i + 2))) {
        throw errorAt(
          WS_E_INVALID_FORMAT,
          source,
          `invalid percent-escape ${quote(text.slice(i, i + 3))} in the ${component}`,
          offset + i,
          `"%" must be followed by two hexadecimal digits`,
        );
      }
      i += 2;
    } else if (!allowed(code)) {
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `character ${describeChar(text, i)} is not allowed in the ${component}`,
        offset + i,
        `percent-encode it (RFC 3986 §2.1)`,
      );
    }
  }
}

/**
 * Decodes the escapes of `text`, which `checkEncoded` has accepted (so every literal character is
 * ASCII). A run of escapes that is not valid UTF-8 throws WS_E_INVALID_FORMAT.
 */
export function percentDecode(source: UrlSource, text: string, offset: number, component: string): string {
  if (!text.includes("%")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 0x25) {
      out += text[i];
      i += 1;
      continue;
    }
    // A multi-byte UTF-8 sequence is never interrupted by an ASCII character, so decoding each
    // maximal run of escapes on its own is the same as decoding the whole component's bytes.
    const start = i;
    const bytes: number[] = [];
    while (i < text.length && text.charCodeAt(i) === 0x25) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    }
    const decoded = utf8Decode(bytes);
    if (!decoded.ok) {
      const at = start + decoded.at * 3;
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `percent-escape ${quote(text.slice(at, at + 3))} in the ${component}`,
        offset + at,
        `the escaped bytes are not valid UTF-8`,
      );
    }
    out += decoded.text;
  }
  return out;
}

const HEX = "0123456789ABCDEF";

/**
 * Encodes `value` for a component whose literal characters are `keep` (RFC 3986 §2.1: other
 * characters become "%XX" of their UTF-8 bytes, with upper-case hex digits). "%" itself is never in
 * `keep`, so a decoded "%" is written as "%25" and the result decodes back to `value`.
 */
export function percentEncode(api: string, value: string, keep: CharClass, component: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80 && keep(code)) {
      out += value[i];
      continue;
    }
    const cp = value.codePointAt(i) ?? code;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate has no UTF-8 form; encoding it as U+FFFD would silently change the value.
      throw urlError(
        WS_E_INVALID_FORMAT,
        api,
        `lone surrogate U+${cp.toString(16).toUpperCase()} at index ${i} of the ${component} ${quote(value)}: it cannot be encoded as UTF-8`,
      );
    }
    if (cp > 0xffff) i += 1;
    for (const byte of utf8EncodeCodePoint(cp)) out += `%${HEX[byte >> 4]}${HEX[byte & 0xf]}`;
  }
  return out;
}
