import { WS_CHARSET_AUTO, WS_CHARSET_UTF8, WS_CHARSET_UTF16BE, WS_CHARSET_UTF16LE, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The text reader scans UTF-8. Input in UTF-16 (named by the caller, or detected from a byte
 * order mark or the first bytes as XML 1.0 Appendix F describes) is transcoded once, up front,
 * and the charset is remembered for WS_XML_READER_PROPERTY_CHARSET.
 */
export interface Utf8Input {
  bytes: Uint8Array;
  charset: number;
}

export function detectCharset(bytes: Uint8Array): number {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return WS_CHARSET_UTF8;
  if (b0 === 0xff && b1 === 0xfe) return WS_CHARSET_UTF16LE;
  if (b0 === 0xfe && b1 === 0xff) return WS_CHARSET_UTF16BE;
  // No BOM: "<" followed by a zero byte, or the reverse, is UTF-16 without a mark.
  if (b0 === 0x3c && b1 === 0x00) return WS_CHARSET_UTF16LE;
  if (b0 === 0x00 && b1 === 0x3c) return WS_CHARSET_UTF16BE;
  return WS_CHARSET_UTF8;
}

const utf16le = new TextDecoder("utf-16le", { fatal: true });
const utf16be = new TextDecoder("utf-16be", { fatal: true });
const encoder = new TextEncoder();

export function toUtf8(bytes: Uint8Array, requested: number): Utf8Input {
  const charset = requested === WS_CHARSET_AUTO ? detectCharset(bytes) : requested;
  if (charset === WS_CHARSET_UTF8) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { bytes: bom === 0 ? bytes : bytes.subarray(bom), charset };
  }
  if (bytes.length % 2 !== 0) {
    throw new WsError(WS_E_INVALID_FORMAT, `XML reader: UTF-16 input has an odd number of bytes (${bytes.length}).`);
  }
  let text: string;
  try {
    text = (charset === WS_CHARSET_UTF16LE ? utf16le : utf16be).decode(bytes);
  } catch {
    const at = unpairedSurrogateAt(bytes, charset === WS_CHARSET_UTF16LE);
    throw new WsError(WS_E_INVALID_FORMAT, `XML reader: the input is not valid UTF-16 (an unpaired surrogate), at byte ${at}.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { bytes: encoder.encode(text), charset };
}

/** The byte offset of the first code unit that is not part of a surrogate pair (for the error message). */
function unpairedSurrogateAt(bytes: Uint8Array, littleEndian: boolean): number {
  const unit = (i: number) => (littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return bytes.length;
}
