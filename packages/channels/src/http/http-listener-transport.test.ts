import { connect, createServer as createNetServer, type Socket } from "node:net";
import { WS_E_OPERATION_ABORTED, WS_HTTP_PROXY_SETTING_MODE_NONE, WS_STREAMED_TRANSFER_MODE } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { Agent, request as undiciRequest } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { bodyBytes, bytes, never, rejection, selfSignedCertificate, until } from "./http.test-support.js";
import { closeIdleHttpDispatchers } from "./http-dispatchers.js";
import { createHttpListenerTransport, type HttpListenerTransport } from "./http-listener-transport.js";
import type { HttpListenerTransportOptions } from "./http-options.js";
import { httpPortStats } from "./http-port-registry.js";
import type { HttpReplyTransport } from "./http-reply-transport.js";
import { createHttpRequestTransport, type HttpRequestTransport } from "./http-request-transport.js";

const SOAP11 = "text/xml; charset=utf-8";
const listeners: HttpListenerTransport[] = [];
const clients: HttpRequestTransport[] = [];
const rawSockets: Socket[] = [];
const agent = new Agent({ keepAliveTimeout: 1000 });

async function listen(url: string, options: HttpListenerTransportOptions = {}): Promise<HttpListenerTransport> {
  const listener = createHttpListenerTransport(options);
  listeners.push(listener);
  await listener.open(url, never());
  return listener;
}

async function client(url: string, options: Partial<Parameters<typeof createHttpRequestTransport>[0]> = {}): Promise<HttpRequestTransport> {
  const t = createHttpRequestTransport({ url, proxySettingMode: WS_HTTP_PROXY_SETTING_MODE_NONE, ...options });
  clients.push(t);
  await t.open(never());
  return t;
}

