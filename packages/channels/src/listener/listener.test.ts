import {
  E_INVALIDARG,
  ref,
  S_OK,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_CHANNEL_TYPE,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_CREATED,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_INVALID_OPERATION,
  WS_HTTP_CHANNEL_BINDING,
  WS_IP_VERSION_4,
  WS_IP_VERSION_AUTO,
  type WS_LISTENER,
  WS_LISTENER_PROPERTY_CHANNEL_BINDING,
  WS_LISTENER_PROPERTY_CHANNEL_TYPE,
  WS_LISTENER_PROPERTY_CLOSE_TIMEOUT,
  WS_LISTENER_PROPERTY_CONNECT_TIMEOUT,
  WS_LISTENER_PROPERTY_IP_VERSION,
  WS_LISTENER_PROPERTY_IS_MULTICAST,
  WS_LISTENER_PROPERTY_LISTEN_BACKLOG,
  WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK,
  WS_LISTENER_PROPERTY_STATE,
  WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS,
  WS_LISTENER_STATE_CLOSED,
  WS_LISTENER_STATE_CREATED,
  WS_LISTENER_STATE_FAULTED,
  WS_LISTENER_STATE_OPEN,
  WS_MATCH_URL_EXACT_PATH,
  WS_MATCH_URL_NO_QUERY,
  WS_MATCH_URL_PORT,
  WS_MATCH_URL_THIS_HOST,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LoopbackNetwork } from "../channel/loopback.test-support.js";
import {
  WsAbortListener,
  WsAcceptChannel,
  WsCloseListener,
  WsCloseListenerAsync,
  WsCreateChannelForListener,
  WsCreateListener,
  WsFreeChannel,
  WsFreeListener,
  WsGetChannelProperty,
  WsGetListenerProperty,
  WsOpenListener,
  WsOpenListenerAsync,
  WsResetListener,
  WsSetListenerProperty,
} from "../index.js";

function create(type: number, binding: number, properties: { id: number; value: unknown }[] | null = null): WS_LISTENER {
  const listener = ref<WS_LISTENER | null>(null);
  expect(WsCreateListener(type as never, binding as never, properties as never, null, listener)).toBe(S_OK);
  return listener.value!;
}

function property(listener: WS_LISTENER, id: number): unknown {
  const value = ref<unknown>(undefined);
  const hr = WsGetListenerProperty(listener, id as never, value);
  return hr === S_OK ? value.value : { hr };
}

let undo: () => void;
beforeEach(() => {
  undo = new LoopbackNetwork().install();
});
afterEach(() => undo());

describe("WsCreateListener", () => {
  it("reports its binding, type and the documented defaults", () => {
    const listener = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    expect(property(listener, WS_LISTENER_PROPERTY_CHANNEL_TYPE)).toBe(WS_CHANNEL_TYPE_DUPLEX_SESSION);
    expect(property(listener, WS_LISTENER_PROPERTY_CHANNEL_BINDING)).toBe(WS_TCP_CHANNEL_BINDING);
    expect(property(listener, WS_LISTENER_PROPERTY_STATE)).toBe(WS_LISTENER_STATE_CREATED);
    expect(property(listener, WS_LISTENER_PROPERTY_IP_VERSION)).toBe(WS_IP_VERSION_AUTO);
    expect(property(listener, WS_LISTENER_PROPERTY_CONNECT_TIMEOUT)).toBe(15000);
    expect(property(listener, WS_LISTENER_PROPERTY_CLOSE_TIMEOUT)).toBe(5000);
    expect(property(listener, WS_LISTENER_PROPERTY_IS_MULTICAST)).toBe(false);
    expect(property(listener, WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK)).toBe(true);
    expect(property(listener, WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS)).toBe(
      WS_MATCH_URL_THIS_HOST | WS_MATCH_URL_EXACT_PATH | WS_MATCH_URL_PORT | WS_MATCH_URL_NO_QUERY,
    );
    WsFreeListener(listener);
  });

  it("refuses WsSetListenerProperty for the backlog, the IP version and the state, as Windows does", () => {
    const listener = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    expect(WsSetListenerProperty(listener, WS_LISTENER_PROPERTY_LISTEN_BACKLOG, 1000)).toBe(E_INVALIDARG);
    expect(WsSetListenerProperty(listener, WS_LISTENER_PROPERTY_IP_VERSION, WS_IP_VERSION_4)).toBe(E_INVALIDARG);
    expect(WsSetListenerProperty(listener, WS_LISTENER_PROPERTY_STATE, WS_LISTENER_STATE_CREATED)).toBe(E_INVALIDARG);
    expect(WsSetListenerProperty(listener, WS_LISTENER_PROPERTY_CLOSE_TIMEOUT, 100)).toBe(S_OK);
    expect(property(listener, WS_LISTENER_PROPERTY_CLOSE_TIMEOUT)).toBe(100);
    WsFreeListener(listener);
  });

  it("refuses channel types its binding does not listen for", () => {
    const listener = ref<WS_LISTENER | null>(null);
    expect(WsCreateListener(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, null, null, listener)).toBe(E_INVALIDARG);
    expect(WsCreateListener(WS_CHANNEL_TYPE_DUPLEX, WS_TCP_CHANNEL_BINDING, null, null, listener)).toBe(E_INVALIDARG);
    expect(
      WsCreateListener(
        WS_CHANNEL_TYPE_REPLY,
        WS_HTTP_CHANNEL_BINDING,
        [{ id: WS_LISTENER_PROPERTY_CONNECT_TIMEOUT, value: -5 }] as never,
        null,
        listener,
      ),
    ).toBe(E_INVALIDARG);
    expect(listener.value).toBeNull();
  });
});

