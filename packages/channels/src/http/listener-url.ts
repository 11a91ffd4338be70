import { isIP } from "node:net";
import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The URL of an HTTP WS_LISTENER and how a request finds its listener. WWSAPI listens through
 * HTTP.sys, so the rules are HTTP.sys's ("UrlPrefix Strings", HTTP Server API docs):
 *
 * - `http://+:port/path` — strong wildcard: "matches all possible host names".
 * - `http://name:port/path` — explicit: "matched directly against the Host headers of incoming requests".
 * - `http://127.0.0.1:port/path`, `http://[::1]:port/path` — IP-bound weak wildcard: "any host name
 *   for the specified IP interface ... not already matched by a strong-wildcard or explicit UrlPrefix".
 * - `http://*:port/path` — weak wildcard: "any host name ... not already matched" by the others.
 *
 * Routing: "starts with the strong wildcard category", then explicit, IP-bound, weak; "the request
 * is always routed to the queue associated with the longest matching UrlPrefix within a category";
 * matches are of complete path segments ("http://www.adatum.com:80/dir/app.htm [goes] to Queue1
 * because the longest complete match is with the http://www.adatum.com:80/ UrlPrefix"); the
 * relativeURI "is case-insensitive".
 *
 * WsOpenListener: "The URL may not contain a query string or fragment"; "When using IPv6
 * addresses, they must be enclosed in brackets". Port 0 (an ephemeral port, which HTTP.sys does
 * not offer) is accepted so that tests can listen without choosing a port.
 */

export type HostCategory = "strong" | "explicit" | "ip" | "weak";

/** Categories in routing order. */
export const ROUTING_ORDER: readonly HostCategory[] = ["strong", "explicit", "ip", "weak"];

export interface ListenerAddress {
  readonly scheme: "http" | "https";
  /** "+", "*", a lower-case host name, or an IP literal without brackets. */
  readonly host: string;
  readonly category: HostCategory;
  /** 0 for an ephemeral port. */
  readonly port: number;
  /** The path's segments, percent-decoded and in lower case, without empty ones. */
  readonly segments: readonly string[];
  /** The path as given (escaped form), for messages. */
  readonly path: string;
}

const URL_SHAPE = /^(https?):\/\/(\[[^\]]*\]|[^/:?#[\]]*)(?::([0-9]*))?([^?#]*)([?#].*)?$/i;

function invalid(url: string, why: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `listener URL ${JSON.stringify(url)}: ${why}`);
}

/** Parses a WsOpenListener URL for WS_HTTP_CHANNEL_BINDING. WS_E_INVALID_FORMAT says what is wrong. */
export function parseListenerUrl(url: string): ListenerAddress {
  const m = URL_SHAPE.exec(url);
  if (m === null) throw invalid(url, "expected http://host:port/path or https://host:port/path");
  const [, scheme = "", rawHost = "", portText, path = "", rest] = m;
  if (rest !== undefined) throw invalid(url, "a listener URL may not contain a query string or fragment");
  if (rawHost === "") throw invalid(url, "the host is empty");
  if (path !== "" && !path.startsWith("/")) throw invalid(url, "the path must start with /");
  let host = rawHost.toLowerCase();
  let category: HostCategory;
  if (host === "+") category = "strong";
  else if (host === "*") category = "weak";
  else if (host.startsWith("[")) {
    host = host.slice(1, -1);
    if (isIP(host) !== 6) throw invalid(url, `${rawHost} is not an IPv6 address`);
    category = "ip";
  } else if (isIP(host) === 4) category = "ip";
  else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(host)) category = "explicit";
  else throw invalid(url, `${rawHost} is not a host name, an IP address, "+" or "*"`);
  const lowerScheme = scheme.toLowerCase() as "http" | "https";
  let port = lowerScheme === "https" ? 443 : 80;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw invalid(url, `port ${JSON.stringify(portText)} must be 0 to 65535`);
    port = Number(portText);
  }
  return { scheme: lowerScheme, host, category, port, segments: pathSegments(path), path: path === "" ? "/" : path };
}

/** A request target's path as segments: query dropped, percent-decoded where well-formed, lower case, empty segments dropped. */
export function pathSegments(target: string): string[] {
  const end = target.search(/[?#]/);
  const path = end < 0 ? target : target.slice(0, end);
  const segments: string[] = [];
  for (const raw of path.split("/")) {
    if (raw === "") continue;
    let segment = raw;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // A malformed escape stays as written: it can only match a listener path written the same way.
    }
    segments.push(segment.toLowerCase());
  }
  return segments;
}

/** How many of `request`'s leading segments `prefix` matches, or -1 when it is not a prefix of it. */
export function prefixLength(prefix: readonly string[], request: readonly string[]): number {
  if (prefix.length > request.length) return -1;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== request[i]) return -1;
  return prefix.length;
}

/** Does a listener of `address` take requests with this Host name arriving on this local address? */
export function hostMatches(address: ListenerAddress, requestHost: string, localAddress: string): boolean {
  switch (address.category) {
    case "strong":
    case "weak":
      return true;
    case "explicit":
      return address.host.replace(/\.$/, "") === requestHost.replace(/\.$/, "");
    case "ip":
      return address.host === localAddress;
  }
}

/** The host name of a Host header value: port and IPv6 brackets removed, lower case. */
export function hostOfHeader(header: string | undefined): string {
  if (header === undefined) return "";
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]") < 0 ? undefined : value.indexOf("]"));
  const colon = value.lastIndexOf(":");
  return colon < 0 ? value : value.slice(0, colon);
}

/** A socket's local address as a listener URL writes it: an IPv4-mapped IPv6 address as plain IPv4. */
export function normalizeLocalAddress(address: string | undefined): string {
  if (address === undefined) return "";
  const lower = address.toLowerCase();
  return lower.startsWith("::ffff:") && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

export interface RouteCandidate<T> {
  readonly address: ListenerAddress;
  readonly target: T;
}

export type RouteResult<T> = { readonly target: T; readonly address: ListenerAddress } | { readonly status: 400 | 404 };

/**
 * The listener a request goes to, by category order and longest prefix. No listener whose host
 * matches: 400 (HTTP.sys's "the request cannot be routed"); a host that matches but no path: 404.
 */
export function route<T>(
  candidates: Iterable<RouteCandidate<T>>,
  requestHost: string,
  localAddress: string,
  segments: readonly string[],
): RouteResult<T> {
  const list = [...candidates];
  let hostMatched = false;
  for (const category of ROUTING_ORDER) {
    let best: RouteCandidate<T> | null = null;
    let bestLength = -1;
    for (const candidate of list) {
      if (candidate.address.category !== category || !hostMatches(candidate.address, requestHost, localAddress)) continue;
      hostMatched = true;
      const length = prefixLength(candidate.address.segments, segments);
      if (length > bestLength) {
        best = candidate;
        bestLength = length;
      }
    }
    if (best !== null) return { target: best.target, address: best.address };
  }
  return { status: hostMatched ? 404 : 400 };
}

/** True when two addresses would register the same UrlPrefix (same category, host and path). */
export function samePrefix(a: ListenerAddress, b: ListenerAddress): boolean {
  return (
    a.category === b.category &&
    a.host === b.host &&
    a.segments.length === b.segments.length &&
    prefixLength(a.segments, b.segments) === a.segments.length
  );
}
