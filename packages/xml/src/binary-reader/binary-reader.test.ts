import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  WS_ENCODING_XML_BINARY_1,
  type WS_ERROR,
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
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_COLUMN,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
  WS_XML_READER_PROPERTY_ROW,
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
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateReader,
  WsGetDictionary,
  WsGetReaderNode,
  WsGetReaderProperty,
  WsReadEndElement,
  WsReadNode,
  WsReadStartElement,
  WsReadToStartElement,
  WsSetInput,
  WsXmlStringEquals,
} from "../index.js";

/*
 * The binary reader through the flat API: the node objects each record gives, typed text, the
 * dictionaries, arrays and lists, the reader properties, and malformed input. The documents are
 * written byte by byte from [MC-NBFX]; the expectations marked "Windows" are what Wine's
 * conformance tests record of WWSAPI on Windows.
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const ascii = (text: string) => [...encoder.encode(text)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const str = (s: WS_XML_STRING | null) => (s === null ? "null" : decoder.decode(s.bytes));
const xs = (text: string, dictionary: WS_XML_DICTIONARY | null = null, id = 0): WS_XML_STRING => ({
  bytes: encoder.encode(text),
  dictionary,
  id,
});

interface Dictionaries {
  staticDictionary?: WS_XML_DICTIONARY | null;
  dynamicDictionary?: WS_XML_DICTIONARY | null;
}

function newReader(properties: WS_XML_READER_PROPERTY[] | null = null): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  expect(WsCreateReader(properties, reader)).toBe(S_OK);
  return reader.value!;
}

function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  return error.value!;
}

function errorText(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

function setBinary(
  reader: WS_XML_READER,
  bytes: Uint8Array,
  dictionaries: Dictionaries = {},
  properties: WS_XML_READER_PROPERTY[] | null = null,
): number {
  const encoding = {
    encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
    staticDictionary: dictionaries.staticDictionary ?? null,
    dynamicDictionary: dictionaries.dynamicDictionary ?? null,
  };
  return WsSetInput(reader, encoding as never, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never, properties);
}

function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

function next(reader: WS_XML_READER): WS_XML_NODE {
  expect(WsReadNode(reader)).toBe(S_OK);
  return current(reader);
}

/** A text as "type value", for comparing whole node sequences. */
function showText(text: WS_XML_TEXT): string {
  const t = text as never as Record<string, unknown>;
  switch (text.textType) {
    case WS_XML_TEXT_TYPE_UTF8:
      return `utf8 '${str(t.value as WS_XML_STRING)}'`;
    case WS_XML_TEXT_TYPE_BASE64:
      return `base64 ${Buffer.from(t.bytes as Uint8Array).toString("hex")}`;
    case WS_XML_TEXT_TYPE_BOOL:
      return `bool ${t.value}`;
    case WS_XML_TEXT_TYPE_INT32:
      return `int32 ${t.value}`;
    case WS_XML_TEXT_TYPE_INT64:
      return `int64 ${t.value}`;
    case WS_XML_TEXT_TYPE_UINT64:
      return `uint64 ${t.value}`;
    case WS_XML_TEXT_TYPE_FLOAT:
      return `float ${t.value}`;
    case WS_XML_TEXT_TYPE_DOUBLE:
      return `double ${t.value}`;
    case WS_XML_TEXT_TYPE_DECIMAL: {
      const d = t.value as { scale: number; sign: number; Hi32: number; Lo64: bigint };
      return `decimal scale=${d.scale} sign=${d.sign} hi=${d.Hi32} lo=${d.Lo64}`;
    }
    case WS_XML_TEXT_TYPE_GUID:
      return `guid ${Buffer.from(t.value as Uint8Array).toString("hex")}`;
    case WS_XML_TEXT_TYPE_UNIQUE_ID:
      return `uniqueId ${Buffer.from(t.value as Uint8Array).toString("hex")}`;
    case WS_XML_TEXT_TYPE_DATETIME: {
      const d = t.value as { ticks: bigint; format: number };
      return `dateTime ${d.ticks} format=${d.format}`;
    }
    case WS_XML_TEXT_TYPE_TIMESPAN:
      return `timeSpan ${(t.value as { ticks: bigint }).ticks}`;
    case WS_XML_TEXT_TYPE_QNAME:
      return `qname ${str(t.prefix as WS_XML_STRING)}:${str(t.localName as WS_XML_STRING)} {${str(t.ns as WS_XML_STRING)}}`;
    case WS_XML_TEXT_TYPE_LIST:
      return `list[${(t.items as WS_XML_TEXT[]).map(showText).join(", ")}]`;
  }
  return `type ${text.textType}`;
}

function showAttribute(a: WS_XML_ATTRIBUTE): string {
  const prefix = str(a.prefix);
  if (a.isXmlNs) return `${prefix === "" ? "xmlns" : `xmlns:${prefix}`}="${str(a.ns)}"`;
  return `${prefix === "" ? "" : `${prefix}:`}${str(a.localName)}{${str(a.ns)}}=(${showText(a.value!)})`;
}

/** A node as a line: "<p:name {ns} attributes>", "text", "</>", "<!--c-->", "bof", "eof". */
function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case WS_XML_NODE_TYPE_ELEMENT: {
      const e = node as WS_XML_ELEMENT_NODE;
      const name = str(e.prefix) === "" ? str(e.localName) : `${str(e.prefix)}:${str(e.localName)}`;
      return `<${name} {${str(e.ns)}}${e.attributes.map((a) => ` ${showAttribute(a)}`).join("")}>`;
    }
    case WS_XML_NODE_TYPE_TEXT:
      return showText((node as WS_XML_TEXT_NODE).text!);
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

