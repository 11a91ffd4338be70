import { S_OK, WS_CHARSET_UTF16BE, WS_XML_NODE_TYPE_COMMENT, type WS_XML_WRITER } from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCopyNode,
  WsReadToStartElement,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartAttribute,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { packageContentType } from "./index.js";
import { enter, mtomReader, mtomWriter, nodes, readAllBytes, type WriterFields, writtenBytes } from "./mtom.test-support.js";

const NS = xmlString("urn:t");
const XMLMIME = xmlString("http://www.w3.org/2004/11/xmlmime");
const SMALL = Uint8Array.from({ length: 30 }, (_, i) => 200 + i);
const LARGE = Uint8Array.from({ length: 5000 }, (_, i) => (i * 37) & 0xff);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** A document with text, comments, attributes, small bytes (inline) and large ones (parts). */
function writeDocument(w: WS_XML_WRITER): void {
  const start = (name: string) => expect(WsWriteStartElement(w, xmlString("t"), xmlString(name), NS)).toBe(S_OK);
  const end = () => expect(WsWriteEndElement(w)).toBe(S_OK);
  start("doc");
  start("name");
  expect(WsWriteChars(w, "é & <x>")).toBe(S_OK);
  end();
  expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: xmlString("note") } as never)).toBe(S_OK);
  start("small");
  expect(WsWriteBytes(w, SMALL)).toBe(S_OK);
  end();
  start("large");
  expect(WsWriteStartAttribute(w, xmlString("m"), xmlString("contentType"), XMLMIME, false)).toBe(S_OK);
  expect(WsWriteChars(w, "image/png")).toBe(S_OK);
  expect(WsWriteEndAttribute(w)).toBe(S_OK);
  expect(WsWriteBytes(w, LARGE.subarray(0, 4000))).toBe(S_OK);
  expect(WsWriteBytes(w, LARGE.subarray(4000))).toBe(S_OK);
  end();
  start("again");
  expect(WsWriteBytes(w, LARGE)).toBe(S_OK);
  end();
  end();
}

const EXPECTED_NODES = [
  "<t:doc>",
  "<t:name>",
  "text:1:é & <x>",
  "</>",
  "comment",
  "<t:small>",
  `text:1:${b64(SMALL)}`,
  "</>",
  "<t:large>",
  `text:3:${b64(LARGE)}`,
  "</>",
  "<t:again>",
  `text:3:${b64(LARGE)}`,
  "</>",
  "</>",
];

function written(fields: WriterFields): Uint8Array {
  const w = mtomWriter({ maxInlineByteCount: 100, ...fields });
  writeDocument(w);
  return writtenBytes(w);
}

describe("MTOM round trips", () => {
  it("reads back what the writer wrote: the same nodes, the same bytes (inline base64 as text, parts as base64 text)", () => {
    const data = written({});
    expect(nodes(mtomReader(data))).toEqual(EXPECTED_NODES);
    for (const [name, bytes] of [
      ["small", SMALL],
      ["large", LARGE],
      ["again", LARGE],
    ] as const) {
      const reader = mtomReader(data);
      enter(reader, name);
      expect(readAllBytes(reader, 999)).toEqual(bytes);
    }
  });

  it("reads back a package without MIME header, given the Content-Type the transport would send", () => {
    const fields = { writeMimeHeader: false, boundary: "=_x y", startUri: "r@h", startInfo: "application/soap+xml" };
    const data = written(fields);
    expect(packageContentType(fields)).toBe(
      'multipart/related;type="application/xop+xml";boundary="=_x y";start="<r@h>";start-info="application/soap+xml"',
    );
    const reader = mtomReader(data, { readMimeHeader: false, boundary: "=_x y", startUri: "<r@h>", startInfo: "application/soap+xml" });
    expect(nodes(reader)).toEqual(EXPECTED_NODES);
  });

  it("reads back UTF-16 XML", () => {
    expect(nodes(mtomReader(written({ charSet: WS_CHARSET_UTF16BE })))).toEqual(EXPECTED_NODES);
  });

  it("copies an MTOM document node for node (WsCopyNode) into the same package", () => {
    const data = written({});
    const reader = mtomReader(data);
    expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
    const w = mtomWriter({ maxInlineByteCount: 100 });
    expect(WsCopyNode(w, reader, null)).toBe(S_OK);
    const copy = writtenBytes(w);
    const ids = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes).replace(/tempuri\.org\/(\d)\/\d+/g, "tempuri.org/$1/T");
    expect(ids(copy)).toBe(ids(data));
  });
});
