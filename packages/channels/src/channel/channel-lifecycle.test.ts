import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_AUTO_COOKIE_MODE,
  WS_BUFFERED_TRANSFER_MODE,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_CHANNEL_TYPE,
  WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT,
  WS_CHANNEL_PROPERTY_COOKIE_MODE,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE,
  WS_CHANNEL_PROPERTY_IP_VERSION,
  WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN,
  WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL,
  WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME,
  WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS,
  WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE,
  WS_CHANNEL_PROPERTY_PROTECTION_LEVEL,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_REMOTE_ADDRESS,
  WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_SEND_TIMEOUT,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_PROPERTY_TRANSFER_MODE,
  WS_CHANNEL_STATE_CLOSED,
  WS_CHANNEL_STATE_CREATED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_DUPLEX,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_CUSTOM_CHANNEL_BINDING,
  WS_E_INVALID_OPERATION,
  WS_ENCODING_RAW,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_ENCODING_XML_UTF8,
  WS_ENCODING_XML_UTF16LE,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_HTTP_CHANNEL_BINDING,
  WS_HTTP_PROXY_SETTING_MODE_AUTO,
  WS_IP_VERSION_AUTO,
  WS_PROTECTION_LEVEL_NONE,
  WS_TCP_CHANNEL_BINDING,
  WS_UDP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  WsAbortChannel,
  WsCloseChannel,
  WsCloseChannelAsync,
  WsCreateChannel,
  WsFreeChannel,
  WsGetChannelProperty,
  WsOpenChannel,
  WsOpenChannelAsync,
  WsResetChannel,
  WsSetChannelProperty,
  WsShutdownSessionChannel,
  WsShutdownSessionChannelAsync,
} from "../index.js";
import { LoopbackNetwork } from "./loopback.test-support.js";

function create(type: number, binding: number, properties: { id: number; value: unknown }[] | null = null): WS_CHANNEL {
  const channel = ref<WS_CHANNEL | null>(null);
  expect(WsCreateChannel(type as never, binding as never, properties as never, null, channel)).toBe(S_OK);
  return channel.value!;
}

function property(channel: WS_CHANNEL, id: number): unknown {
  const value = ref<unknown>(undefined);
  const hr = WsGetChannelProperty(channel, id as never, value);
  if (hr !== S_OK) return { hr };
  return value.value;
}

const ADDRESS = { url: "http://localhost/loop", headers: null, extensions: null, identity: null };

