import type { Socket } from "node:net";
import { WS_E_ENDPOINT_DISCONNECTED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { type FramingLimits, FramingReader } from "../framing/read-records.js";
import type { DecodedFramingRecord, FramingRecord } from "../framing/records.js";
import { writeRecords } from "../framing/write-records.js";
import { WaiterQueue } from "../transport/waiter-queue.js";
import { abortReason } from "./deadline.js";
import { socketError } from "./socket-errors.js";

/**
 * A TCP socket seen as [MC-NMF] records: bytes in through a FramingReader, records out one at a
 * time to whoever asks (`next`), records in to the socket (`write`). No session rules here
 * (session-state.ts has them) and no timeouts (the callers' signals carry them).
 *
 * Memory: the socket is paused while MAX_QUEUED decoded records wait to be taken, so what one
 * connection holds is at most that many records (each within the reader's limits) plus the reader's
 * own partial record, whatever the peer sends.
 */

const MAX_QUEUED = 4;

const disconnected = (): WsError => new WsError(WS_E_ENDPOINT_DISCONNECTED, "net.tcp: the connection is closed");

export class FramedConnection {
  readonly socket: Socket;
  readonly #reader: FramingReader;
  readonly #queue: DecodedFramingRecord[] = [];
  readonly #waiters = new WaiterQueue<DecodedFramingRecord | null>();
  /** The peer closed its side at a record boundary: `next` returns null once the queue is empty. */
  #ended = false;
  /** A decoding error, a socket error or a local abort: `next` throws it once the queue is empty. */
  #failure: Error | undefined;
  #closed = false;
  readonly #closedPromise: Promise<void>;

  constructor(socket: Socket, limits: FramingLimits) {
    this.socket = socket;
    this.#reader = new FramingReader(limits);
    this.#closedPromise = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    socket.on("end", () => this.#onEnd());
    socket.on("error", (error) => this.#fail(socketError(error, "net.tcp connection")));
    socket.on("close", () => {
      this.#closed = true;
      if (!this.#ended) this.#fail(new WsError(WS_E_ENDPOINT_DISCONNECTED, "net.tcp: the connection was closed"));
    });
  }

  /** The stream offset of the next octet the reader will decode. */
  get offset(): number {
    return this.#reader.offset;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves once the socket has closed. */
  whenClosed(): Promise<void> {
    return this.#closedPromise;
  }

  /** The next record; null once the peer has closed its side between records. Rejects with what failed the stream. */
  next(signal: AbortSignal): Promise<DecodedFramingRecord | null> {
    const record = this.#take();
    if (record !== undefined) return Promise.resolve(record);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#ended) return Promise.resolve(null);
    return this.#waiters.wait(signal);
  }

  /** Writes records; resolves when the socket has taken them. A write cut short by `signal` destroys the connection (the stream is broken). */
  write(records: readonly FramingRecord[], signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (this.socket.destroyed || !this.socket.writable) {
      return Promise.reject(this.#failure ?? disconnected());
    }
    const bytes = writeRecords(records);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        reject(abortReason(signal));
        this.destroy(abortReason(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.socket.write(bytes, (error) => {
        signal.removeEventListener("abort", onAbort);
        if (!error && !this.socket.destroyed) {
          resolve();
          return;
        }
        // Node completes a write that was still in flight when the socket was destroyed (the peer
        // reset it, or a local abort) with no error, and one still buffered with
        // ERR_STREAM_DESTROYED: the bytes did not all go, so the write fails as the connection did.
        reject(this.#failure ?? (error ? socketError(error, "net.tcp write") : disconnected()));
      });
    });
  }

  /** Ends this side (TCP FIN) once written data has gone. */
  end(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  /** Tears the connection down; pending and later `next` calls reject with `reason`. */
  destroy(reason: Error): void {
    this.#fail(reason);
    this.socket.destroy();
  }

  #take(): DecodedFramingRecord | undefined {
    const record = this.#queue.shift();
    if (record !== undefined && this.#queue.length < MAX_QUEUED && this.socket.isPaused() && !this.socket.destroyed) this.socket.resume();
    return record;
  }

  #onData(chunk: Buffer): void {
    if (this.#failure !== undefined) return;
    try {
      // One record at a time (not feed()), so that the records before a bad one are delivered first.
      this.#reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      for (let record = this.#reader.next(); record !== undefined; record = this.#reader.next()) this.#queue.push(record);
    } catch (error) {
      this.#failure = error as Error;
      // Nothing more is read from a stream that is not valid framing.
      this.socket.pause();
    }
    if (this.#queue.length >= MAX_QUEUED) this.socket.pause();
    this.#wake();
  }

  #onEnd(): void {
    if (this.#failure === undefined) {
      try {
        for (const record of this.#reader.finish()) this.#queue.push(record);
        this.#ended = true;
      } catch (error) {
        this.#failure = error as Error;
      }
    }
    this.#wake();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wake();
  }

  #wake(): void {
    while (this.#waiters.size > 0) {
      const record = this.#take();
      if (record === undefined && this.#failure === undefined && !this.#ended) return;
      const waiter = this.#waiters.take()!;
      if (record !== undefined) waiter.resolve(record);
      else if (this.#failure !== undefined) waiter.reject(this.#failure);
      else waiter.resolve(null);
    }
  }
}
