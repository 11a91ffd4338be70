/**
 * The order canonical XML sorts names in: "Lexicographic comparison, which orders strings from
 * least to greatest alphabetically, is based on the UCS codepoint values, which is equivalent to
 * lexicographic ordering based on UTF-8" (Canonical XML 1.0 §2.2).
 *
 * JavaScript compares strings by UTF-16 code unit, which agrees with code point order except that
 * a surrogate (U+D800–U+DFFF, half of a character above U+FFFF) sorts below U+E000–U+FFFF. Moving
 * the surrogates above that range restores code point order without decoding the strings.
 */
function weight(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in code point order. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
}
