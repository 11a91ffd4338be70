/**
 * What each byte value is to the text scanner's fast loops, one table lookup per byte instead of
 * a chain of comparisons. Only ASCII is classified: a byte of 0x80 or more has no class, so every
 * fast loop stops on it and leaves the character to the careful, UTF-8-checking code.
 */

/** ASCII NameStartChar other than ':' (which separates the prefix): A-Z, a-z, '_'. */
export const NAME_START = 1;
/** ASCII NameChar other than ':': NAME_START, 0-9, '-', '.'. */
export const NAME_CHAR = 2;
/**
 * Content bytes that need nothing (no reference, no line-end change, no check): ASCII from 0x20,
 * except '<', '&' and ']' (which may start "]]>"), and TAB and LF.
 */
export const TEXT_PLAIN = 4;
/**
 * Attribute value bytes that need nothing: ASCII from 0x20 except '<', '&' and both quotes (the
 * one that ends the value is told apart by the caller). TAB, LF and CR are normalised in values.
 */
export const ATTRIBUTE_PLAIN = 8;
/** XML white space: SPACE, TAB, LF, CR. */
export const SPACE = 16;

export const BYTE_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let c = 0; c < 0x80; c++) {
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (letter || c === 0x5f) table[c]! |= NAME_START | NAME_CHAR;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) table[c]! |= NAME_CHAR;
    if ((c >= 0x20 && c !== 0x3c && c !== 0x26 && c !== 0x5d) || c === 0x09 || c === 0x0a) table[c]! |= TEXT_PLAIN;
    if (c >= 0x20 && c !== 0x3c && c !== 0x26 && c !== 0x22 && c !== 0x27) table[c]! |= ATTRIBUTE_PLAIN;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) table[c]! |= SPACE;
  }
  return table;
})();
