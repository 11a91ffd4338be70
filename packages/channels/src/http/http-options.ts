import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_AUTO_COOKIE_MODE,
  WS_BUFFERED_TRANSFER_MODE,
  type WS_COOKIE_MODE,
  type WS_CUSTOM_HTTP_PROXY,
  type WS_HTTP_PROXY_SETTING_MODE,
  WS_HTTP_PROXY_SETTING_MODE_AUTO,
  WS_HTTP_PROXY_SETTING_MODE_CUSTOM,
  WS_HTTP_PROXY_SETTING_MODE_NONE,
  WS_STREAMED_INPUT_TRANSFER_MODE,
  WS_STREAMED_OUTPUT_TRANSFER_MODE,
  type WS_TRANSFER_MODE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * What the channel core decides from WS_CHANNEL_PROPERTY_* / WS_LISTENER_PROPERTY_* and hands to
 * the HTTP transports. Every field is optional; a missing one takes the default the property's
 * documentation gives (ne-webservices-ws_channel_property_id, ne-webservices-ws_listener_property_id).
 * Timeouts are milliseconds; INFINITE (0xFFFFFFFF) means none, as in the C API.
 */

/** The C API's INFINITE: "the value INFINITE indicates no timeout". */
export const INFINITE = 0xffffffff;

/** WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE: "The default value is 65536." */
export const DEFAULT_MAX_BUFFERED_MESSAGE_SIZE = 65536;
/** WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE: "The default value is 4194304." */
export const DEFAULT_MAX_STREAMED_MESSAGE_SIZE = 4194304;
/** Connect, send, receive-response, receive and close timeouts: "The default value is 30000 (30 seconds)." */
export const DEFAULT_TIMEOUT = 30000;
/** WS_LISTENER_PROPERTY_CLOSE_TIMEOUT: "The default timeout value is 5000 (5 seconds)." */
export const DEFAULT_LISTENER_CLOSE_TIMEOUT = 5000;
/**
 * How many accepted-by-the-socket but not yet accepted-by-WsAcceptChannel requests a listener
 * queues before answering 503. HTTP.sys's request queue length (HttpServerQueueLengthProperty)
 * defaults to 1000 and answers 503 beyond it; WWSAPI listens through HTTP.sys.
 */
export const DEFAULT_MAX_QUEUED_REQUESTS = 1000;

/** TLS settings of an https channel (the client side). */
export interface HttpClientTlsOptions {
  /** The trusted roots, PEM; the system's when absent. */
  readonly ca?: string | Uint8Array | readonly (string | Uint8Array)[];
  /** A client certificate and key, PEM (WS_SSL_TRANSPORT_SECURITY_BINDING with a local certificate). */
  readonly cert?: string | Uint8Array;
  readonly key?: string | Uint8Array;
  /** The name the server certificate must carry, when it differs from the URL's host. */
  readonly servername?: string;
}

/** Options of `createHttpRequestTransport` (WS_CHANNEL_TYPE_REQUEST over WS_HTTP_CHANNEL_BINDING). */
export interface HttpRequestTransportOptions {
  /** The endpoint address URL (http: or https:), as passed to WsOpenChannel. */
  readonly url: string;
  /** WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT: "resolving the DNS name". Default INFINITE. */
  readonly resolveTimeout?: number;
  /** WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT: "to connect to the HTTP server". Default 30000. */
  readonly connectTimeout?: number;
  /** WS_CHANNEL_PROPERTY_SEND_TIMEOUT: "sending the HTTP headers and the bytes of the message". Default 30000. */
  readonly sendTimeout?: number;
  /** WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT: "waiting for all the response headers". Default 30000. */
  readonly receiveResponseTimeout?: number;
  /** WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT: "receiving the bytes of the message". Default 30000. */
  readonly receiveTimeout?: number;
  /** WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT: bounds how long close spends discarding an unread reply. Default 30000. */
  readonly closeTimeout?: number;
  /** WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, for buffered input. Default 65536. */
  readonly maxBufferedMessageSize?: number;
  /** WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE, for streamed input. Default 4194304. */
  readonly maxStreamedMessageSize?: number;
  /**
   * WS_CHANNEL_PROPERTY_TRANSFER_MODE (flags): with WS_STREAMED_INPUT_TRANSFER_MODE a received
   * body is an AsyncIterable; with WS_STREAMED_OUTPUT_TRANSFER_MODE a sent AsyncIterable body goes
   * out chunked. Default WS_BUFFERED_TRANSFER_MODE.
   */
  readonly transferMode?: WS_TRANSFER_MODE;
  /** HTTP persistent connections (WinHTTP keeps them by default). Default true. */
  readonly keepAlive?: boolean;
  /** WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS: connections per server; INFINITE (the default) for no limit. */
  readonly maxServerConnections?: number;
  /** WS_CHANNEL_PROPERTY_COOKIE_MODE. Default WS_AUTO_COOKIE_MODE. */
  readonly cookieMode?: WS_COOKIE_MODE;
  /** WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE. Default WS_HTTP_PROXY_SETTING_MODE_AUTO. */
  readonly proxySettingMode?: WS_HTTP_PROXY_SETTING_MODE;
  /** WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY; required with WS_HTTP_PROXY_SETTING_MODE_CUSTOM. */
  readonly customProxy?: WS_CUSTOM_HTTP_PROXY;
  /** WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT. Default false; true is not implemented yet. */
  readonly enableRedirect?: boolean;
  /** Headers added to every request (names in any case), after the message's own. */
  readonly extraHeaders?: ReadonlyMap<string, string>;
  readonly tls?: HttpClientTlsOptions;
}

