import {
  CERT_E_CN_NO_MATCH,
  CERT_E_EXPIRED,
  CERT_E_UNTRUSTEDROOT,
  WS_E_ADDRESS_IN_USE,
  WS_E_ADDRESS_NOT_AVAILABLE,
  WS_E_ENDPOINT_ACCESS_DENIED,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_ENDPOINT_FAILURE,
  WS_E_ENDPOINT_NOT_AVAILABLE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_ENDPOINT_TOO_BUSY,
  WS_E_ENDPOINT_UNREACHABLE,
  WS_E_OPERATION_TIMED_OUT,
  WS_E_OTHER,
  WS_E_PROXY_ACCESS_DENIED,
  WS_E_PROXY_FAILURE,
  WS_E_PROXY_REQUIRES_BASIC_AUTH,
  WS_E_PROXY_REQUIRES_DIGEST_AUTH,
  WS_E_PROXY_REQUIRES_NEGOTIATE_AUTH,
  WS_E_PROXY_REQUIRES_NTLM_AUTH,
  WS_E_SERVER_REQUIRES_BASIC_AUTH,
  WS_E_SERVER_REQUIRES_DIGEST_AUTH,
  WS_E_SERVER_REQUIRES_NEGOTIATE_AUTH,
  WS_E_SERVER_REQUIRES_NTLM_AUTH,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * How HTTP outcomes become HRESULTs (Windows Web Services Return Values, wsw docs):
 *
 * - A status the channel must read (2xx, and 500, which carries a SOAP fault: the body is returned
 *   so the channel core reads the fault) is no error here; `statusError` returns null for them.
 * - 404: WS_E_ENDPOINT_NOT_FOUND, "there is not an endpoint listening at the particular URI".
 * - 410: WS_E_ENDPOINT_NOT_AVAILABLE, "no longer in service at this location".
 * - 503: WS_E_ENDPOINT_TOO_BUSY, "too busy to process the request ... may also be returned when
 *   the endpoint or server is temporarily unavailable for other reasons".
 * - 401/403: WS_E_ENDPOINT_ACCESS_DENIED, "the remote endpoint indicates that access was denied";
 *   a 401 challenging with a scheme gives WS_E_SERVER_REQUIRES_<scheme>_AUTH ("the HTTP server does
 *   not accept the HTTP header authentication scheme chosen by the client and requires ...").
 * - 407: WS_E_PROXY_REQUIRES_<scheme>_AUTH, or WS_E_PROXY_ACCESS_DENIED.
 * - 502/504 through a proxy: WS_E_PROXY_FAILURE, "some part of HTTP proxy server processing failed".
 * - any other status: WS_E_ENDPOINT_FAILURE, "only returned if the endpoint actually responded
 *   with an error indicating it could not process the request".
 */

const SERVER_AUTH: Readonly<Record<string, number>> = {
  basic: WS_E_SERVER_REQUIRES_BASIC_AUTH,
  digest: WS_E_SERVER_REQUIRES_DIGEST_AUTH,
  ntlm: WS_E_SERVER_REQUIRES_NTLM_AUTH,
  negotiate: WS_E_SERVER_REQUIRES_NEGOTIATE_AUTH,
};
const PROXY_AUTH: Readonly<Record<string, number>> = {
  basic: WS_E_PROXY_REQUIRES_BASIC_AUTH,
  digest: WS_E_PROXY_REQUIRES_DIGEST_AUTH,
  ntlm: WS_E_PROXY_REQUIRES_NTLM_AUTH,
  negotiate: WS_E_PROXY_REQUIRES_NEGOTIATE_AUTH,
};

/** The first scheme of a WWW-Authenticate / Proxy-Authenticate challenge that has an HRESULT of its own. */
function challengedScheme(challenges: readonly string[], table: Readonly<Record<string, number>>): number | undefined {
  for (const challenge of challenges) {
    for (const part of challenge.split(",")) {
      const scheme = part.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
      const hr = table[scheme];
      if (hr !== undefined) return hr;
    }
  }
  return undefined;
}

/** True for the statuses whose body the channel reads as a message. */
export function isMessageStatus(status: number): boolean {
  return (status >= 200 && status < 300) || status === 500;
}

/**
 * The error for a response status, or null when the response is a message. `challenges` are the
 * WWW-Authenticate (401) or Proxy-Authenticate (407) values.
 */
export function statusError(status: number, url: string, challenges: readonly string[] = [], viaProxy = false): WsError | null {
  if (isMessageStatus(status)) return null;
  const where = `HTTP ${status} from ${url}`;
  switch (status) {
    case 404:
      return new WsError(WS_E_ENDPOINT_NOT_FOUND, `${where}: no endpoint is listening at this URL`);
    case 410:
      return new WsError(WS_E_ENDPOINT_NOT_AVAILABLE, `${where}: the endpoint is no longer in service at this URL`);
    case 503:
      return new WsError(WS_E_ENDPOINT_TOO_BUSY, `${where}: the server is too busy or temporarily unavailable`);
    case 401: {
      const hr = challengedScheme(challenges, SERVER_AUTH);
      return new WsError(
        hr ?? WS_E_ENDPOINT_ACCESS_DENIED,
        `${where}: access denied${challenges.length ? ` (challenge: ${challenges.join(", ")})` : ""}`,
      );
    }
    case 403:
      return new WsError(WS_E_ENDPOINT_ACCESS_DENIED, `${where}: access denied`);
    case 407: {
      const hr = challengedScheme(challenges, PROXY_AUTH);
      return new WsError(hr ?? WS_E_PROXY_ACCESS_DENIED, `${where}: the HTTP proxy denied access`);
    }
    case 502:
    case 504:
      if (viaProxy) return new WsError(WS_E_PROXY_FAILURE, `${where}: the HTTP proxy failed`);
      break;
  }
  return new WsError(WS_E_ENDPOINT_FAILURE, `${where}: the endpoint could not process the request`);
}

/** The `code` of an error or of any error in its `cause` chain that has one in `codes`. */
function findCode(error: unknown, codes: ReadonlySet<string>): string | undefined {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.has(code)) return code;
    // undici wraps several errors in an AggregateError (Happy Eyeballs over many addresses).
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const x of inner) if (findCode(x, codes) !== undefined) return findCode(x, codes);
  }
  return undefined;
}