/** Every node from BOF to EOF. */
function readAll(bytes: Uint8Array, dictionaries: Dictionaries = {}, properties: WS_XML_READER_PROPERTY[] | null = null): string[] {
  const reader = newReader();
  expect(setBinary(reader, bytes, dictionaries, properties)).toBe(S_OK);
  const nodes = [show(current(reader))];
  while (nodes.length < 1000 && nodes.at(-1) !== "eof") nodes.push(show(next(reader)));
  return nodes;
}

/** Reads until a read fails; returns the nodes read, the HRESULT and the error's first string. */
function readUntilFailure(
  bytes: Uint8Array,
  dictionaries: Dictionaries = {},
  properties: WS_XML_READER_PROPERTY[] | null = null,
): { nodes: string[]; hr: number; message: string } {
  const reader = newReader();
  const error = newError();
  expect(setBinary(reader, bytes, dictionaries, properties)).toBe(S_OK);
  const nodes: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const hr = WsReadNode(reader, error);
    if (hr !== S_OK) return { nodes, hr, message: errorText(error) };
    nodes.push(show(current(reader)));
  }
  throw new Error("no failure");
}

/** A caller's dictionary whose string i is `texts[i]`, referring back to it with id i. */
function dictionaryOf(...texts: string[]): WS_XML_DICTIONARY {
  const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
  dictionary.strings = texts.map((text, id) => xs(text, dictionary, id));
  return dictionary;
}

/** <t>…</t> around one text record given as hex: ShortElement "t", the record. */
const inT = (record: string) => hex(`40 01 74 ${record}`);

describe("elements, attributes and namespace declarations", () => {
  it("ShortElement: <t> with no prefix, no namespace, no attributes, not empty; then its end and EOF", () => {
    const reader = newReader();
    expect(setBinary(reader, hex("40 01 74 01"))).toBe(S_OK);
    expect(current(reader).nodeType).toBe(WS_XML_NODE_TYPE_BOF);
    const element = next(reader) as WS_XML_ELEMENT_NODE;
    expect(element).toMatchObject({ nodeType: WS_XML_NODE_TYPE_ELEMENT, isEmpty: false, attributes: [] });
    expect(element.node).toBe(element);
    expect([str(element.prefix), str(element.localName), str(element.ns)]).toEqual(["", "t", ""]);
    expect(next(reader).nodeType).toBe(WS_XML_NODE_TYPE_END_ELEMENT);
    expect(next(reader).nodeType).toBe(WS_XML_NODE_TYPE_EOF);
    expect(next(reader).nodeType).toBe(WS_XML_NODE_TYPE_EOF);
  });

  it("PrefixElementP with an XmlnsAttribute: <p:t xmlns:p='ns'>; the declaration's value is empty UTF-8 text (Windows)", () => {
    const reader = newReader();
    expect(setBinary(reader, hex("6D 01 74 09 01 70 02 6E 73 01"))).toBe(S_OK);
    const element = next(reader) as WS_XML_ELEMENT_NODE;
    expect(show(element)).toBe('<p:t {ns} xmlns:p="ns">');
    const declaration = element.attributes[0]!;
    expect(declaration).toMatchObject({ singleQuote: 0, isXmlNs: 1, localName: null });
    expect(declaration.value).toMatchObject({ textType: WS_XML_TEXT_TYPE_UTF8 });
    expect(str((declaration.value as never as { value: WS_XML_STRING }).value)).toBe("");
    // The element's namespace is the declaration's string.
    expect(element.ns).toBe(declaration.ns);
  });

  it("Element with a general prefix, text, ShortXmlnsAttribute, and attributes in every form", () => {
    expect(readAll(hex(`41 02 ${ascii("p2")} 01 74 09 02 ${ascii("p2")} 02 6E 73 99 04 ${ascii("test")}`))).toEqual([
      "bof",
      '<p2:t {ns} xmlns:p2="ns">',
      "utf8 'test'",
      "</>",
      "eof",
    ]);
    expect(readAll(hex("40 01 74 08 02 6E 73 01"))).toEqual(["bof", '<t {ns} xmlns="ns">', "</>", "eof"]);
    // ShortAttribute t="" ; PrefixAttributeP p:t="" declared after it ; Attribute p2:t="test".
    expect(readAll(hex("40 01 74 04 01 74 98 00 01"))).toEqual(["bof", "<t {} t{}=(utf8 '')>", "</>", "eof"]);
    expect(readAll(hex("40 01 74 35 01 74 98 00 09 01 70 02 6E 73 01"))).toEqual([
      "bof",
      "<t {} p:t{ns}=(utf8 '') xmlns:p=\"ns\">",
      "</>",
      "eof",
    ]);
    expect(readAll(hex(`40 01 74 05 02 ${ascii("p2")} 01 74 98 04 ${ascii("test")} 09 02 ${ascii("p2")} 02 6E 73 01`))).toEqual([
      "bof",
      "<t {} p2:t{ns}=(utf8 'test') xmlns:p2=\"ns\">",
      "</>",
      "eof",
    ]);
  });

  it("scopes declarations to their element, and xmlns='' undeclares the default namespace", () => {
    // <a xmlns="x"><b xmlns=""/><c/></a>
    expect(readAll(hex("40 01 61 08 01 78 40 01 62 08 00 01 40 01 63 01 01"))).toEqual([
      "bof",
      '<a {x} xmlns="x">',
      '<b {} xmlns="">',
      "</>",
      "<c {x}>",
      "</>",
      "</>",
      "eof",
    ]);
  });

  it("reads a comment before the root element, and the xml prefix without a declaration", () => {
    expect(readAll(hex(`02 07 ${ascii("comment")} 40 01 74 01`))).toEqual(["bof", "<!--comment-->", "<t {}>", "</>", "eof"]);
    expect(readAll(hex(`40 01 74 05 03 ${ascii("xml")} 04 ${ascii("lang")} 98 02 ${ascii("en")} 01`))).toEqual([
      "bof",
      "<t {} xml:lang{http://www.w3.org/XML/1998/namespace}=(utf8 'en')>",
      "</>",
      "eof",
    ]);
  });
});

