import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/** A received Content-Type: the media type in lower case and its parameters (names in lower case, values unquoted). */
export interface ParsedContentType {
  readonly mediaType: string;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Parses an HTTP Content-Type value (RFC 9110 §8.3: `type/subtype *( OWS ";" OWS name=value )`,
 * a value a token or a quoted string). Lenient about unquoted values with '/' in them
 * (`type=application/xop+xml`, as WCF writes it). WS_E_INVALID_FORMAT when it is not one.
 */
export function parseContentType(value: string): ParsedContentType {
  const fail = (why: string): never => {
    throw new WsError(WS_E_INVALID_FORMAT, `The Content-Type "${value}" is not valid: ${why}.`);
  };
  const semicolon = value.indexOf(";");
  const mediaType = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(mediaType)) fail("no type/subtype");
  const params = new Map<string, string>();
  let at = semicolon < 0 ? value.length : semicolon + 1;
  // Bounded: every turn consumes at least one character or ends.
  while (at < value.length) {
    while (value[at] === " " || value[at] === "\t") at++;
    if (at >= value.length) break;
    const eq = value.indexOf("=", at);
    if (eq < 0) fail(`parameter without '=' at character ${at}`);
    const name = value.slice(at, eq).trim().toLowerCase();
    if (name === "") fail(`empty parameter name at character ${at}`);
    at = eq + 1;
    while (value[at] === " " || value[at] === "\t") at++;
    let parameter = "";
    if (value[at] === '"') {
      at++;
      for (;;) {
        if (at >= value.length) fail(`unterminated quoted string in parameter "${name}"`);
        const c = value[at]!;
        if (c === '"') break;
        if (c === "\\" && at + 1 < value.length) at++;
        parameter += value[at];
        at++;
      }
      at++;
      while (value[at] === " " || value[at] === "\t") at++;
      if (at < value.length && value[at] !== ";") fail(`';' expected after parameter "${name}" at character ${at}`);
    } else {
      const end = value.indexOf(";", at);
      parameter = (end < 0 ? value.slice(at) : value.slice(at, end)).trim();
      at = end < 0 ? value.length : end;
    }
    at++;
    params.set(name, parameter);
  }
  return { mediaType, params };
}

/** Quotes a parameter value (RFC 9110 quoted-string). */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}
