import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ByteWriter } from "../shared/byte-writer.js";

/**
 * How the text writer escapes character data (UTF-8 in, UTF-8 out).
 *
 * Observed on Windows (the Wine conformance tests of WsWriteText, which pass against Windows):
 * in element content `<`, `>` and `&` become `&lt;` `&gt;` `&amp;` and quotes stay as they are;
 * in an attribute value `<`, `&` and the quote that delimits the value become `&lt;` `&amp;`
 * `&quot;`/`&apos;`, while `>` and the other quote stay; CDATA sections and comments are written
 * as they are.
 *
 * Not documented for WWSAPI: carriage return, tab and line feed. WWSAPI follows the escaping of
 * WCF's text writer exactly in every observed case above, so it is followed here too: in element
 * content CR becomes `&#xD;` (a reader would turn a literal CR into LF) and TAB and LF stay; in an
 * attribute value TAB, LF and CR become `&#x9;` `&#xA;` `&#xD;` (a reader would normalise them to
 * spaces). Characters that XML 1.0 does not allow (other C0 controls, U+FFFE, U+FFFF) fail with
 * WS_E_INVALID_FORMAT, or are written as character references when
 * WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES is TRUE. Malformed UTF-8 fails.
 */
export const Escape = {
  /** Element content. */
  Content: 0,
  /** An attribute value delimited by `"`. */
  DoubleQuoted: 1,
  /** An attribute value delimited by `'`. */
  SingleQuoted: 2,
  /** CDATA sections and comments: nothing is escaped; characters XML forbids still fail. */
  None: 3,
} as const;
export type Escape = (typeof Escape)[keyof typeof Escape];

const HEX = "0123456789ABCDEF";

function characterReference(out: ByteWriter, codePoint: number): void {
  out.ascii(`&#x${codePoint.toString(16).toUpperCase()};`);
}

function hex(codePoint: number): string {
  let digits = "";
  let value = codePoint;
  do {
    digits = HEX[value & 0xf] + digits;
    value >>>= 4;
  } while (value > 0);
  return `U+${digits.padStart(4, "0")}`;
}

/** 1 when the byte needs a look in this mode (markup, a control character or a non-ASCII lead byte). */
const ATTENTION: readonly Uint8Array[] = [Escape.Content, Escape.DoubleQuoted, Escape.SingleQuoted, Escape.None].map((mode) => {
  const table = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) table[b] = 1;
  for (let b = 0x80; b < 0x100; b++) table[b] = 1;
  if (mode !== Escape.None) {
    table[0x3c] = 1; // <
    table[0x26] = 1; // &
  }
  if (mode === Escape.None || mode === Escape.Content) {
    table[0x09] = 0;
    table[0x0a] = 0;
  }
  if (mode === Escape.None) table[0x0d] = 0;
  if (mode === Escape.Content) table[0x3e] = 1; // >
  if (mode === Escape.DoubleQuoted) table[0x22] = 1; // "
  if (mode === Escape.SingleQuoted) table[0x27] = 1; // '
  return table;
});

/**
 * Whether `bytes` go out as they are in `mode`: no byte needs a look (ASCII with no markup and no
 * control character). Most values are like that, and then the writer appends the caller's bytes
 * without copying them to a buffer first.
 */
export function needsNoEscaping(bytes: Uint8Array, mode: Escape): boolean {
  const attention = ATTENTION[mode]!;
  for (let i = 0; i < bytes.length; i++) if (attention[bytes[i]!] !== 0) return false;
  return true;
}

/**
 * Appends `bytes` (UTF-8 character data) to `out`, escaped for `mode`; with `out` null, only checks
 * them (a binary document writes the characters as they are, but refuses what text would refuse).
 * `fn: what` names the data in errors ("WsWriteText: the text ..."): the message is built only on
 * failure. Throws WS_E_INVALID_FORMAT for malformed UTF-8 and for characters XML does not allow
 * (unless `allowInvalid` and the mode can carry a reference).
 */
