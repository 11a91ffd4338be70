import { createSocket, type Socket } from "node:dgram";
import { WS_E_INVALID_OPERATION, WS_E_OPERATION_ABORTED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { socketError } from "../tcp/socket-errors.js";
import type { ChannelTransport, ListenerTransport } from "../transport/channel-transport.js";
import { WaiterQueue } from "../transport/waiter-queue.js";
import { UdpChannelTransport } from "./udp-channel.js";
import { parseUdpUrl, type UdpListenerTransportOptions, udpTimeouts } from "./udp-options.js";

/**
 * The listener side of SOAP over UDP: open(url) binds the URL's address and port (a multicast
 * listener binds the port on every interface and joins the group); accept() returns a channel that
 * receives the datagrams sent to it ("UDP: the socket", channel-transport.ts).
 *
 * One accepted channel at a time: UDP has no connections to tell channels apart, so a second
 * accept() waits until the current channel is closed. Datagrams that arrive while no channel is
 * accepted are dropped (there is nobody to give them to, and a queue would grow without bound).
 * The URL's path is not checked: SOAP-over-UDP addresses messages with WS-Addressing To, which the
 * channel core reads.
 */
export class UdpListenerTransport implements ListenerTransport {
  readonly #options: UdpListenerTransportOptions;
  #socket: Socket | undefined;
  #current: UdpChannelTransport | undefined;
  readonly #waiters = new WaiterQueue<UdpChannelTransport>();
  #closed: Error | undefined;
  /** Datagrams dropped because no channel was accepted. */
  dropped = 0;

  constructor(options: UdpListenerTransportOptions = {}) {
    this.#options = options;
    udpTimeouts(options.timeouts); // checked now, used per channel
  }

  /** The port bound (the ephemeral one when the URL said 0); 0 before open. */
  get port(): number {
    return this.#socket?.address().port ?? 0;
  }

  async open(url: string, signal: AbortSignal): Promise<void> {
    if (this.#closed !== undefined) throw this.#closed;
    if (this.#socket !== undefined) throw new WsError(WS_E_INVALID_OPERATION, "soap.udp: the listener is already open");
    signal.throwIfAborted();
    const endpoint = parseUdpUrl(url);
    const multicast = this.#options.multicast ?? false;
    if (multicast !== endpoint.multicast) {
      throw new WsError(
        WS_E_INVALID_OPERATION,
        multicast
          ? `soap.udp: a multicast listener needs a multicast group, not ${endpoint.host}`
          : `soap.udp: ${endpoint.host} is a multicast group: the listener must be multicast (WS_LISTENER_PROPERTY_IS_MULTICAST)`,
      );
    }
    const socket = createSocket({ type: endpoint.family === 6 ? "udp6" : "udp4", reuseAddr: multicast });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", (error) => reject(socketError(error, `soap.udp bind ${endpoint.host}:${endpoint.port}`)));
      // A multicast listener binds the port on every interface: the group's datagrams carry the group as destination.
      socket.bind(endpoint.port, multicast ? undefined : endpoint.host, () => resolve());
    }).catch((error: unknown) => {
      socket.close();
      throw error;
    });
    socket.removeAllListeners("error");
    socket.on("error", () => {});
    if (multicast) {
      try {
        const interfaces = this.#options.multicastInterfaces ?? [];
        if (interfaces.length === 0) socket.addMembership(endpoint.host);
        for (const address of interfaces) socket.addMembership(endpoint.host, address);
        socket.setMulticastLoopback(this.#options.multicastLoopback ?? true);
      } catch (error) {
        socket.close();
        throw socketError(error, `soap.udp join ${endpoint.host}`);
      }
    }
    socket.on("message", (message, from) => {
      const channel = this.#current;
      if (channel === undefined) this.dropped++;
      else channel.deliver(new Uint8Array(message.buffer, message.byteOffset, message.length), from);
    });
    this.#socket = socket;
  }

  accept(signal: AbortSignal): Promise<ChannelTransport> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (this.#socket === undefined) return Promise.reject(new WsError(WS_E_INVALID_OPERATION, "soap.udp: the listener is not open"));
    if (this.#current === undefined) return Promise.resolve(this.#newChannel());
    return this.#waiters.wait(signal);
  }

  async close(_signal: AbortSignal): Promise<void> {
    this.#shutDown(new WsError(WS_E_OPERATION_ABORTED, "soap.udp: the listener was closed"));
  }

  abort(reason: Error): void {
    this.#shutDown(reason);
  }

  #newChannel(): UdpChannelTransport {
    const channel: UdpChannelTransport = new UdpChannelTransport({
      socket: this.#socket!,
      timeouts: udpTimeouts(this.#options.timeouts),
      release: () => {
        if (this.#current !== channel) return;
        this.#current = undefined;
        const waiter = this.#waiters.take();
        if (waiter !== undefined && this.#closed === undefined) waiter.resolve(this.#newChannel());
      },
    });
    this.#current = channel;
    return channel;
  }

  #shutDown(reason: Error): void {
    if (this.#closed !== undefined) return;
    this.#closed = reason;
    for (const waiter of this.#waiters.takeAll()) waiter.reject(reason);
    // The accepted channel loses its socket: its pending receives end.
    this.#current?.abort(reason);
    this.#socket?.close();
  }
}

/** The listener side of SOAP over UDP; open(url) binds. */
export function createUdpListenerTransport(options: UdpListenerTransportOptions = {}): UdpListenerTransport {
  return new UdpListenerTransport(options);
}
