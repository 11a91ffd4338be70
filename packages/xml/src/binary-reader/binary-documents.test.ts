import { readFileSync } from "node:fs";
import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_DATETIME_FORMAT_UTC,
  WS_ENCODING_XML_BINARY_1,
  type WS_XML_ATTRIBUTE,
  type WS_XML_DICTIONARY,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_DATETIME,
  WS_XML_TEXT_TYPE_DECIMAL,
  WS_XML_TEXT_TYPE_DOUBLE,
  WS_XML_TEXT_TYPE_FLOAT,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_LIST,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_TIMESPAN,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { readMultiByteInt31 } from "../binary/multi-byte-int31.js";
import type { NbfxRecord } from "../binary/records.js";
import { readStringTable } from "../binary/string-table.js";
import { decimalFromParts, decimalToString, uuidToString } from "../binary/value-formats.js";
import { writeRecords } from "../binary/write-records.js";
import { WsCreateReader, WsGetDictionary, WsGetReaderNode, WsReadNode, WsSetInput, WsXmlStringEquals } from "../index.js";

/*
 * Whole documents through the binary reader: what WCF (Mono 6.8) really sent, read to the exact
 * node sequence; every example of [MC-NBFX] section 3, rendered back to the XML the document gives;
 * and the same documents read as text and as binary, which must give the same elements,
 * attributes, namespaces and (as strings) values.
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const str = (s: WS_XML_STRING | null) => (s === null ? "null" : decoder.decode(s.bytes));
const fragment: WS_XML_READER_PROPERTY = { id: WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, value: true };

interface Dictionaries {
  staticDictionary?: WS_XML_DICTIONARY | null;
  dynamicDictionary?: WS_XML_DICTIONARY | null;
}

function staticDictionary(): WS_XML_DICTIONARY {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary)).toBe(S_OK);
  return dictionary.value!;
}

/** A caller's dictionary whose string i is `texts[i]`. */
function dictionaryOf(texts: readonly string[]): WS_XML_DICTIONARY {
  const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
  dictionary.strings = texts.map((text, id) => ({ bytes: encoder.encode(text), dictionary, id }));
  return dictionary;
}

/** Every node of a document, from BOF to EOF; `text` reads it as UTF-8 text instead. */
function nodesOf(
  bytes: Uint8Array,
  dictionaries: Dictionaries | "text" = {},
  properties: WS_XML_READER_PROPERTY[] | null = null,
): WS_XML_NODE[] {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(null, reader)).toBe(S_OK);
  const encoding =
    dictionaries === "text"
      ? { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 }
      : {
          encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
          staticDictionary: dictionaries.staticDictionary ?? null,
          dynamicDictionary: dictionaries.dynamicDictionary ?? null,
        };
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
  expect(WsSetInput(reader.value!, encoding as never, input as never, properties)).toBe(S_OK);
  const nodes: WS_XML_NODE[] = [];
  for (;;) {
    const node = ref<WS_XML_NODE | null>(null);
    expect(WsGetReaderNode(reader.value!, node)).toBe(S_OK);
    nodes.push(node.value!);
    if (node.value!.nodeType === WS_XML_NODE_TYPE_EOF || nodes.length > 10_000) return nodes;
    expect(WsReadNode(reader.value!)).toBe(S_OK);
  }
}

// --- texts as strings, with the lexical forms [MC-NBFX] section 3 prints ------------------------

const TICKS_PER_SECOND = 10_000_000n;
const UNIX_EPOCH_TICKS = 621355968000000000n;

