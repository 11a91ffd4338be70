import type { IncomingMessage, ServerResponse } from "node:http";
import { WS_E_ENDPOINT_DISCONNECTED, WS_E_INVALID_OPERATION, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ChannelTransport, TransportMessage } from "../transport/channel-transport.js";
import type { ResolvedListenerOptions } from "./http-options.js";
import { respondEmpty } from "./http-port-registry.js";
import { normalizeLocalAddress } from "./listener-url.js";
import { OperationScope, untilAborted } from "./operation-scope.js";
import { declaredLength, limitedStream, quotaExceeded, readBodyLimited } from "./read-body.js";
import { addHeader, headerMap } from "./transport-headers.js";

/**
 * The reply side of WS_HTTP_CHANNEL_BINDING: one accepted HTTP request. `receive` returns the
 * request (once; then null, "no more input"), `send` answers it, `close` answers 202 with an empty
 * body if nothing was sent — the acknowledgement of a one-way message.
 *
 * Status of the answer: the message's `status`, else 200, or 202 for an empty body. A request body
 * above the size quota is answered 413 and its connection closed, so the rest is never read.
 */
export interface HttpReplyTransport extends ChannelTransport {
  /** WS_CHANNEL_PROPERTY_TRANSPORT_URL: "the request URL", fully qualified, in encoded form. */
  readonly transportUrl: string;
  /** WS_CHANNEL_PROPERTY_REMOTE_IP_ADDRESS: the client's address and port. */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID: unique among the connections of the port while it is open. */
  readonly connectionId: number;
  /** Settles when the exchange is over: the answer went out or the connection is gone. */
  readonly done: Promise<void>;
}

/** After a 413 with Connection: close, how long the client has to read it before the socket is destroyed. */
const LINGER_AFTER_REFUSAL_MS = 1000;

/** Answers with an empty body and closes the connection after a short linger, leaving nothing hanging. */
export function refuse(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  respondEmpty(response, status, headers, true);
  // The socket as it is now: a finished response detaches it from the request.
  const socket = request.socket as typeof request.socket | null;
  if (socket === null) return;
  const destroy = () => setTimeout(() => socket.destroy(), LINGER_AFTER_REFUSAL_MS).unref();
  if (response.writableFinished) destroy();
  else response.once("finish", destroy);
}

export class ReplyTransport implements HttpReplyTransport {
  readonly transportUrl: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly connectionId: number;
  readonly done: Promise<void>;
  readonly #request: IncomingMessage;
  readonly #response: ServerResponse;
  #options: ResolvedListenerOptions;
  readonly #torn = new AbortController();
  #received = false;
  #responded = false;
  #closed = false;
  #over = false;

  constructor(request: IncomingMessage, response: ServerResponse, options: ResolvedListenerOptions, scheme: string, connectionId: number) {
    this.#request = request;
    this.#response = response;
    this.#options = options;
    const socket = request.socket;
    const host = request.headers.host ?? `${socket.localAddress ?? ""}:${socket.localPort ?? 0}`;
    this.transportUrl = `${scheme}://${host}${request.url ?? "/"}`;
    this.remoteAddress = normalizeLocalAddress(socket.remoteAddress);
    this.remotePort = socket.remotePort ?? 0;
    this.connectionId = connectionId;
    this.done = new Promise<void>((resolve) =>
      response.once("close", () => {
        this.#over = true;
        resolve();
      }),
    );
  }

  /** Applies the accepting channel's own options (before anything was received). */
  useChannelOptions(options: ResolvedListenerOptions): void {
    this.#options = options;
  }

  /** True once the answer went out or the connection is gone. */
  get over(): boolean {
    return this.#over;
  }

  async open(signal: AbortSignal): Promise<void> {
    this.#check("open");
    if (signal.aborted) throw signal.reason;
  }

