import { getEventListeners } from "node:events";
import type { Socket } from "node:net";
import { WS_E_ENDPOINT_DISCONNECTED } from "@wwsapi/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FramingReader } from "../framing/read-records.js";
import { writeRecord } from "../framing/write-records.js";
import { cleanupsAfterEach, closeServer, never, rawServer, rejection } from "./tcp.test-support.js";
import { createTcpSessionTransport, type TcpSessionTransport } from "./tcp-session-transport.js";

/**
 * A net.tcp session whose peer goes away: what is in flight fails with the HRESULT of a lost
 * connection and nothing is left to reject unobserved (the benchmarks' 32 sessions ended `pnpm bench`
 * with an unhandled "net.tcp: the connection is closed"); and the operations leave nothing behind on
 * the signals they were given.
 */

const cleanups = cleanupsAfterEach();
const CONTENT_TYPE = "application/soap+msbinsession1";

/** Rejections nobody handled while a test ran (vitest would report them too, after the fact). */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

/** Lets pending rejections surface: unhandled ones are reported after the microtasks of a macrotask. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A server that acknowledges the preamble, then runs `onEnvelope` when the first message's bytes arrive. */
async function fakeServer(onEnvelope: (socket: Socket) => void) {
  const server = await rawServer((socket) => {
    const reader = new FramingReader({ maxEnvelopeSize: 1 << 30 });
    let acked = false;
    socket.on("error", () => {});
    socket.on("data", (chunk) => {
      if (acked) {
        onEnvelope(socket);
        return;
      }
      for (const record of reader.feed(chunk)) {
        if (record.type === "preamble-end") {
          acked = true;
          socket.write(writeRecord({ type: "preamble-ack" }));
        }
      }
    });
  });
  cleanups.push(() => closeServer(server.server, server.sockets));
  return server;
}

function client(port: number): TcpSessionTransport {
  const transport = createTcpSessionTransport({ address: `net.tcp://127.0.0.1:${port}/calc/tcp`, maxBufferedMessageSize: 64 << 20 });
  cleanups.push(() => transport.abort(new Error("test over")));
  return transport;
}

describe("a net.tcp session whose peer closes", () => {
  it("fails a send in flight with WS_E_ENDPOINT_DISCONNECTED, and every later one, with no unhandled rejection", async () => {
    const { port } = await fakeServer((socket) => socket.destroy());
    const transport = client(port);
    await transport.open(never());
    // 32 MiB: far more than the socket buffers take, so the write is still in flight when the peer goes.
    const body = new Uint8Array(32 << 20);
    const sending = transport.send({ body, contentType: CONTENT_TYPE }, never());
    expect((await rejection(sending)).hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
    expect((await rejection(transport.send({ body: new Uint8Array(8), contentType: CONTENT_TYPE }, never()))).hr).toBe(
      WS_E_ENDPOINT_DISCONNECTED,
    );
    await transport.close(never()).catch(() => {});
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("fails the sends of a session whose peer closed before they started, with no unhandled rejection", async () => {
    const { port, sockets } = await fakeServer(() => {});
    const transport = client(port);
    await transport.open(never());
    sockets[0]!.destroy();
    await settle();
    const sends = Array.from({ length: 4 }, () => transport.send({ body: new Uint8Array(1024), contentType: CONTENT_TYPE }, never()));
    for (const send of sends) expect((await rejection(send)).hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
    await transport.close(never()).catch(() => {});
    await settle();
    expect(unhandled).toEqual([]);
  });
});

describe("the signals a net.tcp session's operations are given", () => {
  it("keep no listener once the operations end, and AbortSignal.any is not used (nodejs/node#55351)", async () => {
    const any = vi.spyOn(AbortSignal, "any");
    cleanups.push(() => any.mockRestore());
    const received: Buffer[] = [];
    const { port } = await fakeServer((socket) => {
      received.push(Buffer.alloc(0));
      socket.write(writeRecord({ type: "sized-envelope", payload: new Uint8Array([1, 2, 3]) }));
    });
    const transport = client(port);
    // One long-lived signal for every call, as a channel's is.
    const caller = new AbortController();
    await transport.open(caller.signal);
    for (let i = 0; i < 50; i++) {
      await transport.send({ body: new Uint8Array(16), contentType: CONTENT_TYPE }, caller.signal);
      expect((await transport.receive(caller.signal))?.body).toEqual(new Uint8Array([1, 2, 3]));
    }
    expect(getEventListeners(caller.signal, "abort").length).toBe(0);
    expect(any).not.toHaveBeenCalled();
  });
});
