import type { IncomingMessage, ServerResponse } from "node:http";
import { E_INVALIDARG, WS_E_INVALID_OPERATION, WS_E_OPERATION_ABORTED } from "@wwsapi/core";
import { startTimeout, WsError } from "@wwsapi/core/internal";
import type { ChannelTransport, ListenerTransport } from "../transport/channel-transport.js";
import {
  type HttpListenerTransportOptions,
  type HttpReplyChannelOptions,
  type ResolvedListenerOptions,
  resolveListenerOptions,
  withChannelOptions,
} from "./http-options.js";
import { type PortHandle, registerListener, respondEmpty } from "./http-port-registry.js";
import { type HttpReplyTransport, ReplyTransport, refuse } from "./http-reply-transport.js";
import { type ListenerAddress, parseListenerUrl, pathSegments } from "./listener-url.js";
import { declaredLength } from "./read-body.js";

/**
 * WS_LISTENER over WS_HTTP_CHANNEL_BINDING: a URL prefix on a port shared with the process's other
 * HTTP listeners (http-port-registry.ts). Each POST routed here waits in a queue until `accept`
 * takes it as an HttpReplyTransport.
 *
 * Answered here, before the channel sees the request: a path longer than the listener's under
 * exact path matching, 404; a method other than POST, 405 with `Allow: POST`; a Content-Length
 * above the listener's buffered size quota when it has one, 413 (connection closed, body never
 * read; an accepted channel's quota answers 413 when it receives); a full queue, 503. The
 * Content-Type is not checked: that is the encoder's business (WS_E_INVALID_FORMAT there).
 *
 * `close` answers queued requests 503, fails pending accepts with WS_E_OPERATION_ABORTED, waits up to
 * WS_LISTENER_PROPERTY_CLOSE_TIMEOUT for accepted exchanges to finish and aborts the rest; `abort`
 * does all that at once. The port's server, with every connection on it, closes with its last listener.
 */
export interface HttpListenerTransport extends ListenerTransport {
  /** The port listened on once open (the chosen one for port 0), else 0. */
  readonly port: number;
  /** The opened URL with the actual port, once open, else null. */
  readonly url: string | null;
  /** Requests routed here and waiting for accept. */
  readonly queuedRequests: number;
  /**
   * The next request as a reply transport. `channelOptions` are the properties of the channel
   * WsAcceptChannel was given (its size quotas, transfer mode, receive and send timeouts).
   */
  accept(signal: AbortSignal, channelOptions?: HttpReplyChannelOptions): Promise<HttpReplyTransport & ChannelTransport>;
}

/** Creates the transport of one HTTP listener. Throws E_INVALIDARG for a bad option. */
export function createHttpListenerTransport(options: HttpListenerTransportOptions = {}): HttpListenerTransport {
  return new HttpListener(resolveListenerOptions(options));
}

interface Waiter {
  resolve(transport: ReplyTransport): void;
  reject(reason: unknown): void;
}

type State = "created" | "opening" | "open" | "closed";

class HttpListener implements HttpListenerTransport {
  readonly #options: ResolvedListenerOptions;
  #state: State = "created";
  #address: ListenerAddress | null = null;
  #handle: PortHandle | null = null;
  #url: string | null = null;
  readonly #queue: ReplyTransport[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #active = new Set<ReplyTransport>();

  constructor(options: ResolvedListenerOptions) {
    this.#options = options;
  }

  get port(): number {
    return this.#handle?.port ?? 0;
  }

  get url(): string | null {
    return this.#url;
  }

  get queuedRequests(): number {
    return this.#queue.length;
  }