describe("text records: each keeps its type, as a WS_XML_TEXT of that type", () => {
  const cases: Array<[record: string, text: string]> = [
    // What Windows gives (Wine's conformance tests).
    ["81", "int32 0"], // ZeroTextWithEndElement
    ["83", "int32 1"], // OneText…
    ["85", "bool false"], // FalseText…
    ["87", "bool true"], // TrueText…
    ["89 FF", "int32 -1"], // Int8Text…
    ["8B FF FF", "int32 -1"], // Int16Text…
    ["8D FF FF FF FF", "int32 -1"], // Int32Text…
    ["8F FF FF FF FF FF FF FF FF", "int64 -1"], // Int64Text…
    ["93 00 00 00 00 00 00 00 00", "double 0"], // DoubleText…
    ["97 00 00 00 00 00 00 00 00", `dateTime 0 format=${WS_DATETIME_FORMAT_NONE}`], // DateTimeText…, TZ 0
    ["99 01 61", "utf8 'a'"], // Chars8Text…
    ["9B 01 00 61", "utf8 'a'"], // Chars16Text…
    ["9D 01 00 00 00 61", "utf8 'a'"], // Chars32Text…
    ["9F 01 61", "base64 61"], // Bytes8Text…
    ["A1 01 00 61", "base64 61"], // Bytes16Text…
    ["A3 01 00 00 00 61", "base64 61"], // Bytes32Text…
    ["A9", "utf8 ''"], // EmptyText…
    ["AD 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "uniqueId 00000000000000000000000000000000"], // UniqueIdText…
    ["B1 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "guid 00000000000000000000000000000000"], // UuidText…
    ["B3 01 00 00 00 00 00 00 00", "uint64 1"], // UInt64Text…
    ["B5 FF", "bool true"], // BoolText…: any byte but 0 is TRUE
    ["B5 00", "bool false"],
    // The same rule for the rest: the record's own type.
    ["89 80", "int32 -128"],
    ["8B 00 80", "int32 -32768"],
    ["8D 00 00 00 80", "int32 -2147483648"],
    ["8F 00 00 00 00 00 00 00 80", "int64 -9223372036854775808"],
    ["B3 FF FF FF FF FF FF FF FF", "uint64 18446744073709551615"],
    ["91 CD CC 8C 3F", `float ${Math.fround(1.1)}`], // FloatText… ([MC-NBFX] 2.2.3.9)
    ["93 74 57 14 8B 0A BF 05 40", "double 2.71828182845905"],
    ["95 00 00 06 00 00 00 00 00 80 2D 4E 00 00 00 00 00", "decimal scale=6 sign=0 hi=0 lo=5123456"], // 5.123456
    ["95 00 00 00 80 01 00 00 00 02 00 00 00 00 00 00 00", "decimal scale=0 sign=128 hi=1 lo=2"],
    ["97 FF 3F 37 F4 75 28 CA 2B", `dateTime 3155378975999999999 format=${WS_DATETIME_FORMAT_NONE}`],
    ["97 00 00 00 00 00 00 00 40", `dateTime 0 format=${WS_DATETIME_FORMAT_UTC}`], // TZ 1
    ["AF 00 C4 F5 32 FF FF FF FF", "timeSpan -3440000000"], // TimeSpanText…, -PT5M44S
    ["B1 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF", "guid 00112233445566778899aabbccddeeff"], // wire = GUID memory order
    ["B7 06 41 00 42 00 43 00", "utf8 'ABC'"], // UnicodeChars8Text…, converted to UTF-8
    ["B9 04 00 E9 00 16 4E", "utf8 'é世'"], // UnicodeChars16Text…
    ["BB 02 00 00 00 41 00", "utf8 'A'"], // UnicodeChars32Text…, a 4-byte length
    ["99 06 22 26 3C 3E 27 00", "utf8 '\"&<>'\u0000'"], // characters XML escapes, and U+0000 ([MC-NBFX] 2.2.3.13.1)
  ];

  for (const [record, text] of cases) {
    it(`${record}: ${text}`, () => {
      expect(readAll(inT(record))).toEqual(["bof", "<t {}>", text, "</>", "eof"]);
    });
  }

  it("a text object's first member refers to itself, as utf8Text's does", () => {
    const reader = newReader();
    setBinary(reader, inT("8D 02 00 00 00"));
    next(reader);
    const node = next(reader) as WS_XML_TEXT_NODE;
    expect(node.node).toBe(node);
    expect(node.text).toEqual({ textType: WS_XML_TEXT_TYPE_INT32, text: node.text, value: 2 });
    expect((node.text as never as { text: unknown }).text).toBe(node.text);
  });

  it("QNameDictionaryText: prefix letter, dictionary local name, and the namespace the prefix is bound to", () => {
    const dictionary = dictionaryOf("zero", "one", "two", "three", "four", "five");
    // <t xmlns:b="urn:b">b:five</t>, then as an attribute value declared after the attribute.
    expect(readAll(hex(`40 01 74 09 01 62 05 ${ascii("urn:b")} BD 01 0A`), { staticDictionary: dictionary })).toEqual([
      "bof",
      '<t {} xmlns:b="urn:b">',
      "qname b:five {urn:b}",
      "</>",
      "eof",
    ]);
    expect(readAll(hex(`40 01 74 04 01 61 BC 01 08 09 01 62 05 ${ascii("urn:b")} 01`), { staticDictionary: dictionary })).toEqual([
      "bof",
      '<t {} a{}=(qname b:four {urn:b}) xmlns:b="urn:b">',
      "</>",
      "eof",
    ]);
  });

  it("DictionaryText: UTF-8 text holding the dictionary's string, with its dictionary and id (Windows: 0x0C is 'To')", () => {
    const staticDictionary = ref<WS_XML_DICTIONARY | null>(null);
    expect(WsGetDictionary(WS_ENCODING_XML_BINARY_1, staticDictionary)).toBe(S_OK);
    const reader = newReader();
    setBinary(reader, inT("AB 0C"), { staticDictionary: staticDictionary.value });
    next(reader);
    const text = (next(reader) as WS_XML_TEXT_NODE).text as never as { textType: number; value: WS_XML_STRING };
    expect(text.textType).toBe(WS_XML_TEXT_TYPE_UTF8);
    expect(str(text.value)).toBe("To");
    expect(text.value.dictionary).toBe(staticDictionary.value);
    expect(text.value.id).toBe(6);
  });
});

describe("node sequences", () => {
  it("a *WithEndElement record is a text node, then the END_ELEMENT node", () => {
    expect(readAll(hex(`40 05 ${ascii("value")} 99 03 ${ascii("123")}`))).toEqual(["bof", "<value {}>", "utf8 '123'", "</>", "eof"]);
  });

  it("nested elements closed by EndElement and by *TextWithEndElement records alike", () => {
    // <t><a>1</a><s><s_a>1</s_a></s><b>1</b></t>: OneText without an end element, then two EndElements.
    expect(readAll(hex(`40 01 74 40 01 61 83 40 01 73 40 03 ${ascii("s_a")} 82 01 01 40 01 62 83 01`))).toEqual([
      "bof",
      "<t {}>",
      "<a {}>",
      "int32 1",
      "</>",
      "<s {}>",
      "<s_a {}>",
      "int32 1",
      "</>",
      "</>",
      "<b {}>",
      "int32 1",
      "</>",
      "</>",
      "eof",
    ]);
  });

  it("WsReadToStartElement, WsReadStartElement and WsReadEndElement move through it as through text (Windows)", () => {
    const reader = newReader();
    setBinary(reader, hex("40 01 74 01"));
    const found = ref(false);
    expect(WsReadToStartElement(reader, null, null, found)).toBe(S_OK);
    expect(found.value).toBe(true);
    expect(WsReadStartElement(reader)).toBe(S_OK);
    expect(WsReadEndElement(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("eof");
  });

  it("several text records in a row are a text node each ([MC-NBFX] section 3: <element>1234false</element>)", () => {
    expect(readAll(hex(`40 07 ${ascii("element")} 8C D2 04 00 00 84 01`))).toEqual([
      "bof",
      "<element {}>",
      "int32 1234",
      "bool false",
      "</>",
      "eof",
    ]);
  });

  it("StartListText..EndListText is one WS_XML_LIST_TEXT, in content and in an attribute value", () => {
    expect(readAll(hex("40 01 65 A4 86 84 80 82 A6 01"))).toEqual([
      "bof",
      "<e {}>",
      "list[bool true, bool false, int32 0, int32 1]",
      "</>",
      "eof",
    ]);
    expect(readAll(hex(`40 03 ${ascii("doc")} 04 01 61 A4 88 7B 98 05 ${ascii("hello")} 86 A6 01`))).toEqual([
      "bof",
      "<doc {} a{}=(list[int32 123, utf8 'hello', bool true])>",
      "</>",
      "eof",
    ]);
    expect(readAll(hex("40 01 65 A4 A6 01"))).toEqual(["bof", "<e {}>", "list[]", "</>", "eof"]);
  });

  it("an Array record is an element (with the record's attributes), a text and an END_ELEMENT per value ([MC-NBFX] 2.3.3)", () => {
    const array = `03 40 04 ${ascii("item")} 08 03 ${ascii("urn")} 01 8D 03 01 00 00 00 02 00 00 00 03 00 00 00`;
    expect(readAll(hex(`40 01 61 ${array} 01`))).toEqual([
      "bof",
      "<a {}>",
      ...[1, 2, 3].flatMap((n) => ['<item {urn} xmlns="urn">', `int32 ${n}`, "</>"]),
      "</>",
      "eof",
    ]);
    // The section 3 example, three <arr> roots: a fragment.
    expect(readAll(hex(`03 40 03 ${ascii("arr")} 01 8B 03 33 33 88 88 DD DD`), {}, [fragment])).toEqual([
      "bof",
      "<arr {}>",
      "int32 13107",
      "</>",
      "<arr {}>",
      "int32 -30584",
      "</>",
      "<arr {}>",
      "int32 -8739",
      "</>",
      "eof",
    ]);
  });

  it("arrays of every value type give texts of that type", () => {
    const arrayOf = (type: string, values: string) => readAll(hex(`40 01 61 03 40 01 76 01 ${type} 01 ${values} 01`))[3];
    expect(arrayOf("B5", "01")).toBe("bool true");
    expect(arrayOf("8F", "FF FF FF FF FF FF FF FF")).toBe("int64 -1");
    expect(arrayOf("91", "00 00 C0 3F")).toBe("float 1.5");
    expect(arrayOf("93", "00 00 00 00 00 00 F8 3F")).toBe("double 1.5");
    expect(arrayOf("95", "00 00 01 00 00 00 00 00 0F 00 00 00 00 00 00 00")).toBe("decimal scale=1 sign=0 hi=0 lo=15");
    expect(arrayOf("97", "00 00 00 00 00 00 00 40")).toBe(`dateTime 0 format=${WS_DATETIME_FORMAT_UTC}`);
    expect(arrayOf("AF", "01 00 00 00 00 00 00 00")).toBe("timeSpan 1");
    expect(arrayOf("B1", "00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F")).toBe("guid 000102030405060708090a0b0c0d0e0f");
  });

  it("WsReadToStartElement finds an element of an array like any other", () => {
    const reader = newReader();
    setBinary(reader, hex(`40 01 61 03 40 01 76 01 8D 02 07 00 00 00 08 00 00 00 01`));
    next(reader);
    next(reader);
    const found = ref(false);
    expect(WsReadToStartElement(reader, xs("v"), xs(""), found)).toBe(S_OK);
    expect(found.value).toBe(true);
  });
});

const fragment: WS_XML_READER_PROPERTY = { id: WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, value: true };

describe("dictionary strings", () => {
  // A caller's dictionary like the one Wine's test uses on Windows; string 2 has an id of its own.
  const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
  dictionary.strings = [
    xs("", dictionary, 0),
    xs("p", dictionary, 1),
    xs("t", dictionary, 0xffffffff),
    xs("u", dictionary, 3),
    xs("p2", dictionary, 4),
    xs("ns", dictionary, 5),
  ];

  it("an even id 2n is the staticDictionary's string n, handed out as that very WS_XML_STRING (Windows)", () => {
    const reader = newReader();
    setBinary(reader, hex("42 04 01"), { staticDictionary: dictionary });
    const element = next(reader) as WS_XML_ELEMENT_NODE;
    expect(element.localName).toBe(dictionary.strings[2]);
    expect(element.localName?.id).toBe(0xffffffff);
    // PrefixDictionaryElementP "u" with DictionaryXmlnsAttribute p="ns" (id 0x0A: string 5).
    setBinary(reader, hex("53 06 0B 01 70 0A 01"), { staticDictionary: dictionary });
    const prefixed = next(reader) as WS_XML_ELEMENT_NODE;
    expect(show(prefixed)).toBe('<p:u {ns} xmlns:p="ns">');
    expect(prefixed.attributes[0]!.ns).toBe(dictionary.strings[5]);
    expect(prefixed.ns).toBe(dictionary.strings[5]);
    // DictionaryElement, ShortDictionaryAttribute, PrefixDictionaryAttribute, DictionaryAttribute, ShortDictionaryXmlnsAttribute.
    expect(readAll(hex(`43 02 ${ascii("p2")} 06 0B 02 ${ascii("p2")} 0A 01`), { staticDictionary: dictionary })[1]).toBe(
      '<p2:u {ns} xmlns:p2="ns">',
    );
    expect(readAll(hex("42 06 06 06 98 00 01"), { staticDictionary: dictionary })[1]).toBe("<u {} u{}=(utf8 '')>");
    expect(readAll(hex("42 06 1B 06 98 00 0B 01 70 0A 01"), { staticDictionary: dictionary })[1]).toBe(
      "<u {} p:u{ns}=(utf8 '') xmlns:p=\"ns\">",
    );
    expect(readAll(hex(`42 06 07 02 ${ascii("p2")} 06 98 00 0B 02 ${ascii("p2")} 0A 01`), { staticDictionary: dictionary })[1]).toBe(
      "<u {} p2:u{ns}=(utf8 '') xmlns:p2=\"ns\">",
    );
    expect(readAll(hex("40 01 74 0A 0A 01"), { staticDictionary: dictionary })[1]).toBe('<t {ns} xmlns="ns">');
  });

  it("an odd id 2n+1 is the dynamicDictionary's string n", () => {
    const dynamicDictionary = dictionaryOf("a", "b", "text");
    const reader = newReader();
    setBinary(reader, hex("42 05 01"), { dynamicDictionary });
    expect((next(reader) as WS_XML_ELEMENT_NODE).localName).toBe(dynamicDictionary.strings[2]);
  });

  it("names from a dictionary compare by id in WsXmlStringEquals", () => {
    const reader = newReader();
    setBinary(reader, hex("42 06 01"), { staticDictionary: dictionary });
    const element = next(reader) as WS_XML_ELEMENT_NODE;
    expect(WsXmlStringEquals(element.localName!, xs("u"))).toBe(S_OK);
    expect(WsXmlStringEquals(element.localName!, xs("not u", dictionary, 3))).toBe(S_OK);
  });

  it("an id past the dictionary's end fails the read that reaches it, with its offset (Windows: WS_E_INVALID_FORMAT)", () => {
    expect(readUntilFailure(hex("42 0C 01"), { staticDictionary: dictionary })).toEqual({
      nodes: [],
      hr: WS_E_INVALID_FORMAT,
      message:
        "WsReadNode: binary XML: dictionary string id 12 is not in the staticDictionary at byte 1 (it would be string 6; the dictionary has 6)",
    });
    // The element is read; the text after it fails.
    expect(readUntilFailure(hex("42 04 AB 0C 01"), { staticDictionary: dictionary })).toEqual({
      nodes: ["<t {}>"],
      hr: WS_E_INVALID_FORMAT,
      message:
        "WsReadNode: binary XML: dictionary string id 12 is not in the staticDictionary at byte 3 (it would be string 6; the dictionary has 6)",
    });
  });

  it("without the dictionary an id refers to, the id is an error", () => {
    expect(readUntilFailure(hex("42 04 01"))).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message:
        "WsReadNode: binary XML: dictionary string id 4 refers to the staticDictionary, but WS_XML_READER_BINARY_ENCODING gives none at byte 1 (even ids are static strings)",
    });
    expect(readUntilFailure(hex("42 05 01"), { staticDictionary: dictionary })).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message:
        "WsReadNode: binary XML: dictionary string id 5 refers to the dynamicDictionary, but WS_XML_READER_BINARY_ENCODING gives none at byte 1 (odd ids are dynamic strings)",
    });
  });

  it("a dictionary that is not one fails WsSetInput with E_INVALIDARG; a string that is not one fails its read", () => {
    const reader = newReader();
    expect(setBinary(reader, hex("42 04 01"), { staticDictionary: { strings: "abc" } as never })).toBe(E_INVALIDARG);
    const broken = { guid: new Uint8Array(16), strings: [null, null, { text: "t" }], isConst: true } as never;
    expect(readUntilFailure(hex("42 04 01"), { staticDictionary: broken })).toMatchObject({ hr: E_INVALIDARG });
  });
});