/** Shortest decimal digits that read back as the same float32. */
function floatString(value: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

function fraction(ticks: bigint): string {
  return ticks === 0n ? "" : `.${ticks.toString().padStart(7, "0").replace(/0+$/, "")}`;
}

function dateTimeString(ticks: bigint, utc: boolean): string {
  const seconds = (ticks - UNIX_EPOCH_TICKS) / TICKS_PER_SECOND;
  const text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return text + fraction((ticks - UNIX_EPOCH_TICKS) % TICKS_PER_SECOND) + (utc ? "Z" : "");
}

function durationString(ticks: bigint): string {
  let rest = ticks < 0n ? -ticks : ticks;
  const part = rest % TICKS_PER_SECOND;
  rest /= TICKS_PER_SECOND;
  const [d, h, m, s] = [rest / 86400n, (rest / 3600n) % 24n, (rest / 60n) % 60n, rest % 60n];
  const time = (h ? `${h}H` : "") + (m ? `${m}M` : "") + (s || part ? `${s}${fraction(part)}S` : "");
  return `${ticks < 0n ? "-" : ""}P${d ? `${d}D` : ""}${time ? `T${time}` : ""}`;
}

/** The members of every WS_XML_*_TEXT, for reading whichever one `textType` says it is. */
interface AnyText {
  value: unknown;
  bytes: Uint8Array;
  prefix: WS_XML_STRING;
  localName: WS_XML_STRING;
  items: WS_XML_TEXT[];
}

/** A WS_XML_TEXT as the characters it stands for. */
function textString(text: WS_XML_TEXT): string {
  const t = text as never as AnyText;
  switch (text.textType) {
    case WS_XML_TEXT_TYPE_UTF8:
      return str(t.value as WS_XML_STRING);
    case WS_XML_TEXT_TYPE_BASE64:
      return Buffer.from(t.bytes).toString("base64");
    case WS_XML_TEXT_TYPE_BOOL:
    case WS_XML_TEXT_TYPE_INT32:
    case WS_XML_TEXT_TYPE_INT64:
    case WS_XML_TEXT_TYPE_UINT64:
    case WS_XML_TEXT_TYPE_DOUBLE:
      return String(t.value);
    case WS_XML_TEXT_TYPE_FLOAT:
      return floatString(t.value as number);
    case WS_XML_TEXT_TYPE_DECIMAL: {
      const d = t.value as { scale: number; sign: number; Hi32: number; Lo64: bigint };
      return decimalToString(decimalFromParts({ scale: d.scale, negative: d.sign === 0x80, mantissa: (BigInt(d.Hi32) << 64n) | d.Lo64 }));
    }
    case WS_XML_TEXT_TYPE_GUID:
      return uuidToString(t.value as Uint8Array);
    case WS_XML_TEXT_TYPE_UNIQUE_ID:
      return `urn:uuid:${uuidToString(t.value as Uint8Array)}`;
    case WS_XML_TEXT_TYPE_DATETIME: {
      const d = t.value as { ticks: bigint; format: number };
      return dateTimeString(d.ticks, d.format === WS_DATETIME_FORMAT_UTC);
    }
    case WS_XML_TEXT_TYPE_TIMESPAN:
      return durationString((t.value as { ticks: bigint }).ticks);
    case WS_XML_TEXT_TYPE_QNAME:
      return `${str(t.prefix)}:${str(t.localName)}`;
    case WS_XML_TEXT_TYPE_LIST:
      return t.items.map(textString).join(" ");
  }
  throw new Error(`text type ${text.textType}`);
}

/** A node as a line, with the text's type: "<p:name {ns} attributes>", "int32 2", "</>". */
function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case WS_XML_NODE_TYPE_ELEMENT: {
      const e = node as WS_XML_ELEMENT_NODE;
      const name = str(e.prefix) === "" ? str(e.localName) : `${str(e.prefix)}:${str(e.localName)}`;
      const attribute = (a: WS_XML_ATTRIBUTE) =>
        a.isXmlNs
          ? ` ${str(a.prefix) === "" ? "xmlns" : `xmlns:${str(a.prefix)}`}="${str(a.ns)}"`
          : ` ${str(a.prefix) === "" ? "" : `${str(a.prefix)}:`}${str(a.localName)}{${str(a.ns)}}=(${typed(a.value!)})`;
      return `<${name} {${str(e.ns)}}${e.attributes.map(attribute).join("")}>`;
    }
    case WS_XML_NODE_TYPE_TEXT:
      return typed((node as WS_XML_TEXT_NODE).text!);
    case WS_XML_NODE_TYPE_END_ELEMENT:
      return "</>";
    case WS_XML_NODE_TYPE_COMMENT:
      return `<!--${str((node as never as { value: WS_XML_STRING }).value)}-->`;
    case WS_XML_NODE_TYPE_BOF:
      return "bof";
    case WS_XML_NODE_TYPE_EOF:
      return "eof";
  }
  return `node ${node.nodeType}`;
}

const TYPE_NAMES: Record<number, string> = {
  [WS_XML_TEXT_TYPE_UTF8]: "utf8",
  [WS_XML_TEXT_TYPE_BASE64]: "base64",
  [WS_XML_TEXT_TYPE_BOOL]: "bool",
  [WS_XML_TEXT_TYPE_INT32]: "int32",
  [WS_XML_TEXT_TYPE_UNIQUE_ID]: "uniqueId",
};
const typed = (text: WS_XML_TEXT) => `${TYPE_NAMES[text.textType] ?? `type${text.textType}`} ${textString(text)}`;

// --- WCF captures -------------------------------------------------------------------------------

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);
const capture = (name: string) => new Uint8Array(readFileSync(new URL(name, GOLDEN)));

/** The bodies of the HTTP messages in one direction of a connection (100 Continue has none). */
function httpBodies(bytes: Uint8Array): Uint8Array[] {
  const bodies: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const headerEnd = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error(`no end of headers after byte ${pos}`);
    const length = Number(/^content-length:\s*(\d+)/im.exec(decoder.decode(bytes.subarray(pos, headerEnd)))?.[1] ?? 0);
    const start = headerEnd + 4;
    if (length > 0) bodies.push(bytes.subarray(start, start + length));
    pos = start + length;
  }
  return bodies;
}

