import { malformed } from "./mime-errors.js";
import type { HeaderField } from "./mime-headers.js";

/** A Content-Type value: `type/subtype` in lower case and its parameters (names in lower case). */
export interface ContentType {
  mediaType: string;
  params: Map<string, string>;
}

/** RFC 2045 §5.1 tspecials, which a token cannot contain. */
const TSPECIALS = '()<>@,;:\\"/[]?=';

const isTokenChar = (c: string) => c > " " && c < "\u007f" && !TSPECIALS.includes(c);
/**
 * An unquoted parameter value: a token, and also '/' and the other tspecials but the separators,
 * as senders write them (`type=application/xop+xml`, unquoted, is in the golden captures of WCF).
 */
const isValueChar = (c: string) => c > " " && c < "\u007f" && c !== ";" && c !== '"' && c !== ",";

/**
 * Parses a Content-Type field (RFC 2045 §5.1): `type "/" subtype *(";" attribute "=" value)`, a
 * value being a token or a quoted string (whose backslash escapes are undone). White space may
 * surround the separators, as in `multipart/related; type="application/xop+xml"`. `what` names
 * the field in messages; errors give the byte where the field's line starts. Unquoted values are
 * read leniently (isValueChar).
 */
export function parseContentType(field: HeaderField, what: string): ContentType {
  const text = field.value;
  let at = 0;
  const fail = (why: string): never => {
    throw malformed(`${what} "${text}" is not a valid Content-Type: ${why}`, field.offset);
  };
  const skipSpaces = () => {
    while (text[at] === " " || text[at] === "\t") at++;
  };
  const token = (name: string, accept = isTokenChar): string => {
    const start = at;
    while (at < text.length && accept(text[at]!)) at++;
    if (at === start) fail(`${name} is missing at character ${start}`);
    return text.slice(start, at);
  };
  const type = token("the media type");
  if (text[at] !== "/") fail(`'/' must follow the type "${type}"`);
  at++;
  const mediaType = `${type}/${token("the subtype")}`.toLowerCase();
  const params = new Map<string, string>();
  for (;;) {
    skipSpaces();
    if (at >= text.length) return { mediaType, params };
    if (text[at] !== ";") fail(`';' or the end was expected at character ${at}`);
    at++;
    skipSpaces();
    if (at >= text.length) return { mediaType, params }; // a trailing ';' is harmless
    const name = token("a parameter name").toLowerCase();
    skipSpaces();
    if (text[at] !== "=") fail(`'=' must follow the parameter "${name}"`);
    at++;
    skipSpaces();
    let value = "";
    if (text[at] === '"') {
      at++;
      for (;;) {
        const c = text[at];
        if (c === undefined) fail(`the quoted value of "${name}" is not closed`);
        at++;
        if (c === '"') break;
        value += c === "\\" && at < text.length ? text[at++] : c;
      }
    } else {
      value = token(`the value of "${name}"`, isValueChar);
    }
    if (params.has(name)) fail(`the parameter "${name}" is given twice`);
    params.set(name, value);
  }
}
