import {
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_STATE_CLOSED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_OPERATION_ABORTED,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_HTTP_CHANNEL_BINDING,
  WS_LISTENER_STATE_OPEN,
  WS_MESSAGE_STATE_EMPTY,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";
import { ADD_REPLY, ADD_REQUEST } from "../channel/channel.test-support.js";
import { Channel, Listener, Message } from "../index.js";
import { listenerObject } from "../listener/listener-object.js";

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listen(): Promise<{ listener: Listener; url: string }> {
  const listener = Listener.create(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING);
  await listener.open("http://127.0.0.1:0/idiomatic");
  cleanup.push(() => listener[Symbol.asyncDispose]());
  return { listener, url: (listenerObject(listener.handle).transport as unknown as { url: string }).url };
}

describe("Channel, Listener and Message", () => {
  it("adds over HTTP with Promise methods", async () => {
    const { listener, url } = await listen();
    expect(listener.state).toBe(WS_LISTENER_STATE_OPEN);
    const client = Channel.create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, [
      [WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, WS_ENVELOPE_VERSION_SOAP_1_1],
    ]);
    cleanup.push(() => client[Symbol.asyncDispose]());
    await client.open(url);
    expect(client.state).toBe(WS_CHANNEL_STATE_OPEN);
    const served = (async () => {
      const channel = await listener.accept({ properties: [[WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, WS_ENVELOPE_VERSION_SOAP_1_1]] });
      using request = Message.forChannel(channel);
      const received = await channel.receive([ADD_REQUEST], { message: request });
      const { a, b } = received!.value as { a: number; b: number };
      await channel.reply(ADD_REPLY, { AddResult: a + b }, request);
      expect(await channel.receive([ADD_REQUEST], { optional: true })).toBeNull();
      await channel[Symbol.asyncDispose]();
      expect(channel.handle.freed).toBe(true);
    })();
    expect(await client.request(ADD_REQUEST, { a: 2, b: 3 }, ADD_REPLY)).toEqual({ AddResult: 5 });
    await served;
    await client.close();
    expect(client.state).toBe(WS_CHANNEL_STATE_CLOSED);
  });

  it("aborts the channel when the call's AbortSignal fires (WS_E_OPERATION_ABORTED)", async () => {
    const { url } = await listen();
    const client = Channel.create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    cleanup.push(() => client[Symbol.asyncDispose]());
    await client.open(url);
    const controller = new AbortController();
    // Nobody accepts: the request waits until the signal fires.
    const pending = client.request(ADD_REQUEST, { a: 1, b: 1 }, ADD_REPLY, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ hr: WS_E_OPERATION_ABORTED });
    expect(client.state).toBe(WS_CHANNEL_STATE_FAULTED);
  });

  it("creates and resets messages", () => {
    const client = Channel.create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    using message = Message.forChannel(client);
    expect(message.state).toBe(WS_MESSAGE_STATE_EMPTY);
    message.reset();
    expect(message.state).toBe(WS_MESSAGE_STATE_EMPTY);
    cleanup.push(() => client[Symbol.asyncDispose]());
  });
});