/** The payloads of the SizedEnvelope records of an [MC-NMF] stream (just enough of [MC-NMF] to find them). */
function sizedEnvelopes(bytes: Uint8Array): Uint8Array[] {
  const envelopes: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const type = bytes[pos++];
    if (type === 0x00)
      pos += 2; // Version
    else if (type === 0x01 || type === 0x03)
      pos += 1; // Mode, Known Encoding
    else if (type === 0x02 || type === 0x06) {
      // Via, Sized Envelope: a MultiByteInt31 length and that many bytes
      const { value, next } = readMultiByteInt31(bytes, pos);
      if (type === 0x06) envelopes.push(bytes.subarray(next, next + value));
      pos = next + value;
    } else if (type !== 0x07 && type !== 0x0b && type !== 0x0c) throw new Error(`unexpected [MC-NMF] record ${type} at byte ${pos - 1}`);
  }
  return envelopes;
}

const SOAP = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";
const ENVELOPE = `<s:Envelope {${SOAP}} xmlns:s="${SOAP}" xmlns:a="${WSA}">`;
const element = (name: string, text: string) => [`<${name} {http://tempuri.org/}>`, text, "</>"];

describe("WCF captures (Mono 6.8), read with the [MC-NBFS] static dictionary", () => {
  const dictionary = staticDictionary();

  it("httpbinary-add request: the envelope, addressing headers and Add with a=2 and b=3 as WS_XML_INT32_TEXT", () => {
    const [request] = httpBodies(capture("httpbinary-add-1.c2s.bin"));
    expect(nodesOf(request!, { staticDictionary: dictionary }).map(show)).toEqual([
      "bof",
      ENVELOPE,
      `<s:Header {${SOAP}}>`,
      `<a:Action {${WSA}} s:mustUnderstand{${SOAP}}=(int32 1)>`,
      "utf8 http://tempuri.org/ICalculator/Add",
      "</>",
      `<a:MessageID {${WSA}}>`,
      "uniqueId urn:uuid:09920dde-dc35-48c9-ad0d-0a63b01e2d4f",
      "</>",
      `<a:ReplyTo {${WSA}}>`,
      `<a:Address {${WSA}}>`,
      "utf8 http://www.w3.org/2005/08/addressing/anonymous",
      "</>",
      "</>",
      `<a:To {${WSA}} s:mustUnderstand{${SOAP}}=(int32 1)>`,
      "utf8 http://127.0.0.1:28080/calc/binary",
      "</>",
      "</>",
      `<s:Body {${SOAP}}>`,
      '<Add {http://tempuri.org/} xmlns="http://tempuri.org/">',
      ...element("a", "int32 2"),
      ...element("b", "int32 3"),
      "</>",
      "</>",
      "</>",
      "eof",
    ]);
  });

  it("httpbinary-add: names and namespaces from the dictionary are its own strings, which compare by id", () => {
    const [request] = httpBodies(capture("httpbinary-add-1.c2s.bin"));
    const envelope = nodesOf(request!, { staticDictionary: dictionary })[1] as WS_XML_ELEMENT_NODE;
    expect(envelope.localName).toBe(dictionary.strings[1]); // id 0x02: "Envelope"
    expect(envelope.ns).toBe(dictionary.strings[2]); // id 0x04: the SOAP 1.2 namespace
    expect(WsXmlStringEquals(envelope.localName!, { bytes: encoder.encode("Envelope"), dictionary: null, id: 0 })).toBe(S_OK);
  });

  it("httpbinary-add response: AddResult 5, relating to the request's MessageID", () => {
    const [response] = httpBodies(capture("httpbinary-add-1.s2c.bin"));
    const nodes = nodesOf(response!, { staticDictionary: dictionary }).map(show);
    expect(nodes.slice(nodes.indexOf(`<s:Body {${SOAP}}>`))).toEqual([
      `<s:Body {${SOAP}}>`,
      '<AddResponse {http://tempuri.org/} xmlns="http://tempuri.org/">',
      ...element("AddResult", "int32 5"),
      "</>",
      "</>",
      "</>",
      "eof",
    ]);
    expect(nodes[nodes.indexOf(`<a:RelatesTo {${WSA}}>`) + 1]).toBe("uniqueId urn:uuid:09920dde-dc35-48c9-ad0d-0a63b01e2d4f");
  });

  it("httpbinary-echo: the string with non-ASCII and XML-special characters, both ways", () => {
    for (const name of ["httpbinary-echo-1.c2s.bin", "httpbinary-echo-1.s2c.bin"]) {
      const [body] = httpBodies(capture(name));
      expect(nodesOf(body!, { staticDictionary: dictionary }).map(show)).toContain("utf8 hello é世 <&>");
    }
  });

  it("nettcp-add: the session's StringTable as the dynamicDictionary, its strings as odd ids", () => {
    const [request] = sizedEnvelopes(capture("nettcp-add-1.c2s.bin"));
    const table = readStringTable(request!);
    expect(table.strings).toEqual(["a", "b"]);
    const dynamicDictionary = dictionaryOf(table.strings);
    const nodes = nodesOf(request!.subarray(table.end), { staticDictionary: dictionary, dynamicDictionary });
    const body = nodes.map(show);
    expect(body.slice(body.indexOf(`<s:Body {${SOAP}}>`))).toEqual([
      `<s:Body {${SOAP}}>`,
      '<Add {http://tempuri.org/} xmlns="http://tempuri.org/">',
      ...element("a", "int32 2"),
      ...element("b", "int32 3"),
      "</>",
      "</>",
      "</>",
      "eof",
    ]);
    const a = nodes[body.indexOf("<a {http://tempuri.org/}>")] as WS_XML_ELEMENT_NODE;
    expect(a.localName).toBe(dynamicDictionary.strings[0]);
  });

  it("nettcp-bytes: 2048 bytes as two base64 text nodes (Bytes16Text, Bytes8TextWithEndElement)", () => {
    const [message] = sizedEnvelopes(capture("nettcp-bytes-1.c2s.bin"));
    const table = readStringTable(message!);
    const nodes = nodesOf(message!.subarray(table.end), { staticDictionary: dictionary, dynamicDictionary: dictionaryOf(table.strings) });
    const texts = nodes.filter((n) => n.nodeType === WS_XML_NODE_TYPE_TEXT).map((n) => (n as WS_XML_TEXT_NODE).text!);
    const chunks = texts.filter((t) => t.textType === WS_XML_TEXT_TYPE_BASE64) as never as { bytes: Uint8Array }[];
    expect(chunks.map((c) => c.bytes.length)).toEqual([2046, 2]);
    expect(Uint8Array.from(chunks.flatMap((c) => [...c.bytes]))).toEqual(Uint8Array.from({ length: 2048 }, (_, i) => i % 251));
  });
});

