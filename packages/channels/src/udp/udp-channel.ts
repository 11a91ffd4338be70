import type { RemoteInfo, Socket } from "node:dgram";
import { E_NOTIMPL, WS_E_INVALID_OPERATION, WS_E_OPERATION_ABORTED, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { abortReason, withDeadline } from "../tcp/deadline.js";
import { socketError } from "../tcp/socket-errors.js";
import type { ChannelTransport, TransportMessage } from "../transport/channel-transport.js";
import { WaiterQueue } from "../transport/waiter-queue.js";
import { UDP_CONTENT_TYPE, UDP_IPV4_MAX_PAYLOAD, UDP_MAX_MESSAGE_SIZE } from "./udp-options.js";

/**
 * SOAP over UDP as a ChannelTransport: one message per datagram, both ways, no session, no
 * delivery guarantee. `send` sends one datagram to the channel's peer; `receive` returns the next
 * datagram that arrived, or null once the channel is closed.
 *
 * Where replies go: a client channel sends to its address; a channel accepted by a listener sends to
 * the address the last datagram came from (the peer that is talking to it).
 *
 * Datagrams that arrive while nobody receives wait in a queue of at most MAX_QUEUED; beyond that
 * they are dropped, as the network may drop them anyway: memory stays bounded whatever the peers
 * send. A datagram over the 65536-byte limit cannot arrive (IPv4 carries at most 65507).
 */

export const MAX_QUEUED = 64;

interface Datagram {
  readonly body: Uint8Array;
  readonly from: RemoteInfo;
}

export class UdpChannelTransport implements ChannelTransport {
  readonly #socket: Socket;
  readonly #timeouts: { send: number | undefined; receive: number | undefined };
  readonly #queue: Datagram[] = [];
  readonly #waiters = new WaiterQueue<Datagram | null>();
  /** Where `send` goes: fixed for a client, the last sender for an accepted channel. */
  #peer: { address: string; port: number } | undefined;
  readonly #fixedPeer: boolean;
  readonly #openSocket: ((signal: AbortSignal) => Promise<void>) | undefined;
  readonly #release: () => void;
  #opened: boolean;
  #closed: Error | undefined;
  /** Datagrams dropped because the queue was full. */
  dropped = 0;

  /** @internal Use createUdpTransport, or let the listener make accepted channels. */
  constructor(init: {
    readonly socket: Socket;
    readonly timeouts: { send: number | undefined; receive: number | undefined };
    readonly peer?: { address: string; port: number };
    readonly open?: (signal: AbortSignal) => Promise<void>;
    /** Called once when the channel closes: the client closes its socket, the listener frees its slot. */
    readonly release: () => void;
  }) {
    this.#socket = init.socket;
    this.#timeouts = init.timeouts;
    this.#peer = init.peer;
    this.#fixedPeer = init.peer !== undefined;
    this.#openSocket = init.open;
    this.#opened = init.open === undefined;
    this.#release = init.release;
  }

  /** The listener (or the client's own socket) hands each datagram here. */
  deliver(body: Uint8Array, from: RemoteInfo): void {
    if (this.#closed !== undefined) return;
    const datagram = { body, from };
    const waiter = this.#waiters.take();
    if (waiter !== undefined) {
      this.#remember(from);
      waiter.resolve(datagram);
      return;
    }
    if (this.#queue.length >= MAX_QUEUED) {
      this.dropped++;
      return;
    }
    this.#queue.push(datagram);
  }

  async open(signal: AbortSignal): Promise<void> {
    if (this.#closed !== undefined) throw this.#closed;
    if (this.#opened) return;
    await this.#openSocket!(signal);
    this.#opened = true;
  }

  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    this.#check();
    const body = message.body;
    if (!(body instanceof Uint8Array))
      throw new WsError(E_NOTIMPL, "soap.udp: a message is one datagram; streamed bodies are not supported");
    if (body.length > UDP_MAX_MESSAGE_SIZE) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `soap.udp: a message of ${body.length} bytes exceeds the maximum buffered message size of the UDP binding (${UDP_MAX_MESSAGE_SIZE})`,
      );
    }
    if (body.length > UDP_IPV4_MAX_PAYLOAD && this.#socket.address().family === "IPv4") {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `soap.udp: a message of ${body.length} bytes does not fit one IPv4 datagram (at most ${UDP_IPV4_MAX_PAYLOAD} bytes)`,
      );
    }
    const peer = this.#peer;
    if (peer === undefined) throw new WsError(WS_E_INVALID_OPERATION, "soap.udp: no peer to reply to: nothing has been received yet");
    await withDeadline(signal, this.#timeouts.send, "soap.udp send", (sig) => {
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(abortReason(sig));
        sig.addEventListener("abort", onAbort, { once: true });
        this.#socket.send(body, peer.port, peer.address, (error) => {
          sig.removeEventListener("abort", onAbort);
          if (error) reject(socketError(error, `soap.udp send to ${peer.address}:${peer.port}`));
          else resolve();
        });
      });
    });
  }

  async receive(signal: AbortSignal): Promise<TransportMessage | null> {
    this.#check();
    const queued = this.#queue.shift();
    if (queued !== undefined) {
      this.#remember(queued.from);
      return { body: queued.body, contentType: UDP_CONTENT_TYPE };
    }
    const datagram = await withDeadline(signal, this.#timeouts.receive, "soap.udp receive", (sig) => this.#waiters.wait(sig));
    return datagram === null ? null : { body: datagram.body, contentType: UDP_CONTENT_TYPE };
  }

  async close(_signal: AbortSignal): Promise<void> {
    this.#shutDown(new WsError(WS_E_OPERATION_ABORTED, "soap.udp: the channel is closed"), null);
  }

  abort(reason: Error): void {
    this.#shutDown(reason, reason);
  }

  /** Pending receives end with null (close) or reject with `failure` (abort). */
  #shutDown(reason: Error, failure: Error | null): void {
    if (this.#closed !== undefined) return;
    this.#closed = reason;
    this.#queue.length = 0;
    for (const waiter of this.#waiters.takeAll()) {
      if (failure === null) waiter.resolve(null);
      else waiter.reject(failure);
    }
    this.#release();
  }

  #remember(from: RemoteInfo): void {
    if (!this.#fixedPeer) this.#peer = { address: from.address, port: from.port };
  }

  #check(): void {
    if (this.#closed !== undefined) throw this.#closed;
    if (!this.#opened) throw new WsError(WS_E_INVALID_OPERATION, "soap.udp: the channel is not open");
  }
}
