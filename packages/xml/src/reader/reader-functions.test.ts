import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_XML_ATTRIBUTE,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_RAW,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_COLUMN,
  type WS_XML_READER_PROPERTY_ID,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
  WS_XML_READER_PROPERTY_ROW,
  type WS_XML_TEXT_NODE,
  type WS_XML_UTF8_TEXT,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateReader,
  WsFreeReader,
  WsGetReaderNode,
  WsGetReaderProperty,
  WsReadEndElement,
  WsReadNode,
  WsReadStartElement,
  WsReadToStartElement,
  WsSetInput,
  WsSkipNode,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

const decoder = new TextDecoder();
const str = (s: { bytes: Uint8Array } | null) => (s === null ? "null" : decoder.decode(s.bytes));

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

function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const textEncoding = (charSet = WS_CHARSET_AUTO) => ({ encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet }) as never;
const bufferInput = (bytes: Uint8Array) => ({ inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes }) as never;

function setInput(
  reader: WS_XML_READER,
  xml: string | Uint8Array,
  properties: WS_XML_READER_PROPERTY[] | null = null,
  error: WS_ERROR | null = null,
): number {
  return WsSetInput(reader, textEncoding(), bufferInput(typeof xml === "string" ? utf8(xml) : xml), properties, error);
}

function current(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/** A node as one line, for comparing whole node sequences. */
function show(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case 1: {
      const e = node as unknown as WS_XML_ELEMENT_NODE;
      const attrs = e.attributes.map((a: WS_XML_ATTRIBUTE) =>
        a.isXmlNs
          ? ` xmlns:${str(a.prefix)}=${str(a.ns)}`
          : ` ${str(a.prefix)}:${str(a.localName)}{${str(a.ns)}}=${str((a.value as unknown as WS_XML_UTF8_TEXT).value)}${a.singleQuote ? "'" : ""}`,
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

function nodes(xml: string | Uint8Array, properties: WS_XML_READER_PROPERTY[] | null = null): string[] {
  const reader = newReader();
  expect(setInput(reader, xml, properties)).toBe(S_OK);
  const out = [show(current(reader))];
  for (let i = 0; i < 1000 && out[out.length - 1] !== "eof"; i++) {
    expect(WsReadNode(reader)).toBe(S_OK);
    out.push(show(current(reader)));
  }
  return out;
}

function failure(xml: string | Uint8Array, properties: WS_XML_READER_PROPERTY[] | null = null): { hr: number; message: string } {
  const reader = newReader();
  const error = newError();
  let hr = setInput(reader, xml, properties, error);
  for (let i = 0; i < 1000 && hr === S_OK; i++) {
    hr = WsReadNode(reader, error);
    if (current(reader).nodeType === 8) break;
  }
  return { hr, message: hr < 0 ? firstString(error) : "" };
}

describe("WsReadNode over text in a buffer: the node sequence", () => {
  it("reads elements, attributes, namespaces, text, comments and CDATA as WWSAPI nodes", () => {
    expect(
      nodes(
        `<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope xmlns:s="urn:soap" xmlns="urn:d"><s:Body id='b1'><Add a="1">2 &lt; 3</Add><!-- note --><x><![CDATA[<raw>]]></x><e/></s:Body></s:Envelope>`,
      ),
    ).toEqual([
      "bof",
      'text "\\n"',
      "element s:Envelope{urn:soap} xmlns:s=urn:soap xmlns:=urn:d",
      "element s:Body{urn:soap} :id{}=b1'",
      "element :Add{urn:d} :a{}=1",
      'text "2 < 3"',
      "end",
      'comment " note "',
      "element :x{urn:d}",
      "cdata",
      'text "<raw>"',
      "end-cdata",
      "end",
      "element :e{urn:d} empty",
      "end",
      "end",
      "end",
      "eof",
    ]);
  });

  it("stays on EOF when asked to read past it", () => {
    const reader = newReader();
    setInput(reader, "<a/>");
    for (let i = 0; i < 5; i++) WsReadNode(reader);
    expect(show(current(reader))).toBe("eof");
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("eof");
  });

  it("expands character references and normalises line ends and attribute white space", () => {
    expect(nodes('<a v="x&#9;y\nz&#x41;&quot;">1\r\n2\r3&#x10000;&amp;</a>')).toEqual([
      "bof",
      'element :a{} :v{}=x\ty zA"',
      `text ${JSON.stringify("1\n2\n3\u{10000}&")}`,
      "end",
      "eof",
    ]);
  });

  it("reads character references with any number of leading zeros", () => {
    expect(nodes("<a>&#x00000000000041;&#0000000000000000009;</a>")).toEqual([
      "bof",
      "element :a{}",
      `text ${JSON.stringify("A\t")}`,
      "end",
      "eof",
    ]);
  });

  it("binds the xml prefix and scopes namespace declarations to their element", () => {
    expect(nodes('<a xmlns:p="urn:1"><p:b xml:lang="en"/></a><!-- after -->')).toEqual([
      "bof",
      "element :a{} xmlns:p=urn:1",
      "element p:b{urn:1} xml:lang{http://www.w3.org/XML/1998/namespace}=en empty",
      "end",
      "end",
      'comment " after "',
      "eof",
    ]);
    expect(failure('<a><p:b xmlns:p="urn:1"/><p:c/></a>')).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message: expect.stringContaining('the prefix "p" is not declared'),
    });
  });

  it("detects UTF-16 from a byte order mark and from the first bytes, and reports the charset", () => {
    const text = "<a>é€𐀀</a>";
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (_, i) => text.charCodeAt(i)).buffer)]);
    const be = Uint8Array.from(Array.from({ length: text.length }, (_, i) => [text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff]).flat());
    for (const [bytes, charset] of [
      [le, WS_CHARSET_UTF16LE],
      [be, WS_CHARSET_UTF16BE],
      [utf8(`\uFEFF${text}`), WS_CHARSET_UTF8],
    ] as const) {
      const reader = newReader();
      expect(setInput(reader, bytes)).toBe(S_OK);
      WsReadNode(reader);
      WsReadNode(reader);
      expect(show(current(reader))).toBe('text "é€𐀀"');
      const value = ref<unknown>(null);
      WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_CHARSET, value);
      expect(value.value).toBe(charset);
    }
  });
});

