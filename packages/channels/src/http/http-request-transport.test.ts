import { createServer as createHttpServer } from "node:http";
import { createServer, connect as netConnect, type Socket } from "node:net";
import {
  WS_E_OPERATION_ABORTED,
  WS_HTTP_PROXY_SETTING_MODE_CUSTOM,
  WS_HTTP_PROXY_SETTING_MODE_NONE,
  WS_MANUAL_COOKIE_MODE,
  WS_STREAMED_TRANSFER_MODE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  bodyBytes,
  bytes,
  never,
  readAll,
  rejection,
  selfSignedCertificate,
  startServer,
  type TestServer,
  until,
} from "./http.test-support.js";
import { closeIdleHttpDispatchers, httpDispatcherCount } from "./http-dispatchers.js";
import type { HttpRequestTransportOptions } from "./http-options.js";
import { createHttpRequestTransport, type HttpRequestTransport } from "./http-request-transport.js";

const opened: HttpRequestTransport[] = [];
const servers: TestServer[] = [];

async function server(handler: Parameters<typeof startServer>[0], tls?: { cert: string; key: string }): Promise<TestServer> {
  const s = await startServer(handler, tls);
  servers.push(s);
  return s;
}

/** An opened request transport; direct connections (no proxy from the environment) unless told. */
async function transport(options: HttpRequestTransportOptions): Promise<HttpRequestTransport> {
  const t = createHttpRequestTransport({ proxySettingMode: WS_HTTP_PROXY_SETTING_MODE_NONE, ...options });
  opened.push(t);
  await t.open(never());
  return t;
}

const SOAP11 = "text/xml; charset=utf-8";
const request = (body: string, headers: [string, string][] = []) => ({
  body: bytes(body),
  contentType: SOAP11,
  httpHeaders: new Map(headers),
});

afterEach(async () => {
  for (const t of opened.splice(0)) t.abort(new WsError(WS_E_OPERATION_ABORTED, "test over"));
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await closeIdleHttpDispatchers();
});

