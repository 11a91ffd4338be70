import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16LE,
  type WS_XML_ATTRIBUTE,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateReader,
  WsCreateWriter,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadNode,
  WsSetInput,
  WsSetOutput,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteText,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

// What the writer writes, the reader reads back node for node.

const x = (text: string): WS_XML_STRING => xmlString(text);
const decoder = new TextDecoder();
const str = (s: { bytes: Uint8Array } | null) => (s === null ? "null" : decoder.decode(s.bytes));

function newWriter(charSet: number = WS_CHARSET_UTF8): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  expect(
    WsSetOutput(
      writer.value!,
      { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet } as never,
      { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never,
      null,
    ),
  ).toBe(S_OK);
  return writer.value!;
}

function written(writer: WS_XML_WRITER): Uint8Array {
  const value = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  return value.value as Uint8Array;
}

function newReader(bytes: Uint8Array): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  expect(
    WsSetInput(
      reader.value!,
      { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never,
      { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never,
      null,
    ),
  ).toBe(S_OK);
  return reader.value!;
}

function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/** Every node of a document, from BOF to EOF. */
function readAll(bytes: Uint8Array): WS_XML_NODE[] {
  const reader = newReader(bytes);
  const nodes = [current(reader)];
  while (nodes[nodes.length - 1]!.nodeType !== WS_XML_NODE_TYPE_EOF && nodes.length < 1000) {
    expect(WsReadNode(reader)).toBe(S_OK);
    nodes.push(current(reader));
  }
  return nodes;
}

/** A node as one line, as the reader's tests show them. */
function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case 1: {
      const e = node as unknown as WS_XML_ELEMENT_NODE;
      const attrs = e.attributes.map((a: WS_XML_ATTRIBUTE) =>
        a.isXmlNs
          ? ` xmlns:${str(a.prefix)}=${str(a.ns)}`
          : ` ${str(a.prefix)}:${str(a.localName)}{${str(a.ns)}}=${JSON.stringify(str((a.value as unknown as WS_XML_UTF8_TEXT).value))}${a.singleQuote ? "'" : ""}`,
      );
      return `element ${str(e.prefix)}:${str(e.localName)}{${str(e.ns)}}${attrs.join("")}${e.isEmpty ? " empty" : ""}`;
    }
    case 2:
      return `text ${JSON.stringify(str(((node as unknown as WS_XML_TEXT_NODE).text as unknown as WS_XML_UTF8_TEXT).value))}`;
    case 4:
      return `comment ${JSON.stringify(str((node as unknown as WS_XML_COMMENT_NODE).value))}`;
    default:
      return ["", "", "", "end", "", "", "cdata", "end-cdata", "eof", "bof"][node.nodeType]!;
  }
}

const SOAP = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";

function writeMessage(writer: WS_XML_WRITER): void {
  const ok = (hr: number) => expect(hr).toBe(S_OK);
  ok(WsWriteStartElement(writer, x("s"), x("Envelope"), x(SOAP)));
  ok(WsWriteXmlnsAttribute(writer, x("a"), x(WSA), false));
  ok(WsWriteStartElement(writer, x("s"), x("Header"), x(SOAP)));
  ok(WsWriteStartElement(writer, x("a"), x("Action"), x(WSA)));
  ok(WsWriteStartAttribute(writer, x("s"), x("mustUnderstand"), x(SOAP), false));
  ok(WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_UTF8, value: x("1") } as never));
  ok(WsWriteEndAttribute(writer));
  ok(WsWriteChars(writer, "urn:add"));
  ok(WsWriteEndElement(writer));
  ok(WsWriteEndElement(writer));
  ok(WsWriteStartElement(writer, x("s"), x("Body"), x(SOAP)));
  ok(WsWriteStartElement(writer, null, x("Echo"), x("urn:calc")));
  ok(WsWriteStartAttribute(writer, null, x("note"), x(""), true));
  ok(WsWriteChars(writer, `a<b>&"c' tab\tline\ncr\r`));
  ok(WsWriteEndAttribute(writer));
  ok(WsWriteStartElement(writer, null, x("text"), x("urn:calc")));
  ok(WsWriteChars(writer, 'hello é世 <&> "quoted" cr\r\nlf'));
  ok(WsWriteEndElement(writer));
  ok(WsWriteNode(writer, { nodeType: 4, value: x(" a comment ") } as never));
  ok(WsWriteStartElement(writer, null, x("raw"), x("urn:calc")));
  ok(WsWriteStartCData(writer));
  ok(WsWriteChars(writer, "<not markup/> & ]"));
  ok(WsWriteEndCData(writer));
  ok(WsWriteEndElement(writer));
  ok(WsWriteStartElement(writer, x("o"), x("other"), x("urn:other")));
  ok(WsWriteEndElement(writer));
  ok(WsWriteEndElement(writer));
  ok(WsWriteEndElement(writer));
  ok(WsWriteEndElement(writer));
}

