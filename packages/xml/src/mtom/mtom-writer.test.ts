import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  type WS_WRITE_CALLBACK,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsGetWriterProperty,
  WsPullBytes,
  WsPushBytes,
  WsSetOutput,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteText,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { packageContentType } from "./index.js";
import {
  bufferOutput,
  concat,
  firstString,
  latin1,
  mtomWriter,
  newError,
  normalized,
  type WriterFields,
  writerEncoding,
  writtenBytes,
} from "./mtom.test-support.js";

const XMLMIME = "http://www.w3.org/2004/11/xmlmime";
const INCLUDE = (n: number) => `<xop:Include href="cid:http://tempuri.org/${n}/T" xmlns:xop="http://www.w3.org/2004/08/xop/include"/>`;
const partHead = (n: number, type = "application/octet-stream") =>
  `\r\n--B\r\nContent-ID: <http://tempuri.org/${n}/T>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: ${type}\r\n\r\n`;
const ROOT =
  '\r\n--B\r\nContent-ID: <root>\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n';
const HEADER =
  'MIME-Version: 1.0\r\nContent-Type: multipart/related;type="application/xop+xml";boundary="B";start="<root>";start-info="text/xml"\r\n';
const CLOSE = "\r\n--B--\r\n";

const start = (w: WS_XML_WRITER, name: string, ns = "") => expect(WsWriteStartElement(w, null, xmlString(name), xmlString(ns))).toBe(S_OK);
const end = (w: WS_XML_WRITER) => expect(WsWriteEndElement(w)).toBe(S_OK);
const bytes = (...values: number[]) => new Uint8Array(values);

/** `<name>` with `content` written by `write`, closed. */
function element(w: WS_XML_WRITER, name: string, write: () => void): void {
  start(w, name);
  write();
  end(w);
}

/** The package written by `write` inside <a>, as text with the generated ids' ticks as T. */
function written(fields: WriterFields, write: (w: WS_XML_WRITER) => void): string {
  const w = mtomWriter({ startInfo: "text/xml", ...fields });
  element(w, "a", () => write(w));
  return normalized(writtenBytes(w));
}

