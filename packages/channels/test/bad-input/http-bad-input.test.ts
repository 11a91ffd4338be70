import type { Socket } from "node:net";
import { WS_E_ENDPOINT_DISCONNECTED, WS_E_INVALID_FORMAT, WS_E_OPERATION_TIMED_OUT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ADD_ACTION,
  addEnvelope,
  faultOf,
  good,
  openHandles,
  type Props,
  post,
  type RawResponse,
  rawConnect,
  rawHead,
  readUntilClose,
  type Service,
  type ServiceOptions,
  SOAP11_TYPE,
  SOAP11_WSA10,
  SOAP12_TYPE,
  startService,
  until,
} from "./support.js";

/**
 * Bad input over a real WS_HTTP_CHANNEL_BINDING listener on 127.0.0.1 (issue #5): each bad request
 * gets its status and fault (or is cut off), the serving application sees the HRESULT, a good
 * request is served right after, and no socket or server is left once the listener closed.
 */

let services: Service[] = [];
let sockets: Socket[] = [];
let handlesBefore = 0;

beforeEach(() => {
  handlesBefore = openHandles();
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets = [];
  for (const service of services) await service.close();
  services = [];
  // Nothing leaks: every connection and the port's server are gone.
  await until(() => openHandles() <= handlesBefore);
});

async function serve(props: Props = [], options: ServiceOptions = {}): Promise<Service> {
  const service = await startService(props, options);
  services.push(service);
  return service;
}

async function socketTo(url: string): Promise<Socket> {
  const socket = await rawConnect(url);
  sockets.push(socket);
  return socket;
}

/** A 500 SOAP fault in the channel's media type and version, and the server-side HRESULT. */
async function expectFault(
  service: Service,
  response: RawResponse,
  expected: { hr: number; code: string; reason: string; soap?: "1.1" | "1.2" },
): Promise<void> {
  const soap = expected.soap ?? "1.2";
  expect(response.status).toBe(500);
  expect(response.headers["content-type"]).toBe(
    soap === "1.2" ? `${SOAP12_TYPE}; action="http://www.w3.org/2005/08/addressing/soap/fault"` : SOAP11_TYPE,
  );
  expect(faultOf(response.body)).toEqual({ code: expected.code, reason: expected.reason, soap });
  const outcome = await service.next();
  expect(outcome).toEqual({ hr: expected.hr, message: expected.reason });
  // The listener goes on serving.
  await good(service.url, soap);
  expect(await service.next()).toEqual({ hr: null, message: "ok" });
}

describe("oversize bodies (WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, 65,536 by default)", () => {
  it("a Content-Length above it: 413 with Connection: close, the body never read; WS_E_QUOTA_EXCEEDED", async () => {
    const service = await serve();
    const response = await post(service.url, "x".repeat(65_537), { "content-type": SOAP12_TYPE });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(response.body).toBe("");
    const outcome = await service.next();
    expect(outcome.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(outcome.message).toMatch(/ has 65537 bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE \(65536 bytes\)$/);
    await good(service.url);
  });

  it("a chunked body that passes it: 413 as soon as it does; WS_E_QUOTA_EXCEEDED", async () => {
    const service = await serve();
    const response = await post(service.url, "x".repeat(200_000), { "content-type": SOAP12_TYPE }, { chunked: true });
    expect(response.status).toBe(413);
    const outcome = await service.next();
    expect(outcome.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(outcome.message).toMatch(/ has more bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE \(65536 bytes\)$/);
    await good(service.url);
  });

  it("a body of exactly 65,536 bytes (the envelope padded with whitespace) is read and served", async () => {
    const service = await serve();
    const envelope = addEnvelope({ to: service.url });
    const body = envelope + " ".repeat(65_536 - Buffer.byteLength(envelope));
    const response = await post(service.url, body, { "content-type": SOAP12_TYPE });
    // Whitespace after the Envelope is allowed: the request is served.
    expect(response.status).toBe(200);
    expect(await service.next()).toEqual({ hr: null, message: "ok" });
  });

  it("an empty body (Content-Length: 0): the document has no root element", async () => {
    const service = await serve();
    const response = await post(service.url, "", { "content-type": SOAP12_TYPE });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason: "WsReadToStartElement: XML reader: the document has no root element, at line 1, column 1 (byte 0).",
    });
  });
});