/** POSTs with undici and returns status, headers and body text. */
async function post(url: string, body: string, headers: Record<string, string> = {}, method = "POST") {
  const response = await undiciRequest(url, {
    dispatcher: agent,
    method: method as "POST",
    headers: { "content-type": SOAP11, ...headers },
    body: method === "GET" ? null : body,
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

/** Writes `text` on a raw connection and collects what comes back until the server closes it (or `ms` pass). */
async function raw(port: number, text: string, ms = 3000): Promise<{ response: string; closedByServer: boolean }> {
  const socket = connect(port, "127.0.0.1");
  rawSockets.push(socket);
  socket.on("error", () => {});
  let response = "";
  socket.on("data", (data) => (response += data.toString("latin1")));
  socket.write(text);
  const closedByServer = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { response, closedByServer };
}

const reply = (text: string, status?: number) => ({ body: bytes(text), contentType: SOAP11, ...(status === undefined ? {} : { status }) });

afterEach(async () => {
  for (const c of clients.splice(0)) c.abort(new WsError(WS_E_OPERATION_ABORTED, "test over"));
  for (const s of rawSockets.splice(0)) s.destroy();
  await Promise.all(listeners.splice(0).map((l) => l.close(never())));
  await closeIdleHttpDispatchers();
  expect(httpPortStats().ports).toBe(0);
});

describe("HTTP listener transport", () => {
  it("accepts a POST, returns it from receive and answers it with send", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}/svc`);
    const answered = post(`http://127.0.0.1:${listener.port}/svc?x=1`, "<request/>", { soapaction: '"urn:echo"' });
    const channel = await listener.accept(never());
    const message = await channel.receive(never());
    expect(message?.contentType).toBe(SOAP11);
    expect(message?.httpHeaders?.get("soapaction")).toBe('"urn:echo"');
    expect((await bodyBytes(message!.body)).toString()).toBe("<request/>");
    expect(channel.transportUrl).toBe(`http://127.0.0.1:${listener.port}/svc?x=1`);
    expect(channel.remoteAddress).toBe("127.0.0.1");
    expect(channel.connectionId).toBeGreaterThan(0);
    expect(await channel.receive(never())).toBeNull();
    await channel.send({ ...reply("<reply/>"), httpHeaders: new Map([["x-server", "wwsapi"]]) }, never());
    expect(await answered).toMatchObject({
      status: 200,
      body: "<reply/>",
      headers: { "content-type": SOAP11, "x-server": "wwsapi", "content-length": "8" },
    });
    await channel.close(never());
  });

  it("answers a fault with 500 and a one-way message with 202 and no body on close", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    const url = `http://127.0.0.1:${listener.port}/svc`;
    const fault = post(url, "<q/>");
    const c1 = await listener.accept(never());
    await c1.receive(never());
    await c1.send(reply("<fault/>", 500), never());
    expect(await fault).toMatchObject({ status: 500, body: "<fault/>" });
    const oneWay = post(url, "<oneway/>");
    const c2 = await listener.accept(never());
    await c2.receive(never());
    await c2.close(never());
    expect(await oneWay).toMatchObject({ status: 202, body: "" });
  });

  it("serves several listeners on one port by path, and closes the port with the last one", async () => {
    const a = await listen("http://127.0.0.1:0/a");
    const port = a.port;
    const b = await listen(`http://127.0.0.1:${port}/b`);
    const ab = await listen(`http://127.0.0.1:${port}/a/deeper`);
    expect(httpPortStats().ports).toBe(1);
    const serve = async (listener: HttpListenerTransport, text: string) => {
      const channel = await listener.accept(never());
      const message = await channel.receive(never());
      await channel.send(reply(`${text}:${(await bodyBytes(message!.body)).toString()}`), never());
    };
    const results = await Promise.all([
      post(`http://127.0.0.1:${port}/a`, "1"),
      post(`http://127.0.0.1:${port}/B`, "2"),
      post(`http://127.0.0.1:${port}/a/deeper`, "3"),
      serve(a, "a"),
      serve(b, "b"),
      serve(ab, "ab"),
    ]);
    expect(results.slice(0, 3).map((r) => r && "body" in r && r.body)).toEqual(["a:1", "b:2", "ab:3"]);
    await a.close(never());
    await ab.close(never());
    expect((await post(`http://127.0.0.1:${port}/a`, "x")).status).toBe(404);
    expect(httpPortStats().ports).toBe(1);
    await b.close(never());
    expect(httpPortStats().ports).toBe(0);
    const refused = await rejection(
      (async () => {
        const t = await client(`http://127.0.0.1:${port}/b`);
        await t.send(reply("<q/>"), never());
      })(),
    );
    expect(refused.code).toBe("WS_E_ENDPOINT_NOT_FOUND");
  });

  it("answers 404 for other paths, 405 for other methods, and honours prefix path matching", async () => {
    const exact = await listen("http://127.0.0.1:0/svc");
    const port = exact.port;
    await listen(`http://127.0.0.1:${port}/prefix`, { pathMatching: "prefix" });
    const freshAgent = new Agent();
    try {
      const get = await undiciRequest(`http://127.0.0.1:${port}/svc`, { dispatcher: freshAgent, method: "GET" });
      expect(get.statusCode).toBe(405);
      expect(get.headers.allow).toBe("POST");
      await get.body.dump();
      for (const path of ["/other", "/svc/extra", "/"]) {
        const r = await undiciRequest(`http://127.0.0.1:${port}${path}`, { dispatcher: freshAgent, method: "POST", body: "<q/>" });
        expect([path, r.statusCode]).toEqual([path, 404]);
        await r.body.dump();
      }
    } finally {
      await freshAgent.close();
    }
    const prefixed = listeners[1]!;
    const pending = post(`http://127.0.0.1:${port}/prefix/sub/path`, "<q/>");
    const channel = await prefixed.accept(never());
    expect(channel.transportUrl).toBe(`http://127.0.0.1:${port}/prefix/sub/path`);
    await channel.receive(never());
    await channel.send(reply("<ok/>"), never());
    expect((await pending).body).toBe("<ok/>");
  });

  it("passes any Content-Type through (415 is the encoder's decision, not the transport's)", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    const answered = post(`http://127.0.0.1:${listener.port}/svc`, "{}", { "content-type": "application/json" });
    const channel = await listener.accept(never());
    expect((await channel.receive(never()))?.contentType).toBe("application/json");
    await channel.send({ body: new Uint8Array(0), contentType: "", status: 415 }, never());
    expect((await answered).status).toBe(415);
  });

  it("answers 413 to a body above the buffered size quota and closes that connection", async () => {
    const listener = await listen("http://127.0.0.1:0/svc", { maxBufferedMessageSize: 1000 });
    const port = listener.port;
    const declared = await raw(
      port,
      `POST /svc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${SOAP11}\r\nContent-Length: 70000\r\n\r\n<partial`,
    );
    expect(declared.response).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(declared.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(declared.closedByServer).toBe(true);
    // Chunked: found out while receiving; the channel gets WS_E_QUOTA_EXCEEDED.
    const chunk = "x".repeat(600);
    const chunked = raw(
      port,
      `POST /svc HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n${chunk}\r\n258\r\n${chunk}\r\n`,
    );
    const channel = await listener.accept(never());
    const outcome = await rejection(channel.receive(never()));
    expect(outcome.code).toBe("WS_E_QUOTA_EXCEEDED");
    expect(outcome.message).toMatch(
      /^the request from 127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1\/svc has more bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE \(1000 bytes\)$/,
    );
    const result = await chunked;
    expect(result.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.closedByServer).toBe(true);
  });

  it("applies the accepted channel's quota when it receives: WS_E_QUOTA_EXCEEDED, 413, nothing read", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    const sent = raw(listener.port, `POST /svc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n<partial`);
    const channel = await listener.accept(never(), { maxBufferedMessageSize: 100 });
    const outcome = await rejection(channel.receive(never()));
    expect(outcome.code).toBe("WS_E_QUOTA_EXCEEDED");
    expect(outcome.message).toMatch(/ has 500 bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE \(100 bytes\)$/);
    const result = await sent;
    expect(result.response).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(result.closedByServer).toBe(true);
  });

  it("times out a slow sender (the accepted channel's receive timeout) and reports a client that disconnects mid-body", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    const port = listener.port;
    const slow = raw(port, "POST /svc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n<only-a-bit");
    const c1 = await listener.accept(never(), { receiveTimeout: 150 });
    const timedOut = await rejection(c1.receive(never()));
    expect(timedOut.code).toBe("WS_E_OPERATION_TIMED_OUT");
    expect(timedOut.message).toMatch(
      /^receiving the request from 127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1\/svc did not complete within 150 ms$/,
    );
    expect((await slow).closedByServer).toBe(true);

    const socket = connect(port, "127.0.0.1");
    rawSockets.push(socket);
    socket.on("error", () => {});
    socket.write("POST /svc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n<part");
    const c2 = await listener.accept(never());
    const receiving = rejection(c2.receive(never()));
    setTimeout(() => socket.destroy(), 20);
    const disconnected = await receiving;
    expect(disconnected.code).toBe("WS_E_ENDPOINT_DISCONNECTED");
    expect(disconnected.message).toMatch(
      /^the client disconnected while sending the request from 127\.0\.0\.1:\d+ to http:\/\/127\.0\.0\.1\/svc: /,
    );
  });

  it("completes pending accepts with WS_E_OPERATION_ABORTED on close, with the reason on abort or on the accept's signal", async () => {
    const closing = await listen("http://127.0.0.1:0/one");
    const pending = [rejection(closing.accept(never())), rejection(closing.accept(never()))];
    await closing.close(never());
    expect(await Promise.all(pending)).toEqual([
      { code: "WS_E_OPERATION_ABORTED", message: `HTTP listener: http://127.0.0.1:${closing.port}/one was closed` },
      { code: "WS_E_OPERATION_ABORTED", message: `HTTP listener: http://127.0.0.1:${closing.port}/one was closed` },
    ]);
    expect(await rejection(closing.accept(never()))).toEqual({
      code: "WS_E_OPERATION_ABORTED",
      message: "HTTP listener: accept in state closed",
    });

    const aborting = await listen("http://127.0.0.1:0/two");
    const reason = new WsError(WS_E_OPERATION_ABORTED, "WsAbortListener was called");
    const abortedAccept = aborting.accept(never());
    aborting.abort(reason);
    await expect(abortedAccept).rejects.toBe(reason);

    const third = await listen("http://127.0.0.1:0/three");
    const controller = new AbortController();
    const cancelled = third.accept(controller.signal);
    const acceptReason = new WsError(WS_E_OPERATION_ABORTED, "accept cancelled");
    controller.abort(acceptReason);
    await expect(cancelled).rejects.toBe(acceptReason);
    // The listener still serves after one accept was cancelled.
    const answered = post(`http://127.0.0.1:${third.port}/three`, "<q/>");
    const channel = await third.accept(never());
    await channel.receive(never());
    await channel.send(reply("<still/>"), never());
    expect((await answered).body).toBe("<still/>");
  });

  it("refuses a prefix already registered and a port another process holds", async () => {
    const first = await listen("http://127.0.0.1:0/same");
    const duplicate = createHttpListenerTransport();
    expect(await rejection(duplicate.open(`http://127.0.0.1:${first.port}/SAME/`, never()))).toEqual({
      code: "WS_E_ADDRESS_IN_USE",
      message: `listening on http://127.0.0.1:${first.port}/SAME/ failed: another listener of this process is registered for http://127.0.0.1:${first.port}/SAME/`,
    });
    const other = createNetServer();
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const taken = (other.address() as { port: number }).port;
    try {
      const outcome = await rejection(createHttpListenerTransport().open(`http://127.0.0.1:${taken}/x`, never()));
      expect(outcome.code).toBe("WS_E_ADDRESS_IN_USE");
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
    expect(await rejection(createHttpListenerTransport().open("http://127.0.0.1:0/x?q", never()))).toMatchObject({
      code: "WS_E_INVALID_FORMAT",
    });
    expect(await rejection(createHttpListenerTransport().open("https://127.0.0.1:0/x", never()))).toEqual({
      code: "E_INVALIDARG",
      message: "HTTP listener: https://127.0.0.1:0/x needs a server certificate (options.tls)",
    });
  });

  it("answers 503 once the accept queue is full", async () => {
    const listener = await listen("http://127.0.0.1:0/svc", { maxQueuedRequests: 1 });
    const url = `http://127.0.0.1:${listener.port}/svc`;
    const queued = post(url, "<first/>");
    await until(() => listener.queuedRequests === 1);
    const freshAgent = new Agent();
    try {
      const refused = await undiciRequest(url, { dispatcher: freshAgent, method: "POST", body: "<second/>" });
      expect(refused.statusCode).toBe(503);
      await refused.body.dump();
    } finally {
      await freshAgent.destroy();
    }
    const channel = await listener.accept(never());
    expect((await bodyBytes((await channel.receive(never()))!.body)).toString()).toBe("<first/>");
    await channel.send(reply("<ok/>"), never());
    expect((await queued).status).toBe(200);
  });

  it("keeps serving while 1,000 idle connections are open, and closes them all with the listener", async () => {
    const listener = await listen("http://127.0.0.1:0/svc");
    const port = listener.port;
    const idle = Array.from({ length: 1000 }, () => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      rawSockets.push(socket);
      return socket;
    });
    const closed = idle.map((socket) => new Promise<void>((resolve) => socket.once("close", () => resolve())));
    await until(() => httpPortStats().connections >= 1000, 10000);
    const answered = post(`http://127.0.0.1:${port}/svc`, "<busy?/>");
    const channel = await listener.accept(never());
    await channel.receive(never());
    await channel.send(reply("<served/>"), never());
    expect((await answered).body).toBe("<served/>");
    await listener.close(never());
    await Promise.race([
      Promise.all(closed),
      new Promise((_, reject) => setTimeout(() => reject(new Error("idle connections still open")), 5000)),
    ]);
    expect(idle.every((socket) => socket.destroyed)).toBe(true);
  }, 20000);

  it("streams: the request body in with streamed input, the response out chunked with streamed output", async () => {
    const listener = await listen("http://127.0.0.1:0/svc", { transferMode: WS_STREAMED_TRANSFER_MODE });
    const answered = post(`http://127.0.0.1:${listener.port}/svc`, "<streamed/>");
    const channel = await listener.accept(never());
    const message = await channel.receive(never());
    expect(message!.body instanceof Uint8Array).toBe(false);
    expect((await bodyBytes(message!.body)).toString()).toBe("<streamed/>");
    const chunks = (async function* () {
      yield bytes("<a>");
      yield bytes("</a>");
    })();
    await channel.send({ contentType: SOAP11, body: chunks }, never());
    expect(await answered).toMatchObject({ status: 200, body: "<a></a>", headers: { "transfer-encoding": "chunked" } });
  });
});

