import { type GUID, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";

const FORM = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/**
 * WS_GUID_VALUE_TYPE: xxxxxxxx "-" xxxx "-" xxxx "-" xxxx "-" xxxxxxxxxxxx, hex digits of either
 * case, no braces (Windows refuses "{...}", as Wine's conformance tests of WsReadType record). The
 * GUID is returned as its 16 bytes in Windows memory order (spec/README.md): Data1, Data2 and
 * Data3 little-endian, Data4 as written.
 */
export function parseGuid(text: string): GUID {
  if (!FORM.test(text)) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${quoted(text)} is not a GUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits) was expected.`,
    );
  }
  const hex = text.replaceAll("-", "");
  const byte = (i: number) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const guid = new Uint8Array(16);
  // Data1 (bytes 0-3), Data2 (4-5) and Data3 (6-7) are little-endian numbers in memory.
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  for (let i = 0; i < 16; i++) guid[i] = byte(order[i]!);
  return guid;
}
