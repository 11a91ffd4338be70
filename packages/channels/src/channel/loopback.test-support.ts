import {
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_HTTP_CHANNEL_BINDING,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ChannelTransport, ListenerTransport, TransportMessage } from "../transport/channel-transport.js";
import { linkSignals } from "../transport/linked-signal.js";
import { registerBinding } from "./binding-table.js";

/** A queue whose shift waits, honouring an AbortSignal (rejects with its reason). */
class Queue<T> {
  private readonly items: T[] = [];
  private readonly waiters: { resolve(value: T): void; reject(reason: unknown): void }[] = [];

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) waiter.resolve(item);
    else this.items.push(item);
  }

  shift(signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.items.length > 0) return Promise.resolve(this.items.shift()!);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        resolve: (value: T) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        reject,
      };
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  failAll(reason: unknown): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
  }
}

/**
 * An in-memory network for channel tests: HTTP-like request/reply exchanges (one request per
 * accepted channel) and net.tcp-like duplex sessions, keyed by URL. Every message sent is recorded
 * in `sent`, in order, so tests can check the exact bytes and headers.
 */
export class LoopbackNetwork {
  readonly sent: { from: "client" | "server"; message: TransportMessage }[] = [];
  private readonly listeners = new Map<string, Queue<ChannelTransport>>();
  /** When set, reply transports never answer (for timeouts and aborts of a pending receive). */
  silentServer = false;

  listen(url: string): Queue<ChannelTransport> {
    const queue = new Queue<ChannelTransport>();
    this.listeners.set(url, queue);
    return queue;
  }

  unlisten(url: string): void {
    this.listeners.get(url)?.failAll(new WsError(WS_E_ENDPOINT_DISCONNECTED, "loopback listener closed"));
    this.listeners.delete(url);
  }

  target(url: string): Queue<ChannelTransport> {
    const queue = this.listeners.get(url);
    if (queue === undefined) throw new WsError(WS_E_ENDPOINT_NOT_FOUND, `loopback: nothing listens on ${url}`);
    return queue;
  }

  /** Puts the loopback transports in the binding table for HTTP request/reply and net.tcp duplex sessions; returns the undo. */
  install(): () => void {
    const undo = [
      registerBinding(WS_HTTP_CHANNEL_BINDING, [WS_CHANNEL_TYPE_REQUEST], {
        opensAtOnce: true,
        createChannel: (context) => new RequestEnd(this, context.address.url),
      }),
      registerBinding(WS_HTTP_CHANNEL_BINDING, [WS_CHANNEL_TYPE_REPLY], { createListener: () => new LoopbackListener(this) }),
      registerBinding(WS_TCP_CHANNEL_BINDING, [WS_CHANNEL_TYPE_DUPLEX_SESSION], {
        createChannel: (context) => new SessionEnd(this, context.address.url),
        createListener: () => new LoopbackListener(this),
      }),
    ];
    return () => {
      for (const step of undo.reverse()) step();
    };
  }
}

class LoopbackListener implements ListenerTransport {
  private queue: Queue<ChannelTransport> | null = null;
  private url = "";
  constructor(private readonly network: LoopbackNetwork) {}
  async open(url: string): Promise<void> {
    this.url = url;
    this.queue = this.network.listen(url);
  }
  accept(signal: AbortSignal): Promise<ChannelTransport> {
    return this.queue!.shift(signal);
  }
  async close(): Promise<void> {
    this.network.unlisten(this.url);
  }
  abort(): void {
    this.network.unlisten(this.url);
  }
}

/** The client end of request/reply: each send is a new exchange the listener accepts. */
class RequestEnd implements ChannelTransport {
  private reply: Queue<TransportMessage> | null = null;
  private readonly torn = new AbortController();
  constructor(
    private readonly network: LoopbackNetwork,
    private readonly url: string,
  ) {}
  async open(): Promise<void> {}
  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    const queue = this.network.target(this.url);
    this.network.sent.push({ from: "client", message });
    const reply = new Queue<TransportMessage>();
    this.reply = reply;
    queue.push(new ReplyEnd(this.network, message, reply));
  }
  receive(signal: AbortSignal): Promise<TransportMessage | null> {
    if (this.reply === null) return Promise.resolve(null);
    // Not AbortSignal.any (it leaks on Node 20: linked-signal.ts).
    const linked = linkSignals(signal, this.torn.signal);
    return this.reply.shift(linked.signal).finally(() => linked.dispose());
  }
  async close(): Promise<void> {}
  abort(reason: Error): void {
    this.torn.abort(reason);
  }
}

/** The server end of one request/reply exchange. */
class ReplyEnd implements ChannelTransport {
  private received = false;
  private replied = false;
  constructor(
    private readonly network: LoopbackNetwork,
    private readonly request: TransportMessage,
    private readonly reply: Queue<TransportMessage>,
  ) {}
  async open(): Promise<void> {}
  async send(message: TransportMessage): Promise<void> {
    this.network.sent.push({ from: "server", message });
    this.replied = true;
    if (!this.network.silentServer) this.reply.push(message);
  }
  async receive(): Promise<TransportMessage | null> {
    if (this.received) return null;
    this.received = true;
    return this.request;
  }
  async close(): Promise<void> {
    // A one-way request is acknowledged with an empty 202.
    if (!this.replied && !this.network.silentServer) this.reply.push({ body: new Uint8Array(0), contentType: "", status: 202 });
    this.replied = true;
  }
  abort(): void {}
}

/** A duplex session: two queues, one each way; the listener gets the other end. */
class SessionEnd implements ChannelTransport {
  private peer: SessionEnd | null = null;
  readonly inbox = new Queue<TransportMessage | null>();
  private readonly torn = new AbortController();
  constructor(
    private readonly network: LoopbackNetwork,
    private readonly url: string,
    peer: SessionEnd | null = null,
  ) {
    this.peer = peer;
  }
  async open(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    const queue = this.network.target(this.url);
    const other = new SessionEnd(this.network, this.url, this);
    this.peer = other;
    queue.push(other);
  }
  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw signal.reason;
    this.network.sent.push({ from: this.url === "" ? "server" : "client", message });
    this.peer!.inbox.push(message);
  }
  private ended = false;
  /** Once the peer ended the session, every receive finds the end. */
  async receive(signal: AbortSignal): Promise<TransportMessage | null> {
    if (this.ended) return null;
    const linked = linkSignals(signal, this.torn.signal);
    const next = await this.inbox.shift(linked.signal).finally(() => linked.dispose());
    if (next === null) this.ended = true;
    return next;
  }
  async shutdownSession(): Promise<void> {
    this.peer!.inbox.push(null);
  }
  async close(): Promise<void> {
    this.peer?.inbox.push(null);
  }
  abort(reason: Error): void {
    this.torn.abort(reason);
  }
}
