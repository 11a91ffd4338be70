import { describe, expect, it } from "vitest";
import { WsError } from "../errors/ws-error.js";
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { decodeUrl } from "./decode-url.js";
import { encodeUrl } from "./encode-url.js";
import {
  WS_URL_FLAGS_ALLOW_HOST_WILDCARDS,
  WS_URL_FLAGS_NO_PATH_COLLAPSE,
  WS_URL_FLAGS_ZERO_TERMINATE,
  WS_URL_HTTP_SCHEME_TYPE,
  WS_URL_HTTPS_SCHEME_TYPE,
  WS_URL_NETPIPE_SCHEME_TYPE,
  WS_URL_NETTCP_SCHEME_TYPE,
  WS_URL_SOAPUDP_SCHEME_TYPE,
  type WsUrlParts,
} from "./url-types.js";

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

/** A zero-initialized URL struct with some fields set, as a C caller would build one. */
function url(fields: Partial<Omit<WsUrlParts, "url">> & { scheme?: number } = {}): WsUrlParts {
  const { scheme = WS_URL_HTTP_SCHEME_TYPE, ...rest } = fields;
  return { url: { scheme }, host: "", port: 0, portAsString: "", path: "", query: "", fragment: "", ...rest };
}

describe("encodeUrl: examples from the WWSAPI docs", () => {
  it("returns WS_E_INVALID_FORMAT for a scheme not in WS_URL_SCHEME_TYPE (WsEncodeUrl remarks)", () => {
    const err = expectWsError(() => encodeUrl(url({ scheme: 5, host: "host" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      "WsEncodeUrl: unrecognized scheme type 5: must be a WS_URL_SCHEME_TYPE (0-4: http, https, net.tcp, soap.udp, net.pipe)",
    );
    expectWsError(() => encodeUrl(url({ scheme: -1, host: "host" }), 0), WS_E_INVALID_FORMAT);
    expectWsError(() => encodeUrl(url({ scheme: 1.5, host: "host" }), 0), WS_E_INVALID_FORMAT);
  });

  it("writes every scheme of WS_URL_SCHEME_TYPE", () => {
    expect(encodeUrl(url({ scheme: WS_URL_HTTP_SCHEME_TYPE, host: "h" }), 0)).toBe("http://h");
    expect(encodeUrl(url({ scheme: WS_URL_HTTPS_SCHEME_TYPE, host: "h" }), 0)).toBe("https://h");
    expect(encodeUrl(url({ scheme: WS_URL_NETTCP_SCHEME_TYPE, host: "h" }), 0)).toBe("net.tcp://h");
    expect(encodeUrl(url({ scheme: WS_URL_SOAPUDP_SCHEME_TYPE, host: "h" }), 0)).toBe("soap.udp://h");
    expect(encodeUrl(url({ scheme: WS_URL_NETPIPE_SCHEME_TYPE, host: "h" }), 0)).toBe("net.pipe://h");
  });

  it("accepts every WS_URL_FLAGS bit and ignores them (WS_URL_FLAGS: ZERO_TERMINATE has no meaning for a JS string)", () => {
    const u = url({ host: "*", path: "/./a" });
    expect(encodeUrl(u, WS_URL_FLAGS_ZERO_TERMINATE)).toBe("http://*/./a");
    expect(encodeUrl(u, WS_URL_FLAGS_ALLOW_HOST_WILDCARDS | WS_URL_FLAGS_NO_PATH_COLLAPSE | WS_URL_FLAGS_ZERO_TERMINATE)).toBe(
      "http://*/./a",
    );
  });
});

// The vectors of Wine's conformance test (dlls/webservices/tests/url.c), which was run against Windows.
describe("encodeUrl: vectors checked against Windows", () => {
  const ok: [string, WsUrlParts, string][] = [
    ["host only", url({ host: "host" }), "http://host"],
    ["nothing", url(), "http://"],
    ["path only", url({ path: "/path" }), "http:///path"],
    ["query only", url({ query: "query" }), "http://?query"],
    ["fragment only", url({ fragment: "frag" }), "http://#frag"],
    [
      "every component",
      url({ host: "host", portAsString: "8080", path: "/path", query: "query", fragment: "frag" }),
      "http://host:8080/path?query#frag",
    ],
    ["port only", url({ port: 8080 }), "http://:8080"],
    ["portAsString only", url({ portAsString: "8080" }), "http://:8080"],
    ["port and equal portAsString", url({ port: 8080, portAsString: "8080" }), "http://:8080"],
    ["default port", url({ port: 80 }), "http://"],
    ["path with a space", url({ path: "/path 2" }), "http:///path%202"],
    ["query with a space", url({ query: "query 2" }), "http://?query%202"],
    ["fragment with a space", url({ fragment: "frag 2" }), "http://#frag%202"],
    ["host with a space", url({ host: "host 2" }), "http://host%202"],
  ];
  it.each(ok)("encodes %s", (_name, parts, expected) => {
    expect(encodeUrl(parts, 0)).toBe(expected);
  });

  it("returns E_INVALIDARG when port and portAsString disagree", () => {
    const err = expectWsError(() => encodeUrl(url({ port: 8181, portAsString: "8080" }), 0), E_INVALIDARG);
    expect(err.message).toBe('WsEncodeUrl: port 8181 and portAsString "8080" disagree: give one, or the same value in both');
  });

  it("returns WS_E_INVALID_FORMAT for a portAsString above 65535", () => {
    const err = expectWsError(() => encodeUrl(url({ portAsString: "65536" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsEncodeUrl: invalid portAsString "65536": must be 0-65535');
  });
});

describe("encodeUrl: ports", () => {
  it("leaves out each scheme's default port", () => {
    expect(encodeUrl(url({ scheme: WS_URL_HTTPS_SCHEME_TYPE, host: "h", port: 443 }), 0)).toBe("https://h");
    expect(encodeUrl(url({ scheme: WS_URL_NETTCP_SCHEME_TYPE, host: "h", port: 808 }), 0)).toBe("net.tcp://h");
    expect(encodeUrl(url({ scheme: WS_URL_SOAPUDP_SCHEME_TYPE, host: "h", port: 65535 }), 0)).toBe("soap.udp://h");
    expect(encodeUrl(url({ scheme: WS_URL_NETPIPE_SCHEME_TYPE, host: "h", port: 65535 }), 0)).toBe("net.pipe://h");
  });

  it("writes a port that is not the scheme's default", () => {
    expect(encodeUrl(url({ scheme: WS_URL_HTTPS_SCHEME_TYPE, host: "h", port: 80 }), 0)).toBe("https://h:80");
    expect(encodeUrl(url({ scheme: WS_URL_SOAPUDP_SCHEME_TYPE, host: "h", port: 3702 }), 0)).toBe("soap.udp://h:3702");
    expect(encodeUrl(url({ host: "h", port: 65535 }), 0)).toBe("http://h:65535");
    expect(encodeUrl(url({ host: "h", port: 1 }), 0)).toBe("http://h:1");
  });

  it("writes portAsString as given, even when it is the default, so decoded URLs round-trip", () => {
    expect(encodeUrl(url({ host: "h", portAsString: "80" }), 0)).toBe("http://h:80");
    expect(encodeUrl(url({ host: "h", port: 80, portAsString: "0080" }), 0)).toBe("http://h:0080");
    expect(encodeUrl(url({ host: "h", portAsString: "0" }), 0)).toBe("http://h:0");
  });

  it("refuses a portAsString that is not decimal digits", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "h", portAsString: "80a" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsEncodeUrl: invalid portAsString "80a": must be decimal digits');
    expectWsError(() => encodeUrl(url({ host: "h", portAsString: " 80" }), 0), WS_E_INVALID_FORMAT);
    expectWsError(() => encodeUrl(url({ host: "h", portAsString: "99999999999999999999" }), 0), WS_E_INVALID_FORMAT);
  });

  it("returns E_INVALIDARG for a port that is not a USHORT", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "h", port: 65536 }), 0), E_INVALIDARG);
    expect(err.message).toBe("WsEncodeUrl: url.port 65536 is not a USHORT: must be an integer 0-65535");
    expectWsError(() => encodeUrl(url({ host: "h", port: -1 }), 0), E_INVALIDARG);
    expectWsError(() => encodeUrl(url({ host: "h", port: 80.5 }), 0), E_INVALIDARG);
    expectWsError(() => encodeUrl(url({ host: "h", port: Number.NaN }), 0), E_INVALIDARG);
  });
});

describe("encodeUrl: escaping by component (RFC 3986)", () => {
  it("escapes '%' so that the value decodes back unchanged", () => {
    expect(encodeUrl(url({ host: "h", path: "/100%", query: "a=%41", fragment: "%" }), 0)).toBe("http://h/100%25?a=%2541#%25");
  });

  it("keeps pchar and '/' in the path, escapes '?', '#', '[', ']' and the rest", () => {
    expect(encodeUrl(url({ host: "h", path: "/a:b@c!$&'()*+,;=-._~/d" }), 0)).toBe("http://h/a:b@c!$&'()*+,;=-._~/d");
    expect(encodeUrl(url({ host: "h", path: '/a?b#c[d]e f"g<h>i\\j^k`l{m|n}' }), 0)).toBe(
      "http://h/a%3Fb%23c%5Bd%5De%20f%22g%3Ch%3Ei%5Cj%5Ek%60l%7Bm%7Cn%7D",
    );
  });

  it("keeps '/' and '?' in the query and fragment, escapes '#'", () => {
    expect(encodeUrl(url({ host: "h", query: "a/b?c=d&e#f", fragment: "g/h?i#j" }), 0)).toBe("http://h?a/b?c=d&e%23f#g/h?i%23j");
  });

  it("escapes '@', '/', '?', '#' and '%' in a host name but keeps sub-delims", () => {
    expect(encodeUrl(url({ host: "a@b/c?d#e%f" }), 0)).toBe("http://a%40b%2Fc%3Fd%23e%25f");
    expect(encodeUrl(url({ host: "a!$&'()*+,;=-._~z" }), 0)).toBe("http://a!$&'()*+,;=-._~z");
    expect(encodeUrl(url({ host: "+", port: 8080 }), 0)).toBe("http://+:8080");
  });

  it("escapes control characters and DEL", () => {
    expect(encodeUrl(url({ host: "h", path: "/\u0000\u001f\u007f" }), 0)).toBe("http://h/%00%1F%7F");
  });

  it("escapes non-ASCII characters as UTF-8 bytes with upper-case hex", () => {
    expect(encodeUrl(url({ host: "h\u00e9te", path: "/\u00eb/", query: "\u20ac", fragment: "\u{1f600}" }), 0)).toBe(
      "http://h%C3%A9te/%C3%AB/?%E2%82%AC#%F0%9F%98%80",
    );
  });

  it("refuses a lone surrogate, which has no UTF-8 form", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "h", path: "/a\ud800b" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsEncodeUrl: lone surrogate U+D800 at index 2 of the path "/a\\ud800b": it cannot be encoded as UTF-8');
    expectWsError(() => encodeUrl(url({ host: "h", query: "\udc00" }), 0), WS_E_INVALID_FORMAT);
    expectWsError(() => encodeUrl(url({ host: "x\ud83d" }), 0), WS_E_INVALID_FORMAT);
  });
});

