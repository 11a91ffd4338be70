import {
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_0_9,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_BLANK_MESSAGE,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_ENCODING_XML_BINARY_1,
  WS_ENCODING_XML_UTF8,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_FAULT_DISCLOSURE,
  WS_FULL_FAULT_DISCLOSURE,
  WS_HTTP_CHANNEL_BINDING,
  type WS_LISTENER,
  type WS_MESSAGE,
  WS_MINIMAL_FAULT_DISCLOSURE,
  WS_READ_REQUIRED_POINTER,
  WS_RECEIVE_OPTIONAL_MESSAGE,
  WS_RECEIVE_REQUIRED_MESSAGE,
  WS_S_ASYNC,
  WS_S_END,
  WS_SHORT_CALLBACK,
  WS_TCP_CHANNEL_BINDING,
  WS_WRITE_REQUIRED_POINTER,
} from "@wwsapi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  WsAbandonMessage,
  WsAbortChannel,
  WsAcceptChannelAsync,
  WsCloseChannelAsync,
  WsCloseListenerAsync,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsInitializeMessage,
  WsOpenChannel,
  WsOpenChannelAsync,
  WsOpenListenerAsync,
  WsReadBody,
  WsReadMessageEnd,
  WsReadMessageEndAsync,
  WsReadMessageStart,
  WsReadMessageStartAsync,
  WsReceiveMessage,
  WsReceiveMessageAsync,
  WsRequestReply,
  WsResetChannel,
  WsSendFaultMessageForErrorAsync,
  WsSendMessage,
  WsSendMessageAsync,
  WsSendReplyMessageAsync,
  WsSetChannelProperty,
  WsShutdownSessionChannelAsync,
  WsWriteBody,
  WsWriteMessageEnd,
  WsWriteMessageEndAsync,
  WsWriteMessageStart,
} from "../index.js";
import {
  ADD_ACTION,
  ADD_REPLY,
  ADD_REQUEST,
  address,
  channel,
  channelFor,
  channelProperty,
  errorString,
  errorWith,
  listener,
  messageFor,
  newError,
  newHeap,
  receiveAdd,
  requestAdd,
  requestAddReportingTo,
  text,
  zeroIds,
} from "./channel.test-support.js";
import { LoopbackNetwork } from "./loopback.test-support.js";

const URL = "http://loop/calc";
const NS = {
  soap11: "http://schemas.xmlsoap.org/soap/envelope/",
  soap12: "http://www.w3.org/2003/05/soap-envelope",
  wsa10: "http://www.w3.org/2005/08/addressing",
  wsa09: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
};
const ID = "urn:uuid:00000000-0000-0000-0000-000000000000";

let network: LoopbackNetwork;
let undo: () => void;
const cleanup: (() => unknown)[] = [];

beforeEach(() => {
  network = new LoopbackNetwork();
  undo = network.install();
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  undo();
});

type Props = { id: number; value: unknown }[];

async function server(properties: Props = []): Promise<WS_LISTENER> {
  const l = listener(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING);
  await WsOpenListenerAsync(l, URL);
  cleanup.push(async () => {
    await WsCloseListenerAsync(l).catch(() => {});
    WsFreeListener(l);
  });
  void properties;
  return l;
}

function client(properties: Props = []): WS_CHANNEL {
  const c = channel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, properties);
  expect(WsOpenChannel(c, address(URL), null)).toBe(S_OK);
  cleanup.push(() => {
    WsAbortChannel(c);
    WsFreeChannel(c);
  });
  return c;
}

function message(on: WS_CHANNEL): WS_MESSAGE {
  const m = messageFor(on);
  cleanup.push(() => WsFreeMessage(m));
  return m;
}

/** A channel for `l` to accept on, freed after the test. */
function replyChannel(l: WS_LISTENER, properties: Props | null = null): WS_CHANNEL {
  const reply = channelFor(l, properties);
  cleanup.push(() => WsFreeChannel(reply));
  return reply;
}

/** Accepts a channel on `l` and receives one Add request on it. */
async function acceptAdd(l: WS_LISTENER, value = ref<unknown>(null)): Promise<{ reply: WS_CHANNEL; request: WS_MESSAGE }> {
  const reply = replyChannel(l);
  await WsAcceptChannelAsync(l, reply);
  const request = message(reply);
  await receiveAdd(reply, request, value);
  return { reply, request };
}

/** Accepts one exchange on `l`, and answers it with a fault made from an error holding `reason`. */
async function answerFault(l: WS_LISTENER, reason: string, disclosure: WS_FAULT_DISCLOSURE): Promise<void> {
  const { reply, request } = await acceptAdd(l);
  await WsSendFaultMessageForErrorAsync(reply, message(reply), errorWith(reason), WS_E_INVALID_FORMAT, disclosure, request);
}

