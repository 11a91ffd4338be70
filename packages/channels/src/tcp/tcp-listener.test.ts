import { connect, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  E_INVALIDARG,
  WS_E_ADDRESS_IN_USE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_E_QUOTA_EXCEEDED,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { describe, expect, it } from "vitest";
import { FramingFault } from "../framing/fault-strings.js";
import { FramingReader } from "../framing/read-records.js";
import type { FramingRecord } from "../framing/records.js";
import { writeRecord, writeRecords } from "../framing/write-records.js";
import type { ChannelTransport } from "../transport/channel-transport.js";
import { BinarySessionEncoder } from "./binary-session-encoder.js";
import { capture, cleanupsAfterEach, hex, never, newReader, newWriter, readerText, rejection } from "./tcp.test-support.js";
import { createTcpListenerTransport, type TcpListenerTransport } from "./tcp-listener-transport.js";
import type { TcpListenerTransportOptions } from "./tcp-options.js";
import { createTcpSessionTransport, type TcpSessionTransport } from "./tcp-session-transport.js";

/**
 * The server side of net.tcp on 127.0.0.1 with ephemeral ports: sessions with our own client,
 * several Vias on one port, every preamble fault a raw peer can provoke (the exact Fault Record,
 * then the close), bad records after the preamble, slow and idle peers, and 1,000 idle
 * connections that the listener's close releases.
 */

const cleanups = cleanupsAfterEach();

async function listen(path = "/calc/tcp", options: TcpListenerTransportOptions = {}, port = 0): Promise<TcpListenerTransport> {
  const listener = createTcpListenerTransport(options);
  await listener.open(`net.tcp://127.0.0.1:${port}${path}`, never());
  cleanups.push(() => listener.close(never()));
  return listener;
}

function client(port: number, path = "/calc/tcp"): TcpSessionTransport {
  const transport = createTcpSessionTransport({ address: `net.tcp://127.0.0.1:${port}${path}` });
  cleanups.push(() => transport.abort(new Error("test over")));
  return transport;
}

function track(transport: ChannelTransport): ChannelTransport {
  cleanups.push(() => transport.abort(new Error("test over")));
  return transport;
}

const body = (...octets: number[]) => ({ body: Uint8Array.from(octets), contentType: "application/soap+msbinsession1" });

/** A raw connection that records what the server sends and when it closes. */
function raw(port: number): { socket: Socket; got: () => string; closed: Promise<void> } {
  const socket = connect({ host: "127.0.0.1", port });
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  cleanups.push(() => void socket.destroy());
  return { socket, got: () => hex(Buffer.concat(chunks)), closed };
}

const preamble = (via: string, encoding: FramingRecord = { type: "known-encoding", encoding: 8 }): FramingRecord[] => [
  { type: "version", major: 1, minor: 0 },
  { type: "mode", mode: 2 },
  { type: "via", via },
  encoding,
  { type: "preamble-end" },
];

describe("sessions", () => {
  it("a client session and an accepted session exchange messages, End both ways, close", async () => {
    const listener = await listen();
    const accepting = listener.accept(never());
    const c = client(listener.port);
    await c.open(never());
    const s = track(await accepting) as TcpSessionTransport;
    expect(s.via).toBe(`net.tcp://127.0.0.1:${listener.port}/calc/tcp`);
    await s.open(never()); // already open: resolves at once
    await c.send(body(1, 2, 3), never());
    expect(await s.receive(never())).toEqual({ body: Uint8Array.of(1, 2, 3), contentType: "application/soap+msbinsession1" });
    await s.send(body(4), never());
    expect((await c.receive(never()))?.body).toEqual(Uint8Array.of(4));
    const serverSeesEnd = s.receive(never());
    const closing = c.close(never());
    expect(await serverSeesEnd).toBeNull();
    await s.close(never());
    await closing;
    expect(c.state).toBe("closed");
    expect(s.state).toBe("closed");
  });

  it("binary session messages through the transports keep their dictionaries across messages", async () => {
    const listener = await listen();
    const accepting = listener.accept(never());
    const c = client(listener.port);
    await c.open(never());
    const s = track(await accepting);
    const out = new BinarySessionEncoder();
    const incoming = new BinarySessionEncoder();
    const writer = newWriter();
    const str = (text: string) => ({ bytes: new TextEncoder().encode(text), dictionary: null, id: 0 });
    for (const value of ["2", "3"]) {
      out.startWriting(writer);
      xml.WsWriteStartElement(writer, null, str("Add"), str("http://tempuri.org/"), null);
      xml.WsWriteChars(writer, value, null);
      xml.WsWriteEndElement(writer, null);
      await c.send({ body: out.finishWriting(writer), contentType: out.contentTypeFor(null) }, never());
      const message = (await s.receive(never()))!;
      const reader = newReader();
      incoming.startReading(reader, message.body as Uint8Array, message.contentType);
      expect(readerText(reader)).toBe(`<Add xmlns="http://tempuri.org/">${value}</Add>`);
    }
    expect(incoming.receivedStrings).toEqual(["Add", "http://tempuri.org/"]);
  });

  it("several Vias share one port; each session goes to the listener of its path", async () => {
    const a = await listen("/a");
    const b = await listen("/b", {}, a.port);
    expect(b.port).toBe(a.port);
    const toB = b.accept(never());
    const toA = a.accept(never());
    await client(a.port, "/b").open(never());
    await client(a.port, "/a").open(never());
    expect((track(await toA) as TcpSessionTransport).via).toBe(`net.tcp://127.0.0.1:${a.port}/a`);
    expect((track(await toB) as TcpSessionTransport).via).toBe(`net.tcp://127.0.0.1:${a.port}/b`);
    // The same path twice on a port is refused.
    const again = createTcpListenerTransport();
    expect((await rejection(again.open(`net.tcp://127.0.0.1:${a.port}/a`, never()))).hr).toBe(WS_E_INVALID_OPERATION);
    // Closing /a leaves /b serving on the port; /a is then EndpointNotFound.
    await a.close(never());
    expect((await rejection(client(b.port, "/a").open(never()))).hr).toBe(WS_E_ENDPOINT_NOT_FOUND);
    const toB2 = b.accept(never());
    await client(b.port, "/b").open(never());
    track(await toB2);
  });

  it("sessions wait for accept in arrival order; close aborts a pending accept and drops unaccepted sessions", async () => {
    const listener = await listen();
    const first = client(listener.port);
    await first.open(never());
    const second = client(listener.port);
    await second.open(never());
    const accepted = track(await listener.accept(never()));
    await first.send(body(1), never());
    expect((await accepted.receive(never()))?.body).toEqual(Uint8Array.of(1));
    await listener.close(never());
    // The second session was never accepted: closed.
    expect((await rejection(second.receive(never()))).message).toMatch(/closed/);
    const error = await rejection(listener.accept(never()));
    expect(error.hr).toBe(WS_E_OPERATION_ABORTED);
    // The accepted one lives on.
    await first.send(body(2), never());
    expect((await accepted.receive(never()))?.body).toEqual(Uint8Array.of(2));
  });

  it("a pending accept is rejected by close with WS_E_OPERATION_ABORTED, and by its signal with the reason", async () => {
    const listener = await listen();
    const controller = new AbortController();
    const byTimeout = listener.accept(controller.signal);
    const reason = new WsError(WS_E_OPERATION_TIMED_OUT, "accept timed out");
    controller.abort(reason);
    await expect(byTimeout).rejects.toBe(reason);
    const pending = listener.accept(never());
    await listener.close(never());
    expect((await rejection(pending)).hr).toBe(WS_E_OPERATION_ABORTED);
  });

  it("a wildcard host (+) listens on every interface and accepts any host in the Via", async () => {
    const listener = createTcpListenerTransport();
    await listener.open("net.tcp://+:0/calc/tcp", never());
    cleanups.push(() => listener.close(never()));
    const accepting = listener.accept(never());
    const c = createTcpSessionTransport({ address: `net.tcp://localhost:${listener.port}/calc/tcp` });
    cleanups.push(() => c.abort(new Error("test over")));
    await c.open(never());
    expect((track(await accepting) as TcpSessionTransport).via).toBe(`net.tcp://localhost:${listener.port}/calc/tcp`);
  });

  it("a listen backlog (WS_LISTENER_PROPERTY_LISTEN_BACKLOG) is taken; 0 is E_INVALIDARG", async () => {
    const listener = await listen("/calc/tcp", { listenBacklog: 4 });
    const accepting = listener.accept(never());
    await client(listener.port).open(never());
    track(await accepting);
    const bad = createTcpListenerTransport({ listenBacklog: 0 });
    expect((await rejection(bad.open("net.tcp://127.0.0.1:0/x", never()))).hr).toBe(E_INVALIDARG);
  });

  it("a port in use by another program is WS_E_ADDRESS_IN_USE", async () => {
    const { createServer } = await import("node:net");
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const port = (other.address() as { port: number }).port;
    const listener = createTcpListenerTransport();
    expect((await rejection(listener.open(`net.tcp://127.0.0.1:${port}/x`, never()))).hr).toBe(WS_E_ADDRESS_IN_USE);
  });
});

describe.each(["nettcp-add-1", "nettcp-echo-1", "nettcp-bytes-1", "nettcp-addecho-1"])("replaying %s to the listener", (name) => {
  it("receives the recorded requests and sends the recorded server bytes, then its own End (where Mono just closes)", async () => {
    const listener = await listen();
    const via = `net.tcp://127.0.0.1:${listener.port}/calc/tcp`;
    const c2s = new FramingReader().feed(capture(`${name}.c2s.bin`)).map(({ offset: _o, ...r }) => r as FramingRecord);
    const s2c = new FramingReader().feed(capture(`${name}.s2c.bin`)).map(({ offset: _o, ...r }) => r as FramingRecord);
    const accepting = listener.accept(never());
    const peer = raw(listener.port);
    // The recorded client bytes with this listener's Via, all at once (End included).
    peer.socket.write(writeRecords(c2s.map((r) => (r.type === "via" ? { type: "via", via } : r))));
    const session = track(await accepting);
    const replies = s2c.filter((r) => r.type === "sized-envelope");
    for (const [i, request] of c2s.filter((r) => r.type === "sized-envelope").entries()) {
      expect(hex((await session.receive(never()))!.body as Uint8Array)).toBe(hex(request.payload));
      await session.send({ body: replies[i]!.payload, contentType: "application/soap+msbinsession1" }, never());
    }
    expect(await session.receive(never())).toBeNull();
    peer.socket.on("data", () => peer.socket.end());
    await session.close(never());
    await peer.closed;
    expect(peer.got()).toBe(`${hex(capture(`${name}.s2c.bin`))}07`);
  });
});

describe("preamble faults: the exact Fault Record, then the close", () => {
  const faultBytes = (fault: string) => hex(writeRecord({ type: "fault", fault }));
  const cases: [string, (via: string) => Uint8Array, string][] = [
    ["version 2.0", () => Uint8Array.of(0x00, 0x02, 0x00), FramingFault.UnsupportedVersion],
    ["version 1.1", () => Uint8Array.of(0x00, 0x01, 0x01), FramingFault.UnsupportedVersion],
    ["mode Singleton Unsized (streamed)", () => Uint8Array.of(0x00, 0x01, 0x00, 0x01, 0x01), FramingFault.UnsupportedMode],
    ["mode 0x05", () => Uint8Array.of(0x00, 0x01, 0x00, 0x01, 0x05), FramingFault.UnsupportedMode],
    [
      "Known Encoding 0x03 (SOAP 1.2 text)",
      (via) => writeRecords(preamble(via, { type: "known-encoding", encoding: 3 })),
      FramingFault.ContentTypeInvalid,
    ],
    [
      "reserved Known Encoding 0x09",
      (via) => Uint8Array.from([...writeRecords(preamble(via).slice(0, 3)), 0x03, 0x09]),
      FramingFault.ContentTypeInvalid,
    ],
    [
      "an Extensible Encoding other than application/soap+msbinsession1",
      (via) => writeRecords(preamble(via, { type: "extensible-encoding", contentType: "text/xml" })),
      FramingFault.ContentTypeInvalid,
    ],
    [
      "a Via of 2049 bytes",
      (via) => writeRecords([...preamble(via).slice(0, 2), { type: "via", via: `${via}/${"x".repeat(2048 - via.length)}` }]),
      FramingFault.ViaTooLong,
    ],
    ["a Via no listener has", (via) => writeRecords(preamble(`${via}/other`)), FramingFault.EndpointNotFound],
    [
      "a Via that is not a URL",
      () => writeRecords([...preamble("").slice(0, 2), { type: "via", via: "::" }]),
      FramingFault.EndpointNotFound,
    ],
    ["a record out of order (Via first)", (via) => writeRecord({ type: "via", via }), FramingFault.InvalidRecordSequence],
    ["an undefined record type 0x0D", () => Uint8Array.of(0x0d), FramingFault.InvalidRecordSequence],
    [
      "an Upgrade Request (no transport security)",
      (via) => writeRecords([...preamble(via).slice(0, 4), { type: "upgrade-request", protocol: "application/ssl-tls" }]),
      FramingFault.UpgradeInvalid,
    ],
  ];

  it.each(cases)("%s", async (_name, bytes, fault) => {
    const listener = await listen();
    const peer = raw(listener.port);
    peer.socket.write(bytes(`net.tcp://127.0.0.1:${listener.port}/calc/tcp`));
    await peer.closed;
    expect(peer.got()).toBe(faultBytes(fault));
    expect(listener.pendingConnections).toBe(0);
    // The listener still serves.
    const accepting = listener.accept(never());
    await client(listener.port).open(never());
    track(await accepting);
  });

  it("a Via of exactly 2048 bytes is read (and, naming no listener, is EndpointNotFound)", async () => {
    const listener = await listen();
    const base = `net.tcp://127.0.0.1:${listener.port}/calc/tcp/`;
    const peer = raw(listener.port);
    peer.socket.write(writeRecords(preamble(base + "y".repeat(2048 - base.length))));
    await peer.closed;
    expect(peer.got()).toBe(faultBytes(FramingFault.EndpointNotFound));
  });

  it("a preamble that stops half way is closed after the listener's connect timeout, without a fault", async () => {
    const listener = await listen("/calc/tcp", { connectTimeout: 100 });
    const peer = raw(listener.port);
    peer.socket.write(Uint8Array.of(0x00, 0x01, 0x00, 0x01, 0x02, 0x02, 0x20, 0x6e));
    await peer.closed;
    expect(peer.got()).toBe("");
  });

  it("a preamble cut by the peer's close is dropped silently", async () => {
    const listener = await listen();
    const peer = raw(listener.port);
    peer.socket.end(Uint8Array.of(0x00, 0x01, 0x00, 0x01, 0x02, 0x02, 0x20));
    await peer.closed;
    expect(peer.got()).toBe("");
    await expect.poll(() => listener.pendingConnections).toBe(0);
  });
});

/** A raw client past the preamble, and the session the listener accepted for it. */
async function rawSession(options: TcpListenerTransportOptions = {}) {
  const listener = await listen("/calc/tcp", options);
  const accepting = listener.accept(never());
  const peer = raw(listener.port);
  peer.socket.write(writeRecords(preamble(`net.tcp://127.0.0.1:${listener.port}/calc/tcp`)));
  const session = track(await accepting);
  await expect.poll(peer.got).toBe("0b");
  return { listener, peer, session };
}

describe("records after the preamble", () => {
  it("a size prefix longer than five bytes: InvalidRecordSequence, WS_E_INVALID_FORMAT, closed", async () => {
    const { peer, session } = await rawSession();
    peer.socket.write(Uint8Array.of(0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01));
    const error = await rejection(session.receive(never()));
    expect(error.hr).toBe(WS_E_INVALID_FORMAT);
    expect(error.message).toContain("longer than 5 octets");
    await peer.closed;
    expect(peer.got()).toBe(`0b${hex(writeRecord({ type: "fault", fault: FramingFault.InvalidRecordSequence }))}`);
  });

  it("a size above the maximum buffered message size: MaxMessageSizeExceededFault, WS_E_QUOTA_EXCEEDED, closed", async () => {
    const { peer, session } = await rawSession({ maxBufferedMessageSize: 100 });
    peer.socket.write(Uint8Array.of(0x06, 0x65)); // 101
    const error = await rejection(session.receive(never()));
    expect(error.hr).toBe(WS_E_QUOTA_EXCEEDED);
    await peer.closed;
    expect(peer.got()).toBe(`0b${hex(writeRecord({ type: "fault", fault: FramingFault.MaxMessageSizeExceededFault }))}`);
  });

  it("one listener's smaller maximum holds on a port shared with a larger one", async () => {
    const big = await listen("/big", { maxBufferedMessageSize: 1000 });
    const small = createTcpListenerTransport({ maxBufferedMessageSize: 10 });
    await small.open(`net.tcp://127.0.0.1:${big.port}/small`, never());
    cleanups.push(() => small.close(never()));
    const accepting = small.accept(never());
    const peer = raw(big.port);
    peer.socket.write(writeRecords(preamble(`net.tcp://127.0.0.1:${big.port}/small`)));
    const session = track(await accepting);
    peer.socket.write(writeRecord({ type: "sized-envelope", payload: new Uint8Array(11) }));
    expect((await rejection(session.receive(never()))).hr).toBe(WS_E_QUOTA_EXCEEDED);
    await peer.closed;
    expect(peer.got()).toBe(`0b${hex(writeRecord({ type: "fault", fault: FramingFault.MaxMessageSizeExceededFault }))}`);
  });

  it("an End record inside a message's declared size, then the close: truncated, WS_E_INVALID_FORMAT", async () => {
    const { peer, session } = await rawSession();
    peer.socket.end(Uint8Array.of(0x06, 0x0a, 0x56, 0x02, 0x07));
    const error = await rejection(session.receive(never()));
    expect(error.hr).toBe(WS_E_INVALID_FORMAT);
    expect(error.message).toContain("the stream ended inside a Sized Envelope Record (3 of 10 octets of data)");
  });

  it("a record cut inside its size, then the close: WS_E_INVALID_FORMAT", async () => {
    const { peer, session } = await rawSession();
    peer.socket.end(Uint8Array.of(0x06, 0x81));
    expect((await rejection(session.receive(never()))).message).toContain("the size of a Sized Envelope Record");
  });

  it("a second preamble after the ack: InvalidRecordSequence", async () => {
    const { peer, session } = await rawSession();
    peer.socket.write(Uint8Array.of(0x00, 0x01, 0x00));
    expect((await rejection(session.receive(never()))).hr).toBe(WS_E_INVALID_FORMAT);
    await peer.closed;
    expect(peer.got()).toBe(`0b${hex(writeRecord({ type: "fault", fault: FramingFault.InvalidRecordSequence }))}`);
  });

  it("a peer that stops mid-record: the receive timeout fails the session and closes the connection", async () => {
    const { peer, session } = await rawSession({ timeouts: { receive: 120 } });
    peer.socket.write(Uint8Array.of(0x06, 0x0a, 0x01, 0x02));
    const error = await rejection(session.receive(never()));
    expect(error.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    expect(error.message).toContain("net.tcp receive did not complete within 120 ms");
    await peer.closed;
    expect(peer.got()).toBe("0b");
  });

  it("200 messages sent before any receive arrive whole and in order (the socket is paused, not buffered without bound)", async () => {
    const { peer, session } = await rawSession();
    const records: FramingRecord[] = Array.from({ length: 200 }, (_, i) => ({
      type: "sized-envelope",
      payload: new Uint8Array(1000).fill(i % 256),
    }));
    peer.socket.write(writeRecords(records));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 200; i++) {
      const message = await session.receive(never());
      expect(message?.body).toEqual(new Uint8Array(1000).fill(i % 256));
    }
  });

  it("the peer's End, then its close: receive returns null and close completes", async () => {
    const { peer, session } = await rawSession();
    peer.socket.write(writeRecords([{ type: "sized-envelope", payload: Uint8Array.of(7) }, { type: "end" }]));
    expect((await session.receive(never()))?.body).toEqual(Uint8Array.of(7));
    expect(await session.receive(never())).toBeNull();
    peer.socket.on("data", () => peer.socket.end());
    await session.close(never());
    await peer.closed;
    expect(peer.got()).toBe("0b07");
  });
});

describe("many idle connections", () => {
  it("1,000 connections that send nothing: others are served meanwhile; the listener's close closes them all and frees their memory", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;

    const listener = createTcpListenerTransport();
    await listener.open("net.tcp://127.0.0.1:0/calc/tcp", never());
    const peers: Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      const socket = connect({ host: "127.0.0.1", port: listener.port });
      socket.on("error", () => {});
      closed.push(new Promise((resolve) => socket.on("close", () => resolve())));
      peers.push(socket);
    }
    cleanups.push(() => {
      for (const socket of peers) socket.destroy();
    });
    await expect.poll(() => listener.pendingConnections, { timeout: 10000 }).toBe(1000);

    // A real session meanwhile.
    const accepting = listener.accept(never());
    const c = createTcpSessionTransport({ address: `net.tcp://127.0.0.1:${listener.port}/calc/tcp` });
    await c.open(never());
    const s = await accepting;
    await c.send(body(42), never());
    expect((await s.receive(never()))?.body).toEqual(Uint8Array.of(42));
    c.abort(new Error("done"));
    s.abort(new Error("done"));

    await listener.close(never());
    await Promise.all(closed);
    expect(listener.pendingConnections).toBe(0);
    for (const socket of peers) socket.destroy();
    peers.length = 0;
    closed.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(4 * 1024 * 1024);
  }, 30000);
});
