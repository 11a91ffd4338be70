import type { Readable } from "node:stream";
import { WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { Dispatcher } from "undici";
import type { ChannelTransport, TransportMessage } from "../transport/channel-transport.js";
import { CookieJar } from "./cookie-jar.js";
import { type DispatcherLease, leaseDispatcher } from "./http-dispatchers.js";
import { networkError, statusError } from "./http-errors.js";
import { type HttpRequestTransportOptions, type ResolvedRequestOptions, resolveRequestOptions } from "./http-options.js";
import { OperationScope } from "./operation-scope.js";
import { declaredLength, limitedStream, quotaExceeded, readBodyLimited } from "./read-body.js";
import { addHeader, headerMap } from "./transport-headers.js";

/**
 * WS_CHANNEL_TYPE_REQUEST over WS_HTTP_CHANNEL_BINDING, on undici.
 *
 * `send` POSTs the message and completes when the response head has arrived (an HTTP request is
 * not done before; a one-way WsSendMessage learns of a 404 or 401 there). A status that is no
 * message (statusError: 404, 401, 503 ...) fails `send`; a message status (2xx, and 500 carrying a
 * SOAP fault) is held for `receive`, which returns it with its body (202 with an empty body for a
 * one-way acknowledgement). A reply nobody receives is discarded by the next `send` or by `close`.
 *
 * Timeouts by phase, from the channel properties: connect (undici's connect timeout), send (until
 * the body has gone out), receive response (until the response head), receive (the body). Each
 * failure rejects with a WsError; an abort or a timeout of the channel core's signal with its
 * reason, unchanged.
 */
export interface HttpRequestTransport extends ChannelTransport {
  /** The endpoint URL requests go to. */
  readonly url: string;
}

/** Creates the client transport of one request channel. Throws E_INVALIDARG for a bad option. */
export function createHttpRequestTransport(options: HttpRequestTransportOptions): HttpRequestTransport {
  return new RequestTransport(resolveRequestOptions(options));
}

/** One request in flight: the controller undici's request listens to, and its response once it came. */
interface Exchange {
  readonly controller: AbortController;
  response: Dispatcher.ResponseData | null;
}

class RequestTransport implements HttpRequestTransport {
  readonly #options: ResolvedRequestOptions;
  readonly #jar: CookieJar | null;
  #lease: DispatcherLease | null = null;
  #exchange: Exchange | null = null;
  /** A streamed reply handed to the channel and not read to its end yet. */
  #unfinished: { destroy(): unknown } | null = null;
  #busy = false;
  #ended: Error | null = null;

  constructor(options: ResolvedRequestOptions) {
    this.#options = options;
    this.#jar = options.autoCookies ? new CookieJar() : null;
  }

  get url(): string {
    return this.#options.url.href;
  }

  async open(signal: AbortSignal): Promise<void> {
    this.#checkUsable("open");
    if (signal.aborted) throw signal.reason;
    // Nothing to connect yet: the connection is made (or reused from the pool) by the first request.
    this.#lease ??= leaseDispatcher(this.#options);
  }

  async send(message: TransportMessage, signal: AbortSignal): Promise<void> {
    const lease = this.#begin("send");
    const options = this.#options;
    const url = options.url.href;
    try {
      await this.#discardReply(signal);
      const headers = this.#requestHeaders(message);
      const exchange: Exchange = { controller: new AbortController(), response: null };
      const scope = this.#scopeFor(exchange, signal);
      try {
        scope.phase(options.sendTimeout, `sending the request to ${url}`);
        const body = this.#outgoingBody(message.body, headers, () =>
          scope.phase(options.receiveResponseTimeout, `waiting for the response from ${url}`),
        );
        this.#exchange = exchange;
        const response = await lease.dispatcher.request({
          origin: options.url.origin,
          path: `${options.url.pathname}${options.url.search}`,
          method: "POST",
          headers,
          // undici pulls an async iterable as it writes (its types list only streams).
          body: body as unknown as Readable,
          signal: exchange.controller.signal,
          reset: !options.keepAlive,
        });
        this.#jar?.store(response.headers["set-cookie"]);
        const challenge = response.statusCode === 407 ? response.headers["proxy-authenticate"] : response.headers["www-authenticate"];
        const failure = statusError(response.statusCode, url, challenge === undefined ? [] : [challenge].flat(), lease.viaProxy);
        if (failure !== null) {
          // The body of an error page is of no use; read a little of it so the connection can be reused.
          await response.body.dump({ limit: 4096 }).catch(() => {});
          await connectionFreed();
          this.#exchange = null;
          throw failure;
        }
        exchange.response = response;
      } catch (error) {
        if (this.#exchange === exchange) this.#exchange = null;
        if (exchange.controller.signal.aborted) throw exchange.controller.signal.reason;
        throw networkError(error, url, "sending a request to");
      } finally {
        scope.dispose();
      }
    } finally {
      this.#busy = false;
    }
  }

  async receive(signal: AbortSignal): Promise<TransportMessage | null> {
    this.#begin("receive");
    const options = this.#options;
    const url = options.url.href;
    const exchange = this.#exchange;
    try {
      if (exchange?.response == null)
        throw new WsError(WS_E_INVALID_OPERATION, `HTTP request channel: receive without a request sent to ${url}`);
      this.#exchange = null;
      const response = exchange.response;
      const scope = this.#scopeFor(exchange, signal);
      scope.phase(options.receiveTimeout, `receiving the reply from ${url}`);
      const length = declaredLength(response.headers["content-length"]);
      const mapError = (error: unknown) =>
        exchange.controller.signal.aborted
          ? (exchange.controller.signal.reason as Error)
          : networkError(error, url, "receiving the reply from");
      const head = {
        status: response.statusCode,
        contentType: headerValue(response.headers["content-type"]),
        httpHeaders: headerMap(response.headers),
      };
      if (options.streamedInput) {
        const unfinished = {
          destroy: () => {
            scope.dispose();
            response.body.destroy();
          },
        };
        this.#unfinished = unfinished;
        const body = limitedStream(
          response.body,
          options.maxStreamedMessageSize,
          length,
          `the reply from ${url}`,
          "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE",
          mapError,
          (completed) => {
            scope.dispose();
            if (this.#unfinished === unfinished) this.#unfinished = null;
            if (!completed) response.body.destroy();
          },
        );
        return { ...head, body };
      }
      try {
        const body = await readBodyLimited(
          response.body,
          options.maxBufferedMessageSize,
          length,
          `the reply from ${url}`,
          "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE",
          mapError,
        );
        await connectionFreed();
        return { ...head, body };
      } catch (error) {
        // Quota, timeout or abort: the rest of the body stays unread, so the connection goes.
        response.body.destroy();
        throw error;
      } finally {
        scope.dispose();
      }
    } finally {
      this.#busy = false;
    }
  }

  async close(signal: AbortSignal): Promise<void> {
    if (this.#ended !== null) return;
    try {
      await this.#discardReply(signal);
    } finally {
      this.#end(new WsError(WS_E_INVALID_OPERATION, "HTTP request channel: the channel was closed"));
    }
  }

  abort(reason: Error): void {
    if (this.#ended !== null) return;
    const exchange = this.#exchange;
    this.#exchange = null;
    exchange?.controller.abort(reason);
    exchange?.response?.body.destroy();
    this.#unfinished?.destroy();
    this.#unfinished = null;
    this.#end(reason);
  }

  #end(reason: Error): void {
    this.#ended = reason;
    this.#lease?.release();
    this.#lease = null;
  }

  #checkUsable(what: string): void {
    if (this.#ended !== null)
      throw this.#ended instanceof WsError ? this.#ended : new WsError(WS_E_INVALID_OPERATION, `HTTP request channel: ${what} after abort`);
  }

  /** Starts send or receive: one at a time, on an opened transport. */
  #begin(what: string): DispatcherLease {
    this.#checkUsable(what);
    if (this.#lease === null) throw new WsError(WS_E_INVALID_OPERATION, `HTTP request channel: ${what} before open`);
    if (this.#busy) throw new WsError(WS_E_INVALID_OPERATION, `HTTP request channel: ${what} while another send or receive is pending`);
    this.#busy = true;
    return this.#lease;
  }

  /** A scope for one seam call whose aborts (the caller's signal, a phase timeout) end the exchange. */
  #scopeFor(exchange: Exchange, signal: AbortSignal): OperationScope {
    const scope = new OperationScope(signal);
    const forward = () => exchange.controller.abort(scope.signal.reason);
    if (scope.signal.aborted) forward();
    else scope.signal.addEventListener("abort", forward, { once: true });
    return scope;
  }

  /** Discards a reply nobody received (a one-way send's 202), keeping the connection when it is small. */
  async #discardReply(signal: AbortSignal): Promise<void> {
    // A streamed reply the channel stopped reading: its connection cannot be reused.
    this.#unfinished?.destroy();
    this.#unfinished = null;
    const exchange = this.#exchange;
    this.#exchange = null;
    const response = exchange?.response;
    if (!response) return;
    const scope = new OperationScope(signal);
    scope.phase(this.#options.closeTimeout, `discarding the reply from ${this.#options.url.href}`);
    try {
      await response.body.dump({ limit: this.#options.maxBufferedMessageSize, signal: scope.signal });
      await connectionFreed();
    } catch {
      response.body.destroy();
    } finally {
      scope.dispose();
    }
  }

  #requestHeaders(message: TransportMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    if (message.contentType !== "") addHeader(headers, "content-type", message.contentType);
    for (const [name, value] of message.httpHeaders ?? []) addHeader(headers, name, value);
    for (const [name, value] of this.#options.extraHeaders) addHeader(headers, name, value, false);
    const cookie = this.#jar?.header();
    if (cookie != null) addHeader(headers, "cookie", cookie, false);
    return headers;
  }

  /**
   * The body as undici pulls it: `sent` runs when undici asks for more after the last chunk, that
   * is when the whole body has been handed to the socket, and starts the receive-response phase.
   * A buffered body goes with Content-Length, a streamed one chunked.
   */
  #outgoingBody(body: TransportMessage["body"], headers: Record<string, string>, sent: () => void): AsyncIterable<Uint8Array> {
    const options = this.#options;
    const what = `the request to ${options.url.href}`;
    if (body instanceof Uint8Array) {
      if (body.byteLength > options.maxBufferedMessageSize && !options.streamedOutput) {
        throw quotaExceeded(what, options.maxBufferedMessageSize, "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE", body.byteLength);
      }
      headers["content-length"] = String(body.byteLength);
      return (async function* () {
        if (body.byteLength > 0) yield body;
        sent();
      })();
    }
    const limit = options.streamedOutput ? options.maxStreamedMessageSize : options.maxBufferedMessageSize;
    const property = options.streamedOutput
      ? "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE"
      : "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE";
    return (async function* () {
      let total = 0;
      for await (const chunk of body) {
        total += chunk.byteLength;
        if (total > limit) throw quotaExceeded(what, limit, property);
        if (chunk.byteLength > 0) yield chunk;
      }
      sent();
    })();
  }
}

/**
 * undici ends a response body before it marks the connection idle; a request made in between
 * would open a second connection. One turn of the event loop lets the pool see the idle one, so
 * consecutive requests of a channel share a connection.
 */
function connectionFreed(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}