/** TLS settings of an https listener: what `netsh http add sslcert` binds to the port for HTTP.sys. */
export interface HttpServerTlsOptions {
  readonly cert: string | Uint8Array;
  readonly key: string | Uint8Array;
}

/** Options of `createHttpListenerTransport` (WS_LISTENER over WS_HTTP_CHANNEL_BINDING). */
export interface HttpListenerTransportOptions {
  /**
   * WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE of the accepted channels. Default 65536. When
   * given here, a request whose Content-Length is above it is also refused (413) on arrival,
   * before any accept; an accepted channel's own quota (accept's channelOptions) applies when it
   * receives, and a body above that is answered 413 then.
   */
  readonly maxBufferedMessageSize?: number;
  readonly maxStreamedMessageSize?: number;
  /** WS_CHANNEL_PROPERTY_TRANSFER_MODE of the accepted channels. Default WS_BUFFERED_TRANSFER_MODE. */
  readonly transferMode?: WS_TRANSFER_MODE;
  /** WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT of the accepted channels: reading a request body. Default 30000. */
  readonly receiveTimeout?: number;
  /** WS_CHANNEL_PROPERTY_SEND_TIMEOUT of the accepted channels: writing the response. Default 30000. */
  readonly sendTimeout?: number;
  /** WS_LISTENER_PROPERTY_CLOSE_TIMEOUT: how long close lets clients finish receiving responses. Default 5000. */
  readonly closeTimeout?: number;
  /**
   * WS_LISTENER_PROPERTY_TRANSPORT_URL_MATCHING_OPTIONS, path part: "exact" (WS_MATCH_URL_EXACT_PATH,
   * in the default) answers 404 to a request routed here whose path is longer than the listener's;
   * "prefix" (WS_MATCH_URL_PREFIX_PATH) accepts it.
   */
  readonly pathMatching?: "exact" | "prefix";
  /** Requests queued for accept beyond this are answered 503. Default 1000 (HTTP.sys's queue length). */
  readonly maxQueuedRequests?: number;
  /** Required for an https: URL. */
  readonly tls?: HttpServerTlsOptions;
}

/** Every option of the request transport with its default applied. */
export interface ResolvedRequestOptions {
  readonly url: URL;
  readonly resolveTimeout: number;
  readonly connectTimeout: number;
  readonly sendTimeout: number;
  readonly receiveResponseTimeout: number;
  readonly receiveTimeout: number;
  readonly closeTimeout: number;
  readonly maxBufferedMessageSize: number;
  readonly maxStreamedMessageSize: number;
  readonly streamedInput: boolean;
  readonly streamedOutput: boolean;
  readonly keepAlive: boolean;
  readonly maxServerConnections: number;
  readonly autoCookies: boolean;
  readonly proxySettingMode: WS_HTTP_PROXY_SETTING_MODE;
  readonly customProxy: WS_CUSTOM_HTTP_PROXY | null;
  readonly extraHeaders: ReadonlyMap<string, string>;
  readonly tls: HttpClientTlsOptions | null;
}

