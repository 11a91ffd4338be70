import { E_INVALIDARG, WS_E_INVALID_ENDPOINT_URL } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { EnvelopeEncodingRecord } from "../framing/records.js";
import { KnownEncoding } from "../framing/records.js";

/**
 * What the channel core decides for a net.tcp transport (WS_TCP_CHANNEL_BINDING,
 * WS_CHANNEL_TYPE_DUPLEX_SESSION) from the channel's or listener's properties, and hands to
 * createTcpSessionTransport / createTcpListenerTransport. Every field has WWSAPI's default, so `{
 * address }` is a complete client configuration.
 *
 * Timeouts are milliseconds; undefined or Infinity is "no timeout" (WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS
 * FALSE). The channel core also cancels through the AbortSignal of each call; the transport applies
 * these on top of it so that a transport used on its own still times out, and so that the listener
 * side (which has no channel yet while it reads a preamble) has a bound.
 */
export interface TcpTimeouts {
  /** WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT: TCP connect plus the preamble and its ack. */
  readonly connect?: number;
  /** WS_CHANNEL_PROPERTY_SEND_TIMEOUT: writing one message (or the End record). */
  readonly send?: number;
  /** WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT: waiting for and reading one message. */
  readonly receive?: number;
  /** WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT: sending End and waiting for the peer's End. */
  readonly close?: number;
}

export interface TcpSessionTransportOptions {
  /** The endpoint: `net.tcp://host:port/path`. It is also the Via of the preamble, as given. */
  readonly address: string;
  readonly timeouts?: TcpTimeouts;
  /** WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE (default 65536): the largest envelope sent or accepted. */
  readonly maxBufferedMessageSize?: number;
  /**
   * The Envelope Encoding Record of the preamble. Default: Known Encoding 0x08, binary with in-band
   * dictionary, what WS_ENCODING_XML_BINARY_SESSION_1 (the TCP default of WS_CHANNEL_PROPERTY_ENCODING)
   * is announced as.
   */
  readonly encoding?: EnvelopeEncodingRecord;
  /**
   * WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES (default FALSE, "SO_KEEPALIVE") with
   * WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME (default 2 hours): TCP keep-alive probes after that much idle
   * time. Node does not expose the probe interval (WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL).
   */
  readonly keepAlive?: { readonly enabled: boolean; readonly time?: number };
}

export interface TcpListenerTransportOptions {
  /**
   * WS_LISTENER_PROPERTY_CONNECT_TIMEOUT (default 15000 ms): how long a new connection may take to
   * complete its preamble before it is closed.
   */
  readonly connectTimeout?: number;
  /** The timeouts of the accepted session transports (receive, send, close). */
  readonly timeouts?: TcpTimeouts;
  readonly maxBufferedMessageSize?: number;
  /** The envelope encodings this endpoint reads. Default: the binary session encoding, known (0x08) or as its content type. */
  readonly acceptEncoding?: (encoding: EnvelopeEncodingRecord) => boolean;
  readonly keepAlive?: { readonly enabled: boolean; readonly time?: number };
  /**
   * WS_LISTENER_PROPERTY_LISTEN_BACKLOG: "the maximum length of the queue of pending connections"
   * (no default documented; undefined leaves Node's, 511, which the kernel caps at SOMAXCONN). The
   * first listener on a port decides it for the port.
   */
  readonly listenBacklog?: number;
}

export const DEFAULT_MAX_BUFFERED_MESSAGE_SIZE = 65536;
export const DEFAULT_LISTENER_CONNECT_TIMEOUT = 15000;
export const DEFAULT_KEEP_ALIVE_TIME = 2 * 60 * 60 * 1000;
export const BINARY_SESSION_CONTENT_TYPE = "application/soap+msbinsession1";

/** Accepts Known Encoding 0x08 and an Extensible Encoding Record naming application/soap+msbinsession1. */
export function acceptsBinarySession(encoding: EnvelopeEncodingRecord): boolean {
  return encoding.type === "known-encoding"
    ? encoding.encoding === KnownEncoding.BinarySession
    : encoding.contentType === BINARY_SESSION_CONTENT_TYPE;
}

/** The parts of a net.tcp URL a transport needs. */
export interface TcpEndpoint {
  /** undefined for the wildcards `+` and `*` of a listener URL: every interface. */
  readonly host: string | undefined;
  readonly port: number;
  readonly path: string;
}

/** The default port of net.tcp URLs (WS_URL_NETTCP_SCHEME_TYPE, WsDecodeUrl). */
export const NET_TCP_DEFAULT_PORT = 808;

/** Parses `net.tcp://host[:port]/path`; anything else is WS_E_INVALID_ENDPOINT_URL. */
export function parseTcpUrl(url: string, scheme = "net.tcp:"): TcpEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WsError(WS_E_INVALID_ENDPOINT_URL, `net.tcp: ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== scheme) {
    throw new WsError(WS_E_INVALID_ENDPOINT_URL, `net.tcp: ${JSON.stringify(url)} is not a ${scheme}// URL`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw new WsError(WS_E_INVALID_ENDPOINT_URL, `net.tcp: ${JSON.stringify(url)} has no host`);
  const port = parsed.port === "" ? NET_TCP_DEFAULT_PORT : Number(parsed.port);
  return { host: host === "+" || host === "*" ? undefined : host, port, path: parsed.pathname || "/" };
}

/** A timeout option: a non-negative number of milliseconds, or undefined/Infinity for none. */
export function checkTimeout(value: number | undefined, name: string): number | undefined {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return undefined;
  if (typeof value !== "number" || !(value >= 0))
    throw new WsError(E_INVALIDARG, `net.tcp: the ${name} timeout must be a number of milliseconds, not ${String(value)}`);
  return value;
}

export function checkSize(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 0xffffffff) {
    throw new WsError(E_INVALIDARG, `net.tcp: ${name} must be an integer from 1 to 0xFFFFFFFF, not ${String(value)}`);
  }
  return value;
}