// --- [MC-NBFX] section 3 ------------------------------------------------------------------------

const escapeContent = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** The XML the nodes stand for, with binary texts in their [MC-NBFX] lexical forms. */
function toXml(nodes: readonly WS_XML_NODE[]): string {
  const open: string[] = [];
  let xml = "";
  for (const node of nodes) {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
      const e = node as WS_XML_ELEMENT_NODE;
      const qualified = (prefix: WS_XML_STRING | null, name: string) => (str(prefix) === "" ? name : `${str(prefix)}:${name}`);
      const name = qualified(e.prefix, str(e.localName));
      const attributes = e.attributes.map((a) =>
        a.isXmlNs
          ? ` ${qualified(a.prefix, "xmlns").replace(/^(.*):xmlns$/, "xmlns:$1")}="${escapeAttribute(str(a.ns))}"`
          : ` ${qualified(a.prefix, str(a.localName))}="${escapeAttribute(textString(a.value!))}"`,
      );
      xml += `<${name}${attributes.join("")}>`;
      open.push(name);
    } else if (node.nodeType === WS_XML_NODE_TYPE_TEXT) {
      xml += escapeContent(textString((node as WS_XML_TEXT_NODE).text!));
    } else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) {
      xml += `</${open.pop()}>`;
    } else if (node.nodeType === WS_XML_NODE_TYPE_COMMENT) {
      xml += `<!--${str((node as never as { value: WS_XML_STRING }).value)}-->`;
    }
  }
  return xml;
}

/** [MC-NBFX] prints DictionaryString id N as "strN": the static dictionary holds the even ones, the dynamic the odd. */
const STR_STATIC = dictionaryOf(Array.from({ length: 500 }, (_, n) => `str${2 * n}`));
const STR_DYNAMIC = dictionaryOf(Array.from({ length: 500 }, (_, n) => `str${2 * n + 1}`));