describe("reader properties", () => {
  it("ROW is 1 and COLUMN the byte offset of the next unread byte plus one; CHARSET is UTF-8", () => {
    const reader = newReader();
    setBinary(reader, hex("40 01 74 99 01 61"));
    const property = (id: number) => {
      const value = ref<unknown>(null);
      expect(WsGetReaderProperty(reader, id as never, value)).toBe(S_OK);
      return value.value;
    };
    expect([property(WS_XML_READER_PROPERTY_ROW), property(WS_XML_READER_PROPERTY_COLUMN)]).toEqual([1n, 1n]);
    next(reader);
    expect([property(WS_XML_READER_PROPERTY_ROW), property(WS_XML_READER_PROPERTY_COLUMN)]).toEqual([1n, 4n]);
    next(reader);
    expect(property(WS_XML_READER_PROPERTY_COLUMN)).toBe(7n);
    expect(property(WS_XML_READER_PROPERTY_CHARSET)).toBe(WS_CHARSET_UTF8);
  });

  it("with no input the binary reader goes from BOF to EOF", () => {
    const reader = newReader();
    const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null };
    expect(WsSetInput(reader, encoding as never, null, null)).toBe(S_OK);
    expect(show(current(reader))).toBe("bof");
    expect(show(next(reader))).toBe("eof");
  });
});

