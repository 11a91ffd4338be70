/**
 * RFC 3986 character classes (§2.2, §2.3, §3), as predicates over UTF-16 code units. Only ASCII is ever
 * allowed literally in a URL; anything else must be percent-encoded UTF-8.
 *
 * "%" is deliberately in none of these sets: callers handle pct-encoded separately so that a bad
 * escape gets its own error message.
 */

export type CharClass = (code: number) => boolean;

export function isAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" */
export function isUnreserved(code: number): boolean {
  return isAlpha(code) || isDigit(code) || code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e;
}

const SUB_DELIMS = "!$&'()*+,;=";

/** sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "=" */
export function isSubDelim(code: number): boolean {
  return code < 0x80 && SUB_DELIMS.includes(String.fromCharCode(code));
}

/** reg-name = *( unreserved / pct-encoded / sub-delims ) */
export const REG_NAME_CHARS: CharClass = (c) => isUnreserved(c) || isSubDelim(c);

/**
 * The inside of an IP-literal. WsDecodeUrl does not enforce the IPv6address production, so this is the
 * union of the characters IPv6address and IPvFuture may use. Escapes are accepted too (checked like
 * any pct-encoded) so that an RFC 6874 zone identifier ("[fe80::1%25eth0]") passes; the text is
 * returned as written, escapes included.
 */
export const IP_LITERAL_CHARS: CharClass = (c) => isUnreserved(c) || isSubDelim(c) || c === 0x3a;

/** pchar = unreserved / pct-encoded / sub-delims / ":" / "@" (without pct-encoded) */
export function isPchar(code: number): boolean {
  return isUnreserved(code) || isSubDelim(code) || code === 0x3a || code === 0x40;
}

/** path-abempty = *( "/" segment ), segment = *pchar */
export const PATH_CHARS: CharClass = (c) => isPchar(c) || c === 0x2f;

/** query = *( pchar / "/" / "?" ); fragment has the same grammar. */
export const QUERY_CHARS: CharClass = (c) => isPchar(c) || c === 0x2f || c === 0x3f;

/** A readable name for a character in an error message, such as `" " (U+0020)`. */
export function describeChar(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return `${JSON.stringify(String.fromCodePoint(code))} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
}
