import {
  WS_E_ADDRESS_IN_USE,
  WS_E_ADDRESS_NOT_AVAILABLE,
  WS_E_ENDPOINT_ACCESS_DENIED,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_ENDPOINT_FAILURE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_ENDPOINT_UNREACHABLE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * Socket errors as the WWSAPI errors that say the same thing (the descriptions of webservices.h):
 * - ECONNREFUSED: nothing listens on the port, WS_E_ENDPOINT_NOT_FOUND "there is not an endpoint
 *   listening at the particular URI";
 * - ENOTFOUND, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT (of connect): WS_E_ENDPOINT_UNREACHABLE "There is
 *   no route or network connectivity to the endpoint";
 * - ECONNRESET, EPIPE, ECONNABORTED: WS_E_ENDPOINT_DISCONNECTED "The connection with the remote
 *   endpoint was terminated";
 * - EACCES: WS_E_ENDPOINT_ACCESS_DENIED; EADDRINUSE: WS_E_ADDRESS_IN_USE; EADDRNOTAVAIL:
 *   WS_E_ADDRESS_NOT_AVAILABLE (listeners);
 * - anything else: WS_E_ENDPOINT_FAILURE, "General endpoint failures".
 */
export function socketError(error: unknown, what: string): WsError {
  if (error instanceof WsError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  switch (code) {
    case "ECONNREFUSED":
      return new WsError(WS_E_ENDPOINT_NOT_FOUND, message);
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
      return new WsError(WS_E_ENDPOINT_UNREACHABLE, message);
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
      return new WsError(WS_E_ENDPOINT_DISCONNECTED, message);
    case "EACCES":
      return new WsError(WS_E_ENDPOINT_ACCESS_DENIED, message);
    case "EADDRINUSE":
      return new WsError(WS_E_ADDRESS_IN_USE, message);
    case "EADDRNOTAVAIL":
      return new WsError(WS_E_ADDRESS_NOT_AVAILABLE, message);
    default:
      return new WsError(WS_E_ENDPOINT_FAILURE, message);
  }
}