const NETWORK_CODES: ReadonlyMap<string, number> = new Map([
  // "The endpoint cannot be found, for example, if the host can[not] be found, or there is not an
  // endpoint listening at the particular URI": a refused connection and an unknown name.
  ["ECONNREFUSED", WS_E_ENDPOINT_NOT_FOUND],
  ["ENOTFOUND", WS_E_ENDPOINT_NOT_FOUND],
  ["EAI_AGAIN", WS_E_ENDPOINT_NOT_FOUND],
  // "There is no route or network connectivity to the endpoint."
  ["EHOSTUNREACH", WS_E_ENDPOINT_UNREACHABLE],
  ["ENETUNREACH", WS_E_ENDPOINT_UNREACHABLE],
  ["EHOSTDOWN", WS_E_ENDPOINT_UNREACHABLE],
  ["ENETDOWN", WS_E_ENDPOINT_UNREACHABLE],
  // "A connection existed with the remote endpoint, but it was actively terminated by the remote endpoint".
  ["ECONNRESET", WS_E_ENDPOINT_DISCONNECTED],
  ["EPIPE", WS_E_ENDPOINT_DISCONNECTED],
  ["ECONNABORTED", WS_E_ENDPOINT_DISCONNECTED],
  ["UND_ERR_SOCKET", WS_E_ENDPOINT_DISCONNECTED],
  ["UND_ERR_CLOSED", WS_E_ENDPOINT_DISCONNECTED],
  ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", WS_E_ENDPOINT_DISCONNECTED],
  ["HPE_INVALID_CHUNK_SIZE", WS_E_ENDPOINT_DISCONNECTED],
  ["ERR_STREAM_PREMATURE_CLOSE", WS_E_ENDPOINT_DISCONNECTED],
  // Timeouts of the network layer itself (connect).
  ["UND_ERR_CONNECT_TIMEOUT", WS_E_OPERATION_TIMED_OUT],
  ["ETIMEDOUT", WS_E_OPERATION_TIMED_OUT],
  // Server certificate checks (the CERT_E_* codes are in the return values table).
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", CERT_E_UNTRUSTEDROOT],
  ["UNABLE_TO_GET_ISSUER_CERT", CERT_E_UNTRUSTEDROOT],
  ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", CERT_E_UNTRUSTEDROOT],
  ["SELF_SIGNED_CERT_IN_CHAIN", CERT_E_UNTRUSTEDROOT],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", CERT_E_UNTRUSTEDROOT],
  ["CERT_HAS_EXPIRED", CERT_E_EXPIRED],
  ["CERT_NOT_YET_VALID", CERT_E_EXPIRED],
  ["ERR_TLS_CERT_ALTNAME_INVALID", CERT_E_CN_NO_MATCH],
]);
const NETWORK_CODE_SET: ReadonlySet<string> = new Set(NETWORK_CODES.keys());

/**
 * A WsError for a failure of the network or of undici: the error itself when it already is one
 * (a timeout or abort reason we raised), else by the error code found in its cause chain, else
 * WS_E_OTHER ("an unrecognized error occurs in one of the platform components").
 */
export function networkError(error: unknown, url: string, doing: string): WsError {
  if (error instanceof WsError) return error;
  const code = findCode(error, NETWORK_CODE_SET);
  const detail = error instanceof Error ? error.message : String(error);
  const hr = code === undefined ? WS_E_OTHER : NETWORK_CODES.get(code)!;
  return new WsError(hr, `${doing} ${url} failed: ${code ? `${code}: ` : ""}${detail}`);
}

const LISTEN_CODES: ReadonlyMap<string, number> = new Map([
  ["EADDRINUSE", WS_E_ADDRESS_IN_USE],
  ["EADDRNOTAVAIL", WS_E_ADDRESS_NOT_AVAILABLE],
  ["EACCES", WS_E_ADDRESS_NOT_AVAILABLE],
  ["EAFNOSUPPORT", WS_E_ADDRESS_NOT_AVAILABLE],
]);

/** WsOpenListener's errors: "WS_E_ADDRESS_IN_USE The address is already being used.", "WS_E_ADDRESS_NOT_AVAILABLE The address is not valid for this context." */
export function listenError(error: unknown, url: string): WsError {
  if (error instanceof WsError) return error;
  const code = findCode(error, new Set(LISTEN_CODES.keys()));
  const detail = error instanceof Error ? error.message : String(error);
  return new WsError(code === undefined ? WS_E_OTHER : LISTEN_CODES.get(code)!, `listening on ${url} failed: ${detail}`);
}