describe("HTTP transports end to end", () => {
  async function serveOne(listener: HttpListenerTransport): Promise<HttpReplyTransport> {
    const channel = await listener.accept(never());
    const message = await channel.receive(never());
    const text = (await bodyBytes(message!.body)).toString();
    await channel.send(reply(`echo:${text}`), never());
    await channel.close(never());
    return channel;
  }

  it("runs request/reply over one kept-alive connection (the same connection id for consecutive requests)", async () => {
    const listener = await listen("http://127.0.0.1:0/echo");
    const t = await client(`http://127.0.0.1:${listener.port}/echo`);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [, served] = await Promise.all([t.send(reply(`<m${i}/>`), never()), serveOne(listener)]);
      ids.push(served.connectionId);
      const answer = await t.receive(never());
      expect([answer?.status, Buffer.from(answer!.body as Uint8Array).toString()]).toEqual([200, `echo:<m${i}/>`]);
    }
    expect(new Set(ids).size).toBe(1);
    expect(httpPortStats().connections).toBe(1);
  });

  const certificate = selfSignedCertificate();
  it.skipIf("skip" in certificate)("runs over https with a self-signed certificate given as the client's CA", async () => {
    const tls = certificate as { cert: string; key: string };
    const listener = await listen("https://127.0.0.1:0/secure", { tls });
    const t = await client(`https://127.0.0.1:${listener.port}/secure`, { tls: { ca: tls.cert } });
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [, served] = await Promise.all([t.send(reply(`<s${i}/>`), never()), serveOne(listener)]);
      ids.push(served.connectionId);
      expect(Buffer.from((await t.receive(never()))!.body as Uint8Array).toString()).toBe(`echo:<s${i}/>`);
      expect(served.transportUrl).toBe(`https://127.0.0.1:${listener.port}/secure`);
    }
    expect(new Set(ids).size).toBe(1);
  });
});