describe("HTTP request transport: request/reply", () => {
  it("POSTs the message with its content type and headers and returns the reply", async () => {
    let seen: Record<string, unknown> = {};
    const s = await server(async (req, res) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body: (await readAll(req)).toString() };
      res.writeHead(200, { "content-type": SOAP11, "x-reply": "yes" });
      res.end("<reply/>");
    });
    const t = await transport({ url: `${s.url}?wsdl=0`, extraHeaders: new Map([["X-Extra", "1"]]) });
    await t.send(request("<request/>", [["soapaction", '"urn:echo"']]), never());
    const reply = await t.receive(never());
    expect(seen.method).toBe("POST");
    expect(seen.url).toBe("/service?wsdl=0");
    expect(seen.headers).toMatchObject({ "content-type": SOAP11, soapaction: '"urn:echo"', "content-length": "10", "x-extra": "1" });
    expect(seen.body).toBe("<request/>");
    expect(reply?.status).toBe(200);
    expect(reply?.contentType).toBe(SOAP11);
    expect(reply?.httpHeaders?.get("x-reply")).toBe("yes");
    expect(Buffer.from(reply!.body as Uint8Array).toString()).toBe("<reply/>");
  });

  it("reuses one kept-alive connection for consecutive requests, across channels of the same settings", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(200, { "content-type": SOAP11 }).end("<r/>");
    });
    const first = await transport({ url: s.url });
    for (let i = 0; i < 3; i++) {
      await first.send(request(`<q${i}/>`), never());
      expect(Buffer.from((await first.receive(never()))!.body as Uint8Array).toString()).toBe("<r/>");
    }
    await first.close(never());
    const second = await transport({ url: s.url });
    await second.send(request("<q/>"), never());
    await second.receive(never());
    expect(s.connections).toBe(1);
  });

  it("opens a connection per request with keepAlive false", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(200, { "content-type": SOAP11 }).end("<r/>");
    });
    const t = await transport({ url: s.url, keepAlive: false });
    for (let i = 0; i < 3; i++) {
      await t.send(request("<q/>"), never());
      await t.receive(never());
    }
    expect(s.connections).toBe(3);
  });

  it("returns 202 with an empty body for a one-way message, and discards an unreceived reply on the next send", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(202).end();
    });
    const t = await transport({ url: s.url });
    await t.send(request("<oneway/>"), never());
    await t.send(request("<oneway/>"), never());
    const reply = await t.receive(never());
    expect(reply?.status).toBe(202);
    expect((reply!.body as Uint8Array).byteLength).toBe(0);
    expect(s.connections).toBe(1);
  });

  it("returns a 500 reply with its body, so the channel reads the SOAP fault", async () => {
    const fault = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault/></s:Body></s:Envelope>';
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(500, { "content-type": SOAP11 }).end(fault);
    });
    const t = await transport({ url: s.url });
    await t.send(request("<q/>"), never());
    const reply = await t.receive(never());
    expect(reply?.status).toBe(500);
    expect(Buffer.from(reply!.body as Uint8Array).toString()).toBe(fault);
  });

  it("maps statuses that carry no message to HRESULTs", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      const status = Number(req.url!.slice(1));
      const headers: Record<string, string> = status === 401 ? { "www-authenticate": "Negotiate, NTLM" } : {};
      res.writeHead(status, { ...headers, "content-type": "text/html" }).end("<html>error</html>");
    });
    const port = s.port;
    const outcome = async (status: number) => {
      const t = await transport({ url: `http://127.0.0.1:${port}/${status}` });
      return (await rejection(t.send(request("<q/>"), never()))).code;
    };
    expect(await outcome(404)).toBe("WS_E_ENDPOINT_NOT_FOUND");
    expect(await outcome(410)).toBe("WS_E_ENDPOINT_NOT_AVAILABLE");
    expect(await outcome(503)).toBe("WS_E_ENDPOINT_TOO_BUSY");
    expect(await outcome(403)).toBe("WS_E_ENDPOINT_ACCESS_DENIED");
    expect(await outcome(401)).toBe("WS_E_SERVER_REQUIRES_NEGOTIATE_AUTH");
    expect(await outcome(400)).toBe("WS_E_ENDPOINT_FAILURE");
    expect(await outcome(502)).toBe("WS_E_ENDPOINT_FAILURE");
    const t = await transport({ url: `http://127.0.0.1:${port}/404` });
    expect(await rejection(t.send(request("<q/>"), never()))).toEqual({
      code: "WS_E_ENDPOINT_NOT_FOUND",
      message: `HTTP 404 from http://127.0.0.1:${port}/404: no endpoint is listening at this URL`,
    });
    // The error pages were read off, so every request reused one connection.
    expect(s.connections).toBe(1);
  });

  it("sends cookies the server set (WS_AUTO_COOKIE_MODE) and none in WS_MANUAL_COOKIE_MODE", async () => {
    const cookies: (string | undefined)[] = [];
    const s = await server(async (req, res) => {
      await readAll(req);
      cookies.push(req.headers.cookie);
      res.writeHead(200, { "content-type": SOAP11, "set-cookie": ["session=abc; Path=/; HttpOnly", "gone=1; Max-Age=0"] }).end("<r/>");
    });
    for (const cookieMode of [undefined, WS_MANUAL_COOKIE_MODE] as const) {
      const t = await transport({ url: s.url, ...(cookieMode === undefined ? {} : { cookieMode }) });
      for (let i = 0; i < 2; i++) {
        await t.send(request("<q/>"), never());
        await t.receive(never());
      }
    }
    expect(cookies).toEqual([undefined, "session=abc", undefined, undefined]);
  });

  it("streams: a streamed reply is an AsyncIterable, a streamed request goes chunked", async () => {
    let seen: { encoding?: string | undefined; body?: string } = {};
    const s = await server(async (req, res) => {
      seen = { encoding: req.headers["transfer-encoding"], body: (await readAll(req)).toString() };
      res.writeHead(200, { "content-type": SOAP11 });
      res.write("<a>");
      setTimeout(() => res.end("</a>"), 20);
    });
    const t = await transport({ url: s.url, transferMode: WS_STREAMED_TRANSFER_MODE });
    await t.send(
      {
        contentType: SOAP11,
        body: (async function* () {
          yield bytes("<x>");
          yield bytes("</x>");
        })(),
      },
      never(),
    );
    const reply = await t.receive(never());
    expect(reply!.body instanceof Uint8Array).toBe(false);
    expect((await bodyBytes(reply!.body)).toString()).toBe("<a></a>");
    expect(seen).toEqual({ encoding: "chunked", body: "<x></x>" });
  });

  it("discards a streamed reply the channel did not read to its end when it closes", async () => {
    let finished: boolean | null = null;
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(200, { "content-type": SOAP11 });
      res.write("<start>");
      res.once("close", () => (finished = res.writableFinished));
    });
    const t = await transport({ url: s.url, transferMode: WS_STREAMED_TRANSFER_MODE });
    await t.send(request("<q/>"), never());
    const reply = await t.receive(never());
    const iterator = (reply!.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    expect(Buffer.from((await iterator.next()).value as Uint8Array).toString()).toBe("<start>");
    await t.close(never());
    await until(() => finished !== null);
    expect(finished).toBe(false);
    expect(httpDispatcherCount().leased).toBe(0);
  });

  const proxyInEnvironment = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"].some((name) => process.env[name]);
  it.skipIf(proxyInEnvironment)(
    "connects directly in the default WS_HTTP_PROXY_SETTING_MODE_AUTO with no proxy configured, resolving a name under the resolve timeout",
    async () => {
      const s = await server(async (req, res) => {
        await readAll(req);
        res.writeHead(200, { "content-type": SOAP11 }).end("<auto/>");
      });
      const t = createHttpRequestTransport({ url: `http://localhost:${s.port}/service`, resolveTimeout: 5000 });
      opened.push(t);
      await t.open(never());
      await t.send(request("<q/>"), never());
      expect(Buffer.from((await t.receive(never()))!.body as Uint8Array).toString()).toBe("<auto/>");
    },
  );

  it("refuses a header the transport owns and a send before open", async () => {
    const t = await transport({ url: "http://127.0.0.1:9/service" });
    expect(await rejection(t.send(request("<q/>", [["content-length", "5"]]), never()))).toEqual({
      code: "E_INVALIDARG",
      message: "HTTP header content-length is set by the transport, not by a message",
    });
    const unopened = createHttpRequestTransport({ url: "http://127.0.0.1:9/service" });
    expect(await rejection(unopened.send(request("<q/>"), never()))).toEqual({
      code: "WS_E_INVALID_OPERATION",
      message: "HTTP request channel: send before open",
    });
    expect(() => createHttpRequestTransport({ url: "ftp://x/" })).toThrow(/must use http: or https:/);
    expect(() => createHttpRequestTransport({ url: "http://x/", maxBufferedMessageSize: 0 })).toThrow(
      "maxBufferedMessageSize 0 must be an integer from 1 to 4294967295",
    );
  });
});