describe("WsCreateChannel", () => {
  it("gives an HTTP request channel the documented defaults", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    const expected: [number, unknown][] = [
      [WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, 65536],
      [WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE, 4194304n],
      [WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE, 16384],
      [WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE, 65536],
      [WS_CHANNEL_PROPERTY_ENCODING, WS_ENCODING_XML_UTF8],
      [WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, WS_ENVELOPE_VERSION_SOAP_1_2],
      [WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, WS_ADDRESSING_VERSION_1_0],
      [WS_CHANNEL_PROPERTY_IP_VERSION, WS_IP_VERSION_AUTO],
      [WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT, 0xffffffff],
      [WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT, 30000],
      [WS_CHANNEL_PROPERTY_SEND_TIMEOUT, 30000],
      [WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT, 30000],
      [WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT, 30000],
      [WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT, 30000],
      [WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, true],
      [WS_CHANNEL_PROPERTY_TRANSFER_MODE, WS_BUFFERED_TRANSFER_MODE],
      [WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME, 7200000],
      [WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL, 1000],
      [WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS, 0xffffffff],
      [WS_CHANNEL_PROPERTY_COOKIE_MODE, WS_AUTO_COOKIE_MODE],
      [WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE, WS_HTTP_PROXY_SETTING_MODE_AUTO],
      [WS_CHANNEL_PROPERTY_STATE, WS_CHANNEL_STATE_CREATED],
      [WS_CHANNEL_PROPERTY_CHANNEL_TYPE, WS_CHANNEL_TYPE_REQUEST],
      [WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN, false],
      [WS_CHANNEL_PROPERTY_PROTECTION_LEVEL, WS_PROTECTION_LEVEL_NONE],
    ];
    for (const [id, value] of expected) expect([id, property(channel, id)]).toEqual([id, value]);
    // The session dictionary belongs to the binary session encoding (Windows: E_INVALIDARG on HTTP).
    expect(property(channel, WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE)).toEqual({ hr: E_INVALIDARG });
    // No address before the channel is opened.
    expect(property(channel, WS_CHANNEL_PROPERTY_REMOTE_ADDRESS)).toEqual({ hr: WS_E_INVALID_OPERATION });
    WsFreeChannel(channel);
  });

  it("defaults net.tcp to the binary session encoding with a 2048-byte dictionary", () => {
    const channel = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    expect(property(channel, WS_CHANNEL_PROPERTY_ENCODING)).toBe(WS_ENCODING_XML_BINARY_SESSION_1);
    expect(property(channel, WS_CHANNEL_PROPERTY_ENVELOPE_VERSION)).toBe(WS_ENVELOPE_VERSION_SOAP_1_2);
    expect(property(channel, WS_CHANNEL_PROPERTY_ADDRESSING_VERSION)).toBe(WS_ADDRESSING_VERSION_1_0);
    expect(property(channel, WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE)).toBe(2048);
    WsFreeChannel(channel);
  });

  it("derives HTTP's envelope and addressing defaults from WS_ENCODING_RAW", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, [
      { id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_RAW },
    ]);
    expect(property(channel, WS_CHANNEL_PROPERTY_ENVELOPE_VERSION)).toBe(WS_ENVELOPE_VERSION_NONE);
    expect(property(channel, WS_CHANNEL_PROPERTY_ADDRESSING_VERSION)).toBe(WS_ADDRESSING_VERSION_TRANSPORT);
    WsFreeChannel(channel);
  });

  it("keeps a property given at creation", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, [
      { id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_UTF16LE },
    ]);
    expect(property(channel, WS_CHANNEL_PROPERTY_ENCODING)).toBe(WS_ENCODING_XML_UTF16LE);
    WsFreeChannel(channel);
  });

  it("refuses wrong channel types, value types, read-only ids and impossible combinations", () => {
    const channel = ref<WS_CHANNEL | null>(null);
    expect(WsCreateChannel(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING, null, null, channel)).toBe(E_INVALIDARG);
    expect(WsCreateChannel(WS_CHANNEL_TYPE_DUPLEX, WS_TCP_CHANNEL_BINDING, null, null, channel)).toBe(E_INVALIDARG);
    expect(WsCreateChannel(WS_CHANNEL_TYPE_REQUEST, WS_UDP_CHANNEL_BINDING, null, null, channel)).toBe(E_INVALIDARG);
    const bad = (id: number, value: unknown) =>
      WsCreateChannel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, [{ id, value }] as never, null, channel);
    expect(bad(WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, -1)).toBe(E_INVALIDARG);
    expect(bad(WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE, 5)).toBe(E_INVALIDARG);
    expect(bad(WS_CHANNEL_PROPERTY_ENCODING, 99)).toBe(E_INVALIDARG);
    expect(bad(WS_CHANNEL_PROPERTY_STATE, WS_CHANNEL_STATE_OPEN)).toBe(E_INVALIDARG);
    expect(bad(WS_CHANNEL_PROPERTY_ENCODING, WS_ENCODING_XML_BINARY_SESSION_1)).toBe(E_INVALIDARG);
    expect(bad(WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, WS_ENVELOPE_VERSION_NONE)).toBe(E_INVALIDARG);
    expect(WsCreateChannel(WS_CHANNEL_TYPE_REQUEST, WS_CUSTOM_CHANNEL_BINDING, null, null, channel)).toBe(E_NOTIMPL);
    expect(WsCreateChannel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, null, { tokenCount: 0 } as never, channel)).toBe(E_NOTIMPL);
    expect(channel.value).toBeNull();
  });
});

describe("WsSetChannelProperty", () => {
  it("sets the timeouts and refuses what is fixed at creation (E_INVALIDARG, as on Windows)", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT, 5000)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT)).toBe(5000);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_SEND_TIMEOUT, "1")).toBe(E_INVALIDARG);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_STATE, WS_CHANNEL_STATE_CREATED)).toBe(E_INVALIDARG);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_ENCODING, WS_ENCODING_XML_UTF8)).toBe(E_INVALIDARG);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE, 4096)).toBe(E_INVALIDARG);
    WsFreeChannel(channel);
  });
});

