import {
  ref,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_ENCODING_XML_BINARY_SESSION_1,
  type WS_MESSAGE,
  WS_READ_REQUIRED_POINTER,
  type WS_RECEIVE_OPTION,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_S_END,
  WS_TCP_CHANNEL_BINDING,
  WS_UDP_CHANNEL_BINDING,
  WS_WRITE_REQUIRED_POINTER,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  WsAbortChannel,
  WsAcceptChannelAsync,
  WsCloseChannelAsync,
  WsCloseListenerAsync,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsOpenChannelAsync,
  WsOpenListenerAsync,
  WsReceiveMessageAsync,
  WsSendMessageAsync,
  WsShutdownSessionChannelAsync,
} from "../index.js";
import { listenerObject } from "../listener/listener-object.js";
import { ADD_REQUEST, address, channel, channelFor, channelProperty, listener, messageFor, newHeap } from "./channel.test-support.js";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function message(on: WS_CHANNEL): WS_MESSAGE {
  const m = messageFor(on);
  cleanup.push(() => WsFreeMessage(m));
  return m;
}

async function pair(binding: number, type: number, scheme: string) {
  const l = listener(type, binding);
  await WsOpenListenerAsync(l, `${scheme}://127.0.0.1:0/calc`);
  cleanup.push(async () => {
    await WsCloseListenerAsync(l).catch(() => {});
    WsFreeListener(l);
  });
  const port = (listenerObject(l).transport as unknown as { port: number }).port;
  const server = channelFor(l);
  cleanup.push(() => {
    WsAbortChannel(server);
    WsFreeChannel(server);
  });
  const accepting = WsAcceptChannelAsync(l, server);
  const client = channel(type, binding);
  cleanup.push(() => {
    WsAbortChannel(client);
    WsFreeChannel(client);
  });
  await WsOpenChannelAsync(client, address(`${scheme}://127.0.0.1:${port}/calc`));
  return { server, client, accepting };
}

async function receiveAdd(on: WS_CHANNEL, option: WS_RECEIVE_OPTION = WS_RECEIVE_REQUIRED_MESSAGE): Promise<unknown> {
  const value = ref<unknown>(null);
  const hr = await WsReceiveMessageAsync(on, message(on), [ADD_REQUEST], option, WS_READ_REQUIRED_POINTER, newHeap(), value, null);
  return hr === WS_S_END ? "end" : { ...(value.value as object) };
}

describe("WS_TCP_CHANNEL_BINDING end to end on 127.0.0.1", () => {
  it("sends Adds over a duplex session in the binary session encoding, then ends the session", async () => {
    const { server, client, accepting } = await pair(WS_TCP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX_SESSION, "net.tcp");
    expect(channelProperty(client, WS_CHANNEL_PROPERTY_ENCODING)).toBe(WS_ENCODING_XML_BINARY_SESSION_1);
    await WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 2 });
    await accepting;
    await WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 3, b: 4 });
    expect(await receiveAdd(server)).toEqual({ a: 1, b: 2 });
    expect(await receiveAdd(server)).toEqual({ a: 3, b: 4 });
    await WsShutdownSessionChannelAsync(client);
    expect(channelProperty(client, WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN)).toBe(true);
    expect(await receiveAdd(server, WS_RECEIVE_OPTIONAL_MESSAGE)).toBe("end");
    await Promise.all([WsCloseChannelAsync(client), WsCloseChannelAsync(server)]);
  });
});

describe("overlapping operations on a free-threaded channel", () => {
  it("lets two receives wait at once on a net.tcp session and gives each one message", async () => {
    const { server, client, accepting } = await pair(WS_TCP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX_SESSION, "net.tcp");
    await WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 1 });
    await accepting;
    const both = Promise.all([receiveAdd(server), receiveAdd(server)]);
    await Promise.all([
      WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 2, b: 2 }),
      WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 3, b: 3 }),
    ]);
    const received = await both;
    expect(received).toEqual([
      { a: 1, b: 1 },
      { a: 2, b: 2 },
    ]);
    expect(await receiveAdd(server)).toEqual({ a: 3, b: 3 });
  });
});

describe("WS_UDP_CHANNEL_BINDING end to end on 127.0.0.1", () => {
  it("sends an Add in one datagram", async () => {
    const { server, client, accepting } = await pair(WS_UDP_CHANNEL_BINDING, WS_CHANNEL_TYPE_DUPLEX, "soap.udp");
    await accepting;
    await WsSendMessageAsync(client, message(client), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 5, b: 6 });
    expect(await receiveAdd(server)).toEqual({ a: 5, b: 6 });
  });
});
