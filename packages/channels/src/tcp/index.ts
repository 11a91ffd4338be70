/**
 * net.tcp (WS_TCP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX_SESSION): the session transports over
 * [MC-NMF] framing and the [MC-NBFSE] binary session encoder. The channel core builds them from
 * these factories.
 */
export {
  BinarySessionEncoder,
  type BinarySessionEncoderOptions,
  createBinarySessionEncoder,
  DEFAULT_MAX_SESSION_DICTIONARY_SIZE,
} from "./binary-session-encoder.js";
export { createTcpListenerTransport, TcpListenerTransport } from "./tcp-listener-transport.js";
export {
  acceptsBinarySession,
  BINARY_SESSION_CONTENT_TYPE,
  DEFAULT_LISTENER_CONNECT_TIMEOUT,
  DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
  type TcpListenerTransportOptions,
  type TcpSessionTransportOptions,
  type TcpTimeouts,
} from "./tcp-options.js";
export { createTcpSessionTransport, TcpSessionTransport } from "./tcp-session-transport.js";