describe("bad input is refused with WS_E_INVALID_FORMAT and its position", () => {
  it.each([
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', "DTDs are not supported (a <!DOCTYPE> declaration), at line 1, column 1 (byte 0)"],
    ["<a>&x;</a>", 'the entity "&x;" is not defined'],
    ["<a>&#0;</a>", 'the character reference "&#0;" does not name a character allowed in XML'],
    ["<a>&#xD800;</a>", "does not name a character allowed in XML"],
    ["<a>\u0001</a>", "the character U+0001 is not allowed in XML, at line 1, column 4 (byte 3)"],
    ["<a><?pi x?></a>", "processing instructions are not supported"],
    ["<a></b>", 'the end tag "</b>" does not match the start tag "<a>"'],
    ["<a>\n<b></a>", 'the end tag "</a>" does not match the start tag "<b>", at line 2, column 4 (byte 7)'],
    ["<a", "the input ends inside a start tag"],
    ["<a x='1' x='2'/>", "an attribute is repeated"],
    ["<a/><b/>", "a second root element"],
    ["text<a/>", "text outside the root element"],
    ["", "the document has no root element"],
    ["<a>]]></a>", "']]>' is not allowed in text"],
    ['<a b="<"/>', "'<' is not allowed in an attribute value"],
    ["<a><!-- a -- b --></a>", "'--' is not allowed inside a comment"],
    ["<1a/>", "an element name was expected"],
    ['<a xmlns:p=""/>', 'the prefix "p" cannot be bound to the empty namespace'],
    ["<a/><?xml version='1.0'?>", "an XML declaration is only allowed at the very start"],
    ['<?xml version="2.0"?><a/>', 'unsupported XML version "2.0"'],
    ["<a/>\n&#32;", "text outside the root element, at line 2, column 1"],
    ['<a xmlns:y="http://www.w3.org/XML/1998/namespace"/>', 'only the prefix "xml" may be bound to the XML namespace'],
    ['<a xmlns="http://www.w3.org/2000/xmlns/"/>', "no prefix may be bound to the xmlns namespace"],
    ['<?xml version="1.0" encoding="UTF-16"?><a/>', 'the XML declaration says "UTF-16" but the input is UTF-8'],
    ['<?xml version="1.0" encoding="iso-8859-1"?><a/>', 'the encoding "iso-8859-1" is not supported (only UTF-8 and UTF-16 are)'],
  ])("%j", (xml, message) => {
    const result = failure(xml);
    expect(result.hr).toBe(WS_E_INVALID_FORMAT);
    expect(result.message).toContain(message);
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(failure(new Uint8Array([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]))).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
      message: expect.stringContaining("byte 3"),
    });
    expect(failure(new Uint8Array([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x61, 0x3e]))).toMatchObject({
      hr: WS_E_INVALID_FORMAT,
    });
  });

  it("keeps a failed reader failed until it gets new input", () => {
    const reader = newReader();
    setInput(reader, "<a>&x;</a>");
    WsReadNode(reader);
    expect(WsReadNode(reader)).toBe(WS_E_INVALID_FORMAT);
    const error = newError();
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toContain("the reader failed earlier and needs new input");
    expect(setInput(reader, "<b/>")).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("element :b{} empty");
  });
});