describe("truncated bodies (Content-Length larger than what is sent)", () => {
  it("the client ends its side: WS_E_ENDPOINT_DISCONNECTED (node's parser answers the cut request 400)", async () => {
    const service = await serve();
    const socket = await socketTo(service.url);
    socket.write(rawHead(service.url, 1000) + "<s:Envelope");
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.end();
    const answer = await readUntilClose(socket);
    expect(answer).toEqual({ text: "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n", closed: true });
    const outcome = await service.next();
    expect(outcome.hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
    expect(outcome.message).toMatch(
      /^the client disconnected while sending the request from 127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+\/calc: /,
    );
    await good(service.url);
  });

  it("the client stalls: the receive timeout (WS_E_OPERATION_TIMED_OUT) and the connection is closed", async () => {
    const service = await serve([], { receiveTimeout: 300 });
    const socket = await socketTo(service.url);
    socket.write(rawHead(service.url, 1000) + "<s:Envelope");
    // The good request is served while the stalled one waits.
    await good(service.url);
    expect(await service.next()).toEqual({ hr: null, message: "ok" });
    const answer = await readUntilClose(socket);
    expect(answer).toEqual({ text: "", closed: true });
    const outcome = await service.next();
    expect(outcome.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    expect(outcome.message).toBe("Receiving a message did not complete within 300 ms (WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT).");
  });

  it("a slow sender (a byte a second) is cut off by the receive timeout, whatever it still sends", async () => {
    const service = await serve([], { receiveTimeout: 1500 });
    const socket = await socketTo(service.url);
    const envelope = addEnvelope({ to: service.url });
    socket.write(rawHead(service.url, Buffer.byteLength(envelope)));
    let sent = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && sent < envelope.length) socket.write(envelope[sent++]!);
    }, 1000);
    try {
      await good(service.url);
      await service.next();
      const answer = await readUntilClose(socket, 6000);
      expect(answer).toEqual({ text: "", closed: true });
      const outcome = await service.next();
      expect(outcome).toEqual({
        hr: WS_E_OPERATION_TIMED_OUT,
        message: "Receiving a message did not complete within 1500 ms (WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT).",
      });
      expect(sent).toBeLessThan(4);
    } finally {
      clearInterval(drip);
    }
  });

  it("the client resets the connection: WS_E_ENDPOINT_DISCONNECTED", async () => {
    const service = await serve();
    const socket = await socketTo(service.url);
    socket.write(rawHead(service.url, 1000) + "<s:Envelope");
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.resetAndDestroy();
    const outcome = await service.next();
    expect(outcome.hr).toBe(WS_E_ENDPOINT_DISCONNECTED);
    expect(outcome.message).toMatch(
      /^the client disconnected while sending the request from 127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1:\d+\/calc: /,
    );
    await good(service.url);
  });
});

describe("wrong content types: WS_E_INVALID_FORMAT, answered with a fault", () => {
  it("text/plain on a SOAP 1.2 text channel", async () => {
    const service = await serve();
    const response = await post(service.url, addEnvelope({ to: service.url }), { "content-type": "text/plain" });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason: "The message's Content-Type \"text/plain\" does not match the channel's encoding, which expects application/soap+xml.",
    });
  });

  it("SOAP 1.1's text/xml on a SOAP 1.2 channel", async () => {
    const service = await serve();
    const response = await post(service.url, addEnvelope({ to: service.url }), { "content-type": SOAP11_TYPE });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason: "The message's Content-Type \"text/xml\" does not match the channel's encoding, which expects application/soap+xml.",
    });
  });

  it("SOAP 1.2's application/soap+xml on a SOAP 1.1 channel", async () => {
    const service = await serve(SOAP11_WSA10);
    const response = await post(service.url, addEnvelope({ soap: "1.1", to: service.url }), { "content-type": SOAP12_TYPE });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Server",
      soap: "1.1",
      reason: "The message's Content-Type \"application/soap+xml\" does not match the channel's encoding, which expects text/xml.",
    });
  });

  it("binary (application/soap+msbin1) on a text channel", async () => {
    const service = await serve();
    const response = await post(service.url, new Uint8Array([0x56, 0x02, 0x0b, 0x01, 0x73, 0x04]), {
      "content-type": "application/soap+msbin1",
    });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason:
        "The message's Content-Type \"application/soap+msbin1\" does not match the channel's encoding, which expects application/soap+xml.",
    });
  });
});

