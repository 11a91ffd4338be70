import { createServer, type Server, type Socket } from "node:net";
import { WS_E_ENDPOINT_NOT_FOUND, WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { FramingError } from "../framing/framing-error.js";
import type { EnvelopeEncodingRecord } from "../framing/records.js";
import { ServerDuplexSession } from "../framing/session-state.js";
import { withDeadline } from "./deadline.js";
import { FramedConnection } from "./framed-connection.js";
import { socketError } from "./socket-errors.js";
import { DEFAULT_KEEP_ALIVE_TIME } from "./tcp-options.js";

/**
 * One listening TCP port shared by every net.tcp listener on it: several Vias (paths) on one port,
 * as net.tcp port sharing allows. The port reads each new connection's preamble, finds the endpoint
 * its Via names, and hands the acknowledged connection to that endpoint; a preamble that names no
 * endpoint gets EndpointNotFound, and any other preamble error the fault [MC-NMF] gives for it
 * (fault-strings.ts), then the connection is closed.
 *
 * Ports are kept by "host:port" while at least one endpoint is registered. A listener URL with port
 * 0 always gets a new ephemeral port; others may then register on that port by number.
 */

export interface PortEndpoint {
  /** The path of the Via this endpoint serves ("/calc/tcp"). */
  readonly path: string;
  /** The limits of this endpoint; the port applies the largest of its endpoints' while reading a preamble. */
  readonly maxMessageSize: number;
  readonly connectTimeout: number | undefined;
  readonly acceptEncoding: (encoding: EnvelopeEncodingRecord) => boolean;
  readonly keepAlive: { readonly enabled: boolean; readonly time?: number } | undefined;
  /** An acknowledged session for this endpoint. */
  deliver(connection: FramedConnection, session: ServerDuplexSession): void;
}

export class TcpPort {
  readonly #server: Server;
  readonly #endpoints = new Map<string, PortEndpoint>();
  /** Connections still in their preamble: the port owns them until they are delivered. */
  readonly #pending = new Set<FramedConnection>();
  #key = "";

  private constructor(server: Server) {
    this.#server = server;
    server.on("connection", (socket) => this.#accept(socket));
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === "object" && address !== null ? address.port : 0;
  }

  /** How many connections are reading their preamble (for tests and diagnostics). */
  get pendingConnections(): number {
    return this.#pending.size;
  }

  /** Registers an endpoint on host:port, listening first if no listener has this port. */
  static async register(host: string | undefined, port: number, endpoint: PortEndpoint, backlog?: number): Promise<TcpPort> {
    const existing = port === 0 ? undefined : PORTS.get(portKey(host, port));
    const tcpPort = existing ?? (await TcpPort.#listen(host, port, backlog));
    if (tcpPort.#endpoints.has(endpoint.path)) {
      if (tcpPort.#endpoints.size === 0) tcpPort.#shutDown();
      throw new WsError(WS_E_INVALID_OPERATION, `net.tcp: a listener already serves the Via path ${endpoint.path} on port ${tcpPort.port}`);
    }
    tcpPort.#endpoints.set(endpoint.path, endpoint);
    return tcpPort;
  }

  static async #listen(host: string | undefined, port: number, backlog: number | undefined): Promise<TcpPort> {
    const server = createServer({ noDelay: true, pauseOnConnect: false });
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error) => reject(socketError(error, `net.tcp listen on ${host ?? "*"}:${port}`)));
      server.listen({ host, port, exclusive: true, ...(backlog === undefined ? {} : { backlog }) }, () => resolve());
    });
    const tcpPort = new TcpPort(server);
    server.on("error", () => {}); // after listening, errors concern single connections
    tcpPort.#key = portKey(host, tcpPort.port);
    PORTS.set(tcpPort.#key, tcpPort);
    return tcpPort;
  }

  /** Removes an endpoint; the last one closes the port and every connection still in its preamble. */
  unregister(endpoint: PortEndpoint): void {
    if (this.#endpoints.get(endpoint.path) !== endpoint) return;
    this.#endpoints.delete(endpoint.path);
    if (this.#endpoints.size === 0) this.#shutDown();
  }

  #shutDown(): void {
    if (PORTS.get(this.#key) === this) PORTS.delete(this.#key);
    this.#server.close();
    const reason = new WsError(WS_E_INVALID_OPERATION, "net.tcp: the listener closed");
    for (const connection of this.#pending) connection.destroy(reason);
    this.#pending.clear();
  }

  #accept(socket: Socket): void {
    if (this.#endpoints.size === 0) {
      socket.destroy();
      return;
    }
    const endpoints = [...this.#endpoints.values()];
    const connection = new FramedConnection(socket, { maxEnvelopeSize: Math.max(...endpoints.map((e) => e.maxMessageSize)) });
    this.#pending.add(connection);
    const keepAlive = endpoints.find((e) => e.keepAlive?.enabled)?.keepAlive;
    if (keepAlive) socket.setKeepAlive(true, keepAlive.time ?? DEFAULT_KEEP_ALIVE_TIME);
    const timeouts = endpoints.map((e) => e.connectTimeout);
    const connectTimeout = timeouts.includes(undefined) ? undefined : Math.max(...(timeouts as number[]));
    void this.#preamble(connection, connectTimeout);
  }

  async #preamble(connection: FramedConnection, connectTimeout: number | undefined): Promise<void> {
    const session: ServerDuplexSession = new ServerDuplexSession({
      acceptVia: (via) => this.#endpointFor(via) !== undefined,
      acceptEncoding: (encoding): boolean => {
        const endpoint: PortEndpoint | undefined = session.via === undefined ? undefined : this.#endpointFor(session.via);
        return endpoint?.acceptEncoding(encoding) === true;
      },
    });
    try {
      const reply = await withDeadline(new AbortController().signal, connectTimeout, "net.tcp preamble", async (signal) => {
        for (;;) {
          const record = await connection.next(signal);
          if (record === null) {
            session.peerClosed(connection.offset);
            return undefined;
          }
          const step = session.receive(record);
          if (step.action === "reply") return step.records;
        }
      });
      if (reply === undefined) return;
      const endpoint = session.via === undefined ? undefined : this.#endpointFor(session.via);
      if (endpoint === undefined)
        throw new FramingError(
          WS_E_ENDPOINT_NOT_FOUND,
          "endpoint-not-found",
          connection.offset,
          `the endpoint of the Via ${session.via} closed`,
        );
      await connection.write(reply, AbortSignal.timeout(connectTimeout ?? 15000));
      this.#pending.delete(connection);
      endpoint.deliver(connection, session);
    } catch (error) {
      this.#refuse(connection, session, error);
    }
  }

  /** Sends the fault for `error` (if any) and closes. */
  #refuse(connection: FramedConnection, session: ServerDuplexSession, error: unknown): void {
    this.#pending.delete(connection);
    const fault = session.faultFor(error);
    if (fault === undefined || connection.closed) {
      connection.destroy(error as Error);
      return;
    }
    connection.write([fault], AbortSignal.timeout(1000)).then(
      () => {
        connection.end();
        setTimeout(() => connection.destroy(error as Error), 1000).unref();
      },
      () => connection.destroy(error as Error),
    );
  }

  #endpointFor(via: string): PortEndpoint | undefined {
    let path: string;
    try {
      path = new URL(via).pathname;
    } catch {
      return undefined;
    }
    return this.#endpoints.get(path);
  }
}

const PORTS = new Map<string, TcpPort>();

function portKey(host: string | undefined, port: number): string {
  return `${host ?? "*"}:${port}`;
}
