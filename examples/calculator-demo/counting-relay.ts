import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of an endpoint that counts the bytes each way: what the client sends
 * (requests, including HTTP heads or net.tcp framing records) and what the server sends back. The
 * demo's clients connect to the relay, so the counts are the real bytes on the wire, measured at
 * the socket and not by the stack that produced them.
 *
 * Bytes are counted when the relay reads them, before it forwards them: once a reply has reached
 * the client, its bytes and its request's bytes have been counted.
 */
export interface ByteCounts {
  /** Client to server. */
  readonly request: number;
  /** Server to client. */
  readonly reply: number;
}

export class CountingRelay {
  #request = 0;
  #reply = 0;
  #connections = 0;
  readonly #sockets = new Set<Socket>();

  private constructor(
    readonly server: Server,
    /** The port the relay listens on (127.0.0.1). */
    readonly port: number,
    /** The port it forwards to; settable until the first connection (the peer may start after the relay). */
    public targetPort: number,
  ) {}

  /**
   * Listens on `listen` (default 127.0.0.1 with an ephemeral port) and forwards every connection to
   * 127.0.0.1:targetPort.
   */
  static async start(targetPort = 0, listen: { readonly host?: string; readonly port?: number } = {}): Promise<CountingRelay> {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(listen.port ?? 0, listen.host ?? "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address !== null ? address.port : 0);
      });
    });
    const relay = new CountingRelay(server, port, targetPort);
    server.on("connection", (client) => relay.#relay(client));
    return relay;
  }

  /** The totals so far; subtract two of them for one call's bytes. */
  counts(): ByteCounts {
    return { request: this.#request, reply: this.#reply };
  }

  /** How many connections the client made through the relay so far. */
  get connections(): number {
    return this.#connections;
  }

  #relay(client: Socket): void {
    this.#connections++;
    const upstream = connect({ host: "127.0.0.1", port: this.targetPort });
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      // Without it Nagle's algorithm holds a small second write (an HTTP body after its head) for
      // the peer's delayed ACK, and every call would take ~40 ms longer through the relay than without.
      socket.setNoDelay(true);
      socket.once("close", () => this.#sockets.delete(socket));
    }
    client.on("data", (chunk: Buffer) => {
      this.#request += chunk.length;
    });
    upstream.on("data", (chunk: Buffer) => {
      this.#reply += chunk.length;
    });
    // pipe() keeps the back-pressure and passes on each side's end (a half-close) to the other.
    client.pipe(upstream);
    upstream.pipe(client);
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once("error", fail);
    upstream.once("error", fail);
  }

  /** Stops listening and drops every connection still open; resolves when the server has closed. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    return closed;
  }
}
