import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { formatContentType, parseContentType, quoteSoapAction, unquoteSoapAction } from "./http-headers.js";

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof WsError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a WsError");
}

describe("SOAPAction", () => {
  it("quotes an action, and an absent one as an empty quoted string", () => {
    expect(quoteSoapAction("http://tempuri.org/IService/Echo")).toBe('"http://tempuri.org/IService/Echo"');
    expect(quoteSoapAction(null)).toBe('""');
    expect(quoteSoapAction("")).toBe('""');
    expect(quoteSoapAction('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it("unquotes quoted, escaped, empty and unquoted values", () => {
    expect(unquoteSoapAction('"http://tempuri.org/IService/Echo"')).toBe("http://tempuri.org/IService/Echo");
    expect(unquoteSoapAction(' "" ')).toBe("");
    expect(unquoteSoapAction('"a\\"b\\\\c"')).toBe('a"b\\c');
    expect(unquoteSoapAction("urn:unquoted")).toBe("urn:unquoted");
  });

  it("refuses an unterminated quote and text after the closing quote", () => {
    expect(failure(() => unquoteSoapAction('"urn:a'))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'SOAPAction "\\"urn:a": unterminated quoted string at offset 0',
    });
    expect(failure(() => unquoteSoapAction('"urn:a" x'))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'SOAPAction "\\"urn:a\\" x": text after the closing quote at offset 7',
    });
  });
});

describe("Content-Type", () => {
  it("parses SOAP 1.1 text", () => {
    const ct = parseContentType("text/xml; charset=utf-8");
    expect(ct.mediaType).toBe("text/xml");
    expect(ct.charset).toBe("utf-8");
    expect(ct.action).toBeNull();
    expect([...ct.parameters]).toEqual([["charset", "utf-8"]]);
  });

  it("parses SOAP 1.2 with its action parameter, in any case and spacing", () => {
    const ct = parseContentType('Application/SOAP+XML;Charset=UTF-8 ;  action="http://tempuri.org/IService/Echo"');
    expect(ct.mediaType).toBe("application/soap+xml");
    expect(ct.charset).toBe("utf-8");
    expect(ct.action).toBe("http://tempuri.org/IService/Echo");
  });

  it("parses MTOM's multipart/related parameters", () => {
    const ct = parseContentType(
      'multipart/related; type="application/xop+xml"; start="<http://tempuri.org/0>"; boundary="uuid:0a1b+id=1";start-info="application/soap+xml"',
    );
    expect(ct).toMatchObject({
      mediaType: "multipart/related",
      type: "application/xop+xml",
      start: "<http://tempuri.org/0>",
      boundary: "uuid:0a1b+id=1",
      startInfo: "application/soap+xml",
      charset: null,
    });
  });

  it("accepts empty parameters and a trailing semicolon, and binary media types without parameters", () => {
    expect(parseContentType("text/xml;; charset=utf-8;").charset).toBe("utf-8");
    expect(parseContentType("application/soap+msbin1").parameters.size).toBe(0);
  });

  it("names the offset of what is wrong", () => {
    expect(failure(() => parseContentType("textxml"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "textxml": expected "/" after the type at offset 7',
    });
    expect(failure(() => parseContentType("text/"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "text/": expected a subtype at offset 5',
    });
    expect(failure(() => parseContentType("text/xml; charset"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "text/xml; charset": expected "=" after parameter charset at offset 17',
    });
    expect(failure(() => parseContentType('text/xml; action="x'))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "text/xml; action=\\"x": unterminated quoted string at offset 17',
    });
    expect(failure(() => parseContentType("text/xml; charset=a; CHARSET=b"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "text/xml; charset=a; CHARSET=b": parameter CHARSET is repeated at offset 21',
    });
    expect(failure(() => parseContentType("text/xml x"))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "text/xml x": expected ";" before a parameter at offset 9',
    });
    expect(failure(() => parseContentType(""))).toEqual({
      code: "WS_E_INVALID_FORMAT",
      message: 'Content-Type "": expected a media type at offset 0',
    });
  });

  it("formats as WCF does, quoting action/start/type/boundary and any non-token value", () => {
    expect(
      formatContentType("application/soap+xml", [
        ["charset", "utf-8"],
        ["action", "urn:a"],
      ]),
    ).toBe('application/soap+xml; charset=utf-8; action="urn:a"');
    expect(
      formatContentType("text/xml", [
        ["charset", "utf-8"],
        ["x", "a b"],
      ]),
    ).toBe('text/xml; charset=utf-8; x="a b"');
    const text = formatContentType("multipart/related", [
      ["type", "application/xop+xml"],
      ["start", "<a>"],
    ]);
    expect(parseContentType(text).start).toBe("<a>");
  });
});
