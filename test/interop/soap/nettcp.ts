import { connect, type Socket } from "node:net";
// The channel layer is being written; its [MC-NMF] framing module is used from source.
import {
  ClientDuplexSession,
  type DecodedFramingRecord,
  FramingReader,
  type SessionStep,
  writeRecords,
} from "../../../packages/channels/src/framing/index.js";

/**
 * A minimal net.tcp client over node:net for interop tests before the TCP channel exists: the
 * [MC-NMF] Duplex session of packages/channels/src/framing (preamble with Via and Known Encoding 0x08,
 * binary session), one Sized Envelope per message, End. Messages are [MC-NBFSE] payloads: a
 * StringTable, then the binary document (string-table.ts).
 */
export class NetTcpTestSession {
  readonly #socket: Socket;
  readonly #session: ClientDuplexSession;
  readonly #reader = new FramingReader();
  readonly #steps: SessionStep[] = [];
  #waiter: (() => void) | undefined;
  #closed = false;
  #error: Error | undefined;
  /** Every record the server sent, in order. */
  readonly received: DecodedFramingRecord[] = [];

  private constructor(socket: Socket, via: string) {
    this.#socket = socket;
    this.#session = new ClientDuplexSession({ via });
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const record of this.#reader.feed(new Uint8Array(chunk))) {
          this.received.push(record);
          this.#steps.push(this.#session.receive(record));
        }
      } catch (error) {
        this.#error = error as Error;
        socket.destroy();
      }
      this.#wake();
    });
    socket.on("close", () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on("error", (error) => {
      this.#error ??= error;
      this.#wake();
    });
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  /** Connects to the host and port of a net.tcp URL and sends the preamble; resolves on the Preamble Ack. */
  static async open(url: string, timeoutMs = 20_000): Promise<NetTcpTestSession> {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const session = new NetTcpTestSession(socket, url);
    socket.write(writeRecords(session.#session.start()));
    const step = await session.#next(timeoutMs);
    if (step?.action !== "open") throw new Error(`no Preamble Ack: ${JSON.stringify(step)}`);
    return session;
  }

  /** The next session step, or undefined when the connection closed first. */
  async #next(timeoutMs: number): Promise<SessionStep | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.#steps.length === 0) {
      if (this.#error !== undefined) throw this.#error;
      if (this.#closed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`net.tcp: nothing from the server in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#steps.shift();
  }

  /** Sends one message (a Sized Envelope) and resolves with the payload of the next one received. */
  async request(payload: Uint8Array, timeoutMs = 20_000): Promise<Uint8Array> {
    this.#socket.write(writeRecords([this.#session.sendMessage(payload)]));
    const step = await this.#next(timeoutMs);
    if (step?.action !== "message") throw new Error(`expected a message, got ${JSON.stringify(step) ?? "the connection closed"}`);
    return step.payload;
  }

  /**
   * Sends End and waits for the server's End or for the connection to close; returns which came
   * (Mono closes without an End record of its own).
   */
  async end(timeoutMs = 20_000): Promise<"end" | "closed"> {
    this.#socket.write(writeRecords([this.#session.end()]));
    const step = await this.#next(timeoutMs);
    if (step === undefined) return "closed";
    if (step.action !== "end") throw new Error(`expected End, got ${JSON.stringify(step)}`);
    this.#socket.end();
    return "end";
  }

  /** Destroys the connection (always safe). */
  close(): void {
    this.#socket.destroy();
  }
}