describe("quotas, with WWSAPI's defaults", () => {
  const nested = (depth: number) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`;
  const property = (id: number, value: unknown): WS_XML_READER_PROPERTY => ({ id, value }) as WS_XML_READER_PROPERTY;

  it("maximum depth 32 by default", () => {
    expect(nodes(nested(32))).toHaveLength(32 * 2 + 2);
    expect(failure(nested(33))).toMatchObject({
      hr: WS_E_QUOTA_EXCEEDED,
      message: expect.stringContaining("deeper than 32 (WS_XML_READER_PROPERTY_MAX_DEPTH)"),
    });
    expect(failure(nested(4), [property(WS_XML_READER_PROPERTY_MAX_DEPTH, 3)])).toMatchObject({ hr: WS_E_QUOTA_EXCEEDED });
  });

  it("maximum 128 attributes by default", () => {
    const attrs = (n: number) => `<a ${Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(" ")}/>`;
    expect(nodes(attrs(128))[1]).toMatch(/^element :a\{\}/);
    expect(failure(attrs(129))).toMatchObject({ hr: WS_E_QUOTA_EXCEEDED, message: expect.stringContaining("more than 128 attributes") });
    expect(failure(attrs(3), [property(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES, 2)])).toMatchObject({ hr: WS_E_QUOTA_EXCEEDED });
  });

  it("maximum 32 namespace declarations in scope by default", () => {
    const declarations = (n: number) => `<a ${Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(" ")}/>`;
    expect(nodes(declarations(32))[1]).toMatch(/^element/);
    expect(failure(declarations(33))).toMatchObject({
      hr: WS_E_QUOTA_EXCEEDED,
      message: expect.stringContaining("more than 32 namespace declarations"),
    });
    expect(failure(declarations(2), [property(WS_XML_READER_PROPERTY_MAX_NAMESPACES, 1)])).toMatchObject({ hr: WS_E_QUOTA_EXCEEDED });
  });

  it("a fragment needs WS_XML_READER_PROPERTY_ALLOW_FRAGMENT", () => {
    expect(nodes("text<a/><b/>", [property(WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, true)])).toEqual([
      "bof",
      'text "text"',
      "element :a{} empty",
      "end",
      "element :b{} empty",
      "end",
      "eof",
    ]);
  });

  it("reports the documented defaults and the position as properties", () => {
    const reader = newReader();
    setInput(reader, "<a>\n  <b/></a>");
    const value = ref<unknown>(null);
    const get = (id: WS_XML_READER_PROPERTY_ID) => {
      expect(WsGetReaderProperty(reader, id, value)).toBe(S_OK);
      return value.value;
    };
    expect([
      get(WS_XML_READER_PROPERTY_MAX_DEPTH),
      get(WS_XML_READER_PROPERTY_MAX_ATTRIBUTES),
      get(WS_XML_READER_PROPERTY_MAX_NAMESPACES),
      get(WS_XML_READER_PROPERTY_ALLOW_FRAGMENT),
    ]).toEqual([32, 128, 32, false]);
    WsReadNode(reader);
    WsReadNode(reader);
    WsReadNode(reader);
    expect([get(WS_XML_READER_PROPERTY_ROW), get(WS_XML_READER_PROPERTY_COLUMN)]).toEqual([2n, 7n]);
  });
});

describe("moving through elements", () => {
  it("WsReadToStartElement skips white space and comments and checks the name", () => {
    const reader = newReader();
    setInput(reader, "<!-- c -->\n<s:a xmlns:s='urn:s'>x</s:a>");
    const found = ref(false);
    expect(WsReadToStartElement(reader, xmlString("a"), xmlString("urn:s"), found)).toBe(S_OK);
    expect(found.value).toBe(true);
    expect(current(reader).nodeType).toBe(WS_XML_NODE_TYPE_ELEMENT);
    expect(WsReadToStartElement(reader, xmlString("b"), null, found)).toBe(S_OK);
    expect(found.value).toBe(false);
    const error = newError();
    expect(WsReadToStartElement(reader, xmlString("b"), null, null, error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe('WsReadToStartElement: the element "b" was expected, but the reader is on an element.');
  });

  it("WsReadStartElement, WsReadEndElement and WsSkipNode", () => {
    const reader = newReader();
    setInput(reader, "<r> <a><b>1</b><c/></a> <d/></r>");
    expect(WsReadStartElement(reader)).toBe(S_OK); // onto the white space inside <r>
    expect(WsSkipNode(reader)).toBe(S_OK); // past the white space
    expect(show(current(reader))).toBe("element :a{}");
    expect(WsSkipNode(reader)).toBe(S_OK); // past </a>
    expect(show(current(reader))).toBe('text " "');
    expect(WsReadStartElement(reader)).toBe(S_OK); // skips the white space, reads <d/>
    expect(WsReadEndElement(reader)).toBe(S_OK); // </d>
    expect(WsReadEndElement(reader)).toBe(S_OK); // </r>
    expect(show(current(reader))).toBe("eof");
    expect(WsReadEndElement(reader)).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("the reader handle", () => {
  it("has no input until WsSetInput, and null input reads as BOF then EOF", () => {
    const reader = newReader();
    expect(WsReadNode(reader)).toBe(WS_E_INVALID_OPERATION);
    expect(WsSetInput(reader, null, null, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("eof");
  });

  it("refuses an encoding type that does not exist (E_INVALIDARG), and reads the raw encoding (raw/)", () => {
    const reader = newReader();
    const error = newError();
    expect(WsSetInput(reader, { encodingType: 9 } as never, bufferInput(new Uint8Array([0x40])), null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetInput: number 9 is not a WS_XML_READER_ENCODING_TYPE.");
    expect(
      WsSetInput(reader, { encodingType: WS_XML_READER_ENCODING_TYPE_RAW } as never, bufferInput(new Uint8Array([0x40])), null, error),
    ).toBe(S_OK);
  });

  it("is freed once", () => {
    const reader = newReader();
    WsFreeReader(reader);
    expect(WsReadNode(reader)).toBe(-2147024809); // E_INVALIDARG: a freed WS_XML_READER
  });
});