  async receive(signal: AbortSignal): Promise<TransportMessage | null> {
    this.#check("receive");
    if (this.#received) return null;
    this.#received = true;
    const options = this.#options;
    const request = this.#request;
    const from = `the request from ${this.remoteAddress}:${this.remotePort} to ${this.transportUrl}`;
    const scope = new OperationScope(signal, this.#torn.signal);
    scope.phase(options.receiveTimeout, `receiving ${from}`);
    // A timeout or abort leaves the body half read: the connection cannot carry another request.
    const onAbort = () => request.destroy();
    if (scope.signal.aborted) onAbort();
    else scope.signal.addEventListener("abort", onAbort, { once: true });
    const release = () => {
      scope.signal.removeEventListener("abort", onAbort);
      scope.dispose();
    };
    const mapError = (error: unknown): Error =>
      scope.signal.aborted
        ? (scope.signal.reason as Error)
        : new WsError(
            WS_E_ENDPOINT_DISCONNECTED,
            `the client disconnected while sending ${from}: ${error instanceof Error ? error.message : String(error)}`,
          );
    const head = { contentType: request.headers["content-type"] ?? "", httpHeaders: headerMap(request.headers) };
    const length = declaredLength(request.headers["content-length"]);
    if (options.streamedInput) {
      const body = limitedStream(
        request,
        options.maxStreamedMessageSize,
        length,
        from,
        "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE",
        mapError,
        (completed) => {
          release();
          if (!completed && !this.#response.headersSent) refuse(request, this.#response, 413);
        },
      );
      return { ...head, body };
    }
    try {
      const body = await untilAborted(
        readBodyLimited(request, options.maxBufferedMessageSize, length, from, "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE", mapError),
        scope.signal,
      );
      return { ...head, body };
    } catch (error) {
      if (error instanceof WsError && error.hr === WS_E_QUOTA_EXCEEDED) {
        this.#responded = true;
        refuse(request, this.#response, 413);
      }
      throw error;
    } finally {
      release();
    }
  }

  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    this.#check("send");
    if (this.#responded)
      throw new WsError(WS_E_INVALID_OPERATION, `HTTP reply channel: the request to ${this.transportUrl} was already answered`);
    this.#responded = true;
    await this.#answer(message, signal);
  }

  async close(signal: AbortSignal): Promise<void> {
    if (this.#closed) return;
    try {
      if (!this.#responded && !this.#torn.signal.aborted && !this.#over) {
        this.#responded = true;
        await this.#answer({ body: new Uint8Array(0), contentType: "", status: 202 }, signal);
      }
    } finally {
      this.#closed = true;
    }
  }

  /** Answers 503 and closes the connection: a queued request the listener will never accept. */
  refuseUnaccepted(): void {
    if (this.#responded || this.#over) return;
    this.#responded = true;
    this.#closed = true;
    refuse(this.#request, this.#response, 503);
  }

  abort(reason: Error): void {
    if (this.#torn.signal.aborted) return;
    this.#torn.abort(reason);
    if (!this.#response.writableFinished) this.#response.destroy();
  }

  #check(what: string): void {
    if (this.#torn.signal.aborted) throw this.#torn.signal.reason;
    if (this.#closed) throw new WsError(WS_E_INVALID_OPERATION, `HTTP reply channel: ${what} after close`);
  }

  async #answer(message: TransportMessage, signal: AbortSignal): Promise<void> {
    const options = this.#options;
    const response = this.#response;
    const to = `the response to ${this.remoteAddress}:${this.remotePort} for ${this.transportUrl}`;
    const body = message.body;
    const headers: Record<string, string> = {};
    if (message.contentType !== "") addHeader(headers, "content-type", message.contentType);
    for (const [name, value] of message.httpHeaders ?? []) addHeader(headers, name, value);
    const empty = body instanceof Uint8Array && body.byteLength === 0;
    const status = message.status ?? (empty ? 202 : 200);
    if (body instanceof Uint8Array) {
      if (body.byteLength > options.maxBufferedMessageSize && !options.streamedOutput) {
        throw quotaExceeded(to, options.maxBufferedMessageSize, "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE", body.byteLength);
      }
      headers["content-length"] = String(body.byteLength);
    }
    if (this.#over) throw new WsError(WS_E_ENDPOINT_DISCONNECTED, `the client disconnected before ${to} was sent`);
    const scope = new OperationScope(signal, this.#torn.signal);
    scope.phase(options.sendTimeout, `sending ${to}`);
    const onAbort = () => response.destroy();
    if (scope.signal.aborted) onAbort();
    else scope.signal.addEventListener("abort", onAbort, { once: true });
    const finished = new Promise<void>((resolve, reject) => {
      response.once("finish", resolve);
      response.once("close", () => reject(new WsError(WS_E_ENDPOINT_DISCONNECTED, `the client disconnected before ${to} was sent`)));
    });
    finished.catch(() => {});
    try {
      response.writeHead(status, headers);
      if (body instanceof Uint8Array) response.end(body);
      else {
        const limit = options.streamedOutput ? options.maxStreamedMessageSize : options.maxBufferedMessageSize;
        let total = 0;
        for await (const chunk of body) {
          total += chunk.byteLength;
          if (total > limit)
            throw quotaExceeded(
              to,
              limit,
              options.streamedOutput ? "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE" : "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE",
            );
          scope.throwIfAborted();
          // Backpressure: wait for drain, or for the connection to go (finished rejects then).
          if (!response.write(chunk))
            await untilAborted(Promise.race([new Promise((resolve) => response.once("drain", resolve)), finished]), scope.signal);
        }
        response.end();
      }
      await untilAborted(finished, scope.signal);
    } catch (error) {
      // A half-sent response cannot be finished: end the connection so the client sees it fail.
      if (!response.writableFinished) response.destroy();
      if (scope.signal.aborted) throw scope.signal.reason;
      throw error;
    } finally {
      scope.signal.removeEventListener("abort", onAbort);
      scope.dispose();
    }
  }
}
