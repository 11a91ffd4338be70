import {
  ref,
  S_OK,
  WS_BOOL_VALUE_TYPE,
  WS_DATETIME_FORMAT_UTC,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_GUID_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_TIMESPAN_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_XML_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
  type WS_XML_WRITER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCopyNode,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadNode,
  WsSetOutput,
  WsWriteBytes,
  WsWriteNode,
  WsWriteQualifiedName,
  WsWriteValue,
} from "../index.js";
import { textTypeName } from "../values/format-text.js";
import {
  attribute,
  BUFFER_OUTPUT,
  binaryReader,
  binaryWriter,
  dictionaryString,
  end,
  newWriter,
  start,
  staticDictionary,
  text,
  textReader,
  UTF8_TEXT,
  utf8,
  written,
  x,
  xmlns,
} from "./binary-writer.test-support.js";

/*
 * Round trips: a document written in binary reads back, with the binary reader, as the nodes that
 * were written, typed texts and dictionary strings included; and XML text copied to binary and
 * back (WsCopyNode both ways) is the same text.
 */

const decoder = new TextDecoder();
const str = (s: WS_XML_STRING | null) => (s === null ? "" : decoder.decode(s.bytes));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** A text as "TYPE value". */
function describeText(text: WS_XML_TEXT): string {
  const t = text as unknown as Record<string, unknown>;
  const name = textTypeName(text.textType)?.replace("WS_XML_TEXT_TYPE_", "");
  const value = t.value;
  if (name === "UTF8") return `UTF8 ${str(value as WS_XML_STRING)}`;
  if (name === "BASE64") return `BASE64 ${hex(t.bytes as Uint8Array)}`;
  if (name === "QNAME") return `QNAME ${str(t.prefix as WS_XML_STRING)}:${str(t.localName as WS_XML_STRING)} ${str(t.ns as WS_XML_STRING)}`;
  if (value instanceof Uint8Array) return `${name} ${hex(value)}`;
  return `${name} ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`;
}

/** Every node of the reader's document, one line each, and whether names are dictionary strings. */
function nodes(reader: WS_XML_READER): string[] {
  const lines: string[] = [];
  for (;;) {
    expect(WsReadNode(reader)).toBe(S_OK);
    const current = ref<WS_XML_NODE | null>(null);
    expect(WsGetReaderNode(reader, current)).toBe(S_OK);
    const node = current.value!;
    switch (node.nodeType) {
      case WS_XML_NODE_TYPE_ELEMENT: {
        const e = node as unknown as WS_XML_ELEMENT_NODE;
        const id = (s: WS_XML_STRING | null) => (s?.dictionary === null || s === null ? "" : `#${s.id}`);
        const attributes = e.attributes.map((a: WS_XML_ATTRIBUTE) =>
          a.isXmlNs
            ? ` xmlns:${str(a.prefix)}=${str(a.ns)}${id(a.ns)}`
            : ` ${str(a.prefix)}:${str(a.localName)}${id(a.localName)}=[${describeText(a.value!)}]`,
        );
        lines.push(`<${str(e.prefix)}:${str(e.localName)}${id(e.localName)} {${str(e.ns)}}${attributes.join("")}>`);
        break;
      }
      case WS_XML_NODE_TYPE_TEXT:
        lines.push(describeText((node as unknown as WS_XML_TEXT_NODE).text!));
        break;
      case WS_XML_NODE_TYPE_END_ELEMENT:
        lines.push("</>");
        break;
      case WS_XML_NODE_TYPE_COMMENT:
        lines.push(`<!--${str((node as unknown as { value: WS_XML_STRING }).value)}-->`);
        break;
      case WS_XML_NODE_TYPE_EOF:
        return lines;
      default:
        lines.push(`node ${node.nodeType}`);
    }
  }
}

const value = (w: WS_XML_WRITER, type: number, v: unknown) => expect(WsWriteValue(w, type as never, v)).toBe(S_OK);