describe("WsSetOutput with WS_XML_WRITER_MTOM_ENCODING", () => {
  it("writes bytes over maxInlineByteCount in a MIME part, the others as base64, in WCF's MIME layout", () => {
    const package_ = written({ maxInlineByteCount: 4 }, (w) => {
      element(w, "b", () => expect(WsWriteBytes(w, bytes(0, 1, 2, 255))).toBe(S_OK));
      element(w, "c", () => expect(WsWriteBytes(w, bytes(0, 1, 2, 3, 4))).toBe(S_OK));
      element(w, "d", () => expect(WsWriteBytes(w, bytes(9, 9, 9, 9, 9, 9))).toBe(S_OK));
    });
    expect(package_).toBe(
      `${HEADER}${ROOT}<a><b>AAEC/w==</b><c>${INCLUDE(1)}</c><d>${INCLUDE(2)}</d></a>` +
        `${partHead(1)}\u0000\u0001\u0002\u0003\u0004${partHead(2)}\t\t\t\t\t\t${CLOSE}`,
    );
  });

  it("writes no MIME header when writeMimeHeader is FALSE: the transport sends the package's Content-Type", () => {
    const w = mtomWriter({ writeMimeHeader: false, startInfo: "text/xml", maxInlineByteCount: 0 });
    element(w, "a", () => expect(WsWriteBytes(w, bytes(65))).toBe(S_OK));
    expect(normalized(writtenBytes(w))).toBe(`${ROOT}<a>${INCLUDE(1)}</a>${partHead(1)}A${CLOSE}`);
    expect(packageContentType({ boundary: "B", startUri: "root", startInfo: "text/xml" })).toBe(
      'multipart/related;type="application/xop+xml";boundary="B";start="<root>";start-info="text/xml"',
    );
  });

  it("leaves out an empty start and start-info; the root part then has no Content-ID and an empty type", () => {
    const w = mtomWriter({ startUri: "", startInfo: "", boundary: "uuid:x+id=1" });
    element(w, "a", () => undefined);
    expect(latin1(writtenBytes(w))).toBe(
      'MIME-Version: 1.0\r\nContent-Type: multipart/related;type="application/xop+xml";boundary="uuid:x+id=1"\r\n' +
        '\r\n--uuid:x+id=1\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: application/xop+xml;charset=utf-8;type=""\r\n\r\n' +
        "<a/>\r\n--uuid:x+id=1--\r\n",
    );
  });

  it("writes UTF-16 XML in a binary root part that names its charset", () => {
    const w = mtomWriter({ charSet: WS_CHARSET_UTF16LE, startInfo: "text/xml", maxInlineByteCount: 0 });
    element(w, "a", () => expect(WsWriteBytes(w, bytes(0xff))).toBe(S_OK));
    const package_ = writtenBytes(w);
    const id = /Content-ID: <(http:\/\/tempuri\.org\/1\/\d+)>/.exec(latin1(package_))![1]!;
    const utf16le = (text: string) => Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0), 0]));
    const xml = `<a><xop:Include href="cid:${id}" xmlns:xop="http://www.w3.org/2004/08/xop/include"/></a>`;
    const root = ROOT.replace("8bit", "binary").replace("charset=utf-8", "charset=utf-16LE");
    expect(package_).toEqual(concat(HEADER, root, utf16le(xml), partHead(1).replace("1/T", id.slice(19)), bytes(0xff), CLOSE));
    const charset = ref<unknown>(null);
    expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_CHARSET, charset)).toBe(S_OK);
    expect(charset.value).toBe(WS_CHARSET_UTF16LE);
  });

  it("gives a part the content type of its element's xmlmime:contentType (2004/11 namespace)", () => {
    const package_ = written({ maxInlineByteCount: 0 }, (w) => {
      start(w, "img");
      expect(WsWriteStartAttribute(w, null, xmlString("contentType"), xmlString(XMLMIME), false)).toBe(S_OK);
      expect(WsWriteChars(w, "image/")).toBe(S_OK);
      expect(WsWriteChars(w, "png")).toBe(S_OK);
      expect(WsWriteEndAttribute(w)).toBe(S_OK);
      expect(WsWriteBytes(w, bytes(1))).toBe(S_OK);
      end(w);
      element(w, "other", () => expect(WsWriteBytes(w, bytes(2))).toBe(S_OK));
    });
    expect(package_).toBe(
      `${HEADER}${ROOT}<a><img a:contentType="image/png" xmlns:a="${XMLMIME}">${INCLUDE(1)}</img><other>${INCLUDE(2)}</other></a>` +
        `${partHead(1, "image/png")}\u0001${partHead(2)}\u0002${CLOSE}`,
    );
  });

  it("joins bytes written in pieces: the first piece decides between a part and base64", () => {
    const package_ = written({ maxInlineByteCount: 2 }, (w) => {
      element(w, "part", () => {
        expect(WsWriteBytes(w, bytes(1, 2, 3))).toBe(S_OK);
        expect(WsWriteBytes(w, bytes(4))).toBe(S_OK);
      });
      element(w, "inline", () => {
        expect(WsWriteBytes(w, bytes(1))).toBe(S_OK);
        expect(WsWriteBytes(w, bytes(2, 3, 4, 5, 6))).toBe(S_OK);
      });
      element(w, "two", () => {
        expect(WsWriteBytes(w, bytes(7, 7, 7))).toBe(S_OK);
        expect(WsWriteChars(w, "x")).toBe(S_OK);
        expect(WsWriteBytes(w, bytes(8, 8, 8))).toBe(S_OK);
      });
    });
    expect(package_).toBe(
      `${HEADER}${ROOT}<a><part>${INCLUDE(1)}</part><inline>AQIDBAUG</inline><two>${INCLUDE(2)}x${INCLUDE(3)}</two></a>` +
        `${partHead(1)}\u0001\u0002\u0003\u0004${partHead(2)}\u0007\u0007\u0007${partHead(3)}\b\b\b${CLOSE}`,
    );
  });

  it("puts what WsPushBytes and WsPullBytes write in one part", () => {
    const pieces = [bytes(1, 2, 3), bytes(4), bytes(5, 6)];
    const package_ = written({ maxInlineByteCount: 2 }, (w) => {
      element(w, "pushed", () => {
        const push = (_s: unknown, write: WS_WRITE_CALLBACK, state: unknown): HRESULT => {
          for (const piece of pieces) expect(write(state, [piece], null, null)).toBe(S_OK);
          return S_OK;
        };
        expect(WsPushBytes(w, push, null)).toBe(S_OK);
      });
      element(w, "pulled", () => {
        let next = 0;
        const pull = (_s: unknown, buffer: Uint8Array, actual: Ref<number>): HRESULT => {
          const piece = pieces[next++] ?? new Uint8Array(0);
          buffer.set(piece);
          actual.value = piece.length;
          return S_OK;
        };
        expect(WsPullBytes(w, pull, null)).toBe(S_OK);
      });
    });
    expect(package_).toBe(
      `${HEADER}${ROOT}<a><pushed>${INCLUDE(1)}</pushed><pulled>${INCLUDE(2)}</pulled></a>` +
        `${partHead(1)}\u0001\u0002\u0003\u0004\u0005\u0006${partHead(2)}\u0001\u0002\u0003\u0004\u0005\u0006${CLOSE}`,
    );
  });

  it("writes base64 text (WsWriteText) in a part too, and keeps base64 in attributes inline", () => {
    const package_ = written({ maxInlineByteCount: 1 }, (w) => {
      start(w, "b");
      expect(WsWriteStartAttribute(w, null, xmlString("at"), xmlString(""), false)).toBe(S_OK);
      expect(WsWriteBytes(w, bytes(1, 2, 3, 4))).toBe(S_OK);
      expect(WsWriteEndAttribute(w)).toBe(S_OK);
      expect(WsWriteText(w, { textType: 3, bytes: bytes(5, 6) } as never)).toBe(S_OK);
      end(w);
    });
    expect(package_).toBe(`${HEADER}${ROOT}<a><b at="AQIDBA==">${INCLUDE(1)}</b></a>${partHead(1)}\u0005\u0006${CLOSE}`);
  });

  it("writes the XML declaration at the start of the root part when asked", () => {
    const w = mtomWriter({ startInfo: "text/xml" }, [{ id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true }]);
    element(w, "a", () => undefined);
    expect(latin1(writtenBytes(w))).toBe(`${HEADER}${ROOT}<?xml version="1.0" encoding="utf-8"?><a/>${CLOSE}`);
  });

  it("gives parts Content-IDs of WCF's form, http://tempuri.org/<n>/<local .NET ticks>", () => {
    const before = BigInt(Date.now() - new Date().getTimezoneOffset() * 60_000) * 10_000n + 621355968000000000n;
    const w = mtomWriter({ maxInlineByteCount: 0 });
    element(w, "a", () => {
      element(w, "b", () => expect(WsWriteBytes(w, bytes(1))).toBe(S_OK));
      element(w, "c", () => expect(WsWriteBytes(w, bytes(2))).toBe(S_OK));
    });
    const ids = [...latin1(writtenBytes(w)).matchAll(/Content-ID: <http:\/\/tempuri\.org\/(\d+)\/(\d+)>/g)];
    expect(ids.map((m) => m[1])).toEqual(["1", "2"]);
    for (const m of ids) {
      const ticks = BigInt(m[2]!);
      expect(ticks >= before && ticks < before + 600_000_000n).toBe(true); // within a minute
    }
  });
});

