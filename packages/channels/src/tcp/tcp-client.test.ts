import type { Socket } from "node:net";
import {
  E_NOTIMPL,
  WS_E_ENDPOINT_DISCONNECTED,
  WS_E_ENDPOINT_FAILURE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_ENDPOINT_TOO_BUSY,
  WS_E_INVALID_FORMAT,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_E_QUOTA_EXCEEDED,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { FramingFault } from "../framing/fault-strings.js";
import { FramingReader } from "../framing/read-records.js";
import type { DecodedFramingRecord, FramingRecord } from "../framing/records.js";
import { writeRecord, writeRecords } from "../framing/write-records.js";
import { CAPTURE_VIA, capture, cleanupsAfterEach, closeServer, hex, never, rawServer, rejection } from "./tcp.test-support.js";
import { createTcpSessionTransport, type TcpSessionTransport } from "./tcp-session-transport.js";

/**
 * The client side of net.tcp against fake servers made of raw sockets: the Mono captures replayed
 * (the server's bytes sent back as recorded, the client's bytes compared with the recording), then
 * the preamble's faults, refused and silent servers, aborts and quotas.
 */

const cleanups = cleanupsAfterEach();

async function fakeServer(onConnection: (socket: Socket) => void) {
  const server = await rawServer(onConnection);
  cleanups.push(() => closeServer(server.server, server.sockets));
  return server;
}

function client(port: number, options: Partial<Parameters<typeof createTcpSessionTransport>[0]> = {}): TcpSessionTransport {
  const transport = createTcpSessionTransport({ address: `net.tcp://127.0.0.1:${port}/calc/tcp`, ...options });
  cleanups.push(() => transport.abort(new Error("test over")));
  return transport;
}

const strip = ({ offset: _offset, ...record }: DecodedFramingRecord): FramingRecord => record;

describe.each(["nettcp-add-1", "nettcp-echo-1", "nettcp-bytes-1", "nettcp-addecho-1"])("replaying %s", (name) => {
  it("sends the recorded client bytes (Via aside) and receives the recorded replies", async () => {
    const c2s = new FramingReader().feed(capture(`${name}.c2s.bin`)).map(strip);
    const s2c = new FramingReader().feed(capture(`${name}.s2c.bin`)).map(strip);
    const received: Buffer[] = [];
    // The fake Mono server: after the Preamble End its Preamble Ack, after each request the next
    // recorded reply, after the client's End it closes without an End of its own (Mono's habit).
    const { port } = await fakeServer((socket) => {
      const reader = new FramingReader();
      const replies = s2c.slice(1);
      socket.on("data", (chunk) => {
        received.push(chunk);
        for (const record of reader.feed(chunk)) {
          if (record.type === "preamble-end") socket.write(writeRecord(s2c[0]!));
          if (record.type === "sized-envelope") socket.write(writeRecord(replies.shift()!));
          if (record.type === "end") socket.end();
        }
      });
    });
    const transport = client(port);
    await transport.open(never());
    expect(transport.state).toBe("open");
    const requests = c2s.filter((r) => r.type === "sized-envelope");
    const replies = s2c.filter((r) => r.type === "sized-envelope");
    for (const [i, request] of requests.entries()) {
      await transport.send({ body: request.payload, contentType: "application/soap+msbinsession1" }, never());
      const reply = await transport.receive(never());
      expect(reply?.contentType).toBe("application/soap+msbinsession1");
      expect(hex(reply!.body as Uint8Array)).toBe(hex(replies[i]!.payload));
    }
    await transport.close(never());
    expect(transport.state).toBe("closed");
    // The recording with this test's Via in place of Mono's, byte for byte.
    const via = `net.tcp://127.0.0.1:${port}/calc/tcp`;
    const expected = writeRecords(c2s.map((r) => (r.type === "via" ? { type: "via", via } : r)));
    expect(hex(Buffer.concat(received))).toBe(hex(expected));
    expect(c2s[2]).toEqual({ type: "via", via: CAPTURE_VIA });
  });
});

/** A server that answers the preamble with `answer` (or nothing) and records what it got. */
async function preambleServer(answer: Uint8Array | null) {
  const got: Buffer[] = [];
  let closed = false;
  const server = await fakeServer((socket) => {
    socket.on("data", (chunk) => {
      got.push(chunk);
      if (answer !== null && chunk.includes(0x0c)) socket.write(answer);
    });
    socket.on("close", () => {
      closed = true;
    });
  });
  return { port: server.port, got, isClosed: () => closed };
}

describe("open", () => {
  it.each([
    ["EndpointNotFound", FramingFault.EndpointNotFound, WS_E_ENDPOINT_NOT_FOUND],
    ["ServerTooBusy", FramingFault.ServerTooBusy, WS_E_ENDPOINT_TOO_BUSY],
    ["ContentTypeInvalid", FramingFault.ContentTypeInvalid, WS_E_ENDPOINT_FAILURE],
    ["a fault outside the table", "urn:other", WS_E_ENDPOINT_FAILURE],
  ])("a Fault Record %s instead of the Preamble Ack fails open with its HRESULT and closes", async (_name, fault, hr) => {
    const server = await preambleServer(writeRecord({ type: "fault", fault }));
    const transport = client(server.port);
    const error = await rejection(transport.open(never()));
    expect(error.hr).toBe(hr);
    expect(error.message).toContain(fault);
    await expect.poll(server.isClosed).toBe(true);
    await expect(transport.send({ body: new Uint8Array(1), contentType: "" }, never())).rejects.toBe(error);
  });

  it("an HTTP answer is WS_E_INVALID_FORMAT that says so", async () => {
    const server = await preambleServer(new TextEncoder().encode("HTTP/1.1 400 Bad Request\r\n\r\n"));
    const error = await rejection(client(server.port).open(never()));
    expect(error.hr).toBe(WS_E_INVALID_FORMAT);
    expect(error.message).toContain("HTTP server");
  });

  it("a server that closes before acknowledging is WS_E_ENDPOINT_DISCONNECTED", async () => {
    const { port } = await fakeServer((socket) => socket.on("data", () => socket.end()));
    const error = await rejection(client(port).open(never()));
    expect(error.hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
  });

  it("a port nobody listens on is WS_E_ENDPOINT_NOT_FOUND", async () => {
    const server = await rawServer(() => {});
    await closeServer(server.server, server.sockets);
    const error = await rejection(client(server.port).open(never()));
    expect(error.hr).toBe(WS_E_ENDPOINT_NOT_FOUND);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("a server that never acknowledges times out after the connect timeout", async () => {
    const server = await preambleServer(null);
    const started = Date.now();
    const error = await rejection(client(server.port, { timeouts: { connect: 150 } }).open(never()));
    expect(error.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    expect(error.message).toContain("150 ms");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // The preamble went out: Version 1.0, Mode Duplex, Via, Known Encoding 0x08, Preamble End.
    const via = `net.tcp://127.0.0.1:${server.port}/calc/tcp`;
    expect(hex(Buffer.concat(server.got))).toBe(
      hex(
        writeRecords([
          { type: "version", major: 1, minor: 0 },
          { type: "mode", mode: 2 },
          { type: "via", via },
          { type: "known-encoding", encoding: 8 },
          { type: "preamble-end" },
        ]),
      ),
    );
    await expect.poll(server.isClosed).toBe(true);
  });

  it("abort during open stops the connect with the reason", async () => {
    const server = await preambleServer(null);
    const transport = client(server.port);
    const opening = transport.open(never());
    await expect.poll(() => server.got.length).toBeGreaterThan(0);
    const reason = new WsError(WS_E_OPERATION_ABORTED, "aborted while opening");
    transport.abort(reason);
    await expect(opening).rejects.toBe(reason);
    await expect.poll(server.isClosed).toBe(true);
  });

  it("TCP keep-alive when asked for (WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES)", async () => {
    const server = await preambleServer(writeRecord({ type: "preamble-ack" }));
    const transport = client(server.port, { keepAlive: { enabled: true, time: 60000 } });
    await transport.open(never());
    expect(transport.state).toBe("open");
  });

  it("an Extensible Encoding Record when asked for", async () => {
    const server = await preambleServer(writeRecord({ type: "preamble-ack" }));
    const transport = client(server.port, { encoding: { type: "extensible-encoding", contentType: "application/soap+msbinsession1" } });
    await transport.open(never());
    expect(hex(Buffer.concat(server.got)).endsWith(`04${hex(new TextEncoder().encode("\x1eapplication/soap+msbinsession1"))}0c`)).toBe(
      true,
    );
  });

  it("refuses a URL that is not net.tcp", () => {
    expect(() => createTcpSessionTransport({ address: "http://127.0.0.1/x" })).toThrow(/net\.tcp/);
  });
});

/** An open session with a fake server that acknowledges and then runs `script` on the socket. */
async function openSession(script: (socket: Socket) => void, options: Parameters<typeof client>[1] = {}) {
  const { port } = await fakeServer((socket) => {
    let acked = false;
    socket.on("data", (chunk) => {
      if (!acked && chunk.includes(0x0c)) {
        acked = true;
        socket.write(writeRecord({ type: "preamble-ack" }));
        script(socket);
      }
    });
  });
  const transport = client(port, options);
  await transport.open(never());
  return transport;
}

describe("messages", () => {
  it("the server's End makes receive return null, and close sends the client's End", async () => {
    let serverGot = Buffer.alloc(0);
    const transport = await openSession((socket) => {
      socket.write(writeRecords([{ type: "sized-envelope", payload: Uint8Array.of(1, 2, 3) }, { type: "end" }]));
      socket.on("data", (chunk) => {
        serverGot = Buffer.concat([serverGot, chunk]);
        if (chunk.includes(0x07)) socket.end();
      });
    });
    expect(hex((await transport.receive(never()))!.body as Uint8Array)).toBe("010203");
    expect(await transport.receive(never())).toBeNull();
    expect(await transport.receive(never())).toBeNull();
    // A message may still be sent after the peer's End.
    await transport.send({ body: Uint8Array.of(9), contentType: "" }, never());
    await transport.close(never());
    expect(hex(serverGot)).toBe("06010907");
  });

  it("shutdownSession sends End and keeps receiving", async () => {
    const transport = await openSession((socket) => {
      socket.on("data", (chunk) => {
        if (chunk.includes(0x07)) socket.end(writeRecords([{ type: "sized-envelope", payload: Uint8Array.of(5) }, { type: "end" }]));
      });
    });
    await transport.shutdownSession!(never());
    expect(hex((await transport.receive(never()))!.body as Uint8Array)).toBe("05");
    expect(await transport.receive(never())).toBeNull();
    await expect(transport.send({ body: Uint8Array.of(1), contentType: "" }, never())).rejects.toThrow(/cannot send a message/);
  });

  it("a server that closes without End is WS_E_ENDPOINT_DISCONNECTED", async () => {
    const transport = await openSession((socket) => socket.end());
    expect((await rejection(transport.receive(never()))).hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
  });

  it("a server that stops inside a record: the receive timeout, then the session has failed", async () => {
    const transport = await openSession((socket) => socket.write(Uint8Array.of(0x06, 0x0a, 1, 2)), { timeouts: { receive: 100 } });
    const error = await rejection(transport.receive(never()));
    expect(error.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    await expect(transport.receive(never())).rejects.toBe(error);
  });

  it("a reply larger than the maximum buffered message size is WS_E_QUOTA_EXCEEDED before it is read", async () => {
    // Size 65537 = 0x81 0x80 0x04.
    const transport = await openSession((socket) => socket.write(Uint8Array.of(0x06, 0x81, 0x80, 0x04)));
    const error = await rejection(transport.receive(never()));
    expect(error.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(error.message).toContain("65536");
  });

  it("a message larger than the maximum is refused before sending; the session goes on", async () => {
    const transport = await openSession(() => {}, { maxBufferedMessageSize: 4 });
    expect((await rejection(transport.send({ body: new Uint8Array(5), contentType: "" }, never()))).hr).toBe(WS_E_QUOTA_EXCEEDED);
    await transport.send({ body: new Uint8Array(4), contentType: "" }, never());
  });

  it("streamed bodies are not implemented", async () => {
    const transport = await openSession(() => {});
    async function* chunks() {
      yield Uint8Array.of(1);
    }
    expect((await rejection(transport.send({ body: chunks(), contentType: "" }, never()))).hr).toBe(E_NOTIMPL);
  });

  it("a peer that never sends End: close fails after the close timeout and the connection is gone", async () => {
    let peerClosed = false;
    const transport = await openSession(
      (socket) => {
        socket.on("close", () => {
          peerClosed = true;
        });
      },
      { timeouts: { close: 100 } },
    );
    const error = await rejection(transport.close(never()));
    expect(error.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    expect(error.message).toContain("net.tcp close");
    await expect.poll(() => peerClosed).toBe(true);
  });

  it("the channel's signal cancels a receive with its reason; abort tears the session down", async () => {
    const transport = await openSession(() => {});
    const controller = new AbortController();
    const pending = transport.receive(controller.signal);
    const reason = new WsError(WS_E_OPERATION_ABORTED, "aborted by the test");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    const stuck = transport.receive(never());
    transport.abort(reason);
    await expect(stuck).rejects.toBe(reason);
    await expect(transport.receive(never())).rejects.toBe(reason);
  });
});
