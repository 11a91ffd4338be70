import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";
import { WS_E_ADDRESS_IN_USE } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { listenError } from "./http-errors.js";
import type { HttpServerTlsOptions } from "./http-options.js";
import { hostOfHeader, type ListenerAddress, normalizeLocalAddress, pathSegments, route, samePrefix } from "./listener-url.js";

/**
 * One node:http server per port, shared by every HTTP listener on it (as HTTP.sys shares a port
 * among URL prefixes): requests are routed by listener-url.ts's rules, and the server closes —
 * every connection with it, idle or not — when the last listener on its port unregisters.
 */

/** What a listener gives the registry: where it listens and who takes its requests. */
export interface PortRegistration {
  readonly address: ListenerAddress;
  readonly tls: HttpServerTlsOptions | null;
  onRequest(request: IncomingMessage, response: ServerResponse, connectionId: number): void;
}

export interface PortHandle {
  /** The port listened on (the ephemeral one chosen for port 0). */
  readonly port: number;
  /** Removes the registration; the port's server closes with its last one. */
  unregister(): Promise<void>;
}

class PortServer {
  readonly server: Server;
  readonly scheme: "http" | "https";
  readonly bindHost: string;
  readonly registrations = new Set<PortRegistration>();
  readonly sockets = new Set<Socket>();
  readonly #connectionIds = new WeakMap<Socket, number>();
  #nextConnectionId = 1;
  port = 0;
  closing: Promise<void> | null = null;

  constructor(scheme: "http" | "https", bindHost: string, tls: HttpServerTlsOptions | null) {
    this.scheme = scheme;
    this.bindHost = bindHost;
    const onRequest = (request: IncomingMessage, response: ServerResponse) => this.#route(request, response);
    // WS_CHANNEL_PROPERTY_MAX_HTTP_REQUEST_HEADERS_BUFFER_SIZE: "The default value is 65536" (Node's own is 16 KB).
    const limits = { maxHeaderSize: 65536 };
    this.server =
      scheme === "https"
        ? createHttpsServer({ ...limits, cert: tls?.cert as string, key: tls?.key as string }, onRequest)
        : createHttpServer(limits, onRequest);
    // Track every connection from its first byte, not only those with a request: closing the
    // port must close idle ones too, and connection ids (WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID)
    // "uniquely identif[y] a connection while the listener object ... remains open".
    this.server.on(scheme === "https" ? "secureConnection" : "connection", (socket: Socket) => {
      this.sockets.add(socket);
      this.#connectionIds.set(socket, this.#nextConnectionId++);
      socket.once("close", () => this.sockets.delete(socket));
    });
    if (scheme === "https") {
      // A TLS handshake that never completes holds a raw socket the secureConnection event never sees.
      this.server.on("connection", (socket: Socket) => {
        this.sockets.add(socket);
        socket.once("close", () => this.sockets.delete(socket));
      });
    }
  }

  #route(request: IncomingMessage, response: ServerResponse): void {
    const socket = request.socket;
    const result = route(
      [...this.registrations].map((r) => ({ address: r.address, target: r })),
      hostOfHeader(request.headers.host),
      normalizeLocalAddress(socket.localAddress),
      pathSegments(request.url ?? "/"),
    );
    if ("status" in result) {
      respondEmpty(response, result.status);
      return;
    }
    result.target.onRequest(request, response, this.#connectionIds.get(socket) ?? 0);
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once("error", onError);
      this.server.listen({ port, host: this.bindHost, ipv6Only: false }, () => {
        this.server.off("error", onError);
        resolve();
      });
    });
    const address = this.server.address();
    this.port = typeof address === "object" && address !== null ? address.port : port;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
    return this.closing;
  }
}

/** A response with no body (routing failures, 405, 413, 503), closing the connection when asked. */
export function respondEmpty(
  response: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  closeConnection = false,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.shouldKeepAlive = response.shouldKeepAlive && !closeConnection;
  response.writeHead(status, { ...headers, "content-length": "0", ...(closeConnection ? { connection: "close" } : {}) });
  response.end();
}

/** Servers by port; a port being opened is there as a promise so that a second listener waits for it. */
const servers = new Map<number, Promise<PortServer>>();
/** The started servers by their port, to remove a closing one from `servers` without waiting. */
const live = new Map<number, PortServer>();

/** The address to bind: an IP-bound listener's IP, otherwise every interface. */
function bindHostFor(address: ListenerAddress): string {
  return address.category === "ip" ? address.host : "::";
}

async function startServer(address: ListenerAddress, tls: HttpServerTlsOptions | null): Promise<PortServer> {
  let server = new PortServer(address.scheme, bindHostFor(address), tls);
  try {
    await server.listen(address.port);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (server.bindHost !== "::" || (code !== "EAFNOSUPPORT" && code !== "EADDRNOTAVAIL")) throw error;
    // No IPv6 on this machine: every IPv4 interface then.
    server = new PortServer(address.scheme, "0.0.0.0", tls);
    await server.listen(address.port);
  }
  return server;
}

function conflict(server: PortServer, registration: PortRegistration): string | null {
  const address = registration.address;
  if (server.scheme !== address.scheme) return `port ${server.port} already serves ${server.scheme}`;
  const wanted = bindHostFor(address);
  if (server.bindHost !== wanted && !(server.bindHost === "::" || server.bindHost === "0.0.0.0")) {
    return `port ${server.port} is bound to ${server.bindHost} only`;
  }
  for (const other of server.registrations) {
    if (samePrefix(other.address, address))
      return `another listener of this process is registered for ${address.scheme}://${address.host}:${server.port}${address.path}`;
  }
  return null;
}

/** Registers a listener on its port, starting the port's server when it is the first. */
export async function registerListener(registration: PortRegistration, url: string): Promise<PortHandle> {
  const address = registration.address;
  let server: PortServer;
  const pending = address.port === 0 ? undefined : servers.get(address.port);
  if (pending !== undefined) {
    server = await pending;
    if (server.closing !== null) return registerListener(registration, url);
  } else {
    const starting = startServer(address, registration.tls);
    if (address.port !== 0) servers.set(address.port, starting);
    try {
      server = await starting;
    } catch (error) {
      if (address.port !== 0) servers.delete(address.port);
      throw listenError(error, url);
    }
    if (address.port === 0) servers.set(server.port, Promise.resolve(server));
    live.set(server.port, server);
  }
  const why = conflict(server, registration);
  if (why !== null) {
    if (server.registrations.size === 0) await closeServer(server);
    throw new WsError(WS_E_ADDRESS_IN_USE, `listening on ${url} failed: ${why}`);
  }
  server.registrations.add(registration);
  let done: Promise<void> | null = null;
  return {
    port: server.port,
    unregister() {
      done ??= (async () => {
        server.registrations.delete(registration);
        if (server.registrations.size === 0) await closeServer(server);
      })();
      return done;
    },
  };
}

function closeServer(server: PortServer): Promise<void> {
  // close() marks the server closing at once, so a listener registering meanwhile starts a new one.
  const closed = server.close();
  if (live.get(server.port) === server) {
    live.delete(server.port);
    servers.delete(server.port);
  }
  return closed;
}

/** How many ports have a server, and how many connections they hold (for tests). */
export function httpPortStats(): { ports: number; connections: number } {
  let connections = 0;
  for (const server of live.values()) connections += server.sockets.size;
  return { ports: live.size, connections };
}
