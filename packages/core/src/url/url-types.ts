/**
 * The shapes and constants shared by the URL functions (WsDecodeUrl, WsEncodeUrl, WsCombineUrl).
 *
 * The constants are defined here, locally, rather than imported from generated code, so that the URL
 * functions stand alone; their values are those of webservices.h (WS_URL_SCHEME_TYPE, WS_URL_FLAGS).
 */

/**
 * One decoded URL. This mirrors the C structs WS_HTTP_URL, WS_HTTPS_URL, WS_NETTCP_URL, WS_SOAPUDP_URL
 * and WS_NETPIPE_URL, which share one layout: a `WS_URL` header whose only field is the scheme, then
 * host, port, portAsString, path, query and fragment. WS_STRING maps to a JS string.
 *
 * Strings are the decoded (unescaped) values: WsDecodeUrl fills them in decoded form and WsEncodeUrl
 * escapes them again.
 */
export interface WsUrlParts {
  /** The `WS_URL` header; `scheme` is one of the `WS_URL_*_SCHEME_TYPE` values. */
  url: { scheme: number };
  /** The host name; for an IP literal, the characters between "[" and "]" (without the brackets). */
  host: string;
  /** The port number (a USHORT); the scheme's default when the URL gives none. */
  port: number;
  /** The port as written in the URL; empty when the URL gives none. */
  portAsString: string;
  /** The path, starting with "/" or empty. */
  path: string;
  /** The query, without its leading "?". */
  query: string;
  /** The fragment, without its leading "#". */
  fragment: string;
}

// The scheme and flag values are webservices.h's, generated from the spec. WS_URL_FLAGS_ZERO_TERMINATE
// asks for a zero-terminated WS_STRING; a JS string has a length and no terminator, so it has no effect.
import { WS_URL_FLAGS_ALLOW_HOST_WILDCARDS, WS_URL_FLAGS_NO_PATH_COLLAPSE, WS_URL_FLAGS_ZERO_TERMINATE } from "../gen/enums.js";

export {
  WS_URL_FLAGS_ALLOW_HOST_WILDCARDS,
  WS_URL_FLAGS_NO_PATH_COLLAPSE,
  WS_URL_FLAGS_ZERO_TERMINATE,
  WS_URL_HTTP_SCHEME_TYPE,
  WS_URL_HTTPS_SCHEME_TYPE,
  WS_URL_NETPIPE_SCHEME_TYPE,
  WS_URL_NETTCP_SCHEME_TYPE,
  WS_URL_SOAPUDP_SCHEME_TYPE,
} from "../gen/enums.js";

/** Every bit WS_URL_FLAGS defines; any other bit is an invalid argument. */
export const WS_URL_FLAGS_ALL = WS_URL_FLAGS_ALLOW_HOST_WILDCARDS | WS_URL_FLAGS_NO_PATH_COLLAPSE | WS_URL_FLAGS_ZERO_TERMINATE;
