import { connect, type Socket } from "node:net";
import {
  ref,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_E_INVALID_FORMAT,
  type WS_MESSAGE,
  WS_READ_REQUIRED_POINTER,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_TCP_CHANNEL_BINDING,
  WS_WRITE_REQUIRED_POINTER,
} from "@wwsapi/core";
import { afterEach, expect, it } from "vitest";
import {
  ADD_REQUEST,
  address,
  channel,
  channelFor,
  channelProperty,
  listener,
  messageFor,
  newHeap,
} from "../../src/channel/channel.test-support.js";
import { writeRecords } from "../../src/framing/write-records.js";
import {
  WsAbortChannel,
  WsAcceptChannelAsync,
  WsCloseListenerAsync,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsOpenChannelAsync,
  WsOpenListenerAsync,
  WsReceiveMessageAsync,
  WsSendMessageAsync,
} from "../../src/index.js";
import { listenerObject } from "../../src/listener/listener-object.js";
import { openHandles, readUntilClose, until } from "./support.js";

/**
 * net.tcp bad input the transport tests (src/tcp/*.test.ts) leave to the channel: a well-framed
 * Sized Envelope Record whose binary XML is malformed, inside a valid session. The framing is fine,
 * so the transport passes the message up; the channel's WsReceiveMessage fails with
 * WS_E_INVALID_FORMAT and the session's channel faults.
 */

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function message(on: WS_CHANNEL): WS_MESSAGE {
  const m = messageFor(on);
  cleanup.push(() => WsFreeMessage(m));
  return m;
}

function receiveAdd(on: WS_CHANNEL): Promise<unknown> {
  const value = ref<unknown>(null);
  return WsReceiveMessageAsync(
    on,
    message(on),
    [ADD_REQUEST],
    WS_RECEIVE_REQUIRED_MESSAGE,
    WS_READ_REQUIRED_POINTER,
    newHeap(),
    value,
    null,
  ).then(() => ({ ...(value.value as object) }));
}

async function accepted(l: ReturnType<typeof listener>): Promise<WS_CHANNEL> {
  const server = channelFor(l);
  cleanup.push(() => {
    WsAbortChannel(server);
    WsFreeChannel(server);
  });
  await WsAcceptChannelAsync(l, server);
  return server;
}

/** A raw net.tcp session: the preamble (duplex, binary session encoding), then waits for the ack. */
async function rawSession(port: number): Promise<Socket> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  cleanup.push(() => void socket.destroy());
  const acked = new Promise<Buffer>((resolve) => socket.once("data", resolve));
  socket.write(
    writeRecords([
      { type: "version", major: 1, minor: 0 },
      { type: "mode", mode: 2 },
      { type: "via", via: `net.tcp://127.0.0.1:${port}/calc` },
      { type: "known-encoding", encoding: 8 },
      { type: "preamble-end" },
    ]),
  );
  expect([...(await acked)]).toEqual([0x0b]); // Preamble Ack
  return socket;
}

it("a Sized Envelope with malformed binary XML: WS_E_INVALID_FORMAT, the channel faults, the connection closes; another session goes on", async () => {
  const before = openHandles();
  const l = listener(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
  await WsOpenListenerAsync(l, "net.tcp://127.0.0.1:0/calc");
  cleanup.push(async () => {
    await WsCloseListenerAsync(l).catch(() => {});
    WsFreeListener(l);
  });
  const port = (listenerObject(l).transport as unknown as { port: number }).port;

  const socket = await rawSession(port);
  const bad = await accepted(l);
  // An empty StringTable (size 0), then 0x40 ShortElement whose name length (0x05) runs past the end.
  socket.write(writeRecords([{ type: "sized-envelope", payload: Uint8Array.of(0x00, 0x40, 0x05, 0x61) }]));
  const failure = await receiveAdd(bad).then(
    () => null,
    (error: { hr: number; message: string }) => error,
  );
  expect(failure).toMatchObject({
    hr: WS_E_INVALID_FORMAT,
    message:
      "WsReadToStartElement: binary XML: ShortElement record declares 5 bytes past the end of the input at byte 0 (1 remain at byte 2)",
  });
  expect(channelProperty(bad, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
  const peer = readUntilClose(socket, 5000);

  // Another session on the same listener is served meanwhile.
  const accepting = accepted(l);
  const client = channel(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
  cleanup.push(() => {
    WsAbortChannel(client);
    WsFreeChannel(client);
  });
  await WsOpenChannelAsync(client, address(`net.tcp://127.0.0.1:${port}/calc`));
  await WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 4, b: 5 });
  expect(await receiveAdd(await accepting)).toEqual({ a: 4, b: 5 });

  const seen = await peer;
  expect(seen).toEqual({ text: "", closed: true });
  for (const step of cleanup.splice(0).reverse()) await step();
  await until(() => openHandles() <= before);
});
