import { connect, type Socket } from "node:net";
import { E_NOTIMPL, WS_E_INVALID_OPERATION, WS_E_OPERATION_ABORTED, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quotaError } from "../framing/framing-error.js";
import { type EnvelopeEncodingRecord, KNOWN_ENCODING_CONTENT_TYPES, KnownEncoding } from "../framing/records.js";
import { ClientDuplexSession, type ServerDuplexSession } from "../framing/session-state.js";
import type { ChannelTransport, TransportMessage } from "../transport/channel-transport.js";
import { linkSignals } from "../transport/linked-signal.js";
import { abortReason, withDeadline } from "./deadline.js";
import { FramedConnection } from "./framed-connection.js";
import { socketError } from "./socket-errors.js";
import {
  checkSize,
  checkTimeout,
  DEFAULT_KEEP_ALIVE_TIME,
  DEFAULT_MAX_BUFFERED_MESSAGE_SIZE,
  parseTcpUrl,
  type TcpSessionTransportOptions,
  type TcpTimeouts,
} from "./tcp-options.js";

/**
 * One net.tcp session ([MC-NMF] Duplex mode) as a ChannelTransport: the client side made by
 * createTcpSessionTransport, the server side made by the listener for each accepted connection.
 *
 * - open (client): TCP connect, the preamble (Version 1.0, Mode Duplex 0x02, Via = the address,
 *   Envelope Encoding, Preamble End), then the server's Preamble Ack; a Fault Record instead fails
 *   open with the HRESULT the fault stands for (fault-strings.ts) and closes the connection.
 * - send: one Sized Envelope Record per message, within WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE.
 * - receive: the next Sized Envelope Record's payload; null after the peer's End Record (or its close
 *   once this side has ended).
 * - shutdownSession: this side's End Record; receiving goes on.
 * - close: End (unless sent), then the peer's End or close (messages that still arrive are
 *   dropped), then TCP close. abort: destroy.
 *
 * A framing error fails the session for good: the server side sends the Fault Record [MC-NMF] gives
 * for it (FramingError.fault) before closing; the client side closes, since "Only the receiver ever
 * sends a fault" (session-state.ts). Every later call rejects with the same error.
 */
export class TcpSessionTransport implements ChannelTransport {
  readonly #timeouts: TcpTimeouts;
  readonly #maxMessageSize: number;
  readonly #contentType: string;
  readonly #session: ClientDuplexSession | ServerDuplexSession;
  readonly #connect: ((signal: AbortSignal) => Promise<Socket>) | undefined;
  #connection: FramedConnection | undefined;
  #failure: Error | undefined;
  #peerEnded = false;
  /** Fired by abort(): every operation in progress (including a connect) stops with its reason. */
  readonly #aborter = new AbortController();

  /** @internal Use createTcpSessionTransport, or let the listener make server sides. */
  constructor(init: {
    readonly session: ClientDuplexSession | ServerDuplexSession;
    readonly contentType: string;
    readonly timeouts: TcpTimeouts;
    readonly maxMessageSize: number;
    readonly connect?: (signal: AbortSignal) => Promise<Socket>;
    readonly connection?: FramedConnection;
  }) {
    this.#session = init.session;
    this.#contentType = init.contentType;
    this.#timeouts = init.timeouts;
    this.#maxMessageSize = init.maxMessageSize;
    this.#connect = init.connect;
    this.#connection = init.connection;
  }

  /** The Via of the session (the server side: what the client sent). */
  get via(): string | undefined {
    return this.#session instanceof ClientDuplexSession ? undefined : this.#session.via;
  }

  /** The session state of [MC-NMF] (session-state.ts), for diagnostics and tests. */
  get state(): string {
    return this.#session.state;
  }

