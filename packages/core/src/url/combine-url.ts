/**
 * WsCombineUrl: resolves a reference URL against an absolute base URL (RFC 3986 §5.2).
 *
 * Reference: the WsCombineUrl and WS_URL_FLAGS pages of the Windows SDK docs. Both URLs are in encoded
 * form and the result is too; nothing is unescaped or re-escaped, only checked. Only WWSAPI's schemes
 * are accepted, for the base and for an absolute reference alike ("The base URL or reference URL ...
 * had a scheme that was not recognized" is WS_E_INVALID_FORMAT).
 */
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { parseAuthority } from "./authority.js";
import { PATH_CHARS, QUERY_CHARS } from "./char-classes.js";
import { removeDotSegments } from "./dot-segments.js";
import { checkEncoded, percentDecode } from "./percent-encoding.js";
import { type Span, splitUriReference, type UriReference } from "./uri-reference.js";
import { checkFlags, errorAt, quote, type UrlSource, urlError } from "./url-errors.js";
import { SCHEME_NAMES, schemeByName } from "./url-schemes.js";
import { WS_URL_FLAGS_NO_PATH_COLLAPSE } from "./url-types.js";

const API = "WsCombineUrl";

/** Checks one encoded component: allowed characters, well-formed escapes, escapes that are UTF-8. */
function checkComponent(source: UrlSource, span: Span | undefined, component: string, chars: typeof PATH_CHARS): void {
  if (span === undefined) return;
  checkEncoded(source, span.text, span.offset, chars, component);
  percentDecode(source, span.text, span.offset, component);
}

/**
 * Parses and checks a URL. An absolute one (with a scheme) must be one WsDecodeUrl would accept:
 * a recognized scheme, "//" and a valid authority.
 */
function parse(source: UrlSource, flags: number): UriReference {
  const ref = splitUriReference(source);
  if (ref.scheme !== undefined) {
    if (schemeByName(ref.scheme.text) === undefined) {
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `unrecognized scheme ${quote(ref.scheme.text)}`,
        0,
        `supported schemes are ${SCHEME_NAMES}`,
      );
    }
    if (ref.authority === undefined) {
      // RFC 3986 §5.4.2 lets a strict parser return "http:g" as is, but an http URL without "//" and a
      // host is not one WWSAPI can use, so it is refused like WsDecodeUrl refuses it.
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `missing "//" after ${quote(`${ref.scheme.text}:`)}`,
        ref.path.offset,
        `absolute ${ref.scheme.text.toLowerCase()} URLs need "//" and a host name`,
      );
    }
  }
  if (ref.authority !== undefined) parseAuthority(source, ref.authority, flags);
  checkComponent(source, ref.path, "path", PATH_CHARS);
  checkComponent(source, ref.query, "query", QUERY_CHARS);
  checkComponent(source, ref.fragment, "fragment", QUERY_CHARS);
  return ref;
}

/** RFC 3986 §5.2.3: the reference's path appended to the base path's directory. */
function merge(base: UriReference, refPath: string): string {
  if (base.authority !== undefined && base.path.text.length === 0) return `/${refPath}`;
  const dir = base.path.text.slice(0, base.path.text.lastIndexOf("/") + 1);
  return dir + refPath;
}

/**
 * Resolves `referenceUrl` against `baseUrl` by RFC 3986 §5.2.2 and recomposes it by §5.3.
 *
 * - An absolute reference is returned unchanged "if the specified flags permit": its path has dot
 *   segments removed unless WS_URL_FLAGS_NO_PATH_COLLAPSE is given, as every result path does.
 * - A host of "*" or "+" in either URL needs WS_URL_FLAGS_ALLOW_HOST_WILDCARDS.
 * - WS_URL_FLAGS_ZERO_TERMINATE has no meaning for a JS string and is ignored.
 *
 * @throws WsError E_INVALIDARG for non-string arguments or unknown flag bits; WS_E_INVALID_FORMAT when
 * the base is not an absolute URL of a recognized scheme, or either URL is malformed.
 */
export function combineUrl(baseUrl: string, referenceUrl: string, flags: number): string {
  checkFlags(API, flags);
  if (typeof baseUrl !== "string") {
    throw urlError(E_INVALIDARG, API, `baseUrl must be a string, not ${baseUrl === null ? "null" : typeof baseUrl}`);
  }
  if (typeof referenceUrl !== "string") {
    throw urlError(E_INVALIDARG, API, `referenceUrl must be a string, not ${referenceUrl === null ? "null" : typeof referenceUrl}`);
  }

  const baseSource: UrlSource = { api: API, input: baseUrl, label: "base URL " };
  const base = parse(baseSource, flags);
  if (base.scheme === undefined) {
    throw errorAt(
      WS_E_INVALID_FORMAT,
      baseSource,
      "missing scheme",
      0,
      `the base URL must be absolute, starting with one of ${SCHEME_NAMES} and ":"`,
    );
  }
  const ref = parse({ api: API, input: referenceUrl, label: "reference URL " }, flags);

  const collapse = (path: string): string => ((flags & WS_URL_FLAGS_NO_PATH_COLLAPSE) !== 0 ? path : removeDotSegments(path));

  // RFC 3986 §5.2.2, with "undefined" for a component that is absent (as opposed to empty).
  let scheme: string;
  let authority: string | undefined;
  let path: string;
  let query: string | undefined;
  if (ref.scheme !== undefined) {
    scheme = ref.scheme.text;
    authority = ref.authority?.text;
    path = collapse(ref.path.text);
    query = ref.query?.text;
  } else {
    scheme = base.scheme.text;
    if (ref.authority !== undefined) {
      authority = ref.authority.text;
      path = collapse(ref.path.text);
      query = ref.query?.text;
    } else {
      authority = base.authority?.text;
      if (ref.path.text.length === 0) {
        path = base.path.text;
        query = ref.query !== undefined ? ref.query.text : base.query?.text;
      } else {
        path = collapse(ref.path.text.startsWith("/") ? ref.path.text : merge(base, ref.path.text));
        query = ref.query?.text;
      }
    }
  }
  const fragment = ref.fragment?.text;

  // RFC 3986 §5.3 recomposition.
  let out = `${scheme}:`;
  if (authority !== undefined) out += `//${authority}`;
  out += path;
  if (query !== undefined) out += `?${query}`;
  if (fragment !== undefined) out += `#${fragment}`;
  return out;
}