  async open(url: string, signal: AbortSignal): Promise<void> {
    if (this.#state !== "created") throw new WsError(WS_E_INVALID_OPERATION, `HTTP listener: open in state ${this.#state}`);
    const address = parseListenerUrl(url);
    if (address.scheme === "https" && this.#options.tls === null) {
      throw new WsError(E_INVALIDARG, `HTTP listener: ${url} needs a server certificate (options.tls)`);
    }
    if (signal.aborted) throw signal.reason;
    this.#state = "opening";
    this.#address = address;
    const registering = registerListener(
      { address, tls: this.#options.tls, onRequest: (request, response, id) => this.#onRequest(request, response, id) },
      url,
    );
    let handle: PortHandle;
    try {
      handle = await new Promise<PortHandle>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        registering.then(
          (h) => {
            signal.removeEventListener("abort", onAbort);
            resolve(h);
          },
          (error: unknown) => {
            signal.removeEventListener("abort", onAbort);
            reject(error);
          },
        );
      });
    } catch (error) {
      // Aborted while the port was being opened: give the registration back when it arrives.
      registering.then((h) => h.unregister()).catch(() => {});
      if (this.#state === "opening") this.#state = "created";
      throw error;
    }
    if (this.#state !== "opening") {
      await handle.unregister();
      throw new WsError(WS_E_OPERATION_ABORTED, `HTTP listener: aborted while opening ${url}`);
    }
    this.#handle = handle;
    this.#url = url.replace(/^(https?:\/\/(?:\[[^\]]*\]|[^/:?#]*))(?::\d*)?/i, `$1:${handle.port}`);
    this.#state = "open";
  }

  #onRequest(request: IncomingMessage, response: ServerResponse, connectionId: number): void {
    const options = this.#options;
    const address = this.#address!;
    if (this.#state !== "open") {
      refuse(request, response, 503);
      return;
    }
    // WS_MATCH_URL_EXACT_PATH (in the default transport URL matching options): routing gave the
    // longest prefix; a longer path is not this listener's.
    if (options.pathMatching === "exact" && pathSegments(request.url ?? "/").length !== address.segments.length) {
      respondEmpty(response, 404);
      return;
    }
    if (request.method !== "POST") {
      respondEmpty(response, 405, { allow: "POST" });
      return;
    }
    const length = declaredLength(request.headers["content-length"]);
    if (!options.streamedInput && options.arrivalLimit !== null && length !== null && length > options.arrivalLimit) {
      refuse(request, response, 413);
      return;
    }
    const transport = new ReplyTransport(request, response, options, address.scheme, connectionId);
    const waiter = this.#waiters.values().next().value;
    if (waiter !== undefined) {
      this.#waiters.delete(waiter);
      this.#track(transport);
      waiter.resolve(transport);
      return;
    }
    if (this.#queue.length >= options.maxQueuedRequests) {
      refuse(request, response, 503);
      return;
    }
    this.#queue.push(transport);
    // A client that gives up while queued leaves the queue.
    void transport.done.then(() => {
      const at = this.#queue.indexOf(transport);
      if (at >= 0) this.#queue.splice(at, 1);
    });
  }

  #track(transport: ReplyTransport): void {
    this.#active.add(transport);
    void transport.done.then(() => this.#active.delete(transport));
  }

  accept(signal: AbortSignal, channelOptions?: HttpReplyChannelOptions): Promise<ReplyTransport> {
    let options: ResolvedListenerOptions;
    try {
      options = withChannelOptions(this.#options, channelOptions);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#state !== "open") {
      return Promise.reject(
        new WsError(
          this.#state === "closed" ? WS_E_OPERATION_ABORTED : WS_E_INVALID_OPERATION,
          `HTTP listener: accept in state ${this.#state}`,
        ),
      );
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    for (let transport = this.#queue.shift(); transport !== undefined; transport = this.#queue.shift()) {
      if (transport.over) continue;
      transport.useChannelOptions(options);
      this.#track(transport);
      return Promise.resolve(transport);
    }
    return new Promise<ReplyTransport>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(waiter);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        resolve: (transport) => {
          transport.useChannelOptions(options);
          signal.removeEventListener("abort", onAbort);
          resolve(transport);
        },
        reject: (reason) => {
          signal.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      this.#waiters.add(waiter);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  async close(signal: AbortSignal): Promise<void> {
    if (this.#state === "closed") return;
    this.#shutDown(new WsError(WS_E_OPERATION_ABORTED, `HTTP listener: ${this.#url ?? "the listener"} was closed`));
    // WS_LISTENER_PROPERTY_CLOSE_TIMEOUT: "to allow clients time to continue receiving data from
    // HTTP responses sent by the server before the HTTP server disconnects the client connections".
    const active = [...this.#active].map((t) => t.done);
    if (active.length > 0) {
      let stopTimer = () => {};
      await Promise.race([
        Promise.all(active),
        new Promise<void>((resolve) => {
          stopTimer = startTimeout(this.#options.closeTimeout, resolve);
          signal.addEventListener("abort", () => resolve(), { once: true });
        }),
      ]);
      stopTimer();
      for (const transport of this.#active)
        transport.abort(new WsError(WS_E_OPERATION_ABORTED, "HTTP listener: closed before the response was sent"));
    }
    await this.#handle?.unregister();
    if (signal.aborted) throw signal.reason;
  }

  abort(reason: Error): void {
    if (this.#state === "closed") return;
    this.#shutDown(reason);
    for (const transport of this.#active) transport.abort(reason);
    void this.#handle?.unregister();
  }

  /** Stops taking requests: pending accepts fail with `reason`, queued requests are answered 503. */
  #shutDown(reason: Error): void {
    this.#state = "closed";
    for (const waiter of this.#waiters) waiter.reject(reason);
    this.#waiters.clear();
    for (const transport of this.#queue.splice(0)) transport.refuseUnaccepted();
  }
}