  async open(signal: AbortSignal): Promise<void> {
    this.#throwIfFailed();
    const session = this.#session;
    if (!(session instanceof ClientDuplexSession)) return; // an accepted session is open already
    if (this.#connection !== undefined || this.#connect === undefined) {
      throw new WsError(WS_E_INVALID_OPERATION, "net.tcp: the session transport is already open");
    }
    const connectFn = this.#connect;
    await this.#guard(() =>
      this.#within(signal, this.#timeouts.connect, "net.tcp connect (TCP connect, preamble and preamble ack)", async (sig) => {
        const socket = await connectFn(sig);
        const connection = new FramedConnection(socket, { maxEnvelopeSize: this.#maxMessageSize });
        this.#connection = connection;
        await connection.write(session.start(), sig);
        for (;;) {
          const record = await connection.next(sig);
          if (record === null) {
            session.peerClosed(connection.offset); // throws: the server closed before acknowledging
            return;
          }
          if (session.receive(record).action === "open") return;
        }
      }),
    );
  }

  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    const connection = this.#opened();
    const body = message.body;
    if (!(body instanceof Uint8Array)) {
      throw new WsError(E_NOTIMPL, "net.tcp: streamed transfer (Singleton Unsized mode) is not implemented yet; send a buffered message");
    }
    if (body.length > this.#maxMessageSize) {
      // Refused before anything is written: the session stays usable.
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `net.tcp: a message of ${body.length} bytes exceeds the maximum buffered message size (${this.#maxMessageSize})`,
      );
    }
    const record = this.#session.sendMessage(body);
    await this.#guard(() => this.#within(signal, this.#timeouts.send, "net.tcp send", (sig) => connection.write([record], sig)));
  }

  async receive(signal: AbortSignal): Promise<TransportMessage | null> {
    const connection = this.#opened();
    if (this.#peerEnded) return null;
    return this.#guard(() =>
      this.#within(signal, this.#timeouts.receive, "net.tcp receive", async (sig) => {
        for (;;) {
          const record = await connection.next(sig);
          if (record === null) {
            this.#session.peerClosed(connection.offset); // throws WS_E_ENDPOINT_DISCONNECTED unless an End was sent
            this.#peerEnded = true;
            return null;
          }
          const step = this.#session.receive(record);
          if (step.action === "message") {
            if (step.payload.length > this.#maxMessageSize) {
              throw quotaError(
                "message-too-large",
                record.offset,
                `a Sized Envelope Record of ${step.payload.length} octets exceeds the maximum buffered message size (${this.#maxMessageSize})`,
              );
            }
            return { body: step.payload, contentType: this.#contentType };
          }
          if (step.action === "end") {
            this.#peerEnded = true;
            return null;
          }
        }
      }),
    );
  }

  async shutdownSession(signal: AbortSignal): Promise<void> {
    const connection = this.#opened();
    const end = this.#session.end();
    await this.#guard(() => this.#within(signal, this.#timeouts.send, "net.tcp End record", (sig) => connection.write([end], sig)));
  }

  async close(signal: AbortSignal): Promise<void> {
    const connection = this.#connection;
    if (connection === undefined || this.#failure !== undefined) {
      connection?.destroy(this.#failure ?? closedError());
      return;
    }
    try {
      await this.#within(signal, this.#timeouts.close, "net.tcp close (End record and the peer's End)", async (sig) => {
        const state = this.#session.state;
        if (state === "open" || state === "peer-ended") await connection.write([this.#session.end()], sig);
        // Drain to the peer's End (or its close): what still arrives is dropped.
        while (!this.#peerEnded && this.#session.state !== "closed") {
          const record = await connection.next(sig);
          if (record === null) {
            this.#session.peerClosed(connection.offset);
            break;
          }
          if (this.#session.receive(record).action === "end") this.#peerEnded = true;
        }
        // Both Ends are out: FIN, then wait (briefly) for the peer's, so that neither side resets
        // the other's last bytes; a peer that keeps its side open is cut off after CLOSE_LINGER_MS.
        connection.end();
        await lingerUntilClosed(connection, sig);
      });
    } catch (error) {
      this.#fail(error as Error);
      throw error;
    }
    this.#failure = closedError();
  }

  abort(reason: Error): void {
    this.#failure ??= reason;
    this.#aborter.abort(reason);
    this.#connection?.destroy(reason);
  }

  /**
   * Runs `operation` under the caller's signal and this transport's abort together, within
   * `timeoutMs` (withDeadline). The link to this.#aborter (which lives as long as the session) is
   * undone when the operation ends: linked-signal.ts says why not AbortSignal.any.
   */
  async #within<T>(
    signal: AbortSignal,
    timeoutMs: number | undefined,
    what: string,
    operation: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const linked = linkSignals(signal, this.#aborter.signal);
    try {
      return await withDeadline(linked.signal, timeoutMs, what, operation);
    } finally {
      linked.dispose();
    }
  }

  #opened(): FramedConnection {
    this.#throwIfFailed();
    if (this.#connection === undefined) throw new WsError(WS_E_INVALID_OPERATION, "net.tcp: the session transport is not open");
    return this.#connection;
  }

  /** Runs a step of the session; a failure fails the session (and sends the server's fault). */
  async #guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.#fail(error as Error);
      throw error;
    }
  }

  #fail(error: Error): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    const connection = this.#connection;
    if (connection === undefined) return;
    const fault = this.#session.faultFor(error);
    if (fault === undefined || connection.closed) {
      connection.destroy(error);
      return;
    }
    // The fault goes out before the close; a peer that does not read it does not hold us up.
    connection.write([fault], AbortSignal.timeout(1000)).then(
      () => {
        connection.end();
        setTimeout(() => connection.destroy(error), 1000).unref();
      },
      () => connection.destroy(error),
    );
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}

