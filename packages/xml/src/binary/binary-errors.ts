import { E_INVALIDARG, WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The errors of the binary XML codec. Every message starts with "binary XML" and, for input that is
 * read, names the byte offset where the problem is, so that a bad capture can be found with a hex
 * viewer: `binary XML: unknown record type 0x3F at byte 17`.
 */

/** Input that does not follow [MC-NBFX]/[MC-NBFS]/[MC-NBFSE]: WS_E_INVALID_FORMAT. */
export function invalidFormat(message: string, offset: number, detail?: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, format(message, offset, detail));
}

/** Input that is well formed but larger than a limit the caller set: WS_E_QUOTA_EXCEEDED. */
export function quotaExceeded(message: string, offset: number, detail?: string): WsError {
  return new WsError(WS_E_QUOTA_EXCEEDED, format(message, offset, detail));
}

function format(message: string, offset: number, detail: string | undefined): string {
  return `binary XML: ${message} at byte ${offset}${detail === undefined ? "" : ` (${detail})`}`;
}

/** A record given to the writer that cannot be encoded: E_INVALIDARG (the caller's mistake, not the peer's). */
export function invalidRecord(message: string, recordIndex: number): WsError {
  return new WsError(E_INVALIDARG, `binary XML writer: ${message} (record ${recordIndex})`);
}

/** Two-digit upper-case hex, the way the documents write record types: 0x3F. */
export function hexByte(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, "0")}`;
}
