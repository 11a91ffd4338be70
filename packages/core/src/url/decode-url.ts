/**
 * WsDecodeUrl: splits an encoded URL of one of WWSAPI's schemes into its components and unescapes them.
 *
 * Reference: the WsDecodeUrl, WS_URL_FLAGS and WS_*_URL pages of the Windows SDK docs. The grammar is
 * RFC 3986's, with WWSAPI's restrictions: a recognized scheme, "//" and a non-empty host are required,
 * userinfo is refused, and an IP literal's inside is returned as written.
 */
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { parseAuthority } from "./authority.js";
import { PATH_CHARS, QUERY_CHARS } from "./char-classes.js";
import { pathSegments, removeDotSegmentsFromList } from "./dot-segments.js";
import { checkEncoded, percentDecode } from "./percent-encoding.js";
import { splitUriReference } from "./uri-reference.js";
import { checkFlags, errorAt, quote, type UrlSource, urlError } from "./url-errors.js";
import { SCHEME_NAMES, schemeByName } from "./url-schemes.js";
import { WS_URL_FLAGS_NO_PATH_COLLAPSE, type WsUrlParts } from "./url-types.js";

const API = "WsDecodeUrl";

/**
 * Decodes `url`.
 *
 * - `port` is the port's value, or the scheme's default when the URL has none (or an empty one, as in
 *   "http://host:/"); `portAsString` is the port as written, empty when there is none.
 * - The path has "." and ".." segments collapsed unless `WS_URL_FLAGS_NO_PATH_COLLAPSE` is given.
 * - A host of "*" or "+" is accepted only with `WS_URL_FLAGS_ALLOW_HOST_WILDCARDS`.
 * - `WS_URL_FLAGS_ZERO_TERMINATE` does not apply to WsDecodeUrl and is ignored.
 *
 * @throws WsError E_INVALIDARG for a non-string URL or unknown flag bits; WS_E_INVALID_FORMAT for an
 * empty or malformed URL or an unrecognized scheme.
 */
export function decodeUrl(url: string, flags: number): WsUrlParts {
  checkFlags(API, flags);
  if (typeof url !== "string") {
    throw urlError(E_INVALIDARG, API, `url must be a string, not ${url === null ? "null" : typeof url}`);
  }
  const source: UrlSource = { api: API, input: url, label: "" };
  if (url.length === 0) throw urlError(WS_E_INVALID_FORMAT, API, "the URL is empty");

  const ref = splitUriReference(source);
  if (ref.scheme === undefined) {
    throw errorAt(WS_E_INVALID_FORMAT, source, "missing scheme", 0, `the URL must start with one of ${SCHEME_NAMES} and ":"`);
  }
  const scheme = schemeByName(ref.scheme.text);
  if (scheme === undefined) {
    throw errorAt(WS_E_INVALID_FORMAT, source, `unrecognized scheme ${quote(ref.scheme.text)}`, 0, `supported schemes are ${SCHEME_NAMES}`);
  }
  if (ref.authority === undefined) {
    throw errorAt(
      WS_E_INVALID_FORMAT,
      source,
      `missing "//" after ${quote(`${ref.scheme.text}:`)}`,
      ref.path.offset,
      `${scheme.name} URLs need "//" and a host name`,
    );
  }

  const authority = parseAuthority(source, ref.authority, flags);

  const path = ref.path;
  checkEncoded(source, path.text, path.offset, PATH_CHARS, "path");
  // Unescape once whole, only so that a bad escape is reported at its true offset; the segments below
  // hold the same runs of escapes, so decoding them one by one cannot fail after this.
  percentDecode(source, path.text, path.offset, "path");
  // Collapse before unescaping: once "%2F" becomes "/" the segment boundaries would be lost.
  const rawSegments = pathSegments(path.text);
  const segments = (flags & WS_URL_FLAGS_NO_PATH_COLLAPSE) !== 0 ? rawSegments : removeDotSegmentsFromList(rawSegments);
  const decodedPath = path.text.length === 0 ? "" : `/${segments.map((s) => percentDecode(source, s, path.offset, "path")).join("/")}`;

  let query = "";
  if (ref.query !== undefined) {
    checkEncoded(source, ref.query.text, ref.query.offset, QUERY_CHARS, "query");
    query = percentDecode(source, ref.query.text, ref.query.offset, "query");
  }
  let fragment = "";
  if (ref.fragment !== undefined) {
    checkEncoded(source, ref.fragment.text, ref.fragment.offset, QUERY_CHARS, "fragment");
    fragment = percentDecode(source, ref.fragment.text, ref.fragment.offset, "fragment");
  }

  return {
    url: { scheme: scheme.type },
    host: authority.host,
    port: authority.port ?? scheme.defaultPort,
    portAsString: authority.portText,
    path: decodedPath,
    query,
    fragment,
  };
}
