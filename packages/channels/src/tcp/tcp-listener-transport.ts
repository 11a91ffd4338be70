import { WS_E_INVALID_OPERATION, WS_E_OPERATION_ABORTED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ServerDuplexSession } from "../framing/session-state.js";
import type { ChannelTransport, ListenerTransport } from "../transport/channel-transport.js";
import { WaiterQueue } from "../transport/waiter-queue.js";
import type { FramedConnection } from "./framed-connection.js";
import {
  acceptsBinarySession,
  checkSize,
  checkTimeout,
  DEFAULT_LISTENER_CONNECT_TIMEOUT,
  DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
  parseTcpUrl,
  type TcpListenerTransportOptions,
  type TcpTimeouts,
} from "./tcp-options.js";
import { type PortEndpoint, TcpPort } from "./tcp-port.js";
import { contentTypeOf, TcpSessionTransport } from "./tcp-session-transport.js";

/**
 * The server side of net.tcp (WS_TCP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX_SESSION): one per
 * WS_LISTENER. open() registers the URL's path as a Via endpoint on its port (tcp-port.ts, shared
 * with other listeners on the same port); accept() returns one TcpSessionTransport per connection
 * whose preamble named this path and was acknowledged.
 *
 * Acknowledged connections wait for accept() in arrival order. close() unregisters the path; the
 * sessions not accepted yet are closed, and a pending accept() rejects with WS_E_OPERATION_ABORTED.
 * Sessions already accepted belong to their channels and stay open.
 */
export class TcpListenerTransport implements ListenerTransport {
  readonly #options: TcpListenerTransportOptions;
  readonly #timeouts: TcpTimeouts;
  readonly #maxMessageSize: number;
  readonly #ready: TcpSessionTransport[] = [];
  readonly #waiters = new WaiterQueue<TcpSessionTransport>();
  #port: TcpPort | undefined;
  #endpoint: PortEndpoint | undefined;
  #closed: Error | undefined;

  constructor(options: TcpListenerTransportOptions = {}) {
    this.#options = options;
    this.#timeouts = {
      ...pick("send", checkTimeout(options.timeouts?.send, "send")),
      ...pick("receive", checkTimeout(options.timeouts?.receive, "receive")),
      ...pick("close", checkTimeout(options.timeouts?.close, "close")),
    };
    this.#maxMessageSize = checkSize(options.maxBufferedMessageSize, DEFAULT_MAX_BUFFERED_MESSAGE_SIZE, "maxBufferedMessageSize");
  }

  /** The port listened on (the ephemeral one when the URL said 0); 0 before open. */
  get port(): number {
    return this.#port?.port ?? 0;
  }

  /** Connections on this listener's port still reading their preamble. */
  get pendingConnections(): number {
    return this.#port?.pendingConnections ?? 0;
  }

  async open(url: string, signal: AbortSignal): Promise<void> {
    if (this.#closed !== undefined) throw this.#closed;
    if (this.#port !== undefined) throw new WsError(WS_E_INVALID_OPERATION, "net.tcp: the listener is already open");
    signal.throwIfAborted();
    const { host, port, path } = parseTcpUrl(url);
    const connectTimeout =
      this.#options.connectTimeout === undefined
        ? DEFAULT_LISTENER_CONNECT_TIMEOUT
        : checkTimeout(this.#options.connectTimeout, "listener connect");
    const endpoint: PortEndpoint = {
      path,
      maxMessageSize: this.#maxMessageSize,
      connectTimeout,
      acceptEncoding: this.#options.acceptEncoding ?? acceptsBinarySession,
      keepAlive: this.#options.keepAlive,
      deliver: (connection, session) => this.#deliver(connection, session),
    };
    const backlog = this.#options.listenBacklog;
    if (backlog !== undefined) checkSize(backlog, 1, "listenBacklog");
    this.#port = await TcpPort.register(host, port, endpoint, backlog);
    this.#endpoint = endpoint;
  }

  accept(signal: AbortSignal): Promise<ChannelTransport> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (this.#port === undefined) return Promise.reject(new WsError(WS_E_INVALID_OPERATION, "net.tcp: the listener is not open"));
    const ready = this.#ready.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return this.#waiters.wait(signal);
  }

  async close(_signal: AbortSignal): Promise<void> {
    this.#shutDown(new WsError(WS_E_OPERATION_ABORTED, "net.tcp: the listener was closed"));
  }

  abort(reason: Error): void {
    this.#shutDown(reason);
  }

  #shutDown(reason: Error): void {
    if (this.#closed !== undefined) return;
    this.#closed = reason;
    if (this.#port !== undefined && this.#endpoint !== undefined) this.#port.unregister(this.#endpoint);
    for (const session of this.#ready.splice(0)) session.abort(reason);
    for (const waiter of this.#waiters.takeAll()) waiter.reject(reason);
  }

  #deliver(connection: FramedConnection, session: ServerDuplexSession): void {
    const transport = new TcpSessionTransport({
      session,
      contentType: session.encoding === undefined ? "" : contentTypeOf(session.encoding),
      timeouts: this.#timeouts,
      maxMessageSize: this.#maxMessageSize,
      connection,
    });
    if (this.#closed !== undefined) {
      transport.abort(this.#closed);
      return;
    }
    const waiter = this.#waiters.take();
    if (waiter === undefined) this.#ready.push(transport);
    else waiter.resolve(transport);
  }
}

function pick<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** The listener side of net.tcp; open(url) starts listening. */
export function createTcpListenerTransport(options: TcpListenerTransportOptions = {}): TcpListenerTransport {
  return new TcpListenerTransport(options);
}
