import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_MTOM,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_MAX_MIME_PARTS,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsGetReaderProperty, WsReadChars, WsReadNode, WsSetInput } from "../index.js";
import {
  bufferInput,
  concat,
  enter,
  firstString,
  mtomReader,
  newError,
  newReader,
  nodes,
  readAllBytes,
  readerEncoding,
  setMtomInput,
} from "./mtom.test-support.js";

const XOP = 'xmlns:xop="http://www.w3.org/2004/08/xop/include"';
const include = (id: string) => `<xop:Include href="cid:${id}" ${XOP}/>`;
const HEADER =
  'MIME-Version: 1.0\r\nContent-Type: multipart/related;type="application/xop+xml";boundary="B";start="<root>";start-info="text/xml"\r\n\r\n';
const ROOT_HEADERS =
  'Content-ID: <root>\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n';
const partHeaders = (id: string) =>
  `Content-ID: <${id}>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n`;
const BYTES = new Uint8Array([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);

/** A package: the MIME header, the root part with `xml`, then parts p1… with `parts`' bytes. */
function mtomPackage(xml: string, ...parts: Uint8Array[]): Uint8Array {
  return concat(
    HEADER,
    "--B\r\n",
    ROOT_HEADERS,
    xml,
    ...parts.flatMap((bytes, i) => [`\r\n--B\r\n${partHeaders(`p${i + 1}`)}`, bytes]),
    "\r\n--B--\r\n",
  );
}

/** WsSetInput's or WsReadNode's failure: its HRESULT and first string. */
function setInputFailure(data: Uint8Array, fields = {}, properties = null): [number, string] {
  const error = newError();
  const { hr } = setMtomInput(data, fields, properties, error);
  return [hr, firstString(error)];
}

/** The first WsReadNode that fails on `data`: its HRESULT and first string. */
function readFailure(data: Uint8Array): [number, string] {
  const reader = mtomReader(data);
  const error = newError();
  for (let i = 0; i < 100; i++) {
    const hr = WsReadNode(reader, error);
    if (hr !== S_OK) return [hr, firstString(error)];
  }
  throw new Error("no failure");
}

describe("WsSetInput with WS_XML_READER_MTOM_ENCODING", () => {
  it("presents each xop:Include as a base64 text of the part's bytes, and hides the Include", () => {
    const data = mtomPackage(`<a><b>${include("p1")}</b><c>x</c></a>`, BYTES);
    expect(nodes(mtomReader(data))).toEqual(["<a>", "<b>", "text:3:AAEC/w0KLS0=", "</>", "<c>", "text:1:x", "</>", "</>"]);
    const reader = mtomReader(data);
    enter(reader, "b");
    expect(readAllBytes(reader, 3)).toEqual(BYTES);
  });

  it("gives the part's base64 characters to WsReadChars", () => {
    const reader = mtomReader(mtomPackage(`<a>${include("p1")}</a>`, BYTES));
    enter(reader, "a");
    const chars = new Uint16Array(32);
    const count = ref(0);
    expect(WsReadChars(reader, chars, count)).toBe(S_OK);
    expect(String.fromCharCode(...chars.subarray(0, count.value))).toBe("AAEC/w0KLS0=");
  });

  it("lets white space and comments inside an Include pass, and reads an empty part", () => {
    const data = mtomPackage(
      `<a><b><xop:Include href="cid:p1" ${XOP}> <!--c--> </xop:Include></b><c>${include("p2")}</c></a>`,
      BYTES,
      new Uint8Array(0),
    );
    expect(nodes(mtomReader(data))).toEqual(["<a>", "<b>", "text:3:AAEC/w0KLS0=", "</>", "<c>", "text:3:", "</>", "</>"]);
  });

  it("takes boundary, start and start-info from the encoding when readMimeHeader is FALSE (as from an HTTP Content-Type)", () => {
    const body = mtomPackage(`<a>${include("p1")}</a>`, BYTES).subarray(HEADER.length);
    for (const startUri of ["<root>", "root", ""]) {
      const reader = mtomReader(body, { readMimeHeader: false, boundary: "B", startUri, startInfo: "text/xml" });
      enter(reader, "a");
      expect(readAllBytes(reader)).toEqual(BYTES);
    }
  });

  it("finds the root part by its Content-ID whatever the order of the parts, else takes the first", () => {
    const body = concat("\r\n--B\r\n", partHeaders("p1"), BYTES, "\r\n--B\r\n", ROOT_HEADERS, `<a>${include("p1")}</a>`, "\r\n--B--\r\n");
    const reader = mtomReader(body, { readMimeHeader: false, boundary: "B", startUri: "<root>" });
    expect(nodes(reader)).toEqual(["<a>", "text:3:AAEC/w0KLS0=", "</>"]);
    const [hr, message] = setInputFailure(body, { readMimeHeader: false, boundary: "B" });
    expect(hr).toBe(WS_E_INVALID_FORMAT);
    expect(message).toBe(
      "MTOM reader: the root MIME part (part 1) has the Content-Type application/octet-stream; it must be application/xop+xml, at byte 60.",
    );
  });

  it("resolves cid: URLs with %-escapes (RFC 2392)", () => {
    const data = concat(
      HEADER,
      "--B\r\n",
      ROOT_HEADERS,
      `<a><xop:Include href="cid:a%20b%40c" ${XOP}/></a>`,
      "\r\n--B\r\n",
      partHeaders("a b@c"),
      BYTES,
      "\r\n--B--",
    );
    const reader = mtomReader(data);
    enter(reader, "a");
    expect(readAllBytes(reader)).toEqual(BYTES);
  });

  it("reads the root part in the charset it names, or the one textEncoding names; WS_XML_READER_PROPERTY_CHARSET tells which", () => {
    const utf16 = (text: string, littleEndian: boolean) => {
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        bytes[2 * i + (littleEndian ? 0 : 1)] = text.charCodeAt(i) & 0xff;
        bytes[2 * i + (littleEndian ? 1 : 0)] = text.charCodeAt(i) >> 8;
      }
      return bytes;
    };
    const xml = `<a>é${include("p1")}</a>`;
    const cases = [
      { charset: "utf-16BE", bytes: utf16(xml, false), charSet: WS_CHARSET_AUTO, expected: WS_CHARSET_UTF16BE },
      { charset: "utf-16LE", bytes: utf16(xml, true), charSet: WS_CHARSET_AUTO, expected: WS_CHARSET_UTF16LE },
      {
        charset: "utf-16",
        bytes: concat(new Uint8Array([0xff, 0xfe]), utf16(xml, true)),
        charSet: WS_CHARSET_AUTO,
        expected: WS_CHARSET_UTF16LE,
      },
      { charset: "utf-8", bytes: concat(xml), charSet: WS_CHARSET_AUTO, expected: WS_CHARSET_UTF8 },
      { charset: "utf-8", bytes: utf16(xml, true), charSet: WS_CHARSET_UTF16LE, expected: WS_CHARSET_UTF16LE },
    ];
    for (const { charset, bytes, charSet, expected } of cases) {
      const data = concat(
        "--B\r\nContent-Type: application/xop+xml; charset=",
        charset,
        '; type="text/xml"\r\n\r\n',
        bytes,
        "\r\n--B\r\n",
        partHeaders("p1"),
        BYTES,
        "\r\n--B--",
      );
      const reader = mtomReader(data, { readMimeHeader: false, boundary: "B", charSet });
      const value = ref<unknown>(null);
      expect(WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_CHARSET, value)).toBe(S_OK);
      expect(value.value).toBe(expected);
      expect(nodes(reader)).toEqual(["<a>", "text:1:é", "text:3:AAEC/w0KLS0=", "</>"]);
    }
  });

  it("goes from BOF to EOF without input, as the text reader does", () => {
    const reader = newReader();
    expect(WsSetInput(reader, readerEncoding(), null, null)).toBe(S_OK);
    expect(nodes(reader)).toEqual([]);
  });

  it("refuses a malformed encoding (E_INVALIDARG), naming the field", () => {
    const cases: [object, string][] = [
      [
        { textEncoding: null },
        "WsSetInput: WS_XML_READER_MTOM_ENCODING.textEncoding must be an encoding (with an encodingType), not null.",
      ],
      [
        { textEncoding: { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY } },
        "WsSetInput: WS_XML_READER_MTOM_ENCODING.textEncoding must be a WS_XML_READER_TEXT_ENCODING (the XML of an MTOM package is text), not encoding type 2.",
      ],
      [
        { textEncoding: { encodingType: 1, charSet: 9 } },
        "WsSetInput: WS_XML_READER_MTOM_ENCODING.textEncoding.charSet number 9 is not a WS_CHARSET.",
      ],
      [{ readMimeHeader: 1 }, "WsSetInput: WS_XML_READER_MTOM_ENCODING.readMimeHeader must be a boolean (BOOL), not number 1."],
      [
        { boundary: "B" },
        'WsSetInput: WS_XML_READER_MTOM_ENCODING.boundary must be empty when readMimeHeader is TRUE ("the boundary will be read from the mime header"), not "B".',
      ],
      [
        { startInfo: "text/xml" },
        'WsSetInput: WS_XML_READER_MTOM_ENCODING.startInfo must be empty when readMimeHeader is TRUE ("the startInfo will be read from the mime header"), not "text/xml".',
      ],
      [
        { readMimeHeader: false },
        "WsSetInput: WS_XML_READER_MTOM_ENCODING.boundary must be given when readMimeHeader is FALSE: it is what delimits the MIME parts.",
      ],
      [
        { readMimeHeader: false, boundary: "a;b" },
        'WsSetInput: WS_XML_READER_MTOM_ENCODING.boundary "a;b" is not a MIME boundary (1 to 70 characters among letters, digits and \'()+_,-./:=? and space, not ending with a space).',
      ],
      [
        { readMimeHeader: false, boundary: "B", startUri: 5 },
        "WsSetInput: WS_XML_READER_MTOM_ENCODING.startUri must be a string (WS_STRING), not number 5.",
      ],
    ];
    for (const [fields, message] of cases) {
      const reader = newReader();
      const error = newError();
      const encoding = { ...(readerEncoding() as object), encodingType: WS_XML_READER_ENCODING_TYPE_MTOM, ...fields };
      expect(WsSetInput(reader, encoding as never, bufferInput(new Uint8Array(0)), null, error)).toBe(E_INVALIDARG);
      expect(firstString(error)).toBe(message);
    }
  });
});

