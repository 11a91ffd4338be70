import {
  ref,
  S_FALSE,
  S_OK,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { binaryReader, binaryWriter, written } from "../binary-writer/binary-writer.test-support.js";
import {
  WsCopyNode,
  WsFillReader,
  WsGetXmlAttribute,
  WsReadEndAttribute,
  WsReadNode,
  WsReadStartAttribute,
  WsReadXmlBufferFromBytes,
  WsSetInputToBuffer,
} from "../index.js";
import { mtomReader } from "../mtom/mtom.test-support.js";
import { streamReader } from "../streams/stream.test-support.js";
import { xmlString } from "../text-utils/xml-string.js";
import { current, inContent, newHeap, newReader, onElement, readerOn, utf8 } from "./reader.test-support.js";

/*
 * WsGetXmlAttribute: "Finds the nearest xml attribute in scope with the specified localName and
 * returns its value." In scope on a node are the current element's own xml: attributes, then
 * those of the elements around it, innermost first; an element's end element is outside it (as
 * for its namespace declarations). Every encoding's reader keeps them: text (buffer and stream),
 * binary and XML buffer.
 */

const decoder = new TextDecoder();

/** [HRESULT, value] of WsGetXmlAttribute for xml:`localName`. */
function xmlAttribute(reader: WS_XML_READER, localName: string): [number, string | null] {
  const value = ref<string | null>("untouched");
  const hr = WsGetXmlAttribute(reader, xmlString(localName), newHeap(), value);
  return [hr, value.value];
}

/** The node and the xml:lang and xml:space in scope there, as one line. */
function line(reader: WS_XML_READER): string {
  const node: WS_XML_NODE = current(reader);
  const kind =
    node.nodeType === WS_XML_NODE_TYPE_ELEMENT
      ? `<${decoder.decode((node as unknown as WS_XML_ELEMENT_NODE).localName!.bytes)}>`
      : ["", "", "text", "end", "comment", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType];
  const answer = (localName: string) => {
    const [hr, value] = xmlAttribute(reader, localName);
    return hr === S_OK ? value : hr === S_FALSE && value === null ? "-" : `hr ${hr}`;
  };
  return `${kind} lang=${answer("lang")} space=${answer("space")}`;
}

/** Every node BOF to EOF with what is in scope there; `fill` runs before each read (WsFillReader). */
function walk(reader: WS_XML_READER, fill: () => void = () => {}): string[] {
  const lines = [line(reader)];
  for (let i = 0; i < 1000 && !lines[lines.length - 1]!.startsWith("eof"); i++) {
    fill();
    expect(WsReadNode(reader)).toBe(S_OK);
    lines.push(line(reader));
  }
  return lines;
}

const DOCUMENT = `<a xml:lang="en" xml:space="preserve"><b xml:lang="fr">t<c/></b><d>u</d></a>`;

/** DOCUMENT's nodes and answers; binary input has no empty elements, so <c/> is <c> then end either way. */
const EXPECTED = [
  "bof lang=- space=-",
  "<a> lang=en space=preserve",
  "<b> lang=fr space=preserve",
  "text lang=fr space=preserve",
  "<c> lang=fr space=preserve",
  "end lang=fr space=preserve",
  "end lang=en space=preserve",
  "<d> lang=en space=preserve",
  "text lang=en space=preserve",
  "end lang=en space=preserve",
  "end lang=- space=-",
  "eof lang=- space=-",
];

describe("WsGetXmlAttribute from enclosing elements", () => {
  it("text in a buffer: the innermost element that has the attribute answers, until it ends", () => {
    expect(walk(readerOn(DOCUMENT))).toEqual(EXPECTED);
  });

  it("binary: the same answers", () => {
    const toBinary = binaryWriter();
    expect(WsCopyNode(toBinary, readerOn(DOCUMENT))).toBe(S_OK);
    expect(walk(binaryReader(written(toBinary)))).toEqual(EXPECTED);
  });

  it("MTOM: the same answers, from the root part's XML", () => {
    const mtom = [
      'MIME-Version: 1.0\r\nContent-Type: multipart/related;type="application/xop+xml";boundary="B";start="<root>";start-info="text/xml"\r\n\r\n',
      '--B\r\nContent-ID: <root>\r\nContent-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n',
      DOCUMENT,
      "\r\n--B--\r\n",
    ].join("");
    expect(walk(mtomReader(utf8(mtom)))).toEqual(EXPECTED);
  });

  it("an XML buffer: the same answers", () => {
    const heap = newHeap();
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, utf8(DOCUMENT), heap, buffer)).toBe(S_OK);
    const reader = newReader();
    expect(WsSetInputToBuffer(reader, buffer.value!, null)).toBe(S_OK);
    expect(walk(reader)).toEqual(EXPECTED);
  });

  it("text from a stream: the same answers, delivered a byte at a time", () => {
    const { reader } = streamReader(DOCUMENT, 1);
    expect(walk(reader, () => expect(WsFillReader(reader, 4096, null)).toBe(S_OK))).toEqual(EXPECTED);
  });

  it("text from a stream whose buffer is dropped while inside the elements: the enclosing elements' attributes are kept", () => {
    const items = Array.from({ length: 12 }, (_, i) => `<i>${String(i).padStart(24, "x")}</i>`).join("");
    const xml = `<a xml:lang="en-GB &amp; &#9;"><b xml:space='preserve'>${items}</b></a>`;
    const properties: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 80 }];
    const { reader } = streamReader(xml, 7, properties);
    const lines = walk(reader, () => expect(WsFillReader(reader, 80, null)).toBe(S_OK));
    // The 80-byte buffer holds two or three items: the reader drops what it has read many times over.
    expect(lines).toEqual([
      "bof lang=- space=-",
      "<a> lang=en-GB & \t space=-",
      "<b> lang=en-GB & \t space=preserve",
      ...Array.from({ length: 12 }, () => [
        "<i> lang=en-GB & \t space=preserve",
        "text lang=en-GB & \t space=preserve",
        "end lang=en-GB & \t space=preserve",
      ]).flat(),
      "end lang=en-GB & \t space=-",
      "end lang=- space=-",
      "eof lang=- space=-",
    ]);
  });

  it("inside an attribute, the scope is its element's, enclosing elements included", () => {
    const reader = onElement('<a xml:lang="en"><b x="1"/></a>');
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(xmlAttribute(reader, "lang")).toStrictEqual([S_OK, "en"]);
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(xmlAttribute(reader, "lang")).toStrictEqual([S_OK, "en"]);
  });

  it("answers in the content of an element and on elements nested in it (where E_NOTIMPL once was)", () => {
    expect(xmlAttribute(inContent("<a xml:lang='en'>x</a>"), "lang")).toStrictEqual([S_OK, "en"]);
    const nested = onElement("<a xml:lang='en'><b/></a>");
    expect(WsReadNode(nested)).toBe(S_OK);
    expect(xmlAttribute(nested, "lang")).toStrictEqual([S_OK, "en"]);
  });

  it("finds any xml: attribute by its local name, with the prefix declared or not", () => {
    const reader = readerOn(
      '<a xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:base="http://example.com/" xml:id="a1"><b xml:lang="de"/></a>',
    );
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(xmlAttribute(reader, "base")).toStrictEqual([S_OK, "http://example.com/"]);
    expect(xmlAttribute(reader, "id")).toStrictEqual([S_OK, "a1"]);
    expect(xmlAttribute(reader, "lang")).toStrictEqual([S_OK, "de"]);
    // An attribute named lang in another namespace, or in none, is not xml:lang.
    const other = readerOn('<a xmlns:p="urn:p" p:lang="x" lang="y"><b/></a>');
    expect(WsReadNode(other)).toBe(S_OK);
    expect(WsReadNode(other)).toBe(S_OK);
    expect(xmlAttribute(other, "lang")).toStrictEqual([S_FALSE, null]);
  });
});
