import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { parseListenerUrl, pathSegments, route } from "./listener-url.js";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof WsError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error("expected a WsError");
}

describe("parseListenerUrl", () => {
  it("sorts hosts into HTTP.sys's categories", () => {
    expect(parseListenerUrl("http://+:8080/svc")).toMatchObject({
      scheme: "http",
      host: "+",
      category: "strong",
      port: 8080,
      segments: ["svc"],
    });
    expect(parseListenerUrl("http://*:8080/")).toMatchObject({ host: "*", category: "weak", segments: [] });
    expect(parseListenerUrl("http://LocalHost:81/A/b/")).toMatchObject({ host: "localhost", category: "explicit", segments: ["a", "b"] });
    expect(parseListenerUrl("http://127.0.0.1:0/x")).toMatchObject({ host: "127.0.0.1", category: "ip", port: 0 });
    expect(parseListenerUrl("https://[::1]/x")).toMatchObject({ scheme: "https", host: "::1", category: "ip", port: 443 });
    expect(parseListenerUrl("http://example.com")).toMatchObject({ port: 80, path: "/", segments: [] });
  });

  it("refuses queries, fragments, bad ports and hosts", () => {
    expect(code(() => parseListenerUrl("http://+:80/a?x=1"))).toBe(
      'WS_E_INVALID_FORMAT: listener URL "http://+:80/a?x=1": a listener URL may not contain a query string or fragment',
    );
    expect(code(() => parseListenerUrl("http://+:80/a#f"))).toContain("query string or fragment");
    expect(code(() => parseListenerUrl("http://+:70000/"))).toBe(
      'WS_E_INVALID_FORMAT: listener URL "http://+:70000/": port "70000" must be 0 to 65535',
    );
    expect(code(() => parseListenerUrl("net.tcp://+:80/"))).toContain("expected http://host:port/path");
    expect(code(() => parseListenerUrl("http://[zz]/"))).toContain("[zz] is not an IPv6 address");
    expect(code(() => parseListenerUrl("http://a_b:80/"))).toContain('a_b is not a host name, an IP address, "+" or "*"');
  });
});

describe("route", () => {
  const at = (url: string) => ({ address: parseListenerUrl(url), target: url });

  it("takes the longest complete segment match within a category", () => {
    const listeners = [at("http://+:80/"), at("http://+:80/dir/sna")];
    expect(route(listeners, "h", "127.0.0.1", pathSegments("/default.htm"))).toMatchObject({ target: "http://+:80/" });
    expect(route(listeners, "h", "127.0.0.1", pathSegments("/dir/sna/snadefault.htm"))).toMatchObject({ target: "http://+:80/dir/sna" });
    expect(route(listeners, "h", "127.0.0.1", pathSegments("/dir/app.htm"))).toMatchObject({ target: "http://+:80/" });
    expect(route(listeners, "h", "127.0.0.1", pathSegments("/DIR/%73na?q=1"))).toMatchObject({ target: "http://+:80/dir/sna" });
  });

  it("examines strong, explicit, IP-bound and weak wildcards in that order", () => {
    const listeners = [at("http://*:80/a"), at("http://127.0.0.1:80/a"), at("http://example.com:80/a"), at("http://+:80/a/b")];
    expect(route(listeners, "example.com", "127.0.0.1", ["a", "b"])).toMatchObject({ target: "http://+:80/a/b" });
    expect(route(listeners, "example.com", "127.0.0.1", ["a"])).toMatchObject({ target: "http://example.com:80/a" });
    expect(route(listeners, "other", "127.0.0.1", ["a"])).toMatchObject({ target: "http://127.0.0.1:80/a" });
    expect(route(listeners, "other", "10.0.0.1", ["a"])).toMatchObject({ target: "http://*:80/a" });
  });

  it("answers 404 when a host matches but no path, 400 when no host does", () => {
    expect(route([at("http://127.0.0.1:80/a")], "x", "127.0.0.1", ["b"])).toEqual({ status: 404 });
    expect(route([at("http://example.com:80/a")], "other", "127.0.0.1", ["a"])).toEqual({ status: 400 });
  });
});
