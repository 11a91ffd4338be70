/**
 * SOAP over UDP (WS_UDP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX): datagram transports, unicast and
 * multicast. The channel core builds them from these factories.
 */
export { UdpChannelTransport } from "./udp-channel.js";
export { createUdpListenerTransport, UdpListenerTransport } from "./udp-listener-transport.js";
export {
  UDP_CONTENT_TYPE,
  UDP_MAX_MESSAGE_SIZE,
  type UdpListenerTransportOptions,
  type UdpTransportOptions,
} from "./udp-options.js";
export { createUdpTransport } from "./udp-transport.js";
