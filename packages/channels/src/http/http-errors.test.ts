import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar.js";
import { customProxyFor } from "./http-dispatchers.js";
import { listenError, networkError, statusError } from "./http-errors.js";

const URL_ = "http://example.com/svc";

describe("statusError", () => {
  it("lets message statuses through: 2xx and 500 (a SOAP fault)", () => {
    for (const status of [200, 202, 204, 500]) expect(statusError(status, URL_)).toBeNull();
  });

  it("maps authentication challenges to the scheme the peer requires", () => {
    expect(statusError(401, URL_, ["Basic realm=x"])?.code).toBe("WS_E_SERVER_REQUIRES_BASIC_AUTH");
    expect(statusError(401, URL_, ['Digest realm="x", nonce="y"'])?.code).toBe("WS_E_SERVER_REQUIRES_DIGEST_AUTH");
    expect(statusError(401, URL_, ["Bearer", "NTLM"])?.code).toBe("WS_E_SERVER_REQUIRES_NTLM_AUTH");
    expect(statusError(401, URL_, ["Bearer"])?.code).toBe("WS_E_ENDPOINT_ACCESS_DENIED");
    expect(statusError(407, URL_, ["Negotiate"])?.code).toBe("WS_E_PROXY_REQUIRES_NEGOTIATE_AUTH");
    expect(statusError(407, URL_, [])?.code).toBe("WS_E_PROXY_ACCESS_DENIED");
  });

  it("blames the proxy for 502/504 only when there is one", () => {
    expect(statusError(502, URL_, [], true)?.code).toBe("WS_E_PROXY_FAILURE");
    expect(statusError(504, URL_, [], false)?.code).toBe("WS_E_ENDPOINT_FAILURE");
    expect(statusError(415, URL_)?.message).toBe("HTTP 415 from http://example.com/svc: the endpoint could not process the request");
  });
});

describe("networkError", () => {
  it("finds the code in the cause chain and in aggregated errors", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(networkError(Object.assign(new Error("fetch failed"), { cause: reset }), URL_, "sending a request to")).toMatchObject({
      code: "WS_E_ENDPOINT_DISCONNECTED",
      message: "sending a request to http://example.com/svc failed: ECONNRESET: fetch failed",
    });
    const refused = new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed");
    expect(networkError(refused, URL_, "sending a request to").code).toBe("WS_E_ENDPOINT_NOT_FOUND");
    expect(networkError(Object.assign(new Error("x"), { code: "EHOSTUNREACH" }), URL_, "x").code).toBe("WS_E_ENDPOINT_UNREACHABLE");
    expect(networkError(Object.assign(new Error("x"), { code: "CERT_HAS_EXPIRED" }), URL_, "x").code).toBe("CERT_E_EXPIRED");
    expect(networkError(Object.assign(new Error("x"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }), URL_, "x").code).toBe(
      "CERT_E_CN_NO_MATCH",
    );
    expect(networkError(new Error("strange"), URL_, "x")).toMatchObject({
      code: "WS_E_OTHER",
      message: "x http://example.com/svc failed: strange",
    });
  });

  it("passes a WsError (an abort or timeout reason) through unchanged", () => {
    const reason = new WsError(-2143485948, "aborted");
    expect(networkError(reason, URL_, "x")).toBe(reason);
  });

  it("maps listen failures to WsOpenListener's codes", () => {
    expect(listenError(Object.assign(new Error("in use"), { code: "EADDRINUSE" }), "http://+:80/").code).toBe("WS_E_ADDRESS_IN_USE");
    expect(listenError(Object.assign(new Error("nope"), { code: "EADDRNOTAVAIL" }), "http://10.9.9.9:80/").code).toBe(
      "WS_E_ADDRESS_NOT_AVAILABLE",
    );
  });
});

describe("customProxyFor (WS_CUSTOM_HTTP_PROXY)", () => {
  const url = (text: string) => new URL(text);
  it("picks the scheme's server, else the generic one", () => {
    expect(customProxyFor(url("http://svc.example.com/"), "proxy:8080", "")).toBe("http://proxy:8080");
    expect(customProxyFor(url("https://svc.example.com/"), "http=p1:80;https=p2:443", "")).toBe("http://p2:443");
    expect(customProxyFor(url("https://svc.example.com/"), "http=p1:80", "")).toBeNull();
  });
  it("bypasses hosts in the bypass list, <local> meaning names without a dot", () => {
    expect(customProxyFor(url("http://intranet/"), "proxy:8080", "<local>")).toBeNull();
    expect(customProxyFor(url("http://a.corp.example/"), "proxy:8080", "*.corp.example; other")).toBeNull();
    expect(customProxyFor(url("http://a.example/"), "proxy:8080", "*.corp.example")).toBe("http://proxy:8080");
  });
});

describe("CookieJar (WS_AUTO_COOKIE_MODE)", () => {
  it("keeps cookies, replaces them by name and drops expired ones", () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeNull();
    jar.store(["a=1; Path=/", "b=2; HttpOnly"]);
    jar.store("a=3");
    expect(jar.header()).toBe("a=3; b=2");
    jar.store(["b=; Max-Age=0", "c=4; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "=x", "novalue"]);
    expect(jar.header()).toBe("a=3");
  });
});