describe("listener states", () => {
  it("opens, refuses a second open and a reset while open, closes, and resets keeping its properties", async () => {
    const listener = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, [
      { id: WS_LISTENER_PROPERTY_CONNECT_TIMEOUT, value: 1000 },
    ]);
    expect(WsCloseListener(listener, null)).toBe(S_OK);
    expect(property(listener, WS_LISTENER_PROPERTY_STATE)).toBe(WS_LISTENER_STATE_CLOSED);
    expect(WsResetListener(listener)).toBe(S_OK);
    expect(WsOpenListener(listener, "net.tcp://loop/l", null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsOpenListener(listener, "", null)).toBe(E_INVALIDARG);
    await expect(WsOpenListenerAsync(listener, "net.tcp://loop/l")).resolves.toBe(S_OK);
    expect(property(listener, WS_LISTENER_PROPERTY_STATE)).toBe(WS_LISTENER_STATE_OPEN);
    await expect(WsOpenListenerAsync(listener, "net.tcp://loop/l")).rejects.toMatchObject({ hr: WS_E_INVALID_OPERATION });
    expect(WsResetListener(listener)).toBe(WS_E_INVALID_OPERATION);
    await expect(WsCloseListenerAsync(listener)).resolves.toBe(S_OK);
    expect(WsResetListener(listener)).toBe(S_OK);
    expect(property(listener, WS_LISTENER_PROPERTY_STATE)).toBe(WS_LISTENER_STATE_CREATED);
    expect(property(listener, WS_LISTENER_PROPERTY_CONNECT_TIMEOUT)).toBe(1000);
    WsFreeListener(listener);
  });

  it("makes channels of its own type for WsAcceptChannel, which needs an open listener and a context", async () => {
    const listener = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    const channel = ref<WS_CHANNEL | null>(null);
    expect(WsCreateChannelForListener(listener, null, channel)).toBe(S_OK);
    const state = ref<unknown>(null);
    expect(WsGetChannelProperty(channel.value!, WS_CHANNEL_PROPERTY_CHANNEL_TYPE, state)).toBe(S_OK);
    expect(state.value).toBe(WS_CHANNEL_TYPE_DUPLEX_SESSION);
    expect(WsGetChannelProperty(channel.value!, WS_CHANNEL_PROPERTY_STATE, state)).toBe(S_OK);
    expect(state.value).toBe(WS_CHANNEL_STATE_CREATED);
    expect(WsAcceptChannel(listener, channel.value!, null)).toBe(WS_E_INVALID_OPERATION);
    await WsOpenListenerAsync(listener, "net.tcp://loop/accept");
    expect(WsAcceptChannel(listener, channel.value!, null)).toBe(WS_E_INVALID_OPERATION);
    // A channel of another listener is refused.
    const other = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    const foreign = ref<WS_CHANNEL | null>(null);
    expect(WsCreateChannelForListener(other, null, foreign)).toBe(S_OK);
    expect(WsAcceptChannel(listener, foreign.value!, null)).toBe(E_INVALIDARG);
    expect(WsAbortListener(listener)).toBe(S_OK);
    expect(property(listener, WS_LISTENER_PROPERTY_STATE)).toBe(WS_LISTENER_STATE_FAULTED);
    expect(WsCloseListener(listener, null)).toBe(S_OK);
    WsFreeChannel(channel.value!);
    WsFreeChannel(foreign.value!);
    WsFreeListener(listener);
    WsFreeListener(other);
  });
});