describe("encodeUrl: IP literals", () => {
  it("writes a host with ':' inside brackets, as given", () => {
    expect(encodeUrl(url({ host: "::1", port: 8080, path: "/a" }), 0)).toBe("http://[::1]:8080/a");
    expect(encodeUrl(url({ scheme: WS_URL_NETTCP_SCHEME_TYPE, host: "2001:db8::7" }), 0)).toBe("net.tcp://[2001:db8::7]");
    expect(encodeUrl(url({ host: "fe80::1%25eth0" }), 0)).toBe("http://[fe80::1%25eth0]");
  });

  it("refuses an IP literal host that already has brackets or other characters an IP literal cannot hold", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "[::1]" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsEncodeUrl: host "[::1]" contains ":" so it is written as an IP literal, but "[" at index 0 is not allowed in one: give the address without brackets, e.g. "::1"',
    );
    expectWsError(() => encodeUrl(url({ host: "::1 " }), 0), WS_E_INVALID_FORMAT);
    expectWsError(() => encodeUrl(url({ host: "fe80::1%eth0" }), 0), WS_E_INVALID_FORMAT);
  });
});

describe("encodeUrl: structure and arguments", () => {
  it("refuses a non-empty path that does not start with '/'", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "h", path: "rel" }), 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsEncodeUrl: path "rel" must start with "/": it follows the host, so it cannot be relative');
  });

  it("returns E_INVALIDARG for flag bits WS_URL_FLAGS does not define", () => {
    const err = expectWsError(() => encodeUrl(url({ host: "h" }), 0x10), E_INVALIDARG);
    expect(err.message).toBe("WsEncodeUrl: invalid flags 0x10: bits 0x10 are not WS_URL_FLAGS (allowed: 0x7)");
    expectWsError(() => encodeUrl(url({ host: "h" }), 0xffffffff), E_INVALIDARG);
  });

  it("returns E_INVALIDARG for a url that is not a WsUrlParts (a NULL WS_URL in C)", () => {
    const err = expectWsError(() => encodeUrl(null as unknown as WsUrlParts, 0), E_INVALIDARG);
    expect(err.message).toBe("WsEncodeUrl: url must be a WsUrlParts object, not null");
    expectWsError(() => encodeUrl({ host: "h" } as unknown as WsUrlParts, 0), E_INVALIDARG);
    const missing = expectWsError(() => encodeUrl({ ...url(), path: undefined } as unknown as WsUrlParts, 0), E_INVALIDARG);
    expect(missing.message).toBe("WsEncodeUrl: url.path must be a string, not undefined");
  });
});

describe("encodeUrl and decodeUrl round-trip", () => {
  it.each([
    "http://host",
    "https://host:8443/a/b?c=d#e",
    "net.tcp://[::1]:808/svc",
    "soap.udp://239.255.255.250:3702/",
    "net.pipe://localhost/pipe/name",
    "http://h%C3%A9te/%C3%AB%20x/?q%23=%25#f%20g",
    "http://host:80/",
  ])("encodeUrl(decodeUrl(%j)) gives it back", (text) => {
    expect(encodeUrl(decodeUrl(text, 0), 0)).toBe(text);
  });

  it("decodeUrl(encodeUrl(parts)) gives the parts back", () => {
    const parts = url({
      scheme: WS_URL_HTTPS_SCHEME_TYPE,
      host: "h\u00f6st name",
      port: 8443,
      portAsString: "8443",
      path: "/a b/c?d#e/\u20ac%",
      query: "x=1&y=#2 %",
      fragment: "frag ment#?",
    });
    expect(decodeUrl(encodeUrl(parts, 0), 0)).toEqual(parts);
  });
});