/** Accepts one exchange and answers an Add with its sum. */
async function answerAdd(l: WS_LISTENER, properties: Props = []): Promise<{ a: number; b: number }> {
  const reply = replyChannel(l, properties);
  await WsAcceptChannelAsync(l, reply);
  const request = message(reply);
  const value = ref<unknown>(null);
  const index = ref(-1);
  await receiveAdd(reply, request, value, index);
  expect(index.value).toBe(0);
  const { a, b } = value.value as { a: number; b: number };
  await WsSendReplyMessageAsync(reply, message(reply), ADD_REPLY, WS_WRITE_REQUIRED_POINTER, { AddResult: a + b }, request);
  // One request per accepted channel: the next receive finds nothing.
  await expect(WsReadMessageStartAsync(reply, message(reply))).resolves.toBe(WS_S_END);
  await WsCloseChannelAsync(reply);
  return { a, b };
}

async function add(c: WS_CHANNEL, a: number, b: number): Promise<number> {
  const value = ref<unknown>(null);
  await requestAdd(c, message(c), message(c), { a, b }, value);
  return (value.value as { AddResult: number }).AddResult;
}

describe("request/reply over the loopback transport", () => {
  it("adds 2 and 3: WsRequestReply against WsAcceptChannel + WsReceiveMessage + WsSendReplyMessage", async () => {
    const l = await server();
    const c = client();
    const served = answerAdd(l);
    expect(await add(c, 2, 3)).toBe(5);
    expect(await served).toEqual({ a: 2, b: 3 });
    expect(channelProperty(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
  });

  it("reuses an accepted channel after close and WsResetChannel, one request per acceptance", async () => {
    const l = await server();
    const c = client();
    const reply = replyChannel(l);
    for (const [a, b] of [
      [1, 2],
      [3, 4],
    ] as const) {
      const served = (async () => {
        await WsAcceptChannelAsync(l, reply);
        const request = message(reply);
        const value = ref<unknown>(null);
        await receiveAdd(reply, request, value);
        const got = value.value as { a: number; b: number };
        await WsSendReplyMessageAsync(reply, message(reply), ADD_REPLY, WS_WRITE_REQUIRED_POINTER, { AddResult: got.a + got.b }, request);
        await WsCloseChannelAsync(reply);
        expect(WsResetChannel(reply)).toBe(S_OK);
      })();
      expect(await add(c, a, b)).toBe(a + b);
      await served;
    }
  });

  it("sends exactly these bytes and headers for SOAP 1.2 + WS-Addressing 1.0 (action in the content type)", async () => {
    const l = await server();
    const c = client();
    const served = answerAdd(l);
    await add(c, 2, 3);
    await served;
    const [request, reply] = network.sent;
    expect(request!.from).toBe("client");
    expect(request!.message.contentType).toBe(`application/soap+xml; charset=utf-8; action="${ADD_ACTION}"`);
    expect([...request!.message.httpHeaders!]).toEqual([]);
    expect(zeroIds(text(request!.message.body))).toBe(
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header>` +
        `<a:MessageID>${ID}</a:MessageID>` +
        `<a:Action s:mustUnderstand="1">${ADD_ACTION}</a:Action>` +
        `<a:To s:mustUnderstand="1">${URL}</a:To>` +
        `</s:Header><s:Body><Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add></s:Body></s:Envelope>`,
    );
    const messageId = /<a:MessageID>(urn:uuid:[^<]+)</.exec(text(request!.message.body))![1];
    expect(reply!.message.status).toBe(200);
    expect(reply!.message.contentType).toBe('application/soap+xml; charset=utf-8; action="http://tempuri.org/ICalculator/AddResponse"');
    expect(text(reply!.message.body)).toBe(
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header>` +
        `<a:RelatesTo>${messageId}</a:RelatesTo>` +
        `<a:Action s:mustUnderstand="1">http://tempuri.org/ICalculator/AddResponse</a:Action>` +
        `</s:Header><s:Body><AddResponse xmlns="http://tempuri.org/"><AddResult>5</AddResult></AddResponse></s:Body></s:Envelope>`,
    );
  });

  it("puts the action in SOAPAction for SOAP 1.1 with transport addressing (text/xml; charset=utf-8)", async () => {
    const props = [
      { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
      { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
    ];
    const l = await server();
    const c = client(props);
    const served = answerAdd(l, props);
    expect(await add(c, 20, 22)).toBe(42);
    await served;
    const request = network.sent[0]!.message;
    expect(request.contentType).toBe("text/xml; charset=utf-8");
    expect([...request.httpHeaders!]).toEqual([["soapaction", `"${ADD_ACTION}"`]]);
    expect(text(request.body)).toBe(
      `<s:Envelope xmlns:s="${NS.soap11}"><s:Header/><s:Body><Add xmlns="http://tempuri.org/"><a>20</a><b>22</b></Add></s:Body></s:Envelope>`,
    );
  });

  for (const [envelope, addressing] of [
    [WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_0_9],
    [WS_ENVELOPE_VERSION_SOAP_1_1, WS_ADDRESSING_VERSION_1_0],
    [WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_0_9],
    [WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_TRANSPORT],
  ] as const) {
    it(`round-trips an Add with envelope ${envelope} and addressing ${addressing}`, async () => {
      const props = [
        { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: envelope },
        { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: addressing },
      ];
      const l = await server();
      const c = client(props);
      const served = answerAdd(l, props);
      expect(await add(c, 7, 8)).toBe(15);
      await served;
    });
  }

  it("round-trips in the binary encoding (application/soap+msbin1)", async () => {
    const props = [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }];
    const l = await server();
    const c = client(props);
    const served = answerAdd(l, props);
    expect(await add(c, 1, 1)).toBe(2);
    await served;
    const request = network.sent[0]!.message;
    expect(request.contentType).toBe("application/soap+msbin1");
    // [MC-NBFX] PrefixDictionaryElementS (0x56) with the [MC-NBFS] static dictionary id of "Envelope" (2),
    // as WCF writes it (golden httpbinary-add capture).
    expect([...(request.body as Uint8Array).subarray(0, 2)]).toEqual([0x56, 0x02]);
  });

  it("refuses a message whose content type is not the channel's encoding (WS_E_INVALID_FORMAT)", async () => {
    const l = await server();
    const c = client();
    const reply = replyChannel(l, [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }]);
    const accepting = WsAcceptChannelAsync(l, reply);
    await WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 2 });
    await accepting;
    await expect(receiveAdd(reply, message(reply))).rejects.toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message: `The message's Content-Type "application/soap+xml" does not match the channel's encoding, which expects application/soap+msbin1.`,
    });
  });

  it("fails with WS_E_INVALID_FORMAT when the reply's action is not the expected one", async () => {
    const l = await server();
    const c = client();
    const served = (async () => {
      const { reply, request } = await acceptAdd(l);
      await WsSendReplyMessageAsync(
        reply,
        message(reply),
        { ...ADD_REPLY, action: ADD_REQUEST.action },
        WS_WRITE_REQUIRED_POINTER,
        { AddResult: 1 },
        request,
      );
    })();
    await expect(requestAdd(c, message(c), message(c), { a: 1, b: 0 })).rejects.toMatchObject({ hr: WS_E_INVALID_FORMAT });
    await served;
  });

  it("chooses among several message descriptions by action and reports the index", async () => {
    const l = await server();
    const c = client();
    const other = {
      action: { bytes: new TextEncoder().encode("urn:other"), dictionary: null, id: 0 },
      bodyElementDescription: null,
    } as never;
    const received = (async () => {
      const reply = replyChannel(l);
      await WsAcceptChannelAsync(l, reply);
      const index = ref(-1);
      const value = ref<unknown>(null);
      await WsReceiveMessageAsync(
        reply,
        message(reply),
        [other, ADD_REQUEST],
        WS_RECEIVE_REQUIRED_MESSAGE,
        WS_READ_REQUIRED_POINTER,
        newHeap(),
        value,
        index,
      );
      return { index: index.value, value: { ...(value.value as object) } };
    })();
    await WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 4, b: 5 });
    expect(await received).toEqual({ index: 1, value: { a: 4, b: 5 } });
  });
});

