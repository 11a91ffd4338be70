import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

const encoder = new TextEncoder();
const utf16Strict = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });

/** The bytes of formatted text (ASCII, or any string as UTF-8). */
export function ascii(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-16LE characters (WS_XML_UTF16_TEXT) as UTF-8; an odd byte count or an unpaired surrogate is WS_E_INVALID_FORMAT. */
export function decodeUtf16(fn: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 !== 0) throw new WsError(WS_E_INVALID_FORMAT, `${fn}: UTF-16 text has an odd number of bytes (${bytes.length}).`);
  let chars: string;
  try {
    chars = utf16Strict.decode(bytes);
  } catch {
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the UTF-16 text contains an unpaired surrogate.`);
  }
  return encoder.encode(chars);
}