describe("the MTOM package's completion", () => {
  it("completes the package when its bytes are taken, and refuses to write more (WS_E_INVALID_OPERATION)", () => {
    const w = mtomWriter({ startInfo: "text/xml" });
    start(w, "a");
    const error = newError();
    const value = ref<unknown>(null);
    expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_BUFFERS, value, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      'MTOM writer: the package can be completed only when no element is open ("there must be no open elements"), and 1 are.',
    );
    end(w);
    const first = writtenBytes(w);
    expect(latin1(first)).toBe(`${HEADER}${ROOT}<a/>${CLOSE}`);
    expect(WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_BUFFERS, value)).toBe(S_OK);
    expect(value.value).toEqual({ buffers: [first] });
    expect(WsWriteStartElement(w, null, xmlString("b"), xmlString(""), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsWriteStartElement: the MTOM package is complete (its bytes were taken with WS_XML_WRITER_PROPERTY_BYTES or BUFFERS), so nothing more can be written to it; call WsSetOutput to write another.",
    );
    // As every failure does, that one faulted the writer; its bytes stay as they were.
    expect(WsWriteChars(w, "x")).toBe(WS_E_OBJECT_FAULTED);
    expect(writtenBytes(w)).toBe(first);
  });

  it("has nothing to give before a root element is written", () => {
    const w = mtomWriter();
    expect(writtenBytes(w)).toEqual(new Uint8Array(0));
    element(w, "a", () => undefined);
    expect(writtenBytes(w).length).toBeGreaterThan(0);
  });

  it("keeps the parts within WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE (WS_E_QUOTA_EXCEEDED)", () => {
    const w = mtomWriter({ maxInlineByteCount: 0 }, [{ id: WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE, value: 10 }]);
    start(w, "a");
    element(w, "b", () => expect(WsWriteBytes(w, new Uint8Array(6))).toBe(S_OK));
    start(w, "c");
    const error = newError();
    expect(WsWriteBytes(w, new Uint8Array(5), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteBytes: the binary MIME parts would hold 11 bytes, more than the 10 of WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE.",
    );
  });

  it("refuses xop:Include elements of the caller's own (WS_E_INVALID_FORMAT)", () => {
    const w = mtomWriter();
    start(w, "a");
    const error = newError();
    expect(WsWriteStartElement(w, xmlString("xop"), xmlString("Include"), xmlString("http://www.w3.org/2004/08/xop/include"), error)).toBe(
      WS_E_INVALID_FORMAT,
    );
    expect(firstString(error)).toBe(
      "WsWriteStartElement: an MTOM document cannot have xop:Include elements of its own (a reader would take one for a reference to a MIME part); write the bytes with WsWriteBytes.",
    );
  });
});