/** The rows of the table in [MC-NBFX] section 3: record, bytes, XML. */
const SECTION_3: ReadonlyArray<readonly [string, string, string]> = [
  ["EndElement", "40 03 64 6F 63 01", "<doc></doc>"],
  ["Comment", "02 07 63 6F 6D 6D 65 6E 74", "<!--comment-->"],
  ["Array", "03 40 03 61 72 72 01 8B 03 33 33 88 88 DD DD", "<arr>13107</arr><arr>-30584</arr><arr>-8739</arr>"],
  ["ShortAttribute", "40 03 64 6F 63 04 04 61 74 74 72 84 01", '<doc attr="false"></doc>'],
  [
    "Attribute",
    "40 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 05 03 70 72 65 04 61 74 74 72 84 01",
    '<doc xmlns:pre="http://abc" pre:attr="false"></doc>',
  ],
  ["ShortDictionaryAttribute", "40 03 64 6F 63 06 08 86 01", '<doc str8="true"></doc>'],
  [
    "DictionaryAttribute",
    "40 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 07 03 70 72 65 00 86 01",
    '<doc xmlns:pre="http://abc" pre:str0="true"></doc>',
  ],
  ["ShortXmlnsAttribute", "40 03 64 6F 63 08 0A 68 74 74 70 3A 2F 2F 61 62 63 01", '<doc xmlns="http://abc"></doc>'],
  ["XmlnsAttribute", "40 03 64 6F 63 09 01 70 0A 68 74 74 70 3A 2F 2F 61 62 63 01", '<doc xmlns:p="http://abc"></doc>'],
  ["ShortDictionaryXmlnsAttribute", "40 03 64 6F 63 0A 04 01", '<doc xmlns="str4"></doc>'],
  ["DictionaryXmlnsAttribute", "40 03 64 6F 63 0B 01 70 04 01", '<doc xmlns:p="str4"></doc>'],
  [
    "PrefixDictionaryAttributeF",
    "40 03 64 6F 63 09 01 66 0A 68 74 74 70 3A 2F 2F 61 62 63 11 0B 98 05 68 65 6C 6C 6F 01",
    '<doc xmlns:f="http://abc" f:str11="hello"></doc>',
  ],
  [
    "PrefixDictionaryAttributeX",
    "40 03 64 6F 63 09 01 78 0A 68 74 74 70 3A 2F 2F 61 62 63 23 15 98 05 77 6F 72 6C 64 01",
    '<doc xmlns:x="http://abc" x:str21="world"></doc>',
  ],
  [
    "PrefixAttributeK",
    "40 03 64 6F 63 09 01 6B 0A 68 74 74 70 3A 2F 2F 61 62 63 30 04 61 74 74 72 86 01",
    '<doc xmlns:k="http://abc" k:attr="true"></doc>',
  ],
  [
    "PrefixAttributeZ",
    "40 03 64 6F 63 09 01 7A 0A 68 74 74 70 3A 2F 2F 61 62 63 3F 03 61 62 63 98 03 78 79 7A 01",
    '<doc xmlns:z="http://abc" z:abc="xyz"></doc>',
  ],
  ["ShortElement", "40 03 64 6F 63 01", "<doc></doc>"],
  [
    "Element",
    "41 03 70 72 65 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    '<pre:doc xmlns:pre="http://abc"></pre:doc>',
  ],
  ["ShortDictionaryElement", "42 0E 01", "<str14></str14>"],
  [
    "DictionaryElement",
    "43 03 70 72 65 0E 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    '<pre:str14 xmlns:pre="http://abc"></pre:str14>',
  ],
  ["PrefixDictionaryElementA", "44 0A 09 01 61 0A 68 74 74 70 3A 2F 2F 61 62 63 01", '<a:str10 xmlns:a="http://abc"></a:str10>'],
  ["PrefixDictionaryElementS", "56 26 09 01 73 0A 68 74 74 70 3A 2F 2F 61 62 63 01", '<s:str38 xmlns:s="http://abc"></s:str38>'],
  ["PrefixElementA", "5E 05 68 65 6C 6C 6F 09 01 61 0A 68 74 74 70 3A 2F 2F 61 62 63 01", '<a:hello xmlns:a="http://abc"></a:hello>'],
  [
    "PrefixElementS",
    "70 09 4D 79 4D 65 73 73 61 67 65 09 01 73 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    '<s:MyMessage xmlns:s="http://abc"></s:MyMessage>',
  ],
  ["ZeroText", "40 03 64 6F 63 06 A0 03 80 01", '<doc str416="0"></doc>'],
  ["ZeroTextWithEndElement", "40 03 61 62 63 81", "<abc>0</abc>"],
  ["OneText", "40 03 64 6F 63 06 00 82 01", '<doc str0="1"></doc>'],
  ["OneTextWithEndElement", "40 03 61 62 63 83", "<abc>1</abc>"],
  ["FalseText", "40 03 64 6F 63 06 00 84 01", '<doc str0="false"></doc>'],
  ["FalseTextWithEndElement", "40 03 61 62 63 85", "<abc>false</abc>"],
  ["TrueText", "40 03 64 6F 63 06 00 86 01", '<doc str0="true"></doc>'],
  ["TrueTextWithEndElement", "40 03 61 62 63 87", "<abc>true</abc>"],
  ["Int8Text", "40 03 64 6F 63 06 EC 01 88 DE 01", '<doc str236="-34"></doc>'],
  ["Int8TextWithEndElement", "42 9A 01 89 7F", "<str154>127</str154>"],
  ["Int16Text", "40 03 64 6F 63 06 EC 01 8A 00 80 01", '<doc str236="-32768"></doc>'],
  ["Int16TextWithEndElement", "42 9A 01 8B FF 7F", "<str154>32767</str154>"],
  ["Int32Text", "40 03 64 6F 63 06 EC 01 8C 15 CD 5B 07 01", '<doc str236="123456789"></doc>'],
  ["Int32TextWithEndElement", "42 9A 01 8D FF FF FF 7F", "<str154>2147483647</str154>"],
  ["Int64Text", "40 03 64 6F 63 06 EC 01 8E 00 00 00 80 00 00 00 00 01", '<doc str236="2147483648"></doc>'],
  ["Int64TextWithEndElement", "42 9A 01 8F 00 00 00 00 00 01 00 00", "<str154>1099511627776</str154>"],
  ["FloatText", "40 03 64 6F 63 04 01 61 90 CD CC 8C 3F 01", '<doc a="1.1"></doc>'],
  ["FloatTextWithEndElement", "40 05 50 72 69 63 65 91 CD CC 01 42", "<Price>32.45</Price>"],
  ["DoubleText", "40 03 64 6F 63 04 01 61 92 74 57 14 8B 0A BF 05 40 01", '<doc a="2.71828182845905"></doc>'],
  ["DoubleTextWithEndElement", "40 02 50 49 93 11 2D 44 54 FB 21 09 40", "<PI>3.14159265358979</PI>"],
  ["DecimalText", "40 03 64 6F 63 04 03 69 6E 74 94 00 00 06 00 00 00 00 00 80 2D 4E 00 00 00 00 00 01", '<doc int="5.123456"></doc>'],
  [
    "DecimalTextWithEndElement",
    "40 08 4D 61 78 56 61 6C 75 65 95 00 00 00 00 FF FF FF FF FF FF FF FF FF FF FF FF",
    "<MaxValue>79228162514264337593543950335</MaxValue>",
  ],
  ["DateTimeText", "40 03 64 6F 63 06 6E 96 FF 3F 37 F4 75 28 CA 2B 01", '<doc str110="9999-12-31T23:59:59.9999999"></doc>'],
  ["DateTimeTextWithEndElement", "42 6C 97 00 40 8E F9 5B 47 C8 08", "<str108>2006-05-17T00:00:00</str108>"],
  ["Chars8Text", "40 03 64 6F 63 98 05 68 65 6C 6C 6F 01", "<doc>hello</doc>"],
  ["Chars8TextWithEndElement", "40 01 61 99 05 68 65 6C 6C 6F", "<a>hello</a>"],
  ["Chars16Text", "40 03 64 6F 63 9A 05 00 68 65 6C 6C 6F 01", "<doc>hello</doc>"],
  ["Chars16TextWithEndElement", "40 01 61 9B 05 00 68 65 6C 6C 6F", "<a>hello</a>"],
  ["Chars32Text", "40 03 64 6F 63 9C 05 00 00 00 68 65 6C 6C 6F 01", "<doc>hello</doc>"],
  ["Chars32TextWithEndElement", "40 01 61 9D 05 00 00 00 68 65 6C 6C 6F", "<a>hello</a>"],
  ["Bytes8Text", "40 03 64 6F 63 9E 08 00 01 02 03 04 05 06 07 01", "<doc>AAECAwQFBgc=</doc>"],
  ["Bytes8TextWithEndElement", "40 06 42 61 73 65 36 34 9F 08 00 01 02 03 04 05 06 07", "<Base64>AAECAwQFBgc=</Base64>"],
  ["Bytes16Text", "40 03 64 6F 63 A0 08 00 00 01 02 03 04 05 06 07 01", "<doc>AAECAwQFBgc=</doc>"],
  ["Bytes16TextWithEndElement", "40 06 42 61 73 65 36 34 A1 08 00 00 01 02 03 04 05 06 07", "<Base64>AAECAwQFBgc=</Base64>"],
  ["Bytes32Text", "40 03 64 6F 63 A2 08 00 00 00 00 01 02 03 04 05 06 07 01", "<doc>AAECAwQFBgc=</doc>"],
  ["Bytes32TextWithEndElement", "40 06 42 61 73 65 36 34 A3 08 00 00 00 00 01 02 03 04 05 06 07", "<Base64>AAECAwQFBgc=</Base64>"],
  ["StartListText", "40 03 64 6F 63 04 01 61 A4 88 7B 98 05 68 65 6C 6C 6F 86 A6 01", '<doc a="123 hello true"></doc>'],
  ["EmptyText", "40 03 64 6F 63 04 01 61 A8 01", '<doc a=""></doc>'],
  ["EmptyTextWithEndElement", "40 03 64 6F 63 A9", "<doc></doc>"],
  ["DictionaryText", "40 03 64 6F 63 04 02 6E 73 AA 38 01", '<doc ns="str56"></doc>'],
  ["DictionaryTextWithEndElement", "40 04 54 79 70 65 AB C4 01", "<Type>str196</Type>"],
  [
    "UniqueIdText",
    "40 03 64 6F 63 AC 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 01",
    "<doc>urn:uuid:33221100-5544-7766-8899-aabbccddeeff</doc>",
  ],
  [
    "UniqueIdTextWithEndElement",
    "42 1A AD 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF",
    "<str26>urn:uuid:33221100-5544-7766-8899-aabbccddeeff</str26>",
  ],
  ["TimeSpanText", "40 03 64 6F 63 AE 00 C4 F5 32 FF FF FF FF 01", "<doc>-PT5M44S</doc>"],
  ["TimeSpanTextWithEndElement", "42 94 07 AF 00 B0 8E F0 1B 00 00 00", "<str916>PT3H20M</str916>"],
  ["UuidText", "40 03 64 6F 63 B0 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 01", "<doc>03020100-0504-0706-0809-0a0b0c0d0e0f</doc>"],
  [
    "UuidTextWithEndElement",
    "40 02 49 44 B1 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F",
    "<ID>03020100-0504-0706-0809-0a0b0c0d0e0f</ID>",
  ],
  ["UInt64Text", "40 03 64 6F 63 B2 FF FF FF FF FF FF FF FF 01", "<doc>18446744073709551615</doc>"],
  ["UInt64TextWithEndElement", "42 9A 01 B3 FE FF FF FF FF FF FF FF", "<str154>18446744073709551614</str154>"],
  ["BoolText", "40 03 64 6F 63 B4 01 01", "<doc>true</doc>"],
  [
    "BoolTextWithEndElement",
    "03 40 03 61 72 72 01 B5 05 01 00 01 00 01",
    "<arr>true</arr><arr>false</arr><arr>true</arr><arr>false</arr><arr>true</arr>",
  ],
  ["UnicodeChars8Text", "40 03 64 6F 63 04 01 75 B6 06 75 00 6E 00 69 00 01", '<doc u="uni"></doc>'],
  ["UnicodeChars8TextWithEndElement", "40 01 55 B7 06 75 00 6E 00 69 00", "<U>uni</U>"],
  ["UnicodeChars16Text", "40 03 64 6F 63 04 03 75 31 36 B8 08 00 75 00 6E 00 69 00 32 00 01", '<doc u16="uni2"></doc>'],
  ["UnicodeChars16TextWithEndElement", "40 03 55 31 36 B9 08 00 75 00 6E 00 69 00 32 00", "<U16>uni2</U16>"],
  ["UnicodeChars32Text", "40 03 64 6F 63 04 03 75 33 32 BA 04 00 00 00 33 00 32 00 01", '<doc u32="32"></doc>'],
  ["UnicodeChars32TextWithEndElement", "40 03 55 33 32 BB 04 00 00 00 33 00 32 00", "<U32>32</U32>"],
];