describe("bad envelopes", () => {
  it("malformed XML", async () => {
    const service = await serve();
    const response = await post(service.url, `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body></s:Bod>`, {
      "content-type": SOAP12_TYPE,
    });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason:
        'WsReadStartElement: XML reader: the end tag "</s:Bod>" does not match the start tag "<s:Body>", at line 1, column 71 (byte 70).',
    });
  });

  it("a SOAP 1.1 envelope on a SOAP 1.2 channel: VersionMismatch with an Upgrade header", async () => {
    const service = await serve();
    const response = await post(service.url, addEnvelope({ soap: "1.1", to: service.url }), { "content-type": SOAP12_TYPE });
    expect(response.body).toContain(
      `<s:Header><a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action><s:Upgrade><s:SupportedEnvelope qname="s:Envelope"/></s:Upgrade></s:Header>`,
    );
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "VersionMismatch",
      reason:
        "WsReadEnvelopeStart: expected the element {http://www.w3.org/2003/05/soap-envelope}Envelope (SOAP 1.2), found {http://schemas.xmlsoap.org/soap/envelope/}Envelope.",
    });
  });

  it("a SOAP 1.2 envelope on a SOAP 1.1 channel: faultcode VersionMismatch", async () => {
    const service = await serve(SOAP11_WSA10);
    const response = await post(service.url, addEnvelope({ to: service.url }), {
      "content-type": SOAP11_TYPE,
      soapaction: `"${ADD_ACTION}"`,
    });
    expect(response.body).not.toContain("Upgrade");
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "VersionMismatch",
      soap: "1.1",
      reason:
        "WsReadEnvelopeStart: expected the element {http://schemas.xmlsoap.org/soap/envelope/}Envelope (SOAP 1.1), found {http://www.w3.org/2003/05/soap-envelope}Envelope.",
    });
  });

  it("no Action header with WS-Addressing 1.0", async () => {
    const service = await serve();
    const response = await post(service.url, addEnvelope({ headers: `<a:To s:mustUnderstand="1">${service.url}</a:To>` }), {
      "content-type": SOAP12_TYPE,
    });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason: "WsReceiveMessage: the received message has no Action header, which WS-Addressing requires.",
    });
  });

  it("two Action headers", async () => {
    const service = await serve();
    const action = `<a:Action s:mustUnderstand="1">${ADD_ACTION}</a:Action>`;
    const response = await post(service.url, addEnvelope({ headers: action + action }), { "content-type": SOAP12_TYPE });
    await expectFault(service, response, {
      hr: WS_E_INVALID_FORMAT,
      code: "Receiver",
      reason: "the message's Action: the message has 2 Action headers; there may be one.",
    });
  });
});

describe("mustUnderstand headers nobody understood (WsCheckMustUnderstandHeaders)", () => {
  const header = `<a:Action s:mustUnderstand="1">${ADD_ACTION}</a:Action><x:Secret xmlns:x="urn:x" s:mustUnderstand="1">1</x:Secret>`;
  const reason =
    "WsCheckMustUnderstandHeaders: MustUnderstand: the header {urn:x}Secret must be understood but was not (read it with WsGetCustomHeader or mark it with WsMarkHeaderAsUnderstood).";

  it("SOAP 1.2: the MustUnderstand fault with a NotUnderstood header naming it", async () => {
    const service = await serve([], { mode: "check" });
    const response = await post(service.url, addEnvelope({ headers: header }), { "content-type": SOAP12_TYPE });
    expect(response.body).toContain(
      `<s:Header><a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action><s:NotUnderstood qname="h:Secret" xmlns:h="urn:x"/></s:Header>`,
    );
    await expectFault(service, response, { hr: WS_E_INVALID_FORMAT, code: "MustUnderstand", reason });
  });

  it("SOAP 1.1: faultcode MustUnderstand, no header (SOAP 1.1 defines none)", async () => {
    const service = await serve(SOAP11_WSA10, { mode: "check" });
    const response = await post(service.url, addEnvelope({ soap: "1.1", headers: header }), {
      "content-type": SOAP11_TYPE,
      soapaction: `"${ADD_ACTION}"`,
    });
    expect(response.body).not.toContain("NotUnderstood");
    await expectFault(service, response, { hr: WS_E_INVALID_FORMAT, code: "MustUnderstand", soap: "1.1", reason });
  });
});
