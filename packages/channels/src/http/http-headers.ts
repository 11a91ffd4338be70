import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The two HTTP headers SOAP cares about, for the encoders and the channel core: SOAPAction (SOAP
 * 1.1 carries the action there, quoted) and Content-Type (media type, charset, SOAP 1.2's action
 * parameter, MTOM's boundary/start/start-info/type). Grammar of RFC 9110 §5.6 and §8.3.1:
 *
 *   media-type = type "/" subtype *( OWS ";" OWS parameter )
 *   parameter  = token "=" ( token / quoted-string )
 *
 * Parsing is strict about what would change the meaning (a missing "/", an unterminated quoted
 * string, a parameter without "=") and lenient about what does not (empty parameters ";;", a
 * trailing ";", white space), as WCF and WWSAPI peers send both.
 */

/** tchar of RFC 9110 §5.6.2. */
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function formatError(what: string, value: string, offset: number, why: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `${what} ${JSON.stringify(value)}: ${why} at offset ${offset}`);
}

export function isToken(text: string): boolean {
  return TCHAR.test(text);
}

/** A quoted-string: `"` + the text with `"` and `\` escaped + `"`. */
export function quoteString(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * The SOAPAction header value for an action: always a quoted string, `""` for none ("SOAPAction:
 * \"\"" is SOAP 1.1 §6.1.1's "the intent of the message is provided by the HTTP Request-URI").
 */
export function quoteSoapAction(action: string | null): string {
  return quoteString(action ?? "");
}

/**
 * The action a SOAPAction header names: the content of its quoted string ("" gives ""), or the
 * value as it is when a peer sent it unquoted. WS_E_INVALID_FORMAT for an unterminated quote or
 * text after the closing quote.
 */
export function unquoteSoapAction(header: string): string {
  const value = header.trim();
  if (!value.startsWith('"')) return value;
  const { text, end } = readQuotedString("SOAPAction", value, 0);
  if (value.slice(end).trim() !== "") throw formatError("SOAPAction", header, end, "text after the closing quote");
  return text;
}

/** Reads a quoted-string starting at `start` (the opening quote); returns its text and the offset after the closing quote. */
function readQuotedString(what: string, source: string, start: number): { text: string; end: number } {
  let text = "";
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"') return { text, end: i + 1 };
    if (c === "\\") {
      if (i + 1 >= source.length) break;
      text += source[i + 1];
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  throw formatError(what, source, start, "unterminated quoted string");
}

/** A parsed Content-Type. Parameter names are lower case; values are unquoted, case kept. */
export interface ContentType {
  /** type/subtype in lower case: `text/xml`, `application/soap+xml`, `multipart/related`. */
  readonly mediaType: string;
  readonly parameters: ReadonlyMap<string, string>;
  /** The charset parameter in lower case, or null. */
  readonly charset: string | null;
  /** SOAP 1.2's action parameter (RFC 3902), or null. */
  readonly action: string | null;
  /** multipart: the boundary, or null. */
  readonly boundary: string | null;
  /** MTOM (multipart/related): the Content-ID of the root part, `<...>` as sent, or null. */
  readonly start: string | null;
  /** MTOM: start-info, the root part's media type, or null. */
  readonly startInfo: string | null;
  /** multipart/related: type, `application/xop+xml` for MTOM, or null. */
  readonly type: string | null;
}

const WS = /[ \t]/;

/** Parses a Content-Type header value; WS_E_INVALID_FORMAT names the offset of what is wrong. */
export function parseContentType(header: string): ContentType {
  const what = "Content-Type";
  let i = 0;
  const skipWs = () => {
    while (i < header.length && WS.test(header[i]!)) i++;
  };
  const readToken = () => {
    const from = i;
    while (i < header.length && TCHAR.test(header[i]!)) i++;
    return header.slice(from, i);
  };
  skipWs();
  const type = readToken();
  if (type === "") throw formatError(what, header, i, "expected a media type");
  if (header[i] !== "/") throw formatError(what, header, i, 'expected "/" after the type');
  i++;
  const subtype = readToken();
  if (subtype === "") throw formatError(what, header, i, "expected a subtype");
  const parameters = new Map<string, string>();
  for (;;) {
    skipWs();
    if (i >= header.length) break;
    if (header[i] !== ";") throw formatError(what, header, i, 'expected ";" before a parameter');
    i++;
    skipWs();
    if (i >= header.length || header[i] === ";") continue;
    const nameAt = i;
    const name = readToken();
    if (name === "") throw formatError(what, header, i, "expected a parameter name");
    if (header[i] !== "=") throw formatError(what, header, i, `expected "=" after parameter ${name}`);
    i++;
    let value: string;
    if (header[i] === '"') {
      const quoted = readQuotedString(what, header, i);
      value = quoted.text;
      i = quoted.end;
    } else {
      value = readToken();
      if (value === "") throw formatError(what, header, i, `expected a value for parameter ${name}`);
    }
    const key = name.toLowerCase();
    if (parameters.has(key)) throw formatError(what, header, nameAt, `parameter ${name} is repeated`);
    parameters.set(key, value);
  }
  const get = (name: string) => parameters.get(name) ?? null;
  return {
    mediaType: `${type}/${subtype}`.toLowerCase(),
    parameters,
    charset: get("charset")?.toLowerCase() ?? null,
    action: get("action"),
    boundary: get("boundary"),
    start: get("start"),
    startInfo: get("start-info"),
    type: get("type"),
  };
}

/**
 * A Content-Type value from a media type and parameters, in the form WCF and WWSAPI send:
 * `type/subtype; name=value; name="quoted value"`. A value is quoted when it is not a token, or
 * always when `quoted` names the parameter (action, start and type are quoted by convention).
 */
export function formatContentType(
  mediaType: string,
  parameters: Iterable<readonly [string, string]>,
  quoted: ReadonlySet<string> = QUOTED_BY_CONVENTION,
): string {
  let text = mediaType;
  for (const [name, value] of parameters) {
    const mustQuote = quoted.has(name.toLowerCase()) || !isToken(value);
    text += `; ${name}=${mustQuote ? quoteString(value) : value}`;
  }
  return text;
}

const QUOTED_BY_CONVENTION: ReadonlySet<string> = new Set(["action", "start", "start-info", "type", "boundary"]);