describe("[MC-NBFX] section 3, Structure Examples: read and rendered back to the document's XML", () => {
  const dictionaries = { staticDictionary: STR_STATIC, dynamicDictionary: STR_DYNAMIC };
  for (const [record, bytes, xml] of SECTION_3) {
    it(`${record}: ${xml}`, () => {
      // The Comment and Array rows are not documents with one root: read them as fragments.
      expect(toXml(nodesOf(hex(bytes), dictionaries, [fragment]))).toBe(xml);
    });
  }

  it("QNameDictionaryText: the rows use the prefixes i and s undeclared, which the reader refuses; declared, they read", () => {
    const failing = ref<WS_XML_READER | null>(null);
    WsCreateReader(null, failing);
    const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, ...dictionaries };
    const input = (bytes: string) => ({ inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: hex(bytes) }) as never;
    expect(WsSetInput(failing.value!, encoding as never, input("40 03 64 6F 63 06 F0 06 BC 08 8E 07 01"), null)).toBe(S_OK);
    expect(WsReadNode(failing.value!)).toBe(-2143485952); // WS_E_INVALID_FORMAT: the prefix "i" is not declared
    // The same records with xmlns:i="urn:i" and xmlns:s="urn:s" added.
    expect(toXml(nodesOf(hex("40 03 64 6F 63 06 F0 06 BC 08 8E 07 09 01 69 05 75 72 6E 3A 69 01"), dictionaries))).toBe(
      '<doc str880="i:str910" xmlns:i="urn:i"></doc>',
    );
    expect(toXml(nodesOf(hex("40 04 54 79 70 65 09 01 73 05 75 72 6E 3A 73 BD 12 90 07"), dictionaries))).toBe(
      '<Type xmlns:s="urn:s">s:str912</Type>',
    );
  });
});