describe("malformed MTOM packages (WS_E_INVALID_FORMAT, with byte offsets)", () => {
  const body = (xml: string) => mtomPackage(xml, BYTES).subarray(HEADER.length);

  it("refuses a MIME header without the Content-Type, boundary or types of an MTOM package", () => {
    const cases: [string, string][] = [
      [
        "MIME-Version: 1.0\r\n\r\n",
        "MTOM reader: the MIME header has no Content-Type field (with readMimeHeader TRUE the input begins with the package's MIME header), at byte 0.",
      ],
      ["Content-Type: text/xml\r\n\r\n", "MTOM reader: the package's Content-Type is text/xml, not multipart/related, at byte 0."],
      [
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=B\r\n\r\n",
        'MTOM reader: the package\'s Content-Type has no type parameter; an MTOM package is of type "application/xop+xml", at byte 19.',
      ],
      [
        'Content-Type: multipart/related; type="text/xml"; boundary=B\r\n\r\n',
        'MTOM reader: the package\'s Content-Type has type="text/xml", not "application/xop+xml", at byte 0.',
      ],
      [
        'Content-Type: multipart/related; type="application/xop+xml"\r\n\r\n',
        "MTOM reader: the package's Content-Type has no boundary parameter, at byte 0.",
      ],
      [
        'Content-Type: multipart/related; type="application/xop+xml"; boundary="a;b"\r\n\r\n',
        'MTOM reader: the package\'s boundary "a;b" is not a MIME boundary (RFC 2046: 1 to 70 characters of its set), at byte 0.',
      ],
      ["--B\r\n", 'MTOM reader: the MIME header has a line that is not "Name: value", at byte 0.'],
    ];
    for (const [header, message] of cases) {
      expect(setInputFailure(concat(header, body(`<a>${include("p1")}</a>`)))).toEqual([WS_E_INVALID_FORMAT, message]);
    }
  });

  it("refuses a package whose boundary never comes, or that is not closed", () => {
    expect(setInputFailure(concat(HEADER, "no parts"))).toEqual([
      WS_E_INVALID_FORMAT,
      'MTOM reader: the multipart body has no boundary delimiter "--B" (the body starts at byte 131), at byte 131.',
    ]);
    const open = mtomPackage("<a/>").subarray(0, -9);
    expect(setInputFailure(open)).toEqual([
      WS_E_INVALID_FORMAT,
      'MTOM reader: MIME part 1 (its headers start at byte 136) is not closed: the input ends without a delimiter "--B" after it, so the close delimiter "--B--" is missing, at byte 260.',
    ]);
  });

  it("refuses a root part that is not application/xop+xml of the start-info's type, or not as it is", () => {
    const root = (headers: string) => concat("--B\r\n", headers, "<a/>\r\n--B--");
    const opts = { readMimeHeader: false, boundary: "B", startInfo: "text/xml" };
    const cases: [string, string][] = [
      [
        "Content-ID: <r>\r\n\r\n",
        "MTOM reader: the root MIME part (part 1) has no Content-Type; it must be application/xop+xml, at byte 5.",
      ],
      [
        "Content-Type: text/xml\r\n\r\n",
        "MTOM reader: the root MIME part (part 1) has the Content-Type text/xml; it must be application/xop+xml, at byte 5.",
      ],
      [
        'Content-Type: application/xop+xml;type="application/soap+xml"\r\n\r\n',
        'MTOM reader: the root MIME part (part 1) has type="application/soap+xml", but the start-info is "text/xml", at byte 5.',
      ],
      [
        'Content-Type: application/xop+xml;type="text/xml";charset=iso-8859-1\r\n\r\n',
        'MTOM reader: the root MIME part (part 1) has charset="iso-8859-1"; the reader reads utf-8, utf-16LE and utf-16BE, at byte 5.',
      ],
      [
        'Content-Transfer-Encoding: base64\r\nContent-Type: application/xop+xml;type="text/xml"\r\n\r\n',
        'MTOM reader: MIME part 1 has Content-Transfer-Encoding "base64"; the parts of an MTOM package are read as they are (7bit, 8bit or binary), at byte 5.',
      ],
      [
        'Content-Type: application/xop+xml;type="text/xml"\r\nContent-Type: application/xop+xml\r\n\r\n',
        "MTOM reader: the headers of MIME part 1 has two Content-Type fields, at byte 56.",
      ],
    ];
    for (const [headers, message] of cases) expect(setInputFailure(root(headers), opts)).toEqual([WS_E_INVALID_FORMAT, message]);
    expect(setInputFailure(root("\r\n"), { readMimeHeader: false, boundary: "B", startUri: "r" })).toEqual([
      WS_E_INVALID_FORMAT,
      "MTOM reader: no MIME part has the Content-ID <r> that the start parameter names as the root part, at byte 0.",
    ]);
  });

  it("fails the read that reaches an Include that is malformed or names no part, at the Include's byte", () => {
    const at = HEADER.length + 5 + ROOT_HEADERS.length + 3; // the Include, inside <a>
    const cases: [string, string][] = [
      [
        include("nowhere"),
        `WsReadNode: MTOM reader: an xop:Include refers to "cid:nowhere", but no MIME part has the Content-ID <nowhere>, at byte ${at}.`,
      ],
      [
        include("root"),
        `WsReadNode: MTOM reader: an xop:Include refers to "cid:root", the root part, which holds the XML itself, at byte ${at}.`,
      ],
      [
        `<xop:Include href="http://x/p1" ${XOP}/>`,
        `WsReadNode: MTOM reader: the href "http://x/p1" of an xop:Include is not a cid: URL, at byte ${at}.`,
      ],
      [`<xop:Include ${XOP}/>`, `WsReadNode: MTOM reader: an xop:Include has no href attribute, at byte ${at}.`],
      [
        `<xop:Include href="cid:p1" ${XOP}>AAEC</xop:Include>`,
        `WsReadNode: MTOM reader: the xop:Include that refers to "cid:p1" has content; it must be empty, at byte ${at}.`,
      ],
    ];
    for (const [inner, message] of cases)
      expect(readFailure(mtomPackage(`<a>${inner}</a>`, BYTES))).toEqual([WS_E_INVALID_FORMAT, message]);
    expect(readFailure(mtomPackage(include("p1"), BYTES))).toEqual([
      WS_E_INVALID_FORMAT,
      `WsReadNode: MTOM reader: the document element is an xop:Include; an Include stands for the content of an element, at byte ${at - 3}.`,
    ]);
  });

  it("refuses a part referred to whose content would need decoding", () => {
    const data = concat(
      HEADER,
      "--B\r\n",
      ROOT_HEADERS,
      `<a>${include("p1")}</a>`,
      "\r\n--B\r\nContent-ID: <p1>\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--B--",
    );
    expect(readFailure(data)).toEqual([
      WS_E_INVALID_FORMAT,
      'WsReadNode: MTOM reader: MIME part 2 has Content-Transfer-Encoding "base64"; the parts of an MTOM package are read as they are (7bit, 8bit or binary), at byte 366.',
    ]);
  });

  it("places failures of the XML in the root part", () => {
    expect(readFailure(mtomPackage("<a><b></a>"))).toEqual([
      WS_E_INVALID_FORMAT,
      'WsReadNode: XML reader: the end tag "</a>" does not match the start tag "<b>", at line 1, column 7 (byte 6). (In the XML of the root MIME part, part 1, whose content starts at byte 256 of the input.)',
    ]);
  });

  it("stops at WS_XML_READER_PROPERTY_MAX_MIME_PARTS (WS_E_QUOTA_EXCEEDED)", () => {
    const data = mtomPackage(`<a>${include("p1")}${include("p2")}</a>`, BYTES, BYTES);
    expect(setMtomInput(data, {}, [{ id: WS_XML_READER_PROPERTY_MAX_MIME_PARTS, value: 3 }] as never).hr).toBe(S_OK);
    expect(setInputFailure(data, {}, [{ id: WS_XML_READER_PROPERTY_MAX_MIME_PARTS, value: 2 }] as never)).toEqual([
      WS_E_QUOTA_EXCEEDED,
      "MTOM reader: MIME part 3 starts at byte 536, more than the 2 parts WS_XML_READER_PROPERTY_MAX_MIME_PARTS allows.",
    ]);
  });
});
