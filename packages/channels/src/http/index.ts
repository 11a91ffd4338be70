/**
 * The HTTP transport of WS_HTTP_CHANNEL_BINDING: what the channel core constructs for
 * WS_CHANNEL_TYPE_REQUEST channels (createHttpRequestTransport) and HTTP listeners
 * (createHttpListenerTransport, whose accept gives the reply side), and the header helpers the
 * encoders use.
 */
export { closeIdleHttpDispatchers } from "./http-dispatchers.js";
export { networkError, statusError } from "./http-errors.js";
export { type ContentType, formatContentType, parseContentType, quoteSoapAction, quoteString, unquoteSoapAction } from "./http-headers.js";
export { createHttpListenerTransport, type HttpListenerTransport } from "./http-listener-transport.js";
export {
  DEFAULT_LISTENER_CLOSE_TIMEOUT,
  DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
  DEFAULT_MAX_QUEUED_REQUESTS,
  DEFAULT_MAX_STREAMED_MESSAGE_SIZE,
  DEFAULT_TIMEOUT,
  type HttpClientTlsOptions,
  type HttpListenerTransportOptions,
  type HttpReplyChannelOptions,
  type HttpRequestTransportOptions,
  type HttpServerTlsOptions,
  INFINITE,
} from "./http-options.js";
export type { HttpReplyTransport } from "./http-reply-transport.js";
export { createHttpRequestTransport, type HttpRequestTransport } from "./http-request-transport.js";