// --- the same document, text and binary ---------------------------------------------------------

/** A node reduced to what both encodings must agree on: names, namespaces, and values as strings. */
function structure(node: WS_XML_NODE): unknown {
  switch (node.nodeType) {
    case WS_XML_NODE_TYPE_ELEMENT: {
      const e = node as WS_XML_ELEMENT_NODE;
      return {
        element: [str(e.prefix), str(e.localName), str(e.ns)],
        attributes: e.attributes.map((a) =>
          a.isXmlNs ? ["xmlns", str(a.prefix), str(a.ns)] : [str(a.prefix), str(a.localName), str(a.ns), textString(a.value!)],
        ),
      };
    }
    case WS_XML_NODE_TYPE_TEXT:
      return { text: textString((node as WS_XML_TEXT_NODE).text!) };
    case WS_XML_NODE_TYPE_COMMENT:
      return { comment: str((node as never as { value: WS_XML_STRING }).value) };
    default:
      return node.nodeType;
  }
}

describe("the same document read as text and as binary", () => {
  it("a document written both ways: dictionary and inline names, prefixes, declarations, typed values, an array, a comment", () => {
    const text =
      `<s:Envelope xmlns:s="${SOAP}" xmlns:a="${WSA}"><s:Header><a:Action s:mustUnderstand="1">urn:act</a:Action></s:Header>` +
      '<s:Body><!-- note --><Order xmlns="urn:orders" id="42" xmlns:x="urn:x" x:flag="true" x:list="1 two false">' +
      "<Item><Name>Widget é &lt;&amp;&gt;</Name><Qty>3</Qty><Price>-7</Price><Ok>false</Ok><Data>AQID</Data><Empty></Empty>" +
      '<Inner xmlns=""><Bare>text</Bare></Inner></Item><n>1</n><n>2</n><n>3</n></Order></s:Body></s:Envelope>';
    const el = (prefix: string, name: string | number): NbfxRecord => ({
      kind: "element",
      prefix,
      name: typeof name === "number" ? { dictionaryId: name } : name,
    });
    const chars = (value: string): NbfxRecord => ({ kind: "text", textType: "chars8", value, withEndElement: true });
    const end: NbfxRecord = { kind: "endElement" };
    const records: NbfxRecord[] = [
      el("s", 0x02), // Envelope
      { kind: "xmlns", prefix: "s", namespace: { dictionaryId: 0x04 } },
      { kind: "xmlns", prefix: "a", namespace: { dictionaryId: 0x06 } },
      el("s", 0x08), // Header
      el("a", 0x0a), // Action
      { kind: "attribute", prefix: "s", name: { dictionaryId: 0x00 }, value: { textType: "one" } },
      chars("urn:act"),
      end,
      el("s", 0x0e), // Body
      { kind: "comment", text: " note " },
      el("", "Order"),
      { kind: "xmlns", prefix: "", namespace: "urn:orders" },
      { kind: "attribute", prefix: "", name: "id", value: { textType: "int8", value: 42 } },
      { kind: "xmlns", prefix: "x", namespace: "urn:x" },
      { kind: "attribute", prefix: "x", name: "flag", value: { textType: "true" } },
      {
        kind: "attribute",
        prefix: "x",
        name: "list",
        value: { list: [{ textType: "one" }, { textType: "chars8", value: "two" }, { textType: "false" }] },
      },
      el("", "Item"),
      el("", "Name"),
      chars("Widget é <&>"),
      el("", "Qty"),
      { kind: "text", textType: "int8", value: 3, withEndElement: true },
      el("", "Price"),
      { kind: "text", textType: "int16", value: -7, withEndElement: true },
      el("", "Ok"),
      { kind: "text", textType: "false", withEndElement: true },
      el("", "Data"),
      { kind: "text", textType: "bytes8", value: Uint8Array.of(1, 2, 3), withEndElement: true },
      el("", "Empty"),
      end,
      el("", "Inner"),
      { kind: "xmlns", prefix: "", namespace: "" },
      el("", "Bare"),
      chars("text"),
      end,
      end,
      { kind: "array", element: el("", "n") as never, attributes: [], items: { itemType: "int32", values: [1, 2, 3] } },
      end,
      end,
      end,
    ];
    const binary = nodesOf(writeRecords(records), { staticDictionary: staticDictionary() });
    const textual = nodesOf(encoder.encode(text), "text");
    expect(binary.map(structure)).toEqual(textual.map(structure));
    expect(binary).toHaveLength(47);
  });

  it("WCF's Add(2,3) over WS-HTTP (text) and over binary HTTP: the same nodes but for the MessageID and the endpoint address", () => {
    const [binaryRequest] = httpBodies(capture("httpbinary-add-1.c2s.bin"));
    const [textRequest] = httpBodies(capture("wshttp-add-1.c2s.bin"));
    const normalise = (nodes: WS_XML_NODE[]) =>
      nodes.map(structure).map((n) => {
        const element = n as { element?: unknown; attributes: unknown[][] };
        // Mono writes the two declarations of the envelope in opposite orders in the two encodings.
        if (element.element !== undefined) element.attributes.sort((a, b) => String(a).localeCompare(String(b)));
        const text = (n as { text?: string }).text;
        if (text?.startsWith("urn:uuid:")) return { text: "urn:uuid:(MessageID)" };
        if (text?.startsWith("http://127.0.0.1:28080/calc/")) return { text: "http://127.0.0.1:28080/calc/(endpoint)" };
        return n;
      });
    const binary = normalise(nodesOf(binaryRequest!, { staticDictionary: staticDictionary() }));
    expect(binary).toEqual(normalise(nodesOf(textRequest!, "text")));
    expect(binary).toContainEqual({ text: "2" });
  });
});
