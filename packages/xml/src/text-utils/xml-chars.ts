/**
 * The character classes of XML 1.0 (Fifth Edition) §2.3 and of Namespaces in XML 1.0 §3, for the
 * XML functions, reader and writer. Everything works on numbers (code points, or UTF-16 code units
 * read with charCodeAt) with an ASCII fast path; nothing here allocates or uses a regular expression.
 *
 *   S             ::= (#x20 | #x9 | #xD | #xA)+
 *   NameStartChar ::= ":" | [A-Z] | "_" | [a-z] | [#xC0-#xD6] | [#xD8-#xF6] | [#xF8-#x2FF]
 *                   | [#x370-#x37D] | [#x37F-#x1FFF] | [#x200C-#x200D] | [#x2070-#x218F]
 *                   | [#x2C00-#x2FEF] | [#x3001-#xD7FF] | [#xF900-#xFDCF] | [#xFDF0-#xFFFD]
 *                   | [#x10000-#xEFFFF]
 *   NameChar      ::= NameStartChar | "-" | "." | [0-9] | #xB7 | [#x0300-#x036F] | [#x203F-#x2040]
 *   Name          ::= NameStartChar (NameChar)*
 *   NCName        ::= Name - (Char* ':' Char*)      (an XML Name without ':')
 */

/** Bits of ASCII_CLASS: the XML Name classes (':' included) and the NCName ones (':' excluded). */
const NAME_START = 1;
const NAME_CHAR = 2;
const NC_START = 4;
const NC_CHAR = 8;
const COLON = 0x3a;

/** The classes of each ASCII character. */
const ASCII_CLASS = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  const set = (from: number, to: number, bits: number) => {
    for (let c = from; c <= to; c++) table[c] = bits;
  };
  const letter = NAME_START | NAME_CHAR | NC_START | NC_CHAR;
  set(0x41, 0x5a, letter); // A-Z
  set(0x61, 0x7a, letter); // a-z
  set(0x5f, 0x5f, letter); // _
  set(COLON, COLON, NAME_START | NAME_CHAR); // : (in a Name, never in an NCName)
  set(0x30, 0x39, NAME_CHAR | NC_CHAR); // 0-9
  set(0x2d, 0x2e, NAME_CHAR | NC_CHAR); // - .
  return table;
})();

/** XML whitespace (the S production): #x20, #x9, #xD and #xA, and no other Unicode space. */
export function isXmlWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** NameStartChar for a non-ASCII code point (the BMP ranges, then [#x10000-#xEFFFF]). */
function isNonAsciiNameStartChar(c: number): boolean {
  if (c < 0x2000) {
    // [#xC0-#xD6] | [#xD8-#xF6] | [#xF8-#x2FF] | [#x370-#x37D] | [#x37F-#x1FFF]
    if (c < 0x300) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
    return c >= 0x370 && c !== 0x37e;
  }
  if (c < 0x3001) {
    // [#x200C-#x200D] | [#x2070-#x218F] | [#x2C00-#x2FEF]
    return c === 0x200c || c === 0x200d || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef);
  }
  // [#x3001-#xD7FF] | [#xF900-#xFDCF] | [#xFDF0-#xFFFD] | [#x10000-#xEFFFF]
  if (c <= 0xd7ff) return true;
  if (c < 0x10000) return (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd);
  return c <= 0xeffff;
}

/** The characters NameChar adds to NameStartChar outside ASCII: #xB7, [#x0300-#x036F], [#x203F-#x2040]. */
function isNonAsciiNameCharOnly(c: number): boolean {
  return c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** XML 1.0 NameStartChar, ':' included. `c` is a code point (a lone surrogate is no character). */
export function isNameStartChar(c: number): boolean {
  return c < 0x80 ? (ASCII_CLASS[c]! & NAME_START) !== 0 : isNonAsciiNameStartChar(c);
}

/** XML 1.0 NameChar, ':' included. `c` is a code point (a lone surrogate is no character). */
export function isNameChar(c: number): boolean {
  return c < 0x80 ? (ASCII_CLASS[c]! & NAME_CHAR) !== 0 : isNonAsciiNameStartChar(c) || isNonAsciiNameCharOnly(c);
}

/** NameStartChar without ':', the first character of an NCName. */
export function isNcNameStartChar(c: number): boolean {
  return c < 0x80 ? (ASCII_CLASS[c]! & NC_START) !== 0 : isNonAsciiNameStartChar(c);
}

/** NameChar without ':', a later character of an NCName. */
export function isNcNameChar(c: number): boolean {
  return c < 0x80 ? (ASCII_CLASS[c]! & NC_CHAR) !== 0 : isNonAsciiNameStartChar(c) || isNonAsciiNameCharOnly(c);
}

/**
 * Where `s` (UTF-16) stops being an NCName: the index (in UTF-16 code units) of the first character
 * that cannot stand where it stands, or -1 when `s` is an NCName. The empty string gives 0: an NCName
 * needs a first character. A supplementary-plane character is a surrogate pair, valid when its code
 * point is in [#x10000-#xEFFFF]; an unpaired surrogate is invalid and its own index is returned.
 */
export function isNcName(s: string): number {
  const length = s.length;
  if (length === 0) return 0;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c < 0x80) {
    if ((ASCII_CLASS[c]! & NC_START) === 0) return 0;
    i = 1;
  } else if (c >= 0xd800 && c <= 0xdfff) {
    // A supplementary character is a NameStartChar exactly when it is a NameChar.
    if (supplementaryNameCharAt(s, 0, c) === 0) return 0;
    i = 2;
  } else {
    if (!isNonAsciiNameStartChar(c)) return 0;
    i = 1;
  }
  while (i < length) {
    c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((ASCII_CLASS[c]! & NC_CHAR) === 0) return i;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (supplementaryNameCharAt(s, i, c) === 0) return i;
      i += 2;
    } else {
      if (!isNonAsciiNameStartChar(c) && !isNonAsciiNameCharOnly(c)) return i;
      i++;
    }
  }
  return -1;
}

/**
 * `c` (a surrogate) is at `s[i]`: 2 when it starts a surrogate pair whose code point is in
 * [#x10000-#xEFFFF], else 0 (a low surrogate first, an unpaired high surrogate, or planes 15-16).
 */
function supplementaryNameCharAt(s: string, i: number, c: number): number {
  // High surrogates #xD800-#xDB7F lead the code points #x10000-#xEFFFF.
  if (c > 0xdb7f) return 0;
  const low = s.charCodeAt(i + 1); // NaN past the end, which fails the test below
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 0;
}

/** `s` without leading and trailing XML whitespace (#x20, #x9, #xD, #xA); `s` itself when it has none. */
export function trimXmlWhitespace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isXmlWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isXmlWhitespace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
