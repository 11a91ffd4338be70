/**
 * WsEncodeUrl: escapes the components of a URL and joins them into one encoded URL string.
 *
 * Reference: the WsEncodeUrl page of the Windows SDK docs ("Values are escaped as necessary, combined
 * ... If a scheme is not recognized ... the function returns WS_E_INVALID_FORMAT"); the exact
 * outputs for the cases the docs leave open (empty host, port 0, port vs portAsString) follow Wine's
 * conformance tests, which were checked against Windows.
 */
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { IP_LITERAL_CHARS, isDigit, isHexDigit, PATH_CHARS, QUERY_CHARS, REG_NAME_CHARS } from "./char-classes.js";
import { percentEncode } from "./percent-encoding.js";
import { checkFlags, quote, urlError } from "./url-errors.js";
import { SCHEME_NAMES, schemeByType, type UrlScheme } from "./url-schemes.js";
import type { WsUrlParts } from "./url-types.js";

const API = "WsEncodeUrl";

const STRING_FIELDS = ["host", "portAsString", "path", "query", "fragment"] as const;

/** In C these are typed fields; here a caller can pass anything, which is an invalid argument. */
function checkShape(url: WsUrlParts): void {
  if (typeof url !== "object" || url === null) {
    throw urlError(E_INVALIDARG, API, `url must be a WsUrlParts object, not ${url === null ? "null" : typeof url}`);
  }
  if (typeof url.url !== "object" || url.url === null || typeof url.url.scheme !== "number") {
    throw urlError(E_INVALIDARG, API, "url.url.scheme must be a WS_URL_SCHEME_TYPE number");
  }
  for (const field of STRING_FIELDS) {
    if (typeof url[field] !== "string") {
      throw urlError(E_INVALIDARG, API, `url.${field} must be a string, not ${typeof url[field]}`);
    }
  }
  if (!Number.isInteger(url.port) || url.port < 0 || url.port > 0xffff) {
    throw urlError(E_INVALIDARG, API, `url.port ${String(url.port)} is not a USHORT: must be an integer 0-65535`);
  }
}

/**
 * A host with a ":" can only be an IP literal (a reg-name has no ":"), so it is written inside "[" "]"
 * as given, the way WsDecodeUrl returns it. Anything else is a reg-name and is percent-encoded.
 * (A reg-name that decoded to text containing ":", from "%3A", cannot be told apart and is also
 * written as an IP literal.)
 */
function encodeHost(host: string): string {
  if (!host.includes(":")) return percentEncode(API, host, REG_NAME_CHARS, "host");
  for (let i = 0; i < host.length; i++) {
    const code = host.charCodeAt(i);
    const isEscape = code === 0x25 && isHexDigit(host.charCodeAt(i + 1)) && isHexDigit(host.charCodeAt(i + 2));
    if (isEscape) {
      i += 2;
    } else if (!IP_LITERAL_CHARS(code)) {
      throw urlError(
        WS_E_INVALID_FORMAT,
        API,
        `host ${quote(host)} contains ":" so it is written as an IP literal, but ${quote(host.charAt(i))} at index ${i} is not allowed in one: give the address without brackets, e.g. "::1"`,
      );
    }
  }
  return `[${host}]`;
}

/**
 * The port text to write, or "" for none.
 *
 * - portAsString, when given, must be decimal 0-65535 (WS_E_INVALID_FORMAT) and agree with a non-zero
 *   port (E_INVALIDARG: Wine's tests have port 8181 with "8080" fail so); it is written as given.
 * - Otherwise a port of 0 means "none" and a port equal to the scheme's default is left out.
 */
function encodePort(url: WsUrlParts, scheme: UrlScheme): string {
  const text = url.portAsString;
  if (text.length === 0) return url.port === 0 || url.port === scheme.defaultPort ? "" : String(url.port);
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) {
      throw urlError(WS_E_INVALID_FORMAT, API, `invalid portAsString ${quote(text)}: must be decimal digits`);
    }
    if (value <= 0xffff) value = value * 10 + (code - 0x30);
  }
  if (value > 0xffff) throw urlError(WS_E_INVALID_FORMAT, API, `invalid portAsString ${quote(text)}: must be 0-65535`);
  if (url.port !== 0 && url.port !== value) {
    throw urlError(E_INVALIDARG, API, `port ${url.port} and portAsString ${quote(text)} disagree: give one, or the same value in both`);
  }
  return text;
}

/**
 * Encodes `url`: `<scheme>://<host>[:<port>]<path>[?<query>][#<fragment>]`, escaping each component's
 * characters that RFC 3986 does not allow literally there as "%XX" of their UTF-8 bytes. An empty query
 * or fragment is left out with its "?" or "#".
 *
 * An empty host is allowed (Wine's tests encode "http://" and "http:///path"), but a non-empty path
 * must start with "/", since it follows the authority. Flags: WS_URL_FLAGS_ALLOW_HOST_WILDCARDS and
 * WS_URL_FLAGS_NO_PATH_COLLAPSE do not apply to WsEncodeUrl, and WS_URL_FLAGS_ZERO_TERMINATE has no
 * meaning for a JS string; all three are accepted and ignored.
 *
 * @throws WsError E_INVALIDARG for a malformed argument or unknown flag bits; WS_E_INVALID_FORMAT for an
 * unrecognized scheme or component values that cannot form a URL.
 */
export function encodeUrl(url: WsUrlParts, flags: number): string {
  checkFlags(API, flags);
  checkShape(url);
  const scheme = schemeByType(url.url.scheme);
  if (scheme === undefined) {
    throw urlError(
      WS_E_INVALID_FORMAT,
      API,
      `unrecognized scheme type ${url.url.scheme}: must be a WS_URL_SCHEME_TYPE (0-4: ${SCHEME_NAMES})`,
    );
  }
  if (url.path.length > 0 && !url.path.startsWith("/")) {
    throw urlError(WS_E_INVALID_FORMAT, API, `path ${quote(url.path)} must start with "/": it follows the host, so it cannot be relative`);
  }

  const host = encodeHost(url.host);
  const port = encodePort(url, scheme);
  let out = `${scheme.name}://${host}`;
  if (port.length > 0) out += `:${port}`;
  out += percentEncode(API, url.path, PATH_CHARS, "path");
  if (url.query.length > 0) out += `?${percentEncode(API, url.query, QUERY_CHARS, "query")}`;
  if (url.fragment.length > 0) out += `#${percentEncode(API, url.fragment, QUERY_CHARS, "fragment")}`;
  return out;
}