describe("the message-level functions", () => {
  it("writes with WsWriteMessageStart / WsWriteBody / WsWriteMessageEnd and reads with WsReadMessageStart / WsReadBody / WsReadMessageEnd", async () => {
    const l = await server();
    const c = client();
    const reply = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, reply);
    const out = message(c);
    expect(WsInitializeMessage(out, WS_BLANK_MESSAGE, null)).toBe(S_OK);
    // Buffered: the start writes into the channel's buffer and completes at once, even without a context.
    expect(WsWriteMessageStart(c, out, null)).toBe(S_OK);
    expect(WsWriteMessageStart(c, message(c), null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteBody(out, ADD_REQUEST.bodyElementDescription!, WS_WRITE_REQUIRED_POINTER, { a: 6, b: 7 })).toBe(S_OK);
    expect(WsWriteMessageEnd(c, out, null)).toBe(WS_E_INVALID_OPERATION);
    await expect(WsWriteMessageEndAsync(c, out)).resolves.toBe(S_OK);
    await accepting;
    const inbound = message(reply);
    await expect(WsReadMessageStartAsync(reply, inbound)).resolves.toBe(S_OK);
    const value = ref<unknown>(null);
    expect(WsReadBody(inbound, ADD_REQUEST.bodyElementDescription!, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ a: 6, b: 7 });
    expect(WsReadMessageEnd(reply, inbound, null)).toBe(S_OK);
    expect(text(network.sent[0]!.message.body)).toBe(
      `<s:Envelope xmlns:a="${NS.wsa10}" xmlns:s="${NS.soap12}"><s:Header><a:To s:mustUnderstand="1">${URL}</a:To></s:Header>` +
        `<s:Body><Add xmlns="http://tempuri.org/"><a>6</a><b>7</b></Add></s:Body></s:Envelope>`,
    );
  });
});