describe("HTTP request transport: failures", () => {
  it("maps a refused connection to WS_E_ENDPOINT_NOT_FOUND", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const t = await transport({ url: `http://127.0.0.1:${port}/service` });
    const outcome = await rejection(t.send(request("<q/>"), never()));
    expect(outcome.code).toBe("WS_E_ENDPOINT_NOT_FOUND");
    expect(outcome.message).toMatch(new RegExp(`^sending a request to http://127\\.0\\.0\\.1:${port}/service failed: ECONNREFUSED: `));
  });

  it("refuses a reply above the buffered size quota, by Content-Length or as it streams, without reading it all", async () => {
    const sizes = { declared: 70000, chunked: 10 * 1024 * 1024 };
    let chunkedClosedEarly = false;
    const s = await server(async (req, res) => {
      await readAll(req);
      if (req.url === "/declared") {
        res.writeHead(200, { "content-type": SOAP11, "content-length": String(sizes.declared) }).end(Buffer.alloc(sizes.declared, 0x41));
        return;
      }
      res.writeHead(200, { "content-type": SOAP11 });
      res.once("close", () => (chunkedClosedEarly = !res.writableFinished));
      const block = Buffer.alloc(64 * 1024, 0x42);
      for (let sent = 0; sent < sizes.chunked && !res.destroyed; sent += block.length) {
        if (!res.write(block)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
      }
      res.end();
    });
    const declared = await transport({ url: `http://127.0.0.1:${s.port}/declared` });
    await declared.send(request("<q/>"), never());
    expect(await rejection(declared.receive(never()))).toEqual({
      code: "WS_E_QUOTA_EXCEEDED",
      message: `the reply from http://127.0.0.1:${s.port}/declared has 70000 bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE (65536 bytes)`,
    });
    const chunked = await transport({ url: `http://127.0.0.1:${s.port}/chunked`, maxBufferedMessageSize: 100000 });
    await chunked.send(request("<q/>"), never());
    expect(await rejection(chunked.receive(never()))).toEqual({
      code: "WS_E_QUOTA_EXCEEDED",
      message: `the reply from http://127.0.0.1:${s.port}/chunked has more bytes, above WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE (100000 bytes)`,
    });
    await until(() => chunkedClosedEarly);
  });

  it("times out waiting for the response head (receive response timeout) and for the body (receive timeout)", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      if (req.url === "/slow-body") {
        res.writeHead(200, { "content-type": SOAP11, "content-length": "100" });
        res.write("<partial");
      }
      // Otherwise: never answers.
    });
    const head = await transport({ url: `http://127.0.0.1:${s.port}/no-answer`, receiveResponseTimeout: 100 });
    expect(await rejection(head.send(request("<q/>"), never()))).toEqual({
      code: "WS_E_OPERATION_TIMED_OUT",
      message: `waiting for the response from http://127.0.0.1:${s.port}/no-answer did not complete within 100 ms`,
    });
    const body = await transport({ url: `http://127.0.0.1:${s.port}/slow-body`, receiveTimeout: 100 });
    await body.send(request("<q/>"), never());
    expect(await rejection(body.receive(never()))).toEqual({
      code: "WS_E_OPERATION_TIMED_OUT",
      message: `receiving the reply from http://127.0.0.1:${s.port}/slow-body did not complete within 100 ms`,
    });
  });

  it("times out a request body the server does not read (send timeout)", async () => {
    const s = await server(() => {});
    const t = await transport({
      url: s.url,
      sendTimeout: 200,
      transferMode: WS_STREAMED_TRANSFER_MODE,
      maxStreamedMessageSize: 256 * 1024 * 1024,
    });
    const block = new Uint8Array(64 * 1024);
    const endless = (async function* () {
      for (let i = 0; i < 4096; i++) yield block;
    })();
    expect(await rejection(t.send({ contentType: SOAP11, body: endless }, never()))).toEqual({
      code: "WS_E_OPERATION_TIMED_OUT",
      message: `sending the request to ${s.url} did not complete within 200 ms`,
    });
  });

  it("rejects a pending send with the abort reason, from the signal or from abort(), and drops its connection", async () => {
    const requestSockets: { closed: boolean }[] = [];
    const s = await server((req) => {
      const entry = { closed: false };
      requestSockets.push(entry);
      req.socket.once("close", () => (entry.closed = true));
    });
    const t = await transport({ url: s.url });
    const controller = new AbortController();
    const pending = t.send(request("<q/>"), controller.signal);
    await until(() => requestSockets.length === 1);
    const reason = new WsError(WS_E_OPERATION_ABORTED, "WsAbortChannel was called");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    const other = await transport({ url: s.url });
    const pending2 = other.send(request("<q/>"), never());
    await until(() => requestSockets.length === 2);
    const reason2 = new WsError(WS_E_OPERATION_ABORTED, "the channel was aborted");
    other.abort(reason2);
    await expect(pending2).rejects.toBe(reason2);
    // The connections of the aborted requests were destroyed, not handed back to the pool.
    await until(() => requestSockets.every((x) => x.closed));
  });

  it("reports a server that disconnects mid-reply as WS_E_ENDPOINT_DISCONNECTED and leaks no lease", async () => {
    const s = await server(async (req, res) => {
      await readAll(req);
      res.writeHead(200, { "content-type": SOAP11, "content-length": "1000" });
      res.write("<partial", () => setTimeout(() => res.socket?.destroy(), 10));
    });
    const t = await transport({ url: s.url });
    await t.send(request("<q/>"), never());
    const outcome = await rejection(t.receive(never()));
    expect(outcome.code).toBe("WS_E_ENDPOINT_DISCONNECTED");
    expect(outcome.message).toMatch(/^receiving the reply from http:\/\/127\.0\.0\.1:\d+\/service failed: /);
    await t.close(never());
    opened.splice(opened.indexOf(t), 1);
    expect(httpDispatcherCount().leased).toBe(0);
    await until(() => s.sockets.size === 0);
  });
});

