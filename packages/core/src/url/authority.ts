/**
 * The authority component (RFC 3986 §3.2) as WWSAPI accepts it: host and optional port, no userinfo.
 * Shared by WsDecodeUrl and WsCombineUrl so both refuse the same authorities with the same messages.
 */
import { WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { IP_LITERAL_CHARS, isDigit, REG_NAME_CHARS } from "./char-classes.js";
import { checkEncoded, percentDecode } from "./percent-encoding.js";
import type { Span } from "./uri-reference.js";
import { errorAt, quote, type UrlSource } from "./url-errors.js";
import { WS_URL_FLAGS_ALLOW_HOST_WILDCARDS } from "./url-types.js";

export interface Authority {
  /** The decoded host name, or for an IP literal the text between the brackets as written. */
  readonly host: string;
  readonly isIpLiteral: boolean;
  /** The port as written; empty when there is no ":" or nothing after it. */
  readonly portText: string;
  /** The port's value; undefined when `portText` is empty. */
  readonly port: number | undefined;
}

const MAX_PORT = 0xffff;

export function parseAuthority(source: UrlSource, span: Span, flags: number): Authority {
  const text = span.text;

  // WsDecodeUrl's remarks: "The userinfo part of authority (for example, userinfo@hostname:port) is
  // not supported."
  const at = text.indexOf("@");
  if (at >= 0) {
    throw errorAt(WS_E_INVALID_FORMAT, source, `userinfo ${quote(text.slice(0, at + 1))}`, span.offset, "userinfo@host is not supported");
  }
  if (text.length === 0) {
    throw errorAt(WS_E_INVALID_FORMAT, source, "empty host", span.offset, "a non-empty host name is required");
  }

  let host: string;
  let isIpLiteral = false;
  let portStart: number; // index in `text` of the ":" before the port, or text.length

  if (text.startsWith("[")) {
    // WsDecodeUrl's remarks: for the IP-literal production all the characters demarcated by "[" and
    // "]" are returned, without enforcing the IPv6address production.
    const close = text.indexOf("]");
    if (close < 0) {
      throw errorAt(WS_E_INVALID_FORMAT, source, "unterminated IP literal", span.offset, `"[" has no matching "]"`);
    }
    const inner = text.slice(1, close);
    if (inner.length === 0) {
      throw errorAt(WS_E_INVALID_FORMAT, source, "empty IP literal", span.offset, "a non-empty host name is required");
    }
    checkEncoded(source, inner, span.offset + 1, IP_LITERAL_CHARS, "IP literal");
    if (close + 1 < text.length && text.charAt(close + 1) !== ":") {
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `unexpected ${quote(text.charAt(close + 1))} after the IP literal`,
        span.offset + close + 1,
        `only ":" and a port may follow "]"`,
      );
    }
    host = inner;
    isIpLiteral = true;
    portStart = close + 1;
  } else {
    const colon = text.indexOf(":");
    portStart = colon < 0 ? text.length : colon;
    const raw = text.slice(0, portStart);
    if (raw.length === 0) {
      throw errorAt(WS_E_INVALID_FORMAT, source, "empty host", span.offset, "a non-empty host name is required");
    }
    checkEncoded(source, raw, span.offset, REG_NAME_CHARS, "host");
    host = percentDecode(source, raw, span.offset, "host");
    // WS_URL_FLAGS: "The wild cards '*' and '+' should be accepted for the hostname" only with
    // WS_URL_FLAGS_ALLOW_HOST_WILDCARDS. A wildcard is the whole host name; "*" or "+" inside a longer
    // name is an ordinary reg-name sub-delim (RFC 3986 §3.2.2).
    if ((host === "*" || host === "+") && (flags & WS_URL_FLAGS_ALLOW_HOST_WILDCARDS) === 0) {
      throw errorAt(
        WS_E_INVALID_FORMAT,
        source,
        `host wildcard ${quote(host)}`,
        span.offset,
        "wildcards are accepted only with WS_URL_FLAGS_ALLOW_HOST_WILDCARDS",
      );
    }
  }

  const portText = text.slice(portStart + 1);
  const portOffset = span.offset + portStart + 1;
  let port: number | undefined;
  if (portText.length > 0) {
    let value = 0;
    for (let i = 0; i < portText.length; i++) {
      const code = portText.charCodeAt(i);
      if (!isDigit(code)) {
        throw errorAt(WS_E_INVALID_FORMAT, source, `invalid port ${quote(portText)}`, portOffset, "must be decimal digits");
      }
      // Stop accumulating once out of range so a long run of digits cannot lose precision.
      if (value <= MAX_PORT) value = value * 10 + (code - 0x30);
    }
    if (value > MAX_PORT) {
      throw errorAt(WS_E_INVALID_FORMAT, source, `invalid port ${quote(portText)}`, portOffset, `must be 0-${MAX_PORT}`);
    }
    port = value;
  }
  return { host, isIpLiteral, portText, port };
}