describe("callbacks", () => {
  it("completes under the channel's WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL", async () => {
    const l = await server();
    const c = client([{ id: WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL, value: WS_SHORT_CALLBACK }]);
    const accepted = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, accepted);
    const done = new Promise<[number, number]>((resolve) => {
      const hr = WsSendMessage(
        c,
        message(c),
        ADD_REQUEST,
        WS_WRITE_REQUIRED_POINTER,
        { a: 1, b: 1 },
        {
          callback: (result, model) => resolve([result, model]),
          callbackState: null,
        },
      );
      expect(hr).toBe(WS_S_ASYNC);
    });
    expect(await done).toEqual([S_OK, WS_SHORT_CALLBACK]);
    await accepting;
  });
});

describe("faults", () => {
  it("sends a fault for an error (500, fault action) and the client gets WS_E_ENDPOINT_FAULT_RECEIVED with the reason", async () => {
    const l = await server();
    const c = client();
    // An error with one string: what the service would report.
    const served = answerFault(l, "Division by zero", WS_FULL_FAULT_DISCLOSURE);
    const error = newError();
    const hr = await requestAddReportingTo(error, c, message(c), message(c), { a: 1, b: 0 });
    await served;
    expect(hr).toBe(WS_E_ENDPOINT_FAULT_RECEIVED);
    expect(errorString(error)).toBe("Division by zero");
    const fault = network.sent[1]!.message;
    expect(fault.status).toBe(500);
    expect(text(fault.body)).toContain(`<a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action>`);
    expect(text(fault.body)).toContain(
      `<s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason><s:Text xml:lang="en-US">Division by zero</s:Text></s:Reason></s:Fault></s:Body>`,
    );
    // The channel is still usable after a fault.
    expect(channelProperty(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_OPEN);
  });

  it("keeps the error's strings private with WS_MINIMAL_FAULT_DISCLOSURE", async () => {
    const l = await server();
    const c = client();
    const served = answerFault(l, "secret detail", WS_MINIMAL_FAULT_DISCLOSURE);
    await expect(requestAdd(c, message(c), message(c), { a: 1, b: 0 })).rejects.toMatchObject({
      hr: WS_E_ENDPOINT_FAULT_RECEIVED,
      message: "The server was unable to process the request due to an internal error.",
    });
    await served;
    expect(text(network.sent[1]!.message.body)).not.toContain("secret");
  });
});

describe("timeouts, aborts and wrong states", () => {
  it("times a pending receive out with WS_E_OPERATION_TIMED_OUT and faults the channel", async () => {
    network.silentServer = true;
    const l = await server();
    const c = client();
    expect(WsSetChannelProperty(c, WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT, 50)).toBe(S_OK);
    const accepted = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, accepted);
    await expect(requestAdd(c, message(c), message(c), { a: 1, b: 1 })).rejects.toMatchObject({
      hr: WS_E_OPERATION_TIMED_OUT,
      message: "Receiving the reply did not complete within 50 ms (WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT).",
    });
    expect(channelProperty(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
    await accepting;
  });

  it("completes a pending receive with WS_E_OPERATION_ABORTED on WsAbortChannel", async () => {
    network.silentServer = true;
    const l = await server();
    const c = client();
    const accepted = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, accepted);
    const pending = requestAdd(c, message(c), message(c), { a: 1, b: 1 });
    await accepting;
    expect(WsAbortChannel(c)).toBe(S_OK);
    await expect(pending).rejects.toMatchObject({ hr: WS_E_OPERATION_ABORTED });
    expect(channelProperty(c, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
  });

  it("aborts a pending WsAcceptChannel when the listener closes", async () => {
    const l = await server();
    const accepted = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, accepted);
    await WsCloseListenerAsync(l);
    await expect(accepting).rejects.toMatchObject({ hr: WS_E_OPERATION_ABORTED });
  });

  it("refuses sends and receives on a channel that is not open, and a second read on a reply channel", async () => {
    const c = channel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING);
    cleanup.push(() => WsFreeChannel(c));
    const m = message(c);
    expect(WsWriteMessageStart(c, m, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsReadMessageStart(c, m, null)).toBe(WS_E_INVALID_OPERATION);
    expect(
      WsReceiveMessage(c, m, [ADD_REQUEST], WS_RECEIVE_REQUIRED_MESSAGE, WS_READ_REQUIRED_POINTER, null, ref<unknown>(null), null, null),
    ).toBe(WS_E_INVALID_OPERATION);
    expect(WsAbandonMessage(c, m)).toBe(WS_E_INVALID_OPERATION);
    // Open, but without a context a receive would block.
    expect(WsOpenChannel(c, address(URL), null)).toBe(S_OK);
    expect(WsReadMessageStart(c, m, null)).toBe(WS_E_INVALID_OPERATION);
    expect(
      WsRequestReply(
        c,
        m,
        ADD_REQUEST,
        WS_WRITE_REQUIRED_POINTER,
        { a: 1, b: 1 },
        messageFor(c),
        ADD_REPLY,
        WS_READ_REQUIRED_POINTER,
        null,
        ref<unknown>(null),
        null,
      ),
    ).toBe(WS_E_INVALID_OPERATION);
    // A reply channel answers only after it has read the request.
    const l = await server();
    const reply = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, reply);
    await WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 1 });
    await accepting;
    expect(WsWriteMessageStart(reply, message(reply), null)).toBe(WS_E_INVALID_OPERATION);
  });

  it("abandons a message being read so that the channel reads on", async () => {
    const l = await server();
    const c = client();
    const reply = replyChannel(l);
    const accepting = WsAcceptChannelAsync(l, reply);
    await WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 1 });
    await accepting;
    const m = message(reply);
    await expect(WsReadMessageStartAsync(reply, m)).resolves.toBe(S_OK);
    expect(WsAbandonMessage(reply, message(reply))).toBe(-2147024809 /* E_INVALIDARG */);
    expect(WsAbandonMessage(reply, m)).toBe(S_OK);
    await expect(WsReadMessageEndAsync(reply, m)).rejects.toMatchObject({ hr: -2147024809 });
  });
});

