import {
  WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT,
  WS_CHANNEL_PROPERTY_COOKIE_MODE,
  WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY,
  WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE,
  WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME,
  WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MULTICAST_HOPS,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES,
  WS_CHANNEL_PROPERTY_SEND_TIMEOUT,
  WS_CHANNEL_PROPERTY_TRANSFER_MODE,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_HTTP_CHANNEL_BINDING,
  WS_LISTENER_PROPERTY_CLOSE_TIMEOUT,
  WS_LISTENER_PROPERTY_CONNECT_TIMEOUT,
  WS_LISTENER_PROPERTY_IS_MULTICAST,
  WS_LISTENER_PROPERTY_LISTEN_BACKLOG,
  WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK,
  WS_TCP_CHANNEL_BINDING,
  WS_UDP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { createEncoder } from "../encoding/create-encoder.js";
import { createHttpListenerTransport, createHttpRequestTransport } from "../http/index.js";
import { createTcpListenerTransport, createTcpSessionTransport } from "../tcp/index.js";
import { createUdpListenerTransport, createUdpTransport } from "../udp/index.js";
import type { ChannelBindingEntry, ChannelTransportContext } from "./binding-table.js";
import { INFINITE } from "./channel-settings.js";

/**
 * The rows of the binding dispatch (binding-table.ts). HTTP: request channels open at once (the
 * connection is made by the first request) and the transport applies the channel's timeouts phase by
 * phase (connect, send, receive response, receive), so the core gives it only the abort signal.
 * net.tcp and UDP likewise take their timeouts from the properties.
 */

/** A timeout as the transport wants it: INFINITE when WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS is FALSE. */
function timeout(context: Pick<ChannelTransportContext, "setting">, id: number): number {
  return context.setting(WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS) === false ? INFINITE : (context.setting(id) as number);
}

const httpRequest: ChannelBindingEntry = {
  opensAtOnce: true,
  timesItself: true,
  createChannel: (context) =>
    createHttpRequestTransport({
      url: context.address.url,
      resolveTimeout: timeout(context, WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT),
      connectTimeout: timeout(context, WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT),
      sendTimeout: timeout(context, WS_CHANNEL_PROPERTY_SEND_TIMEOUT),
      receiveResponseTimeout: timeout(context, WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT),
      receiveTimeout: timeout(context, WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT),
      closeTimeout: timeout(context, WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT),
      maxBufferedMessageSize: context.setting(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE) as number,
      maxStreamedMessageSize: Number(context.setting(WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE) as bigint),
      transferMode: context.setting(WS_CHANNEL_PROPERTY_TRANSFER_MODE) as never,
      maxServerConnections: context.setting(WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS) as number,
      cookieMode: context.setting(WS_CHANNEL_PROPERTY_COOKIE_MODE) as never,
      proxySettingMode: context.setting(WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE) as never,
      ...(context.setting(WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY)
        ? { customProxy: context.setting(WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY) as never }
        : {}),
      enableRedirect: context.setting(WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT) as boolean,
    }),
};

const httpReply: ChannelBindingEntry = {
  timesItself: true,
  acceptOptions: (channel) => ({
    maxBufferedMessageSize: channel.setting(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE) as number,
    maxStreamedMessageSize: Number(channel.setting(WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE) as bigint),
    transferMode: channel.setting(WS_CHANNEL_PROPERTY_TRANSFER_MODE) as never,
    receiveTimeout: timeout(channel, WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT),
    sendTimeout: timeout(channel, WS_CHANNEL_PROPERTY_SEND_TIMEOUT),
  }),
  createListener: (context) =>
    createHttpListenerTransport({
      closeTimeout: context.setting(WS_LISTENER_PROPERTY_CLOSE_TIMEOUT) as number,
    }),
};

type Settings = Pick<ChannelTransportContext, "setting">;

/** The per-operation timeouts of a net.tcp or UDP transport, from the channel's properties. */
function sessionTimeouts(context: Settings) {
  return {
    connect: timeout(context, WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT),
    send: timeout(context, WS_CHANNEL_PROPERTY_SEND_TIMEOUT),
    receive: timeout(context, WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT),
    close: timeout(context, WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT),
  };
}

function keepAlive(context: Settings) {
  return {
    enabled: context.setting(WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES) === true,
    time: context.setting(WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME) as number,
  };
}

/**
 * net.tcp duplex sessions. The preamble announces the binary session encoding (Known Encoding 0x08)
 * by default; a channel with another WS_ENCODING announces its content type in an Extensible
 * Encoding Record ([MC-NMF] 2.2.3.4.2).
 */
const tcpSession: ChannelBindingEntry = {
  timesItself: true,
  createChannel: (context) => {
    const encoding = context.setting(WS_CHANNEL_PROPERTY_ENCODING) as number;
    const announced =
      encoding === WS_ENCODING_XML_BINARY_SESSION_1
        ? {}
        : {
            encoding: {
              type: "extensible-encoding" as const,
              contentType: createEncoder(encoding, context.setting(WS_CHANNEL_PROPERTY_ENVELOPE_VERSION) as number, 0).contentTypeFor(null),
            },
          };
    return createTcpSessionTransport({
      address: context.address.url,
      timeouts: sessionTimeouts(context),
      maxBufferedMessageSize: context.setting(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE) as number,
      keepAlive: keepAlive(context),
      ...announced,
    });
  },
  createListener: (context) =>
    createTcpListenerTransport({
      connectTimeout: context.setting(WS_LISTENER_PROPERTY_CONNECT_TIMEOUT) as number,
      listenBacklog: Math.min(context.setting(WS_LISTENER_PROPERTY_LISTEN_BACKLOG) as number, 0x7fffffff),
    }),
};

/** SOAP over UDP: datagrams, "UDP binding always uses 65536" as its maximum message size. */
const udpDuplex: ChannelBindingEntry = {
  timesItself: true,
  createChannel: (context) =>
    createUdpTransport({
      address: context.address.url,
      timeouts: {
        send: timeout(context, WS_CHANNEL_PROPERTY_SEND_TIMEOUT),
        receive: timeout(context, WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT),
      },
      multicastHops: context.setting(WS_CHANNEL_PROPERTY_MULTICAST_HOPS) as number,
    }),
  createListener: (context) =>
    createUdpListenerTransport({
      multicast: context.setting(WS_LISTENER_PROPERTY_IS_MULTICAST) as boolean,
      multicastLoopback: context.setting(WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK) as boolean,
    }),
};

/** One row of the dispatch: a binding, the channel types it serves, and how. */
export interface BindingRow {
  readonly binding: number;
  readonly channelTypes: readonly number[];
  readonly entry: ChannelBindingEntry;
}

/** The transports the package ships, loaded into the binding table on its first lookup. */
export const DEFAULT_BINDINGS: readonly BindingRow[] = [
  { binding: WS_HTTP_CHANNEL_BINDING, channelTypes: [WS_CHANNEL_TYPE_REQUEST], entry: httpRequest },
  { binding: WS_HTTP_CHANNEL_BINDING, channelTypes: [WS_CHANNEL_TYPE_REPLY], entry: httpReply },
  { binding: WS_TCP_CHANNEL_BINDING, channelTypes: [WS_CHANNEL_TYPE_DUPLEX_SESSION], entry: tcpSession },
  { binding: WS_UDP_CHANNEL_BINDING, channelTypes: [WS_CHANNEL_TYPE_DUPLEX], entry: udpDuplex },
];