const EXPECTED_NODES = [
  "bof",
  `element s:Envelope{${SOAP}} xmlns:a=${WSA} xmlns:s=${SOAP}`,
  `element s:Header{${SOAP}}`,
  `element a:Action{${WSA}} s:mustUnderstand{${SOAP}}="1"`,
  'text "urn:add"',
  "end",
  "end",
  `element s:Body{${SOAP}}`,
  `element :Echo{urn:calc} :note{}="a<b>&\\"c' tab\\tline\\ncr\\r"' xmlns:=urn:calc`,
  "element :text{urn:calc}",
  'text "hello é世 <&> \\"quoted\\" cr\\r\\nlf"',
  "end",
  'comment " a comment "',
  "element :raw{urn:calc}",
  "cdata",
  'text "<not markup/> & ]"',
  "end-cdata",
  "end",
  "element o:other{urn:other} xmlns:o=urn:other empty",
  "end",
  "end",
  "end",
  "end",
  "eof",
];

describe("round trip: the writer's output read back by the reader", () => {
  it("gives the nodes written, in UTF-8", () => {
    const writer = newWriter();
    writeMessage(writer);
    const bytes = written(writer);
    expect(decoder.decode(bytes)).toBe(
      `<s:Envelope xmlns:a="${WSA}" xmlns:s="${SOAP}"><s:Header><a:Action s:mustUnderstand="1">urn:add</a:Action></s:Header>` +
        `<s:Body><Echo note='a&lt;b>&amp;"c&apos; tab&#x9;line&#xA;cr&#xD;' xmlns="urn:calc"><text>hello é世 &lt;&amp;&gt; "quoted" cr&#xD;\nlf</text>` +
        `<!-- a comment --><raw><![CDATA[<not markup/> & ]]]></raw><o:other xmlns:o="urn:other"/></Echo></s:Body></s:Envelope>`,
    );
    expect(readAll(bytes).map(show)).toEqual(EXPECTED_NODES);
  });

  it("gives the same nodes in UTF-16LE", () => {
    const writer = newWriter(WS_CHARSET_UTF16LE);
    writeMessage(writer);
    expect(readAll(written(writer)).map(show)).toEqual(EXPECTED_NODES);
  });

  it("copies a document node by node with WsWriteNode, byte for byte", () => {
    const source =
      `<s:Envelope xmlns:s="urn:soap" xmlns="urn:d"><s:Body id='b1'><Add a="1">2 &lt; 3</Add><!-- note -->` +
      `<x><![CDATA[<raw>]]></x><e/><p:q p:r="s" xmlns:p="urn:p"/></s:Body></s:Envelope>`;
    const nodes = readAll(new TextEncoder().encode(source));
    const writer = newWriter();
    for (const node of nodes) expect(WsWriteNode(writer, node)).toBe(S_OK);
    const copy = written(writer);
    expect(decoder.decode(copy)).toBe(source);
    expect(readAll(copy).map(show)).toEqual(nodes.map(show));
  });
});