describe("duplex sessions over the loopback transport", () => {
  it("sends several messages and ends with WS_S_END after the peer shuts the session down", async () => {
    const url = "net.tcp://loop/session";
    const l = listener(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING);
    await WsOpenListenerAsync(l, url);
    cleanup.push(async () => {
      await WsCloseListenerAsync(l).catch(() => {});
      WsFreeListener(l);
    });
    const text8 = [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_UTF8 }];
    const server = channelFor(l, text8);
    cleanup.push(() => WsFreeChannel(server));
    const accepting = WsAcceptChannelAsync(l, server);
    const c = channel(WS_CHANNEL_TYPE_DUPLEX_SESSION, WS_TCP_CHANNEL_BINDING, text8);
    cleanup.push(() => WsFreeChannel(c));
    await WsOpenChannelAsync(c, address(url));
    await accepting;
    // Sends may overlap on a free-threaded channel: each writes its message at once, then waits for the transport.
    await Promise.all([
      WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 1, b: 2 }),
      WsSendMessageAsync(c, message(c), ADD_REQUEST, WS_WRITE_REQUIRED_POINTER, { a: 3, b: 4 }),
    ]);
    await WsShutdownSessionChannelAsync(c);
    const got: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const value = ref<unknown>(null);
      const hr = await WsReceiveMessageAsync(
        server,
        message(server),
        [ADD_REQUEST],
        WS_RECEIVE_OPTIONAL_MESSAGE,
        WS_READ_REQUIRED_POINTER,
        newHeap(),
        value,
        null,
      );
      if (hr === WS_S_END) break;
      got.push({ ...(value.value as object) });
    }
    expect(got).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
    await expect(receiveAdd(server, message(server))).rejects.toMatchObject({ code: "WS_E_ENDPOINT_DISCONNECTED" });
    await WsCloseChannelAsync(c);
    await WsCloseChannelAsync(server);
  });
});
