import { createServer, type Server, type Socket } from "node:net";
import {
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_STATE,
  WS_CHANNEL_PROPERTY_TRANSPORT_URL,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_TYPE_REPLY,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_ENCODING_XML_BINARY_1,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  type WS_FAULT,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FULL_FAULT_DISCLOSURE,
  WS_HTTP_CHANNEL_BINDING,
  type WS_LISTENER,
  type WS_MESSAGE,
  WS_READ_REQUIRED_POINTER,
  WS_REQUEST_MESSAGE,
  WS_SINGLETON_HEADER,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  WsAbortChannel,
  WsAcceptChannelAsync,
  WsAddMappedHeader,
  WsCloseChannelAsync,
  WsCloseListenerAsync,
  WsFreeChannel,
  WsFreeListener,
  WsFreeMessage,
  WsGetFaultErrorProperty,
  WsGetMappedHeader,
  WsInitializeMessage,
  WsOpenChannel,
  WsOpenListenerAsync,
  WsSendFaultMessageForErrorAsync,
  WsSendReplyMessageAsync,
} from "../index.js";
import { listenerObject } from "../listener/listener-object.js";
import {
  ADD_ACTION,
  ADD_REPLY,
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
  x,
} from "./channel.test-support.js";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

type Props = { id: number; value: unknown }[];

/** An HTTP listener on 127.0.0.1, an ephemeral port; resolves its real URL. */
async function serve(): Promise<{ l: WS_LISTENER; url: string }> {
  const l = listener(WS_CHANNEL_TYPE_REPLY, WS_HTTP_CHANNEL_BINDING);
  await WsOpenListenerAsync(l, "http://127.0.0.1:0/calc");
  cleanup.push(async () => {
    await WsCloseListenerAsync(l).catch(() => {});
    WsFreeListener(l);
  });
  const url = (listenerObject(l).transport as unknown as { url: string }).url;
  return { l, url };
}

function client(url: string, properties: Props = []): WS_CHANNEL {
  const c = channel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, properties);
  expect(WsOpenChannel(c, address(url), null)).toBe(S_OK);
  cleanup.push(async () => {
    await WsCloseChannelAsync(c).catch(() => WsAbortChannel(c));
    WsFreeChannel(c);
  });
  return c;
}

function message(on: WS_CHANNEL): WS_MESSAGE {
  const m = messageFor(on);
  cleanup.push(() => WsFreeMessage(m));
  return m;
}

async function answer(
  l: WS_LISTENER,
  properties: Props,
  respond: (reply: WS_CHANNEL, request: WS_MESSAGE, value: { a: number; b: number }) => Promise<unknown>,
) {
  const reply = channelFor(l, properties);
  cleanup.push(() => WsFreeChannel(reply));
  await WsAcceptChannelAsync(l, reply);
  const request = message(reply);
  const value = ref<unknown>(null);
  await receiveAdd(reply, request, value);
  await respond(reply, request, value.value as { a: number; b: number });
  await WsCloseChannelAsync(reply);
  return reply;
}

const sum = (reply: WS_CHANNEL, request: WS_MESSAGE, { a, b }: { a: number; b: number }) =>
  WsSendReplyMessageAsync(reply, message(reply), ADD_REPLY, WS_WRITE_REQUIRED_POINTER, { AddResult: a + b }, request);

/** A respond step that sends a fault made from an error holding `reason`. */
const faultWith = (reason: string) => (reply: WS_CHANNEL, request: WS_MESSAGE) =>
  WsSendFaultMessageForErrorAsync(reply, message(reply), errorWith(reason), WS_E_OPERATION_ABORTED, WS_FULL_FAULT_DISCLOSURE, request);

async function add(c: WS_CHANNEL, a: number, b: number): Promise<number> {
  const value = ref<unknown>(null);
  await requestAdd(c, message(c), message(c), { a, b }, value);
  return (value.value as { AddResult: number }).AddResult;
}