describe("WS_XML_WRITER_MTOM_ENCODING's fields", () => {
  function setOutputFailure(encoding: object, output = bufferOutput, properties: never[] | null = null): [number, string] {
    const writer = ref<WS_XML_WRITER | null>(null);
    expect(WsCreateWriter(null, writer)).toBe(S_OK);
    const error = newError();
    const hr = WsSetOutput(writer.value!, { ...(writerEncoding() as object), ...encoding } as never, output, properties, error);
    return [hr, firstString(error)];
  }

  it("are checked (E_INVALIDARG, naming the field)", () => {
    const S = "WsSetOutput: WS_XML_WRITER_MTOM_ENCODING";
    const cases: [object, string][] = [
      [{ textEncoding: undefined }, `${S}.textEncoding must be an encoding (with an encodingType), not undefined.`],
      [
        { textEncoding: { encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY } },
        `${S}.textEncoding must be a WS_XML_WRITER_TEXT_ENCODING (the XML of an MTOM package is text), not encoding type 2.`,
      ],
      [
        { textEncoding: { encodingType: 1, charSet: WS_CHARSET_AUTO } },
        `${S}.textEncoding.charSet must be WS_CHARSET_UTF8, _UTF16LE or _UTF16BE, not number 0.`,
      ],
      [{ boundary: "" }, `${S}.boundary must be given: it delimits the MIME parts.`],
      [
        { boundary: "ends with space " },
        `${S}.boundary "ends with space " is not a MIME boundary (1 to 70 characters among letters, digits and '()+_,-./:=? and space, not ending with a space).`,
      ],
      [{ startUri: "<root>" }, `${S}.startUri "<root>" cannot be a Content-ID: it must be printable ASCII without '<' or '>'.`],
      [{ startUri: "é" }, `${S}.startUri "é" cannot be a Content-ID: it must be printable ASCII without '<' or '>'.`],
      [{ startInfo: 'a"b' }, `${S}.startInfo "a"b" cannot be a quoted MIME parameter: it must be printable ASCII without '"' or '\\'.`],
      [{ writeMimeHeader: "yes" }, `${S}.writeMimeHeader must be a boolean (BOOL), not "yes".`],
      [{ maxInlineByteCount: -1 }, `${S}.maxInlineByteCount must be a ULONG, not number -1.`],
    ];
    for (const [encoding, message] of cases) expect(setOutputFailure(encoding)).toEqual([E_INVALIDARG, message]);
  });

  it("refuse ALLOW_FRAGMENT and a stream output without a callback (E_INVALIDARG), saying so", () => {
    expect(setOutputFailure({}, bufferOutput, [{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }] as never)).toEqual([
      E_INVALIDARG,
      'WsSetOutput: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT "may not be set to TRUE with WS_XML_WRITER_MTOM_ENCODING".',
    ]);
    const stream = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: 7, writeCallbackState: null } as never;
    expect(setOutputFailure({}, stream)).toEqual([
      E_INVALIDARG,
      "WsSetOutput: the stream output's writeCallback must be a WS_WRITE_CALLBACK function, not number 7.",
    ]);
  });
});

it("normalizes only generated ids in tests", () => {
  expect(normalized(concat("cid:http://tempuri.org/12/639310343067705520 x"))).toBe("cid:http://tempuri.org/12/T x");
});