describe("HTTP request transport: proxies", () => {
  it("tunnels through a WS_CUSTOM_HTTP_PROXY, and goes direct for a bypassed host", async () => {
    const tunnels: string[] = [];
    const proxySockets = new Set<Socket>();
    const proxy = createHttpServer();
    proxy.on("connection", (socket: Socket) => {
      proxySockets.add(socket);
      socket.once("close", () => proxySockets.delete(socket));
    });
    proxy.on("connect", (req, clientSocket: Socket, head: Buffer) => {
      tunnels.push(req.url ?? "");
      const [host = "", port = "0"] = (req.url ?? "").split(":");
      const upstream = netConnect(Number(port), host, () => {
        clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      proxySockets.add(upstream);
      upstream.on("error", () => clientSocket.destroy());
      clientSocket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyPort = (proxy.address() as { port: number }).port;
    try {
      const s = await server(async (req, res) => {
        await readAll(req);
        res.writeHead(200, { "content-type": SOAP11 }).end("<via/>");
      });
      const proxied = await transport({
        url: s.url,
        proxySettingMode: WS_HTTP_PROXY_SETTING_MODE_CUSTOM,
        customProxy: { servers: `127.0.0.1:${proxyPort}`, bypass: "" },
      });
      await proxied.send(request("<q/>"), never());
      expect(Buffer.from((await proxied.receive(never()))!.body as Uint8Array).toString()).toBe("<via/>");
      expect(tunnels).toEqual([`127.0.0.1:${s.port}`]);
      const bypassed = await transport({
        url: s.url,
        proxySettingMode: WS_HTTP_PROXY_SETTING_MODE_CUSTOM,
        customProxy: { servers: `127.0.0.1:${proxyPort}`, bypass: "127.0.0.1" },
      });
      await bypassed.send(request("<q/>"), never());
      await bypassed.receive(never());
      expect(tunnels.length).toBe(1);
    } finally {
      for (const t of opened.splice(0)) t.abort(new WsError(WS_E_OPERATION_ABORTED, "test over"));
      await closeIdleHttpDispatchers();
      for (const socket of proxySockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe("HTTP request transport: https", () => {
  const certificate = selfSignedCertificate();
  let s: TestServer;
  beforeAll(async () => {
    if ("skip" in certificate) return;
    s = await startServer(async (req, res) => {
      await readAll(req);
      res.writeHead(200, { "content-type": SOAP11 }).end("<secure/>");
    }, certificate);
  });
  afterAll(async () => {
    await s?.close();
  });

  it.skipIf("skip" in certificate)("talks to a server whose self-signed certificate is given as CA, and refuses it otherwise", async () => {
    const ca = "cert" in certificate ? certificate.cert : "";
    const trusted = await transport({ url: s.url, tls: { ca } });
    for (let i = 0; i < 2; i++) {
      await trusted.send(request("<q/>"), never());
      expect(Buffer.from((await trusted.receive(never()))!.body as Uint8Array).toString()).toBe("<secure/>");
    }
    expect(s.connections).toBe(1);
    const untrusted = await transport({ url: s.url });
    const outcome = await rejection(untrusted.send(request("<q/>"), never()));
    expect(outcome.code).toBe("CERT_E_UNTRUSTEDROOT");
    expect(outcome.message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
  });
});
