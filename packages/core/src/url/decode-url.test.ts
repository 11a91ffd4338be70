import { describe, expect, it } from "vitest";
import { WsError } from "../errors/ws-error.js";
import { E_INVALIDARG, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import { decodeUrl } from "./decode-url.js";
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

function parts(scheme: number, host: string, port: number, rest: Partial<Omit<WsUrlParts, "url" | "host" | "port">> = {}): WsUrlParts {
  return { url: { scheme }, host, port, portAsString: "", path: "", query: "", fragment: "", ...rest };
}

describe("decodeUrl: examples from the WWSAPI docs", () => {
  it("parses 'http://format.exe' (WsDecodeUrl, Security: a valid URL parsed into components)", () => {
    expect(decodeUrl("http://format.exe", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "format.exe", 80));
  });

  it("refuses the userinfo part of authority (WsDecodeUrl remarks: userinfo@hostname:port)", () => {
    const err = expectWsError(() => decodeUrl("http://userinfo@hostname:8080/", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: userinfo "userinfo@" at offset 7 in "http://userinfo@hostname:8080/": userinfo@host is not supported',
    );
    expectWsError(() => decodeUrl("https://user:pass@host/", 0), WS_E_INVALID_FORMAT);
  });

  it("requires a non-empty host name (WsDecodeUrl remarks)", () => {
    const err = expectWsError(() => decodeUrl("http:///path", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: empty host at offset 7 in "http:///path": a non-empty host name is required');
    expectWsError(() => decodeUrl("http://", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://:8080/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("net.tcp://?q", 0), WS_E_INVALID_FORMAT);
  });

  it("returns the characters between '[' and ']' of an IP literal without enforcing IPv6address (WsDecodeUrl remarks)", () => {
    expect(decodeUrl("http://[::1]:8080/a", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "::1", 8080, { portAsString: "8080", path: "/a" }));
    expect(decodeUrl("net.tcp://[2001:db8::7]/c=GB", 0)).toEqual(parts(WS_URL_NETTCP_SCHEME_TYPE, "2001:db8::7", 808, { path: "/c=GB" }));
    // Not an IPv6 address, but the docs say the production is not enforced.
    expect(decodeUrl("http://[not:an-address]/", 0).host).toBe("not:an-address");
    expect(decodeUrl("http://[v7.fe:x]", 0).host).toBe("v7.fe:x");
    // An RFC 6874 zone identifier is returned as written, escape included.
    expect(decodeUrl("http://[fe80::1%25eth0]/", 0).host).toBe("fe80::1%25eth0");
  });

  it("returns the scheme's default port when none is given (WsDecodeUrl remarks)", () => {
    expect(decodeUrl("http://host", 0).port).toBe(80);
    expect(decodeUrl("https://host", 0).port).toBe(443);
    expect(decodeUrl("net.tcp://host", 0).port).toBe(808);
  });

  it("returns 0xFFFFFFFF, as a USHORT 65535, for soap.udp without a port (WsDecodeUrl remarks)", () => {
    expect(decodeUrl("soap.udp://host", 0)).toEqual(parts(WS_URL_SOAPUDP_SCHEME_TYPE, "host", 0xffff));
  });

  it("returns an empty portAsString when no port is given (WS_HTTP_URL ... WS_NETPIPE_URL remarks)", () => {
    expect(decodeUrl("http://host/", 0).portAsString).toBe("");
    expect(decodeUrl("net.pipe://host/", 0).portAsString).toBe("");
    expect(decodeUrl("http://host:8080/", 0).portAsString).toBe("8080");
  });

  it("returns WS_E_INVALID_FORMAT for an unrecognized scheme (WsDecodeUrl description)", () => {
    const err = expectWsError(() => decodeUrl("ftp://host/file", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: unrecognized scheme "ftp" at offset 0 in "ftp://host/file": supported schemes are http, https, net.tcp, soap.udp, net.pipe',
    );
    expectWsError(() => decodeUrl("htt://host", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http.://host", 0), WS_E_INVALID_FORMAT);
  });

  it("accepts the wildcards '*' and '+' as the host only with WS_URL_FLAGS_ALLOW_HOST_WILDCARDS (WS_URL_FLAGS)", () => {
    const err = expectWsError(() => decodeUrl("http://+:80/service", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: host wildcard "+" at offset 7 in "http://+:80/service": wildcards are accepted only with WS_URL_FLAGS_ALLOW_HOST_WILDCARDS',
    );
    expectWsError(() => decodeUrl("net.tcp://*/service", 0), WS_E_INVALID_FORMAT);
    expect(decodeUrl("http://+:80/service", WS_URL_FLAGS_ALLOW_HOST_WILDCARDS)).toEqual(
      parts(WS_URL_HTTP_SCHEME_TYPE, "+", 80, { portAsString: "80", path: "/service" }),
    );
    expect(decodeUrl("net.tcp://*/service", WS_URL_FLAGS_ALLOW_HOST_WILDCARDS)).toEqual(
      parts(WS_URL_NETTCP_SCHEME_TYPE, "*", 808, { path: "/service" }),
    );
  });

  it("deletes '.' segments and lets '..' remove the preceding segment by default (WS_URL_FLAGS)", () => {
    expect(decodeUrl("http://host/a/./b/../c", 0).path).toBe("/a/c");
    expect(decodeUrl("http://host/a/b/..", 0).path).toBe("/a/");
    expect(decodeUrl("http://host/a/.", 0).path).toBe("/a/");
    expect(decodeUrl("http://host/../../x", 0).path).toBe("/x");
    expect(decodeUrl("http://host/..", 0).path).toBe("/");
    // Only whole segments are dot segments.
    expect(decodeUrl("http://host/a/..b/.c/c./d..", 0).path).toBe("/a/..b/.c/c./d..");
  });

  it("returns '.' and '..' segments unaltered with WS_URL_FLAGS_NO_PATH_COLLAPSE (WS_URL_FLAGS)", () => {
    expect(decodeUrl("http://host/a/./b/../c", WS_URL_FLAGS_NO_PATH_COLLAPSE).path).toBe("/a/./b/../c");
    expect(decodeUrl("http://host/../x", WS_URL_FLAGS_NO_PATH_COLLAPSE).path).toBe("/../x");
  });

  it("accepts and ignores WS_URL_FLAGS_ZERO_TERMINATE, which only applies to WsEncodeUrl and WsCombineUrl (WS_URL_FLAGS)", () => {
    expect(decodeUrl("http://host/p", WS_URL_FLAGS_ZERO_TERMINATE)).toEqual(decodeUrl("http://host/p", 0));
    expect(
      decodeUrl("http://*/./p", WS_URL_FLAGS_ALLOW_HOST_WILDCARDS | WS_URL_FLAGS_NO_PATH_COLLAPSE | WS_URL_FLAGS_ZERO_TERMINATE),
    ).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "*", 80, { path: "/./p" }));
  });
});

// The vectors of Wine's conformance test (dlls/webservices/tests/url.c), which was run against Windows.
describe("decodeUrl: vectors checked against Windows", () => {
  const ok: [string, WsUrlParts][] = [
    ["http://host", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80)],
    ["https://host", parts(WS_URL_HTTPS_SCHEME_TYPE, "host", 443)],
    ["http://host:80", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { portAsString: "80" })],
    ["https://host:80", parts(WS_URL_HTTPS_SCHEME_TYPE, "host", 80, { portAsString: "80" })],
    ["http://host/path", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/path" })],
    ["http://host/path?query", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/path", query: "query" })],
    ["http://host/path?query#frag", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/path", query: "query", fragment: "frag" })],
    ["HTTP://host", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80)],
    ["net.tcp://host", parts(WS_URL_NETTCP_SCHEME_TYPE, "host", 808)],
    ["soap.udp://host", parts(WS_URL_SOAPUDP_SCHEME_TYPE, "host", 65535)],
    ["net.pipe://host", parts(WS_URL_NETPIPE_SCHEME_TYPE, "host", 65535)],
    ["http://host/", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/" })],
    ["http://host:/", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/" })],
    ["http://host?query", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { query: "query" })],
    ["http://host#frag", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { fragment: "frag" })],
    ["http://host%202", parts(WS_URL_HTTP_SCHEME_TYPE, "host 2", 80)],
    ["http://host/path%202", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/path 2" })],
    ["http://host?query%202", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { query: "query 2" })],
    ["http://host#frag%202", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { fragment: "frag 2" })],
    ["http://host/%c3%ab/", parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/\u00eb/" })],
  ];
  it.each(ok)("decodes %s", (url, expected) => {
    expect(decodeUrl(url, 0)).toEqual(expected);
  });

  const bad = ["httq://host", "http:", "http", "http:/host", "http:host", "http:///host", "http://host:65536", ""];
  it.each(bad)("refuses %j with WS_E_INVALID_FORMAT", (url) => {
    expectWsError(() => decodeUrl(url, 0), WS_E_INVALID_FORMAT);
  });
});

describe("decodeUrl: ports", () => {
  it("accepts 0-65535 and keeps the text as written", () => {
    expect(decodeUrl("http://host:65535/", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "host", 65535, { portAsString: "65535", path: "/" }));
    expect(decodeUrl("http://host:0/", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "host", 0, { portAsString: "0", path: "/" }));
    expect(decodeUrl("http://host:0080", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { portAsString: "0080" }));
    expect(decodeUrl("soap.udp://host:3702", 0).port).toBe(3702);
    expect(decodeUrl("net.pipe://host:1/", 0).port).toBe(1);
  });

  it("refuses a port above 65535, saying where", () => {
    const err = expectWsError(() => decodeUrl("http://host:99999/", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: invalid port "99999" at offset 12 in "http://host:99999/": must be 0-65535');
    expectWsError(() => decodeUrl("http://host:100000000000000000000000/", 0), WS_E_INVALID_FORMAT);
  });

  it("refuses a port that is not decimal digits", () => {
    const err = expectWsError(() => decodeUrl("http://host:8o/", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: invalid port "8o" at offset 12 in "http://host:8o/": must be decimal digits');
    expectWsError(() => decodeUrl("http://host:80:90/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://host:-1/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://host: 80/", 0), WS_E_INVALID_FORMAT);
  });

  it("reads the port after an IP literal", () => {
    expect(decodeUrl("https://[::1]:443", 0)).toEqual(parts(WS_URL_HTTPS_SCHEME_TYPE, "::1", 443, { portAsString: "443" }));
    expect(decodeUrl("https://[::1]:", 0)).toEqual(parts(WS_URL_HTTPS_SCHEME_TYPE, "::1", 443));
  });
});

describe("decodeUrl: IP literals that are malformed", () => {
  it("refuses an unterminated, empty or trailing-junk literal", () => {
    const err = expectWsError(() => decodeUrl("http://[::1/x", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: unterminated IP literal at offset 7 in "http://[::1/x": "[" has no matching "]"');
    expectWsError(() => decodeUrl("http://[]/", 0), WS_E_INVALID_FORMAT);
    const junk = expectWsError(() => decodeUrl("http://[::1]x/", 0), WS_E_INVALID_FORMAT);
    expect(junk.message).toBe(
      'WsDecodeUrl: unexpected "x" after the IP literal at offset 12 in "http://[::1]x/": only ":" and a port may follow "]"',
    );
    expectWsError(() => decodeUrl("http://[::1]]/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://[:: 1]/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://[::1%zz]/", 0), WS_E_INVALID_FORMAT);
  });

  it("refuses brackets inside a host name", () => {
    expectWsError(() => decodeUrl("http://a[1]/", 0), WS_E_INVALID_FORMAT);
  });
});

describe("decodeUrl: percent-escapes", () => {
  it("decodes escapes in every component, as UTF-8, with either hex case", () => {
    expect(decodeUrl("http://h%C3%A9te/%E2%82%AC?%f0%9f%98%80=1#%41%62", 0)).toEqual(
      parts(WS_URL_HTTP_SCHEME_TYPE, "h\u00e9te", 80, { path: "/\u20ac", query: "\u{1f600}=1", fragment: "Ab" }),
    );
  });

  it("splits components before decoding, so escaped delimiters stay data", () => {
    expect(decodeUrl("http://host/a%3Fb%23c?d%26e%23f#g%23h", 0)).toEqual(
      parts(WS_URL_HTTP_SCHEME_TYPE, "host", 80, { path: "/a?b#c", query: "d&e#f", fragment: "g#h" }),
    );
    expect(decodeUrl("http://host/a%2Fb/../c", 0).path).toBe("/c");
    expect(decodeUrl("http://host%3A80/", 0)).toEqual(parts(WS_URL_HTTP_SCHEME_TYPE, "host:80", 80, { path: "/" }));
  });

  it("does not treat '+' in a query as a space", () => {
    expect(decodeUrl("http://host/?a+b=c%2Bd", 0).query).toBe("a+b=c+d");
  });

  it("treats escaped dots as dot segments when collapsing (RFC 3986 §2.3 equivalence)", () => {
    expect(decodeUrl("http://host/a/b/%2E%2e/c/%2e", 0).path).toBe("/a/c/");
    expect(decodeUrl("http://host/a/b/%2E%2e/c", WS_URL_FLAGS_NO_PATH_COLLAPSE).path).toBe("/a/b/../c");
  });

  it("refuses a '%' without two hex digits, saying where", () => {
    const err = expectWsError(() => decodeUrl("http://host/a%zzb", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: invalid percent-escape "%zz" in the path at offset 13 in "http://host/a%zzb": "%" must be followed by two hexadecimal digits',
    );
    expectWsError(() => decodeUrl("http://host/a%4", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://host/?%", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://ho%g0st/", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://host/#%%41", 0), WS_E_INVALID_FORMAT);
  });

  it("refuses escapes that are not valid UTF-8, saying where", () => {
    const err = expectWsError(() => decodeUrl("http://host/x/%C3%28", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: percent-escape "%C3" in the path at offset 14 in "http://host/x/%C3%28": the escaped bytes are not valid UTF-8',
    );
    expectWsError(() => decodeUrl("http://host/%FF", 0), WS_E_INVALID_FORMAT); // never valid
    expectWsError(() => decodeUrl("http://host/%C0%AF", 0), WS_E_INVALID_FORMAT); // overlong "/"
    expectWsError(() => decodeUrl("http://host/%ED%A0%80", 0), WS_E_INVALID_FORMAT); // surrogate
    expectWsError(() => decodeUrl("http://host/%F4%90%80%80", 0), WS_E_INVALID_FORMAT); // above U+10FFFF
    expectWsError(() => decodeUrl("http://host/%E2%82", 0), WS_E_INVALID_FORMAT); // truncated
    expectWsError(() => decodeUrl("http://host/?%80", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("http://%E2%82/", 0), WS_E_INVALID_FORMAT);
  });
});

describe("decodeUrl: characters RFC 3986 does not allow", () => {
  it("refuses a space in the path, saying where", () => {
    const err = expectWsError(() => decodeUrl("http://host/a b", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: character " " (U+0020) is not allowed in the path at offset 13 in "http://host/a b": percent-encode it (RFC 3986 §2.1)',
    );
  });

  it.each([
    "http://host/a\u00e9",
    "http://host/<x>",
    'http://host/"',
    "http://host/a\\b",
    "http://host/{}",
    "http://host/a|b",
    "http://host/^",
    "http://host/`",
    "http://host/[x]",
    "http://host/\t",
    "http://host/?a b",
    "http://host/?[",
    "http://host/#a#b",
    "http://host/#\u20ac",
    "http://ho st/",
    "http://h\u00f6st/",
    "http://ho<st/",
    'http://ho"st/',
  ])("refuses %j", (url) => {
    expectWsError(() => decodeUrl(url, 0), WS_E_INVALID_FORMAT);
  });

  it("allows pchar, '/' and '?' where RFC 3986 does", () => {
    expect(decodeUrl("http://a-b.c_d~e!$&'()*+,;=/p:@!$&'()*+,;=-._~?q/?:@#f/?:@", 0)).toEqual(
      parts(WS_URL_HTTP_SCHEME_TYPE, "a-b.c_d~e!$&'()*+,;=", 80, {
        path: "/p:@!$&'()*+,;=-._~",
        query: "q/?:@",
        fragment: "f/?:@",
      }),
    );
  });

  it("keeps '*' and '+' inside a longer host name, where they are ordinary sub-delims", () => {
    expect(decodeUrl("http://a*b+c/", 0).host).toBe("a*b+c");
  });
});

describe("decodeUrl: scheme and structure", () => {
  it("matches scheme names case-insensitively", () => {
    expect(decodeUrl("Net.Tcp://host", 0).url.scheme).toBe(WS_URL_NETTCP_SCHEME_TYPE);
    expect(decodeUrl("SOAP.UDP://host", 0).url.scheme).toBe(WS_URL_SOAPUDP_SCHEME_TYPE);
    expect(decodeUrl("NET.PIPE://host/p", 0).url.scheme).toBe(WS_URL_NETPIPE_SCHEME_TYPE);
    expect(decodeUrl("hTTpS://host", 0).url.scheme).toBe(WS_URL_HTTPS_SCHEME_TYPE);
  });

  it("refuses a URL without a scheme", () => {
    const err = expectWsError(() => decodeUrl("//host/path", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe(
      'WsDecodeUrl: missing scheme at offset 0 in "//host/path": the URL must start with one of http, https, net.tcp, soap.udp, net.pipe and ":"',
    );
    expectWsError(() => decodeUrl("host/path", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("/path", 0), WS_E_INVALID_FORMAT);
  });

  it("refuses a malformed scheme", () => {
    const err = expectWsError(() => decodeUrl("1http://host", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: invalid scheme at offset 0 in "1http://host": a scheme must start with a letter');
    expectWsError(() => decodeUrl("://host", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl(" http://host", 0), WS_E_INVALID_FORMAT);
    expectWsError(() => decodeUrl("ht tp://host", 0), WS_E_INVALID_FORMAT);
  });

  it("refuses a URL without '//'", () => {
    const err = expectWsError(() => decodeUrl("http:/host", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe('WsDecodeUrl: missing "//" after "http:" at offset 5 in "http:/host": http URLs need "//" and a host name');
  });
});

describe("decodeUrl: arguments", () => {
  it("returns E_INVALIDARG for flag bits WS_URL_FLAGS does not define", () => {
    const err = expectWsError(() => decodeUrl("http://host", 8), E_INVALIDARG);
    expect(err.message).toBe("WsDecodeUrl: invalid flags 0x8: bits 0x8 are not WS_URL_FLAGS (allowed: 0x7)");
    expectWsError(() => decodeUrl("http://host", 0x80000000), E_INVALIDARG);
    expectWsError(() => decodeUrl("http://host", -1), E_INVALIDARG);
    expectWsError(() => decodeUrl("http://host", 1.5), E_INVALIDARG);
    expectWsError(() => decodeUrl("http://host", Number.NaN), E_INVALIDARG);
  });

  it("returns E_INVALIDARG for a URL that is not a string (a NULL WS_STRING in C)", () => {
    const err = expectWsError(() => decodeUrl(null as unknown as string, 0), E_INVALIDARG);
    expect(err.message).toBe("WsDecodeUrl: url must be a string, not null");
    expectWsError(() => decodeUrl(42 as unknown as string, 0), E_INVALIDARG);
  });

  it("returns WS_E_INVALID_FORMAT for an empty URL (checked against Windows by Wine's tests)", () => {
    const err = expectWsError(() => decodeUrl("", 0), WS_E_INVALID_FORMAT);
    expect(err.message).toBe("WsDecodeUrl: the URL is empty");
  });
});