const CLOSE_LINGER_MS = 1000;

function lingerUntilClosed(connection: FramedConnection, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, CLOSE_LINGER_MS);
    const onAbort = () => {
      clearTimeout(timer);
      connection.destroy(abortReason(signal));
      reject(abortReason(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    void connection.whenClosed().then(done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      connection.destroy(closedError());
      resolve();
    }
  });
}

function closedError(): WsError {
  return new WsError(WS_E_OPERATION_ABORTED, "net.tcp: the session transport is closed");
}

/** The content type a Known or Extensible Encoding Record stands for. */
export function contentTypeOf(encoding: EnvelopeEncodingRecord): string {
  return encoding.type === "known-encoding" ? KNOWN_ENCODING_CONTENT_TYPES[encoding.encoding] : encoding.contentType;
}

/**
 * The client side of a net.tcp session (WS_TCP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX_SESSION).
 * Nothing touches the network before open().
 */
export function createTcpSessionTransport(options: TcpSessionTransportOptions): TcpSessionTransport {
  const endpoint = parseTcpUrl(options.address);
  if (endpoint.host === undefined)
    throw new WsError(WS_E_INVALID_OPERATION, `net.tcp: a client cannot connect to the wildcard host of ${options.address}`);
  const host = endpoint.host;
  const timeouts: TcpTimeouts = {
    ...optional("connect", checkTimeout(options.timeouts?.connect, "connect")),
    ...optional("send", checkTimeout(options.timeouts?.send, "send")),
    ...optional("receive", checkTimeout(options.timeouts?.receive, "receive")),
    ...optional("close", checkTimeout(options.timeouts?.close, "close")),
  };
  const encoding = options.encoding ?? { type: "known-encoding", encoding: KnownEncoding.BinarySession };
  const keepAlive = options.keepAlive;
  return new TcpSessionTransport({
    session: new ClientDuplexSession({ via: options.address, encoding }),
    contentType: contentTypeOf(encoding),
    timeouts,
    maxMessageSize: checkSize(options.maxBufferedMessageSize, DEFAULT_MAX_BUFFERED_MESSAGE_SIZE, "maxBufferedMessageSize"),
    connect: (signal) => connectSocket(host, endpoint.port, signal, keepAlive),
  });
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** A connected socket, or the WsError its failure maps to; `signal` abandons the attempt. */
export function connectSocket(
  host: string,
  port: number,
  signal: AbortSignal,
  keepAlive?: { readonly enabled: boolean; readonly time?: number },
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const socket = connect({ host, port, noDelay: true });
    const onAbort = () => {
      socket.destroy();
      reject(abortReason(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => {
      signal.removeEventListener("abort", onAbort);
      socket.removeAllListeners("error");
      if (keepAlive?.enabled) socket.setKeepAlive(true, keepAlive.time ?? DEFAULT_KEEP_ALIVE_TIME);
      resolve(socket);
    });
    socket.once("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      reject(socketError(error, `net.tcp connect to ${host}:${port}`));
    });
  });
}
