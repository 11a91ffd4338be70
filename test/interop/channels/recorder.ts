import { createServer, type Server, type Socket } from "node:net";
// The [MC-NMF] record codec, from source (as soap/nettcp.ts uses it).
import { type DecodedFramingRecord, FramingReader, writeRecords } from "../../../packages/channels/src/framing/index.js";

/**
 * Stand-ins for WCF's server that record what our client channel sends and answer with WCF's own
 * captured reply bytes: for comparing our requests with WCF's (golden-replay.interop.test.ts) and for
 * reading WCF's replies through our channel.
 */

export interface Recorder {
  /** The port on 127.0.0.1. */
  readonly port: number;
  /** Every byte each connection sent, one entry per connection. */
  readonly connections: Uint8Array[];
  stop(): Promise<void>;
}

function listen(onSocket: (socket: Socket, record: (chunk: Uint8Array) => void) => void): Promise<Recorder> {
  const connections: Uint8Array[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const index = connections.push(new Uint8Array(0)) - 1;
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    onSocket(socket, (chunk) => {
      const before = connections[index]!;
      const joined = new Uint8Array(before.length + chunk.length);
      joined.set(before);
      joined.set(chunk, before.length);
      connections[index] = joined;
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        connections,
        stop: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The final response of a golden HTTP capture's server bytes (WCF's 100 Continue left out: our client sends no Expect). */
export function finalResponseBytes(s2c: Uint8Array): Uint8Array {
  const text = Buffer.from(s2c).toString("latin1");
  const start = text.startsWith("HTTP/1.1 100") ? text.indexOf("\r\n\r\n") + 4 : 0;
  return s2c.subarray(start);
}

/** An HTTP server that records each request and answers every complete one with `response` (raw bytes). */
export function startHttpRecorder(response: Uint8Array): Promise<Recorder> {
  return listen((socket, record) => {
    let pending = new Uint8Array(0);
    socket.on("data", (chunk: Buffer) => {
      record(new Uint8Array(chunk));
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      pending = joined;
      // A request parses like a response once its request line is taken for a status line.
      const head = Buffer.from(pending).toString("latin1");
      const headEnd = head.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head.slice(0, headEnd))?.[1] ?? 0);
      if (pending.length < headEnd + 4 + length) return;
      pending = pending.subarray(headEnd + 4 + length);
      socket.write(response);
    });
  });
}

/**
 * A net.tcp server that records the client's bytes and answers as the capture's server did: the
 * Preamble Ack after the Preamble End, the capture's n-th Sized Envelope after the client's n-th,
 * and on the client's End it closes (as Mono does).
 */
export function startNetTcpRecorder(s2c: Uint8Array): Promise<Recorder> {
  const replies = new FramingReader({ maxEnvelopeSize: 1 << 20 }).feed(s2c).filter((r) => r.type === "sized-envelope");
  return listen((socket, record) => {
    const reader = new FramingReader({ maxEnvelopeSize: 1 << 20 });
    let sent = 0;
    socket.on("data", (chunk: Buffer) => {
      record(new Uint8Array(chunk));
      let received: DecodedFramingRecord[];
      try {
        received = reader.feed(new Uint8Array(chunk));
      } catch {
        socket.destroy();
        return;
      }
      for (const r of received) {
        if (r.type === "preamble-end") socket.write(writeRecords([{ type: "preamble-ack" }]));
        else if (r.type === "sized-envelope" && sent < replies.length) socket.write(writeRecords([replies[sent++]!]));
        else if (r.type === "end") socket.end();
      }
    });
  });
}
