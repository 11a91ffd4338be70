import type { ByteWriter } from "../shared/byte-writer.js";

/**
 * The character escaping of canonical XML (Canonical XML 1.0 §2.3, "Processing Model", which
 * Exclusive XML Canonicalization 1.0 keeps unchanged). UTF-8 in, UTF-8 out; only ASCII characters
 * are ever replaced, so a multi-byte sequence is copied as it is.
 *
 * Text nodes: "all ampersands are replaced by &amp;, all open angle brackets (<) are replaced by
 * &lt;, all closing angle brackets (>) are replaced by &gt;, and all #xD characters are replaced by
 * &#xD;".
 *
 * Attribute nodes (and namespace declarations, whose values are written the same way): "all
 * ampersands … by &amp;, all open angle brackets (<) … by &lt;, all quotation mark characters … by
 * &quot;, and the whitespace characters #x9, #xA, and #xD, … by &#x9;, &#xA; and &#xD;".
 */

/** The replacement of each ASCII byte, or undefined when it is written as it is. */
type Replacements = readonly (string | undefined)[];

function replacements(entries: Record<number, string>): Replacements {
  const table: (string | undefined)[] = new Array(128).fill(undefined);
  for (const [byte, replacement] of Object.entries(entries)) table[Number(byte)] = replacement;
  return table;
}

const TEXT = replacements({ 38: "&amp;", 60: "&lt;", 62: "&gt;", 13: "&#xD;" });
const ATTRIBUTE = replacements({ 38: "&amp;", 60: "&lt;", 34: "&quot;", 9: "&#x9;", 10: "&#xA;", 13: "&#xD;" });

function appendEscaped(out: ByteWriter, utf8: Uint8Array, table: Replacements): void {
  let copied = 0;
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if (b >= 0x80) continue;
    const replacement = table[b];
    if (replacement === undefined) continue;
    if (i > copied) out.bytes(utf8.subarray(copied, i));
    out.ascii(replacement);
    copied = i + 1;
  }
  if (copied < utf8.length) out.bytes(copied === 0 ? utf8 : utf8.subarray(copied));
}

/** Appends character data as a canonical text node. */
export function appendCanonicalText(out: ByteWriter, utf8: Uint8Array): void {
  appendEscaped(out, utf8, TEXT);
}

/** Appends an attribute value (or a namespace URI) as canonical XML writes it between double quotes. */
export function appendCanonicalAttributeValue(out: ByteWriter, utf8: Uint8Array): void {
  appendEscaped(out, utf8, ATTRIBUTE);
}