describe("channel states", () => {
  let network: LoopbackNetwork;
  let undo: () => void;
  beforeEach(() => {
    network = new LoopbackNetwork();
    undo = network.install();
  });
  afterEach(() => undo());

  it("opens an HTTP request channel at once and closes it; close and reset follow Windows", async () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    // A channel never opened closes at once, twice over (Wine's conformance tests record S_OK).
    expect(WsCloseChannel(channel, null)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CLOSED);
    expect(WsResetChannel(channel)).toBe(S_OK);
    expect(WsSetChannelProperty(channel, WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT, 5000)).toBe(S_OK);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
    expect(property(channel, WS_CHANNEL_PROPERTY_REMOTE_ADDRESS)).toBe(ADDRESS);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsResetChannel(channel)).toBe(WS_E_INVALID_OPERATION);
    // Closing an open channel waits for the transport: without a context it would block.
    expect(WsCloseChannel(channel, null)).toBe(WS_E_INVALID_OPERATION);
    await expect(WsCloseChannelAsync(channel)).resolves.toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CLOSED);
    expect(WsCloseChannel(channel, null)).toBe(S_OK);
    // The reset keeps what WsSetChannelProperty changed.
    expect(WsResetChannel(channel)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CREATED);
    expect(property(channel, WS_CHANNEL_PROPERTY_CHANNEL_TYPE)).toBe(WS_CHANNEL_TYPE_REQUEST);
    expect(property(channel, WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT)).toBe(5000);
    WsFreeChannel(channel);
  });

  it("needs a url to open", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsOpenChannel(channel, { ...ADDRESS, url: "" }, null)).toBe(E_INVALIDARG);
    expect(WsOpenChannel(channel, null as never, null)).toBe(E_INVALIDARG);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CREATED);
    WsFreeChannel(channel);
  });

  it("has nothing to abort before it opens: WsAbortChannel leaves a new channel usable", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsAbortChannel(channel)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CREATED);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
    WsAbortChannel(channel);
    WsFreeChannel(channel);
  });

  it("faults on WsAbortChannel; a faulted channel closes at once", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(S_OK);
    expect(WsAbortChannel(channel)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsCloseChannel(channel, null)).toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CLOSED);
    WsFreeChannel(channel);
  });

  it("opens a net.tcp session only with a context, and shuts the session down once", async () => {
    const url = "net.tcp://loop/session";
    network.listen(url);
    const channel = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, [
      { id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_UTF8 },
    ]);
    expect(WsShutdownSessionChannel(channel, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsOpenChannel(channel, { ...ADDRESS, url }, null)).toBe(WS_E_INVALID_OPERATION);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_CREATED);
    await expect(WsOpenChannelAsync(channel, { ...ADDRESS, url })).resolves.toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
    await expect(WsShutdownSessionChannelAsync(channel)).resolves.toBe(S_OK);
    expect(property(channel, WS_CHANNEL_PROPERTY_IS_SESSION_SHUT_DOWN)).toBe(true);
    await expect(WsShutdownSessionChannelAsync(channel)).rejects.toMatchObject({ hr: WS_E_INVALID_OPERATION });
    await expect(WsCloseChannelAsync(channel)).resolves.toBe(S_OK);
    WsFreeChannel(channel);
  });

  it("has no session to shut down on an HTTP request channel", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(S_OK);
    expect(WsShutdownSessionChannel(channel, null)).toBe(WS_E_INVALID_OPERATION);
    WsAbortChannel(channel);
    WsFreeChannel(channel);
  });

  it("fails the open of an endpoint nobody listens on, and faults", async () => {
    const channel = create(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, [
      { id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_UTF8 },
    ]);
    await expect(WsOpenChannelAsync(channel, { ...ADDRESS, url: "net.tcp://loop/none" })).rejects.toMatchObject({
      code: "WS_E_ENDPOINT_NOT_FOUND",
    });
    expect(property(channel, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
    WsFreeChannel(channel);
  });

  it("frees an open channel by tearing it down", () => {
    const channel = create(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    expect(WsOpenChannel(channel, ADDRESS, null)).toBe(S_OK);
    WsFreeChannel(channel);
    expect(WsGetChannelProperty(channel, WS_CHANNEL_PROPERTY_STATE, ref<unknown>(null))).toBe(E_INVALIDARG);
  });
});