describe("quotas and malformed input: WS_E_QUOTA_EXCEEDED / WS_E_INVALID_FORMAT, with the byte offset", () => {
  const failure = (bytes: string, properties: WS_XML_READER_PROPERTY[] | null = null, dictionaries: Dictionaries = {}) =>
    readUntilFailure(hex(bytes), dictionaries, properties);

  it("WS_XML_READER_PROPERTY_MAX_DEPTH", () => {
    const depth2: WS_XML_READER_PROPERTY = { id: WS_XML_READER_PROPERTY_MAX_DEPTH, value: 2 };
    expect(failure("40 01 61 40 01 62 40 01 63 01 01 01", [depth2])).toEqual({
      nodes: ["<a {}>", "<b {}>"],
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsReadNode: binary XML: the element nesting goes deeper than 2 at byte 6 (WS_XML_READER_PROPERTY_MAX_DEPTH)",
    });
    // Array elements count too.
    expect(failure("40 01 61 40 01 62 03 40 01 63 01 8D 01 05 00 00 00 01 01", [depth2])).toMatchObject({
      nodes: ["<a {}>", "<b {}>"],
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsReadNode: binary XML: the element nesting goes deeper than 2 at byte 7 (WS_XML_READER_PROPERTY_MAX_DEPTH)",
    });
  });

  it("WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, declarations included", () => {
    const one: WS_XML_READER_PROPERTY = { id: WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, value: 1 };
    expect(failure("40 01 74 08 01 78 04 01 61 98 00 01", [one])).toEqual({
      nodes: [],
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsReadNode: binary XML: an element (byte 0) with more than 1 attributes at byte 6 (WS_XML_READER_PROPERTY_MAX_ATTRIBUTES)",
    });
  });

  it("WS_XML_READER_PROPERTY_MAX_NAMESPACES", () => {
    const one: WS_XML_READER_PROPERTY = { id: WS_XML_READER_PROPERTY_MAX_NAMESPACES, value: 1 };
    expect(failure("40 01 61 08 01 78 40 01 62 09 01 70 01 79 01 01", [one])).toEqual({
      nodes: ['<a {x} xmlns="x">'],
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsReadNode: XML reader: more than 1 namespace declarations in scope at byte 9 (WS_XML_READER_PROPERTY_MAX_NAMESPACES).",
    });
  });

  it("truncated records", () => {
    expect(failure("40 05 61 62")).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message: "WsReadNode: binary XML: ShortElement record declares 5 bytes past the end of the input at byte 0 (2 remain at byte 2)",
    });
    expect(failure("40 01 74 8D 01 02")).toEqual({
      nodes: ["<t {}>"],
      hr: WS_E_INVALID_FORMAT,
      message: "WsReadNode: binary XML: truncated Int32TextWithEndElement record at byte 3 (needs 4 bytes at byte 4, 2 remain)",
    });
    expect(failure("40 01 74 04 01 61")).toMatchObject({
      message: "WsReadNode: binary XML: truncated ShortAttribute record at byte 3 (its value is missing at byte 6)",
    });
    expect(failure("40 01 74 9F 05 01 02")).toMatchObject({
      message:
        "WsReadNode: binary XML: Bytes8TextWithEndElement record declares 5 bytes past the end of the input at byte 3 (2 remain at byte 5)",
    });
    expect(failure("40 01 74 98 80")).toMatchObject({
      message: "WsReadNode: binary XML: Chars8Text record declares 128 bytes past the end of the input at byte 3 (0 remain at byte 5)",
    });
    expect(failure("40 01 74 99")).toMatchObject({
      message: "WsReadNode: binary XML: truncated Chars8TextWithEndElement record at byte 3 (needs 1 bytes at byte 4, 0 remain)",
    });
    expect(failure("40 81")).toMatchObject({
      message: "WsReadNode: binary XML: truncated name length at byte 2 (1 of up to 5 bytes present)",
    });
  });
});

