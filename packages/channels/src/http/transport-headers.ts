import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * Header names the transport owns: framing and connection management (RFC 9110 §7.6.1, RFC 9112)
 * follow from the body and keep-alive, Host from the URL. A message or option naming one is the
 * caller's mistake (E_INVALIDARG), never silently sent twice.
 */
const TRANSPORT_OWNED: ReadonlySet<string> = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "upgrade",
  "te",
  "trailer",
]);

const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5: field values are visible ASCII/obs-text, space and tab; CR, LF and NUL would split the head.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Adds `name: value` to `headers` (lower-case name), checking both; `override` false keeps an existing value. */
export function addHeader(headers: Record<string, string>, name: string, value: string, override = true): void {
  const key = name.toLowerCase();
  if (!FIELD_NAME.test(name)) throw new WsError(E_INVALIDARG, `HTTP header name ${JSON.stringify(name)} is not a token`);
  if (TRANSPORT_OWNED.has(key)) throw new WsError(E_INVALIDARG, `HTTP header ${name} is set by the transport, not by a message`);
  if (!FIELD_VALUE.test(value))
    throw new WsError(E_INVALIDARG, `HTTP header ${name} has a value with a control character or a character above U+00FF`);
  if (!override && key in headers) return;
  headers[key] = value;
}

/** Response or request headers as the seam's `httpHeaders`: names in lower case, repeated fields joined with ", ". */
export function headerMap(headers: Readonly<Record<string, string | string[] | undefined>>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
  }
  return map;
}
