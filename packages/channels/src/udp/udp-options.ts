import { isIP } from "node:net";
import { WS_E_INVALID_ENDPOINT_URL } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { checkTimeout, type TcpTimeouts } from "../tcp/tcp-options.js";

/**
 * What the channel core decides for a SOAP-over-UDP transport (WS_UDP_CHANNEL_BINDING,
 * WS_CHANNEL_TYPE_DUPLEX), from the channel's or listener's properties. The UDP binding has fixed
 * settings the options cannot change: WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE "UDP binding
 * always uses 65536", and the encoding is always WS_ENCODING_XML_UTF8 with SOAP 1.2, so every
 * datagram is `application/soap+xml; charset=utf-8`.
 */
export interface UdpTransportOptions {
  /** `soap.udp://host:port/path`: where datagrams go. A multicast group (224.0.0.0/4) sends to the group. */
  readonly address: string;
  /** send and receive (milliseconds); connect and close do not wait for anything on UDP. */
  readonly timeouts?: Pick<TcpTimeouts, "send" | "receive">;
  /**
   * WS_CHANNEL_PROPERTY_MULTICAST_INTERFACE: the interface multicast datagrams leave from. WWSAPI
   * takes an interface index (default 0, the system's choice); Node takes the interface's address,
   * so the channel core passes the address (for example "127.0.0.1").
   */
  readonly multicastInterface?: string;
  /** WS_CHANNEL_PROPERTY_MULTICAST_HOPS: the multicast TTL, default 1. */
  readonly multicastHops?: number;
}

export interface UdpListenerTransportOptions {
  readonly timeouts?: Pick<TcpTimeouts, "send" | "receive">;
  /** WS_LISTENER_PROPERTY_IS_MULTICAST (default FALSE): the URL's host is a group to join. */
  readonly multicast?: boolean;
  /**
   * WS_LISTENER_PROPERTY_MULTICAST_INTERFACES (default: none, the system's choice): the interfaces
   * to join the group on, as addresses (WWSAPI: interface indexes).
   */
  readonly multicastInterfaces?: readonly string[];
  /** WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK (default TRUE): whether datagrams this host sends to the group come back. */
  readonly multicastLoopback?: boolean;
}

/** WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE: "UDP binding always uses 65536". */
export const UDP_MAX_MESSAGE_SIZE = 65536;
/** The most an IPv4 UDP datagram can carry (65535 - 8 UDP - 20 IP header octets): larger messages cannot be sent at all. */
export const UDP_IPV4_MAX_PAYLOAD = 65507;
/** The UDP binding's only encoding: WS_ENCODING_XML_UTF8, SOAP 1.2. */
export const UDP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";

export interface UdpEndpoint {
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
  readonly multicast: boolean;
}

/** Parses `soap.udp://host:port/path`. The host must be an IP address (no name resolution here) and the port is required. */
export function parseUdpUrl(url: string): UdpEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WsError(WS_E_INVALID_ENDPOINT_URL, `soap.udp: ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== "soap.udp:")
    throw new WsError(WS_E_INVALID_ENDPOINT_URL, `soap.udp: ${JSON.stringify(url)} is not a soap.udp:// URL`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(host);
  if (family === 0) {
    throw new WsError(
      WS_E_INVALID_ENDPOINT_URL,
      `soap.udp: the host of ${JSON.stringify(url)} must be an IP address (names are not resolved yet)`,
    );
  }
  if (parsed.port === "") throw new WsError(WS_E_INVALID_ENDPOINT_URL, `soap.udp: ${JSON.stringify(url)} has no port`);
  return { host, port: Number(parsed.port), family: family as 4 | 6, multicast: isMulticast(host, family) };
}

function isMulticast(host: string, family: number): boolean {
  if (family === 6) return /^ff/i.test(host);
  const first = Number(host.split(".")[0]);
  return first >= 224 && first <= 239;
}

export function udpTimeouts(timeouts: UdpTransportOptions["timeouts"]): { send: number | undefined; receive: number | undefined } {
  return { send: checkTimeout(timeouts?.send, "send"), receive: checkTimeout(timeouts?.receive, "receive") };
}