describe("malformed input", () => {
  const failure = (bytes: string, properties: WS_XML_READER_PROPERTY[] | null = null) => readUntilFailure(hex(bytes), {}, properties);
  const message = (bytes: string, properties: WS_XML_READER_PROPERTY[] | null = null) => {
    const result = failure(bytes, properties);
    expect(result.hr).toBe(WS_E_INVALID_FORMAT);
    return result.message.replace("WsReadNode: binary XML: ", "");
  };

  it("is read up to the bad record: the nodes before it are delivered (Windows reads <t> and its BoolText before the garbage after them)", () => {
    expect(readUntilFailure(hex("40 01 74 B5 FF FF FF FF"))).toEqual({
      nodes: ["<t {}>", "bool true", "</>"],
      hr: WS_E_INVALID_FORMAT,
      message: "WsReadNode: binary XML: unknown record type 0xFF at byte 5",
    });
  });

  it("keeps its failure: later reads fail too, until WsSetInput", () => {
    const reader = newReader();
    const error = newError();
    setBinary(reader, hex("40 01 74 7F"));
    next(reader);
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_FORMAT);
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorText(error)).toBe(
      "WsReadNode: the reader failed earlier and needs new input (WsSetInput): binary XML: unknown record type 0x7F at byte 3",
    );
    expect(setBinary(reader, hex("40 01 74 01"))).toBe(S_OK);
    expect(show(next(reader))).toBe("<t {}>");
  });

  it("records out of place", () => {
    expect(message("04 01 61 98 00")).toBe("ShortAttribute record that does not follow an element or attribute record at byte 0");
    expect(message("40 01 74 99 01 61 04 01 61 98 00")).toBe(
      "ShortAttribute record that does not follow an element or attribute record at byte 6",
    );
    expect(message("01")).toBe("EndElement record with no open element to close at byte 0");
    expect(message("81")).toBe("ZeroTextWithEndElement record with no open element to close at byte 0");
    expect(message("40 01 74 01 01")).toBe("EndElement record with no open element to close at byte 4");
    expect(message("40 01 74 04 01 61 99 01 62 01")).toBe(
      "Chars8TextWithEndElement record in the value of the ShortAttribute record at byte 3 at byte 6",
    );
    expect(message("40 01 74 04 01 61 40 01 62 01")).toBe(
      "ShortElement record where the value of the ShortAttribute record at byte 3 should be at byte 6 (expected a text record)",
    );
  });

  it("document rules, as in text: one root element, no text outside it, nothing left open", () => {
    expect(message("40 01 61 01 40 01 62 01")).toBe(
      "a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set) at byte 4",
    );
    expect(readAll(hex("40 01 61 01 40 01 62 01"), {}, [fragment])).toEqual(["bof", "<a {}>", "</>", "<b {}>", "</>", "eof"]);
    expect(message("98 01 78 40 01 61 01")).toBe("text outside the root element at byte 0");
    expect(readAll(hex("98 01 20 40 01 61 01 98 02 0D 0A"))).toEqual(["bof", "utf8 ' '", "<a {}>", "</>", "utf8 '\r\n'", "eof"]);
    expect(message("40 01 61 40 01 62 01")).toBe("the input ends with 1 element(s) still open at byte 7");
    expect(message("02 01 63")).toBe("the document has no root element at byte 3");
    expect(readAll(hex("02 01 63"), {}, [fragment])).toEqual(["bof", "<!--c-->", "eof"]);
  });

  it("names and namespaces", () => {
    expect(message("6D 01 74 01")).toBe('the prefix "p" is not declared at byte 0');
    expect(message("40 01 74 35 01 61 98 00 01")).toBe('the prefix "p" is not declared at byte 3');
    expect(message("40 00 01")).toBe("ShortElement record with an empty name at byte 1");
    expect(message(`40 05 ${ascii("xmlns")} 01`)).toBe(
      'ShortElement record with the name "xmlns" at byte 1 (namespace declarations have their own records)',
    );
    expect(message(`41 05 ${ascii("xmlns")} 01 74 01`)).toBe(
      'Element record with the prefix "xmlns" at byte 1 (namespace declarations have their own records)',
    );
    expect(message("40 01 74 04 01 61 98 00 04 01 61 86 01")).toBe("an attribute is repeated at byte 8");
    expect(message("40 01 74 09 01 70 01 61 09 01 70 01 61 01")).toBe("an attribute is repeated at byte 8");
    expect(failure("40 01 74 09 01 70 00 01").message).toBe(
      'WsReadNode: XML reader: the prefix "p" cannot be bound to the empty namespace at byte 3.',
    );
    expect(message("40 02 C3 28 01")).toBe("ShortElement record at byte 0 holds malformed UTF-8 at byte 2");
  });

  it("text values", () => {
    expect(message("40 01 74 99 02 C3 28")).toBe("Chars8TextWithEndElement record at byte 3 holds malformed UTF-8 at byte 5");
    expect(message("40 01 74 B7 03 41 00 42")).toBe("UnicodeChars8TextWithEndElement record at byte 3 holds malformed UTF-16 at byte 5");
    expect(message("40 01 74 B7 02 00 D8")).toBe("UnicodeChars8TextWithEndElement record at byte 3 holds malformed UTF-16 at byte 5");
    expect(message("40 01 74 9D FF FF FF FF")).toBe("Chars32TextWithEndElement record at byte 3 has a negative length -1 at byte 4");
    expect(message("40 01 74 95 00 00 1D 00 00 00 00 00 00 00 00 00 00 00 00 00")).toBe(
      "DecimalTextWithEndElement record at byte 3 has decimal scale 29 at byte 4 (the scale MUST be 0 to 28)",
    );
    expect(message("40 01 74 95 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00")).toBe(
      "DecimalTextWithEndElement record at byte 3 has decimal sign 0x01 at byte 4 (the sign MUST be 0x00 or 0x80)",
    );
    expect(message("40 01 74 97 00 00 00 00 00 00 00 C0")).toBe(
      "DateTimeTextWithEndElement record at byte 3 has TZ 3 at byte 4 (TZ MUST be 0, 1 or 2)",
    );
    expect(message("40 01 74 97 00 40 37 F4 75 28 CA 2B")).toBe(
      "DateTimeTextWithEndElement record at byte 3 is past 9999-12-31T23:59:59.9999999 at byte 4",
    );
    expect(message("40 01 74 BD 1A 00")).toBe(
      "QNameDictionaryTextWithEndElement record at byte 3 has prefix 26 at byte 4 (the prefix MUST be 0 to 25 (a to z))",
    );
  });

  it("lists", () => {
    expect(message("40 01 65 A4 86")).toBe("list opened at byte 3 is not closed by an EndListText at byte 5");
    expect(message("40 01 65 A4 40 01 61 01 A6 01")).toBe(
      "ShortElement record inside the list opened at byte 3 at byte 4 (a list holds text records only)",
    );
    expect(message("40 01 65 A4 A4 A6 A6 01")).toBe("StartListText record inside the list opened at byte 3 at byte 4");
    expect(message("40 01 65 A4 87 A6 01")).toBe("TrueTextWithEndElement record inside the list opened at byte 3 at byte 4");
    expect(message("40 01 65 A6 01")).toBe("EndListText without a StartListText at byte 3");
    expect(message("40 01 65 A4 7F")).toBe(
      "unknown record type 0x7F inside the list opened at byte 3 at byte 4 (a list holds text records only)",
    );
  });

  it("arrays", () => {
    expect(message("40 01 61 03 99 01 61 01")).toBe("Array record at byte 3 does not start with an element record at byte 4 (found 0x99)");
    expect(message("40 01 61 03 40 01 76 8D 01 00 00 00 00 01")).toBe(
      "Array record at byte 3 needs an EndElement record after its element at byte 7 (found 0x8D)",
    );
    expect(message("40 01 61 03 40 01 76 01 8C 01 00 00 00 00 01")).toBe("record type 0x8C is not one an Array record may hold at byte 8");
    expect(message("40 01 61 03 40 01 76 01 8D 00 01")).toBe("Array record with a length of 0 at byte 9 (the length MUST NOT be zero)");
    expect(message("40 01 61 03 40 01 76 01 8D 03 01 00 00 00 02 00 00 00 01")).toBe(
      "Array record declares 12 bytes past the end of the input at byte 3 (9 remain at byte 10)",
    );
    // A count this large is refused before any value is read.
    expect(message("40 01 61 03 40 01 76 01 8D FF FF FF FF 07 01")).toBe(
      "Array record declares 8589934588 bytes past the end of the input at byte 3 (1 remain at byte 14)",
    );
    expect(message("40 01 61 03 40 01 76 01 97 01 00 00 00 00 00 00 00 C0 01")).toBe(
      "Array record at byte 3 has TZ 3 at byte 10 (TZ MUST be 0, 1 or 2)",
    );
  });
});
