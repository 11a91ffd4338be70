import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * Malformed MIME in an MTOM package: WS_E_INVALID_FORMAT ("The input data was not in the expected
 * format"), saying what and at which byte of the input (the bytes given to WsSetInput).
 */
export function malformed(what: string, at: number): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `MTOM reader: ${what}, at byte ${at}.`);
}
