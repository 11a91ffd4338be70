import { createSocket } from "node:dgram";
import { E_INVALIDARG } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { abortReason } from "../tcp/deadline.js";
import { socketError } from "../tcp/socket-errors.js";
import { UdpChannelTransport } from "./udp-channel.js";
import { parseUdpUrl, type UdpTransportOptions, udpTimeouts } from "./udp-options.js";

/**
 * The client side of SOAP over UDP (WS_UDP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX): open() binds a
 * socket on an ephemeral port of every interface; send() sends each message as one datagram to the
 * address (a unicast host or a multicast group); receive() returns the datagrams that come back to
 * that socket, from anyone (a multicast request is answered by every member, each from its own
 * address). close() closes the socket.
 */
export function createUdpTransport(options: UdpTransportOptions): UdpChannelTransport {
  const endpoint = parseUdpUrl(options.address);
  const hops = options.multicastHops ?? 1;
  if (!Number.isInteger(hops) || hops < 0 || hops > 255) {
    throw new WsError(E_INVALIDARG, `soap.udp: multicastHops must be an integer from 0 to 255, not ${String(hops)}`);
  }
  const socket = createSocket({ type: endpoint.family === 6 ? "udp6" : "udp4" });
  let transport: UdpChannelTransport | undefined;
  socket.on("message", (message, from) => transport?.deliver(new Uint8Array(message.buffer, message.byteOffset, message.length), from));
  // ICMP "port unreachable" and the like: UDP has no connection to fail, the next receive times out.
  socket.on("error", () => {});
  transport = new UdpChannelTransport({
    socket,
    timeouts: udpTimeouts(options.timeouts),
    peer: { address: endpoint.host, port: endpoint.port },
    open: (signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) {
          reject(abortReason(signal));
          return;
        }
        socket.once("error", (error) => reject(socketError(error, "soap.udp bind")));
        socket.bind(0, () => {
          try {
            if (endpoint.multicast) {
              socket.setMulticastTTL(hops);
              if (options.multicastInterface !== undefined) socket.setMulticastInterface(options.multicastInterface);
            }
          } catch (error) {
            reject(socketError(error, "soap.udp multicast settings"));
            return;
          }
          resolve();
        });
      }),
    release: () => socket.close(),
  });
  return transport;
}
