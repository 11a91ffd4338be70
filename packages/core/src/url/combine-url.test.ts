import { describe, expect, it } from "vitest";
import { WsError } from "../errors/ws-error.js";
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { combineUrl } from "./combine-url.js";
import { WS_URL_FLAGS_ALLOW_HOST_WILDCARDS, WS_URL_FLAGS_NO_PATH_COLLAPSE, WS_URL_FLAGS_ZERO_TERMINATE } from "./url-types.js";

/** Asserts that `fn` throws a WsError with exactly `hr`, and returns it for further checks. */
function expectWsError(fn: () => unknown, hr: number): WsError {
  expect(fn).toThrow(WsError);
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WsError);
    expect((err as WsError).hr).toBe(hr);
    return err as WsError;
  }
  throw new Error("unreachable");
}

const BASE = "http://a/b/c/d;p?q";

describe("combineUrl: RFC 3986 §5.4.1 normal examples (base http://a/b/c/d;p?q)", () => {
  it.each([
    ["g", "http://a/b/c/g"],
    ["./g", "http://a/b/c/g"],
    ["g/", "http://a/b/c/g/"],
    ["/g", "http://a/g"],
    ["//g", "http://g"],
    ["?y", "http://a/b/c/d;p?y"],
    ["g?y", "http://a/b/c/g?y"],
    ["#s", "http://a/b/c/d;p?q#s"],
    ["g#s", "http://a/b/c/g#s"],
    ["g?y#s", "http://a/b/c/g?y#s"],
    [";x", "http://a/b/c/;x"],
    ["g;x", "http://a/b/c/g;x"],
    ["g;x?y#s", "http://a/b/c/g;x?y#s"],
    ["", "http://a/b/c/d;p?q"],
    [".", "http://a/b/c/"],
    ["./", "http://a/b/c/"],
    ["..", "http://a/b/"],
    ["../", "http://a/b/"],
    ["../g", "http://a/b/g"],
    ["../..", "http://a/"],
    ["../../", "http://a/"],
    ["../../g", "http://a/g"],
  ])("resolves %j to %j", (reference, expected) => {
    expect(combineUrl(BASE, reference, 0)).toBe(expected);
  });

  it('refuses "g:h" (RFC result "g:h"): WsCombineUrl supports only the WS_URL_SCHEME_TYPE schemes', () => {
    const err = expectWsError(() => combineUrl(BASE, "g:h", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsCombineUrl: unrecognized scheme "g" at offset 0 in reference URL "g:h": supported schemes are http, https, net.tcp, soap.udp, net.pipe',
    );
  });
});

describe("combineUrl: RFC 3986 §5.4.2 abnormal examples (base http://a/b/c/d;p?q)", () => {
  it.each([
    ["../../../g", "http://a/g"],
    ["../../../../g", "http://a/g"],
    ["/./g", "http://a/g"],
    ["/../g", "http://a/g"],
    ["g.", "http://a/b/c/g."],
    [".g", "http://a/b/c/.g"],
    ["g..", "http://a/b/c/g.."],
    ["..g", "http://a/b/c/..g"],
    ["./../g", "http://a/b/g"],
    ["./g/.", "http://a/b/c/g/"],
    ["g/./h", "http://a/b/c/g/h"],
    ["g/../h", "http://a/b/c/h"],
    ["g;x=1/./y", "http://a/b/c/g;x=1/y"],
    ["g;x=1/../y", "http://a/b/c/y"],
    ["g?y/./x", "http://a/b/c/g?y/./x"],
    ["g?y/../x", "http://a/b/c/g?y/../x"],
    ["g#s/./x", "http://a/b/c/g#s/./x"],
    ["g#s/../x", "http://a/b/c/g#s/../x"],
  ])("resolves %j to %j", (reference, expected) => {
    expect(combineUrl(BASE, reference, 0)).toBe(expected);
  });

  it('refuses "http:g" (RFC: "http:g" strict, "http://a/b/c/g" lenient): an http URL needs "//" and a host', () => {
    const err = expectWsError(() => combineUrl(BASE, "http:g", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsCombineUrl: missing "//" after "http:" at offset 5 in reference URL "http:g": absolute http URLs need "//" and a host name',
    );
  });
});

describe("combineUrl: examples from the WWSAPI docs", () => {
  it("returns an absolute reference unchanged (WsCombineUrl remarks)", () => {
    expect(combineUrl(BASE, "https://other:8443/x/y?z#f", 0)).toBe("https://other:8443/x/y?z#f");
    expect(combineUrl(BASE, "net.tcp://h/svc", 0)).toBe("net.tcp://h/svc");
    expect(combineUrl("net.pipe://p/a", "soap.udp://h:3702/", 0)).toBe("soap.udp://h:3702/");
    expect(combineUrl(BASE, "HTTP://Other/X", 0)).toBe("HTTP://Other/X");
  });

  it("collapses an absolute reference's dot segments by default, as 'if the specified flags permit' allows (WsCombineUrl remarks, WS_URL_FLAGS)", () => {
    expect(combineUrl(BASE, "http://x/a/./b/../c", 0)).toBe("http://x/a/c");
    expect(combineUrl(BASE, "http://x/a/./b/../c", WS_URL_FLAGS_NO_PATH_COLLAPSE)).toBe("http://x/a/./b/../c");
  });

  it("keeps '.' and '..' segments with WS_URL_FLAGS_NO_PATH_COLLAPSE (WS_URL_FLAGS)", () => {
    expect(combineUrl(BASE, "../g", WS_URL_FLAGS_NO_PATH_COLLAPSE)).toBe("http://a/b/c/../g");
    expect(combineUrl(BASE, "./g/.", WS_URL_FLAGS_NO_PATH_COLLAPSE)).toBe("http://a/b/c/./g/.");
    expect(combineUrl(BASE, "/../g", WS_URL_FLAGS_NO_PATH_COLLAPSE)).toBe("http://a/../g");
  });

  it("accepts the host wildcards '*' and '+' only with WS_URL_FLAGS_ALLOW_HOST_WILDCARDS (WS_URL_FLAGS)", () => {
    const err = expectWsError(() => combineUrl("http://+:80/svc/", "x", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsCombineUrl: host wildcard "+" at offset 7 in base URL "http://+:80/svc/": wildcards are accepted only with WS_URL_FLAGS_ALLOW_HOST_WILDCARDS',
    );
    expectWsError(() => combineUrl(BASE, "//*/x", 0), WS_E_INVALID_FORMAT);
    expect(combineUrl("http://+:80/svc/", "x", WS_URL_FLAGS_ALLOW_HOST_WILDCARDS)).toBe("http://+:80/svc/x");
    expect(combineUrl(BASE, "//*/x", WS_URL_FLAGS_ALLOW_HOST_WILDCARDS)).toBe("http://*/x");
  });

  it("accepts and ignores WS_URL_FLAGS_ZERO_TERMINATE, which has no meaning for a JS string (WS_URL_FLAGS)", () => {
    expect(combineUrl(BASE, "../g", WS_URL_FLAGS_ZERO_TERMINATE)).toBe("http://a/b/g");
  });

  it("returns WS_E_INVALID_FORMAT when the base URL is not absolute or its scheme is not recognized (WsCombineUrl return values)", () => {
    const rel = expectWsError(() => combineUrl("/b/c", "g", 0), WS_E_INVALID_FORMAT);
    expect(rel.message).toBe(
      'WsCombineUrl: missing scheme at offset 0 in base URL "/b/c": the base URL must be absolute, starting with one of http, https, net.tcp, soap.udp, net.pipe and ":"',
    );
    expectWsError(() => combineUrl("//a/b/c", "g", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl("", "g", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl("ftp://a/b/c", "g", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl("http:/a/b", "g", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl("http:///b", "g", 0), WS_E_INVALID_FORMAT);
  });

  it("returns WS_E_INVALID_FORMAT when the reference URL is malformed (WsCombineUrl return values)", () => {
    const err = expectWsError(() => combineUrl(BASE, "g h", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsCombineUrl: character " " (U+0020) is not allowed in the path at offset 1 in reference URL "g h": percent-encode it (RFC 3986 §2.1)',
    );
    expectWsError(() => combineUrl(BASE, "g%zz", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "g%C3", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "?a b", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "#a#b", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "//user@g/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "//g:99999/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "//", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "1a:b", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => combineUrl(BASE, "\u00e9", 0), WS_E_INVALID_FORMAT);
  });
});

describe("combineUrl: other cases", () => {
  it("ignores the base URL's fragment (RFC 3986 §5.1)", () => {
    expect(combineUrl("http://a/b/c#frag", "d", 0)).toBe("http://a/b/d");
    expect(combineUrl("http://a/b/c#frag", "", 0)).toBe("http://a/b/c");
    expect(combineUrl("http://a/b/c#frag", "#new", 0)).toBe("http://a/b/c#new");
  });

  it("merges with an empty base path as '/' (RFC 3986 §5.2.3)", () => {
    expect(combineUrl("http://a", "g", 0)).toBe("http://a/g");
    expect(combineUrl("http://a?q", "", 0)).toBe("http://a?q");
    expect(combineUrl("http://a", "?y", 0)).toBe("http://a?y");
  });

  it("keeps an empty query or fragment as present (RFC 3986 §5.3)", () => {
    expect(combineUrl(BASE, "g?", 0)).toBe("http://a/b/c/g?");
    expect(combineUrl(BASE, "g#", 0)).toBe("http://a/b/c/g#");
    expect(combineUrl(BASE, "?", 0)).toBe("http://a/b/c/d;p?");
  });

  it("keeps the base's scheme, port and escapes as written", () => {
    expect(combineUrl("HTTPS://Host:8443/a%20b/c", "d%2Fe", 0)).toBe("HTTPS://Host:8443/a%20b/d%2Fe");
    expect(combineUrl("net.tcp://[::1]:808/svc/", "../x", 0)).toBe("net.tcp://[::1]:808/x");
  });

  it("treats escaped dots as dot segments (RFC 3986 §2.3 equivalence)", () => {
    expect(combineUrl(BASE, "%2E%2E/g", 0)).toBe("http://a/b/g");
    expect(combineUrl(BASE, "%2e/g", 0)).toBe("http://a/b/c/g");
  });

  it("returns E_INVALIDARG for flag bits WS_URL_FLAGS does not define", () => {
    const err = expectWsError(() => combineUrl(BASE, "g", 0x100), E_INVALIDARG);
    expect(err.message).toBe("WsCombineUrl: invalid flags 0x100: bits 0x100 are not WS_URL_FLAGS (allowed: 0x7)");
  });

  it("returns E_INVALIDARG for URLs that are not strings (NULL WS_STRINGs in C)", () => {
    const base = expectWsError(() => combineUrl(undefined as unknown as string, "g", 0), E_INVALIDARG);
    expect(base.message).toBe("WsCombineUrl: baseUrl must be a string, not undefined");
    const ref = expectWsError(() => combineUrl(BASE, null as unknown as string, 0), E_INVALIDARG);
    expect(ref.message).toBe("WsCombineUrl: referenceUrl must be a string, not null");
  });
});