describe("WS_HTTP_CHANNEL_BINDING end to end on 127.0.0.1", () => {
  const variants: [string, Props][] = [
    ["SOAP 1.2 + WS-Addressing 1.0, text", []],
    [
      "SOAP 1.1 + transport addressing, text",
      [
        { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
        { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
      ],
    ],
    [
      "SOAP 1.1 + WS-Addressing 1.0, text",
      [
        { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
        { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_1_0 },
      ],
    ],
    ["SOAP 1.2 + WS-Addressing 1.0, binary", [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }]],
  ];
  for (const [name, props] of variants) {
    it(`adds over a request channel and an accepted reply channel: ${name}`, async () => {
      const { l, url } = await serve();
      const c = client(url, props);
      const served = answer(l, props, sum);
      expect(await add(c, 2, 3)).toBe(5);
      const reply = await served;
      expect(channelProperty(reply, WS_CHANNEL_PROPERTY_TRANSPORT_URL)).toBe(url);
      expect(typeof channelProperty(reply, WS_CHANNEL_PROPERTY_HTTP_CONNECTION_ID)).toBe("bigint");
      // The connection is kept: a second request on the same channel.
      const again = answer(l, props, sum);
      expect(await add(c, 40, 2)).toBe(42);
      await again;
    });
  }

  it("turns a fault reply (HTTP 500) into WS_E_ENDPOINT_FAULT_RECEIVED", async () => {
    const { l, url } = await serve();
    const c = client(url);
    const served = answer(l, [], faultWith("no adding today"));
    await expect(add(c, 1, 2)).rejects.toMatchObject({ hr: WS_E_ENDPOINT_FAULT_RECEIVED, message: "no adding today" });
    await served;
  });
});

/** A raw TCP server that records the request bytes and answers with `response`. */
async function rawServer(response: (request: string) => string | null): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      const head = data.indexOf("\r\n\r\n");
      if (head < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(data.slice(0, head))?.[1] ?? 0);
      if (data.length < head + 4 + length) return;
      requests.push(data);
      const answer = response(data);
      data = "";
      if (answer !== null) socket.write(answer);
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/calc`, requests, server };
}

const SOAP11_REPLY =
  '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><AddResponse xmlns="http://tempuri.org/"><AddResult>5</AddResult></AddResponse></s:Body></s:Envelope>';

describe("HTTP headers and faults on the caller's WS_ERROR", () => {
  it("sends a mapped header with the request and gives it to WsGetMappedHeader on the other side", async () => {
    const { l, url } = await serve();
    const c = client(url);
    const got = ref<unknown>(null);
    const served = answer(l, [], async (reply, request, value) => {
      expect(WsGetMappedHeader(request, x("X-Trace"), WS_SINGLETON_HEADER, 0, WS_WSZ_TYPE, WS_READ_REQUIRED_POINTER, newHeap(), got)).toBe(
        S_OK,
      );
      await sum(reply, request, value);
    });
    const request = message(c);
    expect(WsInitializeMessage(request, WS_REQUEST_MESSAGE, null)).toBe(S_OK);
    expect(WsAddMappedHeader(request, x("X-Trace"), WS_WSZ_TYPE, WS_WRITE_REQUIRED_VALUE, "abc-123")).toBe(S_OK);
    const value = ref<unknown>(null);
    await requestAdd(c, request, message(c), { a: 1, b: 2 }, value);
    await served;
    expect(got.value).toBe("abc-123");
    expect((value.value as { AddResult: number }).AddResult).toBe(3);
  });

  it("keeps a received fault on the caller's WS_ERROR (WS_FAULT_ERROR_PROPERTY_FAULT)", async () => {
    const { l, url } = await serve();
    const c = client(url);
    const served = answer(l, [], faultWith("overflow"));
    const error = newError();
    const hr = await requestAddReportingTo(error, c, message(c), message(c), { a: 1, b: 2 });
    await served;
    expect(hr).toBe(WS_E_ENDPOINT_FAULT_RECEIVED);
    expect(errorString(error)).toBe("overflow");
    const fault = ref<unknown>(null);
    expect(WsGetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault)).toBe(S_OK);
    expect((fault.value as WS_FAULT).reasons.map((reason) => reason.text)).toEqual(["overflow"]);
  });
});

describe("the bytes on the wire", () => {
  it("sends a SOAP 1.1 Add as WCF's basicHttpBinding peer expects it, and reads WCF's reply", async () => {
    const { url, requests } = await rawServer(
      () => `HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${SOAP11_REPLY.length}\r\n\r\n${SOAP11_REPLY}`,
    );
    const c = client(url, [
      { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
      { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
    ]);
    expect(await add(c, 2, 3)).toBe(5);
    const request = requests[0]!;
    const [head, body] = request.split("\r\n\r\n") as [string, string];
    expect(head.split("\r\n")[0]).toBe("POST /calc HTTP/1.1");
    const headers = new Map(
      head
        .split("\r\n")
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );
    expect(headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(headers.get("soapaction")).toBe(`"${ADD_ACTION}"`);
    expect(headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(body).toBe(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body><Add xmlns="http://tempuri.org/"><a>2</a><b>3</b></Add></s:Body></s:Envelope>',
    );
  });

  it("times out waiting for the response head (WS_E_OPERATION_TIMED_OUT) and faults the channel", async () => {
    const { url } = await rawServer(() => null);
    // The HTTP transport applies the timeouts phase by phase, as given when the channel opened.
    const late = channel(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, [
      { id: WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT, value: 100 },
    ]);
    expect(WsOpenChannel(late, address(url), null)).toBe(S_OK);
    cleanup.push(() => {
      WsAbortChannel(late);
      WsFreeChannel(late);
    });
    await expect(add(late, 1, 1)).rejects.toMatchObject({ hr: WS_E_OPERATION_TIMED_OUT });
    expect(channelProperty(late, WS_CHANNEL_PROPERTY_STATE)).toBe(WS_CHANNEL_STATE_FAULTED);
  });

  it("completes a pending request with WS_E_OPERATION_ABORTED on WsAbortChannel", async () => {
    const { url, requests } = await rawServer(() => null);
    const c = client(url);
    const pending = add(c, 1, 1);
    for (let i = 0; i < 100 && requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests.length).toBe(1);
    expect(WsAbortChannel(c)).toBe(S_OK);
    await expect(pending).rejects.toMatchObject({ hr: WS_E_OPERATION_ABORTED });
  });
});

void WS_ENVELOPE_VERSION_SOAP_1_2;