describe("binary written, binary read back", () => {
  it("the same nodes: names by dictionary id or not, typed texts, attributes, comments", () => {
    const dictionary = staticDictionary();
    const w = binaryWriter({ staticDictionary: dictionary });
    const SOAP = dictionaryString("http://www.w3.org/2003/05/soap-envelope");
    start(w, "s", dictionaryString("Envelope"), SOAP);
    xmlns(w, "p", "urn:p");
    start(w, "p", "values", "urn:p");
    attribute(w, "s", dictionaryString("mustUnderstand"), SOAP, () => value(w, WS_BOOL_VALUE_TYPE, true));
    attribute(w, null, "n", "", () => value(w, WS_INT32_VALUE_TYPE, -200));
    start(w, null, "i", "");
    value(w, WS_INT32_VALUE_TYPE, 70000);
    end(w);
    start(w, null, "u", "");
    value(w, WS_UINT64_VALUE_TYPE, 18446744073709551615n);
    end(w);
    start(w, null, "d", "");
    value(w, WS_DOUBLE_VALUE_TYPE, 2.5);
    end(w);
    start(w, null, "m", "");
    value(w, WS_DECIMAL_VALUE_TYPE, { scale: 3, sign: 0, Hi32: 0, Lo64: 5n });
    end(w);
    start(w, null, "g", "");
    value(
      w,
      WS_GUID_VALUE_TYPE,
      Uint8Array.from({ length: 16 }, (_, i) => i),
    );
    end(w);
    start(w, null, "t", "");
    value(w, WS_DATETIME_VALUE_TYPE, { ticks: 630822816000000000n, format: WS_DATETIME_FORMAT_UTC });
    end(w);
    start(w, null, "s", "");
    value(w, WS_TIMESPAN_VALUE_TYPE, { ticks: 600000000n });
    end(w);
    start(w, null, "b", "");
    expect(WsWriteBytes(w, Uint8Array.of(1, 2, 3, 4))).toBe(S_OK);
    end(w);
    start(w, null, "q", "");
    expect(WsWriteQualifiedName(w, null, dictionaryString("Body"), SOAP)).toBe(S_OK);
    end(w);
    // a comment goes through WsWriteNode: the flat API has no WsWriteComment
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("a comment") } as never)).toBe(S_OK);
    start(w, null, "e", "");
    end(w);
    start(w, null, "c", "");
    text(w, utf8("hello é世 <&>"));
    end(w);
    end(w);
    end(w);

    expect(nodes(binaryReader(written(w), dictionary))).toEqual([
      "<s:Envelope#1 {http://www.w3.org/2003/05/soap-envelope} xmlns:p=urn:p xmlns:s=http://www.w3.org/2003/05/soap-envelope#2>",
      "<p:values {urn:p} s:mustUnderstand#0=[BOOL true] :n=[INT32 -200]>",
      "<:i {}>",
      "INT32 70000",
      "</>",
      "<:u {}>",
      'UINT64 "18446744073709551615n"',
      "</>",
      "<:d {}>",
      "DOUBLE 2.5",
      "</>",
      "<:m {}>",
      'DECIMAL {"scale":3,"sign":0,"Hi32":0,"Lo64":"5n"}',
      "</>",
      "<:g {}>",
      "GUID 000102030405060708090a0b0c0d0e0f",
      "</>",
      "<:t {}>",
      'DATETIME {"ticks":"630822816000000000n","format":0}',
      "</>",
      "<:s {}>",
      'TIMESPAN {"ticks":"600000000n"}',
      "</>",
      "<:b {}>",
      "BASE64 010203",
      "BASE64 04",
      "</>",
      "<:q {}>",
      "QNAME s:Body http://www.w3.org/2003/05/soap-envelope",
      "</>",
      "<!--a comment-->",
      "<:e {}>",
      "</>",
      "<:c {}>",
      "UTF8 hello é世 <&>",
      "</>",
      "</>",
      "</>",
    ]);
  });
});

function textOf(writer: WS_XML_WRITER): string {
  const bytes = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes)).toBe(S_OK);
  return decoder.decode(bytes.value as Uint8Array);
}

describe("text to binary to text", () => {
  const ENVELOPE =
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">` +
    `<s:Header><a:Action s:mustUnderstand="1">http://tempuri.org/ICalculator/Echo</a:Action>` +
    `<a:MessageID>urn:uuid:b259cab9-0240-4d58-afaa-2bb1ebcdb0d0</a:MessageID>` +
    `<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">http://127.0.0.1:28080/calc/binary</a:To></s:Header>` +
    `<s:Body><Echo xmlns="http://tempuri.org/"><text>hello é世 &lt;&amp;&gt; "'</text><empty/>` +
    `<!-- note --><more a="x &amp; y">1</more></Echo></s:Body></s:Envelope>`;

  for (const withDictionary of [false, true]) {
    it(`a SOAP envelope comes back as the same text (${withDictionary ? "with" : "without"} the static dictionary)`, () => {
      const dictionary = withDictionary ? staticDictionary() : null;
      const toBinary = binaryWriter({ staticDictionary: dictionary });
      expect(WsCopyNode(toBinary, textReader(ENVELOPE))).toBe(S_OK);
      const binary = written(toBinary);
      // Binary is shorter: no end tags, lengths instead of quotes.
      expect(binary.length).toBeLessThan(new TextEncoder().encode(ENVELOPE).length);
      const toText = newWriter();
      expect(WsSetOutput(toText, UTF8_TEXT, BUFFER_OUTPUT, null)).toBe(S_OK);
      expect(WsCopyNode(toText, binaryReader(binary, dictionary))).toBe(S_OK);
      expect(textOf(toText)).toBe(ENVELOPE);
    });
  }
});