export function appendEscaped(
  out: ByteWriter | null,
  bytes: Uint8Array,
  mode: Escape,
  allowInvalid: boolean,
  fn: string,
  what: string,
): void {
  const attention = ATTENTION[mode]!;
  const length = bytes.length;
  let start = 0;
  let i = 0;
  while (i < length) {
    const b = bytes[i]!;
    if (attention[b] === 0) {
      i++;
      continue;
    }
    if (b >= 0x80) {
      const codePoint = decodeUtf8At(bytes, i, fn, what);
      const width = utf8Width(b);
      if (codePoint === 0xfffe || codePoint === 0xffff) {
        out?.bytes(bytes.subarray(start, i));
        invalidCharacter(out, codePoint, mode, allowInvalid, fn, what, i);
        i += width;
        start = i;
      } else {
        i += width;
      }
      continue;
    }
    if (out === null) {
      // Only the characters XML forbids fail; markup is escaped, and a check has nothing to escape.
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) invalidCharacter(null, b, mode, allowInvalid, fn, what, i);
      i++;
      continue;
    }
    out.bytes(bytes.subarray(start, i));
    switch (b) {
      case 0x3c:
        out.ascii("&lt;");
        break;
      case 0x3e:
        out.ascii("&gt;");
        break;
      case 0x26:
        out.ascii("&amp;");
        break;
      case 0x22:
        out.ascii("&quot;");
        break;
      case 0x27:
        out.ascii("&apos;");
        break;
      case 0x09:
      case 0x0a:
      case 0x0d:
        characterReference(out, b);
        break;
      default:
        invalidCharacter(out, b, mode, allowInvalid, fn, what, i);
    }
    i++;
    start = i;
  }
  out?.bytes(bytes.subarray(start, length));
}

/** The length of the UTF-8 sequence a valid lead byte starts. */
function utf8Width(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

function invalidCharacter(
  out: ByteWriter | null,
  codePoint: number,
  mode: Escape,
  allowInvalid: boolean,
  fn: string,
  what: string,
  at: number,
): void {
  if (allowInvalid && mode !== Escape.None) {
    if (out !== null) characterReference(out, codePoint);
    return;
  }
  const why =
    mode === Escape.None
      ? "and cannot be written as a character reference here"
      : "(set WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES to write it as a character reference)";
  throw new WsError(
    WS_E_INVALID_FORMAT,
    `${fn}: ${what} contains ${hex(codePoint)} at byte ${at}, a character XML 1.0 does not allow ${why}.`,
  );
}

/**
 * The code point of the UTF-8 sequence at `at` (whose lead byte is >= 0x80; utf8Width tells its
 * length): a number, not an object, as this runs for every non-ASCII character written.
 */
function decodeUtf8At(bytes: Uint8Array, at: number, fn: string, what: string): number {
  const b0 = bytes[at]!;
  let codePoint: number;
  let extra: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    codePoint = b0 & 0x1f;
    extra = 1;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    codePoint = b0 & 0x0f;
    extra = 2;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    codePoint = b0 & 0x07;
    extra = 3;
  } else {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: ${what} is not valid UTF-8: byte 0x${b0.toString(16)} at ${at} cannot start a character.`,
    );
  }
  for (let k = 1; k <= extra; k++) {
    const c = bytes[at + k];
    if (c === undefined || (c & 0xc0) !== 0x80) {
      throw new WsError(WS_E_INVALID_FORMAT, `${fn}: ${what} is not valid UTF-8: the sequence at byte ${at} is truncated.`);
    }
    codePoint = (codePoint << 6) | (c & 0x3f);
  }
  if (
    (extra === 2 && codePoint < 0x800) ||
    (extra === 3 && codePoint < 0x10000) ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff) ||
    codePoint > 0x10ffff
  ) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: ${what} is not valid UTF-8: the sequence at byte ${at} is overlong or encodes a surrogate.`,
    );
  }
  return codePoint;
}

/** Whether `bytes` holds only XML white space (#x20, #x9, #xD, #xA). */
export function isWhitespaceOnly(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * The UTF-8 bytes of a JS string, refusing unpaired surrogates (which TextEncoder would replace).
 * Short ASCII strings (most values) are copied here: TextEncoder's call costs more than the copy.
 */
export function encodeUtf16String(text: string, what: string): Uint8Array {
  const ascii = asciiBytes(text);
  if (ascii !== null) return ascii;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    throw new WsError(WS_E_INVALID_FORMAT, `${what} contains an unpaired surrogate ${hex(unit)} at index ${i}.`);
  }
  return utf8Encoder.encode(text);
}

/** The UTF-8 bytes of a string with no unpaired surrogate (a formatted value), short ASCII without TextEncoder. */
export function utf8Bytes(text: string): Uint8Array {
  return asciiBytes(text) ?? utf8Encoder.encode(text);
}

/** The longest string asciiBytes copies itself; past it TextEncoder is as fast. */
const SHORT_TEXT = 64;

/** The bytes of a short ASCII string, or null for a long one or one with another character. */
function asciiBytes(text: string): Uint8Array | null {
  if (text.length > SHORT_TEXT) return null;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return null;
    bytes[i] = unit;
  }
  return bytes;
}

const utf8Encoder = new TextEncoder();