function invalid(message: string): WsError {
  return new WsError(E_INVALIDARG, `HTTP transport: ${message}`);
}

/** A ULONG timeout in milliseconds, or INFINITE. */
export function checkTimeout(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > INFINITE)
    throw invalid(`${name} ${value} must be a ULONG number of milliseconds or INFINITE`);
  return value;
}

/** A size limit: the documented minimum is 1. */
export function checkSize(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalid(`${name} ${value} must be an integer from 1 to ${max}`);
  return value;
}

export function checkTransferMode(value: WS_TRANSFER_MODE | undefined): { streamedInput: boolean; streamedOutput: boolean } {
  const mode = value ?? WS_BUFFERED_TRANSFER_MODE;
  if (!Number.isInteger(mode) || (mode & ~(WS_STREAMED_INPUT_TRANSFER_MODE | WS_STREAMED_OUTPUT_TRANSFER_MODE)) !== 0) {
    throw invalid(`transferMode ${mode} is not a WS_TRANSFER_MODE`);
  }
  return { streamedInput: (mode & WS_STREAMED_INPUT_TRANSFER_MODE) !== 0, streamedOutput: (mode & WS_STREAMED_OUTPUT_TRANSFER_MODE) !== 0 };
}

/** The endpoint URL: absolute, http: or https: (the channel core has checked its syntax; a caller of the factory may not have). */
function parseEndpointUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`url ${JSON.stringify(text)} is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(`url ${JSON.stringify(text)} must use http: or https:`);
  return url;
}

export function resolveRequestOptions(options: HttpRequestTransportOptions): ResolvedRequestOptions {
  const { streamedInput, streamedOutput } = checkTransferMode(options.transferMode);
  const proxySettingMode = options.proxySettingMode ?? WS_HTTP_PROXY_SETTING_MODE_AUTO;
  if (
    proxySettingMode !== WS_HTTP_PROXY_SETTING_MODE_AUTO &&
    proxySettingMode !== WS_HTTP_PROXY_SETTING_MODE_NONE &&
    proxySettingMode !== WS_HTTP_PROXY_SETTING_MODE_CUSTOM
  ) {
    throw invalid(`proxySettingMode ${proxySettingMode} is not a WS_HTTP_PROXY_SETTING_MODE`);
  }
  // "This property must be specified when WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE is set to WS_HTTP_PROXY_SETTING_MODE_CUSTOM."
  if (proxySettingMode === WS_HTTP_PROXY_SETTING_MODE_CUSTOM && !options.customProxy) {
    throw invalid("customProxy is required with WS_HTTP_PROXY_SETTING_MODE_CUSTOM");
  }
  if (options.enableRedirect === true) {
    throw new WsError(E_NOTIMPL, "HTTP transport: WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT is not implemented yet");
  }
  const cookieMode = options.cookieMode ?? WS_AUTO_COOKIE_MODE;
  return {
    url: parseEndpointUrl(options.url),
    resolveTimeout: checkTimeout("resolveTimeout", options.resolveTimeout, INFINITE),
    connectTimeout: checkTimeout("connectTimeout", options.connectTimeout, DEFAULT_TIMEOUT),
    sendTimeout: checkTimeout("sendTimeout", options.sendTimeout, DEFAULT_TIMEOUT),
    receiveResponseTimeout: checkTimeout("receiveResponseTimeout", options.receiveResponseTimeout, DEFAULT_TIMEOUT),
    receiveTimeout: checkTimeout("receiveTimeout", options.receiveTimeout, DEFAULT_TIMEOUT),
    closeTimeout: checkTimeout("closeTimeout", options.closeTimeout, DEFAULT_TIMEOUT),
    maxBufferedMessageSize: checkSize(
      "maxBufferedMessageSize",
      options.maxBufferedMessageSize,
      DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
      0xffffffff,
    ),
    maxStreamedMessageSize: checkSize(
      "maxStreamedMessageSize",
      options.maxStreamedMessageSize,
      DEFAULT_MAX_STREAMED_MESSAGE_SIZE,
      Number.MAX_SAFE_INTEGER,
    ),
    streamedInput,
    streamedOutput,
    keepAlive: options.keepAlive ?? true,
    maxServerConnections: checkSize("maxServerConnections", options.maxServerConnections, INFINITE, INFINITE),
    autoCookies: cookieMode === WS_AUTO_COOKIE_MODE,
    proxySettingMode,
    customProxy: options.customProxy ?? null,
    extraHeaders: options.extraHeaders ?? new Map(),
    tls: options.tls ?? null,
  };
}

/** Every option of the listener transport with its default applied. */
export interface ResolvedListenerOptions {
  readonly maxBufferedMessageSize: number;
  /** The Content-Length refused on arrival (the listener's own maxBufferedMessageSize), or null. */
  readonly arrivalLimit: number | null;
  readonly maxStreamedMessageSize: number;
  readonly streamedInput: boolean;
  readonly streamedOutput: boolean;
  readonly receiveTimeout: number;
  readonly sendTimeout: number;
  readonly closeTimeout: number;
  readonly pathMatching: "exact" | "prefix";
  readonly maxQueuedRequests: number;
  readonly tls: HttpServerTlsOptions | null;
}

export function resolveListenerOptions(options: HttpListenerTransportOptions): ResolvedListenerOptions {
  const { streamedInput, streamedOutput } = checkTransferMode(options.transferMode);
  const pathMatching = options.pathMatching ?? "exact";
  if (pathMatching !== "exact" && pathMatching !== "prefix")
    throw invalid(`pathMatching ${JSON.stringify(pathMatching)} must be "exact" or "prefix"`);
  const maxBufferedMessageSize = checkSize(
    "maxBufferedMessageSize",
    options.maxBufferedMessageSize,
    DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
    0xffffffff,
  );
  return {
    maxBufferedMessageSize,
    arrivalLimit: options.maxBufferedMessageSize === undefined ? null : maxBufferedMessageSize,
    maxStreamedMessageSize: checkSize(
      "maxStreamedMessageSize",
      options.maxStreamedMessageSize,
      DEFAULT_MAX_STREAMED_MESSAGE_SIZE,
      Number.MAX_SAFE_INTEGER,
    ),
    streamedInput,
    streamedOutput,
    receiveTimeout: checkTimeout("receiveTimeout", options.receiveTimeout, DEFAULT_TIMEOUT),
    sendTimeout: checkTimeout("sendTimeout", options.sendTimeout, DEFAULT_TIMEOUT),
    closeTimeout: checkTimeout("closeTimeout", options.closeTimeout, DEFAULT_LISTENER_CLOSE_TIMEOUT),
    pathMatching,
    maxQueuedRequests: checkSize("maxQueuedRequests", options.maxQueuedRequests, DEFAULT_MAX_QUEUED_REQUESTS, 0xffffffff),
    tls: options.tls ?? null,
  };
}

/**
 * The properties of the channel given to WsAcceptChannel (WsCreateChannelForListener's), which
 * govern that exchange once accepted. A Content-Length above the listener's own
 * maxBufferedMessageSize is refused (413) before any channel is chosen.
 */
export type HttpReplyChannelOptions = Pick<
  HttpListenerTransportOptions,
  "maxBufferedMessageSize" | "maxStreamedMessageSize" | "transferMode" | "receiveTimeout" | "sendTimeout"
>;

/** The listener's resolved options with an accepted channel's own on top. */
export function withChannelOptions(base: ResolvedListenerOptions, options: HttpReplyChannelOptions | undefined): ResolvedListenerOptions {
  if (options === undefined) return base;
  const transfer = options.transferMode === undefined ? base : checkTransferMode(options.transferMode);
  return {
    ...base,
    maxBufferedMessageSize: checkSize("maxBufferedMessageSize", options.maxBufferedMessageSize, base.maxBufferedMessageSize, 0xffffffff),
    maxStreamedMessageSize: checkSize(
      "maxStreamedMessageSize",
      options.maxStreamedMessageSize,
      base.maxStreamedMessageSize,
      Number.MAX_SAFE_INTEGER,
    ),
    streamedInput: transfer.streamedInput,
    streamedOutput: transfer.streamedOutput,
    receiveTimeout: checkTimeout("receiveTimeout", options.receiveTimeout, base.receiveTimeout),
    sendTimeout: checkTimeout("sendTimeout", options.sendTimeout, base.sendTimeout),
  };
}
