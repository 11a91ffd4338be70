import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_FALSE,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_TEXT_TYPE_UTF16,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_RAW,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_EMIT_UNCOMPRESSED_EMPTY_ELEMENTS,
  type WS_XML_WRITER_PROPERTY_ID,
  WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_WRITER_PROPERTY_INDENT,
  WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_WRITER_PROPERTY_MAX_DEPTH,
  WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE,
  WS_XML_WRITER_PROPERTY_MAX_NAMESPACES,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsFlushWriter,
  WsFreeWriter,
  WsGetPrefixFromNamespace,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteChars,
  WsWriteCharsUtf8,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteEndStartElement,
  WsWriteNode,
  WsWriteQualifiedName,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteText,
  WsWriteXmlnsAttribute,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";

// Expected outputs marked "Windows" are the bytes WWSAPI itself produced in the Wine conformance
// tests (dlls/webservices/tests/writer.c), which are checked against Windows.

const x = (text: string): WS_XML_STRING => xmlString(text);
const decoder = new TextDecoder();

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA10 = "http://www.w3.org/2005/08/addressing";
const TEMPURI = "http://tempuri.org/";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

function newWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(properties, writer)).toBe(S_OK);
  return writer.value!;
}

function setOutput(
  writer: WS_XML_WRITER,
  charSet: number = WS_CHARSET_UTF8,
  properties: WS_XML_WRITER_PROPERTY[] | null = null,
  error: WS_ERROR | null = null,
): number {
  return WsSetOutput(
    writer,
    { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet } as never,
    { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never,
    properties,
    error,
  );
}

/** A writer with UTF-8 buffer output. */
function writerWithOutput(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = newWriter();
  expect(setOutput(writer, WS_CHARSET_UTF8, properties)).toBe(S_OK);
  return writer;
}

function property(writer: WS_XML_WRITER, id: WS_XML_WRITER_PROPERTY_ID): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetWriterProperty(writer, id, value)).toBe(S_OK);
  return value.value;
}

function outputBytes(writer: WS_XML_WRITER): Uint8Array {
  return property(writer, WS_XML_WRITER_PROPERTY_BYTES) as Uint8Array;
}

function output(writer: WS_XML_WRITER): string {
  return decoder.decode(outputBytes(writer));
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

const utf8 = (text: string): WS_XML_TEXT => ({ textType: WS_XML_TEXT_TYPE_UTF8, value: x(text) }) as never;

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes[2 * i] = text.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

const start = (w: WS_XML_WRITER, prefix: string | null, localName: string, ns: string) =>
  expect(WsWriteStartElement(w, prefix === null ? null : x(prefix), x(localName), x(ns))).toBe(S_OK);
const end = (w: WS_XML_WRITER) => expect(WsWriteEndElement(w)).toBe(S_OK);
const chars = (w: WS_XML_WRITER, text: string) => expect(WsWriteChars(w, text)).toBe(S_OK);

function attribute(w: WS_XML_WRITER, prefix: string | null, localName: string, ns: string, value: string | null, singleQuote = false) {
  expect(WsWriteStartAttribute(w, prefix === null ? null : x(prefix), x(localName), x(ns), singleQuote)).toBe(S_OK);
  if (value !== null) expect(WsWriteText(w, utf8(value))).toBe(S_OK);
  expect(WsWriteEndAttribute(w)).toBe(S_OK);
}

const xmlns = (w: WS_XML_WRITER, prefix: string | null, ns: string, singleQuote = false) =>
  expect(WsWriteXmlnsAttribute(w, prefix === null ? null : x(prefix), x(ns), singleQuote)).toBe(S_OK);

function element(w: WS_XML_WRITER, prefix: string | null, localName: string, ns: string, text: string) {
  start(w, prefix, localName, ns);
  chars(w, text);
  end(w);
}

describe("a SOAP 1.2 envelope, byte for byte", () => {
  const ACTION = "http://tempuri.org/ICalculator/Add";

  it("with explicit prefixes: the declarations WsWriteXmlnsAttribute adds come first, as WWSAPI writes envelopes", () => {
    const w = writerWithOutput();
    start(w, "s", "Envelope", SOAP12);
    xmlns(w, "a", WSA10);
    start(w, "s", "Header", SOAP12);
    start(w, "a", "Action", WSA10);
    attribute(w, "s", "mustUnderstand", SOAP12, "1");
    chars(w, ACTION);
    end(w);
    end(w);
    start(w, "s", "Body", SOAP12);
    start(w, "", "Add", TEMPURI);
    element(w, null, "a", TEMPURI, "2");
    element(w, null, "b", TEMPURI, "3");
    end(w);
    end(w);
    end(w);
    expect(output(w)).toBe(
      `<s:Envelope xmlns:a="${WSA10}" xmlns:s="${SOAP12}"><s:Header><a:Action s:mustUnderstand="1">${ACTION}</a:Action></s:Header>` +
        `<s:Body><Add xmlns="${TEMPURI}"><a>2</a><b>3</b></Add></s:Body></s:Envelope>`,
    );
  });

  it("with NULL prefixes: elements take the default namespace, attributes a generated prefix", () => {
    const w = writerWithOutput();
    start(w, null, "Envelope", SOAP12);
    start(w, null, "Header", SOAP12);
    start(w, null, "Action", WSA10);
    attribute(w, null, "mustUnderstand", SOAP12, "1");
    chars(w, ACTION);
    end(w);
    end(w);
    start(w, null, "Body", SOAP12);
    start(w, null, "Add", TEMPURI);
    element(w, null, "a", TEMPURI, "2");
    element(w, null, "b", TEMPURI, "3");
    end(w);
    end(w);
    end(w);
    expect(output(w)).toBe(
      `<Envelope xmlns="${SOAP12}"><Header><Action a:mustUnderstand="1" xmlns="${WSA10}" xmlns:a="${SOAP12}">${ACTION}</Action></Header>` +
        `<Body><Add xmlns="${TEMPURI}"><a>2</a><b>3</b></Add></Body></Envelope>`,
    );
  });

  it("with the default namespace given as the empty prefix, and NULL prefixes finding it in scope", () => {
    const w = writerWithOutput();
    start(w, "", "Envelope", SOAP12);
    start(w, null, "Body", SOAP12);
    start(w, null, "Add", TEMPURI);
    element(w, null, "a", TEMPURI, "2");
    end(w);
    end(w);
    end(w);
    expect(output(w)).toBe(`<Envelope xmlns="${SOAP12}"><Body><Add xmlns="${TEMPURI}"><a>2</a></Add></Body></Envelope>`);
  });
});

describe("elements", () => {
  it("writes nothing until the start tag is committed, then `>` (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "a", "ns");
    expect(output(w)).toBe("");
    expect(WsWriteEndStartElement(w)).toBe(S_OK);
    expect(output(w)).toBe('<p:a xmlns:p="ns">');
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"></p:a>');
  });

  it("writes an element with no content as `<a/>` (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "a", "ns");
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"/>');
    const v = writerWithOutput();
    start(v, "", "a", "");
    end(v);
    expect(output(v)).toBe("<a/>");
  });

  it("writes `<a></a>` with WS_XML_WRITER_PROPERTY_EMIT_UNCOMPRESSED_EMPTY_ELEMENTS", () => {
    const w = writerWithOutput([{ id: WS_XML_WRITER_PROPERTY_EMIT_UNCOMPRESSED_EMPTY_ELEMENTS, value: true }]);
    start(w, null, "a", "");
    attribute(w, null, "b", "", "c");
    end(w);
    expect(output(w)).toBe('<a b="c"></a>');
  });

  it("commits the parent when a child starts, and reuses the prefix in scope (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "a", "ns");
    start(w, null, "b", "ns");
    expect(output(w)).toBe('<p:a xmlns:p="ns">');
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"><p:b/>');
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"><p:b/></p:a>');
  });

  it("declares the default namespace for a NULL prefix and a namespace not in scope (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "a", "ns");
    start(w, null, "b", "ns2");
    end(w);
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"><b xmlns="ns2"/></p:a>');
  });

  it("undeclares the default namespace for an element in no namespace inside it", () => {
    const w = writerWithOutput();
    start(w, null, "a", "x");
    start(w, null, "b", "");
    end(w);
    start(w, "", "c", "");
    end(w);
    end(w);
    expect(output(w)).toBe('<a xmlns="x"><b xmlns=""/><c xmlns=""/></a>');
  });

  it("reuses a prefix in scope and redeclares a prefix bound to another namespace", () => {
    const w = writerWithOutput();
    start(w, "p", "a", "ns");
    start(w, "p", "b", "ns");
    start(w, "p", "c", "ns2");
    start(w, "p", "d", "ns2");
    end(w);
    end(w);
    start(w, null, "e", "ns");
    end(w);
    end(w);
    end(w);
    expect(output(w)).toBe('<p:a xmlns:p="ns"><p:b><p:c xmlns:p="ns2"><p:d/></p:c><p:e/></p:b></p:a>');
  });

  it("uses the xml prefix without declaring it", () => {
    const w = writerWithOutput();
    start(w, null, "a", "");
    attribute(w, "xml", "lang", "http://www.w3.org/XML/1998/namespace", "en");
    attribute(w, null, "space", "http://www.w3.org/XML/1998/namespace", "preserve");
    end(w);
    expect(output(w)).toBe('<a xml:lang="en" xml:space="preserve"/>');
  });
});

describe("attributes", () => {
  it("writes attributes before the namespace declarations (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "str", "ns");
    expect(WsWriteStartAttribute(w, x("p"), x("len"), x("ns"), false)).toBe(S_OK);
    expect(output(w)).toBe("");
    expect(WsWriteText(w, utf8("0"))).toBe(S_OK);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    expect(output(w)).toBe("");
    end(w);
    expect(output(w)).toBe('<p:str p:len="0" xmlns:p="ns"/>');
  });

  it("writes an attribute in no namespace without a prefix, and finds the element's prefix for a NULL one (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "str", "ns");
    attribute(w, "", "len", "", null);
    end(w);
    expect(output(w)).toBe('<p:str len="" xmlns:p="ns"/>');
    const v = writerWithOutput();
    start(v, "p", "str", "ns");
    attribute(v, null, "len", "", null);
    attribute(v, null, "str", "ns", null);
    end(v);
    expect(output(v)).toBe('<p:str len="" p:str="" xmlns:p="ns"/>');
  });

  it("declares the attributes' namespaces after the element's (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "t", "n");
    attribute(w, "q", "a", "o", null);
    end(w);
    expect(output(w)).toBe('<p:t q:a="" xmlns:p="n" xmlns:q="o"/>');
  });

  it("generates the prefix a, then b, for attributes in namespaces not in scope (Windows: xmlns:a)", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    start(w, null, "u", "");
    attribute(w, null, "nil", XSI, "true");
    end(w);
    start(w, null, "v", "");
    attribute(w, null, "nil", XSI, "true");
    attribute(w, null, "other", "urn:other", "1");
    attribute(w, null, "again", XSI, "2");
    end(w);
    end(w);
    expect(output(w)).toBe(
      `<t><u a:nil="true" xmlns:a="${XSI}"/><v a:nil="true" b:other="1" a:again="2" xmlns:a="${XSI}" xmlns:b="urn:other"/></t>`,
    );
  });

  it("skips a generated prefix that is bound in scope to another namespace", () => {
    const w = writerWithOutput();
    start(w, "a", "t", "urn:a");
    start(w, null, "u", "");
    attribute(w, null, "x", "urn:x", "1");
    attribute(w, null, "y", "urn:a", "2");
    end(w);
    end(w);
    expect(output(w)).toBe('<a:t xmlns:a="urn:a"><u b:x="1" a:y="2" xmlns:b="urn:x"/></a:t>');
  });

  it("writes single-quoted attributes", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    attribute(w, null, "a", "", "v", true);
    end(w);
    expect(output(w)).toBe("<t a='v'/>");
  });

  it("concatenates the texts of an attribute value (Windows)", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(WsWriteStartAttribute(w, null, x("a"), x(""), false)).toBe(S_OK);
    expect(WsWriteText(w, utf8("tset"))).toBe(S_OK);
    expect(WsWriteText(w, utf8("test"))).toBe(S_OK);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe('<t a="tsettest"/>');
  });

  it("reports WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(property(w, WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE)).toBe(false);
    expect(WsWriteStartAttribute(w, null, x("a"), x(""), false)).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE)).toBe(true);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE)).toBe(false);
  });
});

describe("WsWriteXmlnsAttribute (Windows)", () => {
  function prepared(): WS_XML_WRITER {
    const w = writerWithOutput();
    start(w, "prefix", "t", "ns");
    return w;
  }

  it("with a NULL prefix declares the default namespace after the element's declaration", () => {
    const w = prepared();
    xmlns(w, null, "ns2");
    end(w);
    expect(output(w)).toBe('<prefix:t xmlns:prefix="ns" xmlns="ns2"/>');
  });

  it("with a prefix writes the declaration before the element's own", () => {
    const w = prepared();
    xmlns(w, "prefix2", "ns2");
    end(w);
    expect(output(w)).toBe('<prefix:t xmlns:prefix2="ns2" xmlns:prefix="ns"/>');
  });

  it("declares the element's prefix explicitly, once, with its quote", () => {
    const w = prepared();
    xmlns(w, "prefix", "ns", true);
    end(w);
    expect(output(w)).toBe("<prefix:t xmlns:prefix='ns'/>");
  });

  it("writes a repeated declaration once", () => {
    const w = prepared();
    xmlns(w, "prefix2", "ns");
    xmlns(w, "prefix2", "ns");
    end(w);
    expect(output(w)).toBe('<prefix:t xmlns:prefix2="ns" xmlns:prefix="ns"/>');
  });

  it("writes single quotes", () => {
    const w = prepared();
    xmlns(w, "prefix2", "ns", true);
    end(w);
    expect(output(w)).toBe(`<prefix:t xmlns:prefix2='ns' xmlns:prefix="ns"/>`);
  });

  it("puts declarations after the attributes, in the order written", () => {
    const w = prepared();
    xmlns(w, "prefix", "ns", true);
    attribute(w, "prefix", "attr", "ns", null, true);
    xmlns(w, "prefix2", "ns2", true);
    end(w);
    expect(output(w)).toBe("<prefix:t prefix:attr='' xmlns:prefix='ns' xmlns:prefix2='ns2'/>");
  });

  it("brings the declaration into scope for the children", () => {
    const w = prepared();
    xmlns(w, "prefix2", "ns2", true);
    start(w, "prefix2", "u", "ns2");
    end(w);
    end(w);
    expect(output(w)).toBe(`<prefix:t xmlns:prefix2='ns2' xmlns:prefix="ns"><prefix2:u/></prefix:t>`);
  });

  it("binding one prefix to two namespaces fails when the start tag is written", () => {
    const w = prepared();
    xmlns(w, "prefix2", "ns");
    xmlns(w, "prefix2", "ns2");
    expect(WsWriteEndElement(w)).toBe(WS_E_INVALID_FORMAT);
    const v = prepared();
    xmlns(v, "prefix", "ns2", true);
    expect(WsWriteEndElement(v)).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses an attribute with the prefix xmlns when the start tag is written", () => {
    const w = prepared();
    expect(WsWriteStartAttribute(w, x("xmlns"), x("prefix2"), x("ns2"), true)).toBe(S_OK);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    expect(WsWriteEndElement(w)).toBe(WS_E_INVALID_FORMAT);
  });

  it("needs a start element", () => {
    const w = writerWithOutput();
    expect(WsWriteXmlnsAttribute(w, null, x("ns"), false)).toBe(WS_E_INVALID_OPERATION);
  });

  it("refuses a prefix with an empty namespace, and the reserved bindings", () => {
    expect(WsWriteXmlnsAttribute(prepared(), x("p"), x(""), false)).toBe(WS_E_INVALID_FORMAT);
    expect(WsWriteXmlnsAttribute(prepared(), x("xmlns"), x("ns"), false)).toBe(WS_E_INVALID_FORMAT);
    expect(WsWriteXmlnsAttribute(prepared(), x("xml"), x("ns"), false)).toBe(WS_E_INVALID_FORMAT);
    expect(WsWriteXmlnsAttribute(prepared(), x("p"), x("http://www.w3.org/2000/xmlns/"), false)).toBe(WS_E_INVALID_FORMAT);
  });

  it("does not write a declaration already in effect", () => {
    const w = prepared();
    start(w, "prefix", "u", "ns");
    xmlns(w, "prefix", "ns");
    xmlns(w, "xml", "http://www.w3.org/XML/1998/namespace");
    end(w);
    end(w);
    expect(output(w)).toBe('<prefix:t xmlns:prefix="ns"><prefix:u/></prefix:t>');
  });
});

describe("WsGetPrefixFromNamespace", () => {
  it("finds prefixes of committed elements only (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "t", "ns");
    const prefix = ref<WS_XML_STRING | null>(null);
    expect(WsGetPrefixFromNamespace(w, x("ns"), true, prefix)).toBe(WS_E_INVALID_FORMAT);
    expect(WsWriteEndStartElement(w)).toBe(S_OK);
    expect(WsGetPrefixFromNamespace(w, x("ns"), true, prefix)).toBe(S_OK);
    expect(decoder.decode(prefix.value!.bytes)).toBe("p");
    expect(WsGetPrefixFromNamespace(w, x("ns"), false, prefix)).toBe(S_OK);
    expect(decoder.decode(prefix.value!.bytes)).toBe("p");
  });

  it("answers S_FALSE and NULL, or WS_E_INVALID_FORMAT, for a namespace not in scope (Windows)", () => {
    const w = writerWithOutput();
    start(w, "p", "t", "ns");
    expect(WsWriteEndStartElement(w)).toBe(S_OK);
    const prefix = ref<WS_XML_STRING | null>(x("unchanged"));
    expect(WsGetPrefixFromNamespace(w, x("ns2"), true, prefix)).toBe(WS_E_INVALID_FORMAT);
    expect(decoder.decode(prefix.value!.bytes)).toBe("unchanged");
    expect(WsGetPrefixFromNamespace(w, x("ns2"), false, prefix)).toBe(S_FALSE);
    expect(prefix.value).toBeNull();
  });

  it("forgets an element's prefixes at its end (Windows), and knows xml, xmlns and the default namespace", () => {
    const w = writerWithOutput();
    start(w, "p", "t", "ns");
    end(w);
    const prefix = ref<WS_XML_STRING | null>(null);
    expect(WsGetPrefixFromNamespace(w, x("ns"), true, prefix)).toBe(WS_E_INVALID_FORMAT);
    expect(WsGetPrefixFromNamespace(w, x("http://www.w3.org/XML/1998/namespace"), true, prefix)).toBe(S_OK);
    expect(decoder.decode(prefix.value!.bytes)).toBe("xml");
    expect(WsGetPrefixFromNamespace(w, x("http://www.w3.org/2000/xmlns/"), true, prefix)).toBe(S_OK);
    expect(decoder.decode(prefix.value!.bytes)).toBe("xmlns");
    const v = writerWithOutput();
    start(v, null, "a", "urn:d");
    expect(WsWriteEndStartElement(v)).toBe(S_OK);
    expect(WsGetPrefixFromNamespace(v, x("urn:d"), true, prefix)).toBe(S_OK);
    expect(prefix.value!.bytes.length).toBe(0);
  });

  it("needs an output", () => {
    expect(WsGetPrefixFromNamespace(newWriter(), x("ns"), false, ref<WS_XML_STRING | null>(null))).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("WsWriteQualifiedName (Windows)", () => {
  const cases: [string | null, string, string | null, number, string | null][] = [
    [null, "t2", null, E_INVALIDARG, null],
    ["p2", "t2", null, S_OK, "p2:t2"],
    [null, "t2", "ns2", WS_E_INVALID_FORMAT, null],
    [null, "t2", "ns", S_OK, "p:t2"],
    ["p2", "t2", "ns2", S_OK, "p2:t2"],
    ["p2", "t2", "ns", S_OK, "p2:t2"],
    ["p", "t", null, S_OK, "p:t"],
    [null, "t", "ns", S_OK, "p:t"],
    ["p2", "", "", S_OK, "p2:"],
    ["p2", "", "ns2", S_OK, "p2:"],
    ["p2", "t2", "", S_OK, "p2:t2"],
    ["", "t2", "", S_OK, "t2"],
    ["", "", "ns2", S_OK, ""],
    ["", "", "", S_OK, ""],
  ];
  it.each(cases)("prefix %j, local name %j, namespace %j", (prefix, localName, ns, hr, result) => {
    const w = writerWithOutput();
    start(w, "p", "t", "ns");
    expect(WsWriteQualifiedName(w, prefix === null ? null : x(prefix), x(localName), ns === null ? null : x(ns))).toBe(hr);
    if (result !== null) expect(output(w)).toBe(`<p:t xmlns:p="ns">${result}`);
  });

  it("needs an output, then an element", () => {
    expect(WsWriteQualifiedName(newWriter(), null, x("t"), x("ns"))).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteQualifiedName(writerWithOutput(), x("p"), x("t"), null)).toBe(WS_E_INVALID_FORMAT);
  });

  it("writes a qualified name as an attribute value, finding the prefix on the start tag", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    attribute(w, null, "nil", XSI, "true");
    expect(WsWriteStartAttribute(w, null, x("type"), x(XSI), false)).toBe(S_OK);
    expect(WsWriteQualifiedName(w, null, x("string"), x(XSI))).toBe(S_OK);
    expect(WsWriteEndAttribute(w)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe(`<t a:nil="true" a:type="a:string" xmlns:a="${XSI}"/>`);
  });
});

describe("escaping", () => {
  function inElement(text: string, properties: WS_XML_WRITER_PROPERTY[] | null = null): string {
    const w = writerWithOutput(properties);
    start(w, null, "t", "");
    expect(WsWriteText(w, utf8(text))).toBe(S_OK);
    end(w);
    return output(w);
  }

  function inAttribute(text: string, singleQuote = false): string {
    const w = writerWithOutput();
    start(w, null, "t", "");
    attribute(w, null, "t", "", text, singleQuote);
    end(w);
    return output(w);
  }

  it("escapes <, > and & in element content and leaves quotes (Windows)", () => {
    expect(inElement("<")).toBe("<t>&lt;</t>");
    expect(inElement(">")).toBe("<t>&gt;</t>");
    expect(inElement('"')).toBe('<t>"</t>');
    expect(inElement("&")).toBe("<t>&amp;</t>");
    expect(inElement("&&")).toBe("<t>&amp;&amp;</t>");
    expect(inElement("'")).toBe("<t>'</t>");
    expect(inElement("a]]>b")).toBe("<t>a]]&gt;b</t>");
  });

  it("escapes <, & and the delimiting quote in attribute values, not > (Windows)", () => {
    expect(inAttribute("<")).toBe('<t t="&lt;"/>');
    expect(inAttribute(">")).toBe('<t t=">"/>');
    expect(inAttribute('"')).toBe('<t t="&quot;"/>');
    expect(inAttribute("&")).toBe('<t t="&amp;"/>');
    expect(inAttribute("'")).toBe(`<t t="'"/>`);
    expect(inAttribute('"', true)).toBe(`<t t='"'/>`);
    expect(inAttribute("'", true)).toBe("<t t='&apos;'/>");
  });

  it("writes CR as a character reference in content and TAB, LF, CR in attribute values", () => {
    expect(inElement("a\tb\nc\rd\r\n")).toBe("<t>a\tb\nc&#xD;d&#xD;\n</t>");
    expect(inAttribute("a\tb\nc\rd")).toBe('<t t="a&#x9;b&#xA;c&#xD;d"/>');
  });

  it("writes non-ASCII text as it is", () => {
    expect(inElement("hello é世 🎉")).toBe("<t>hello é世 🎉</t>");
    expect(inAttribute("é世")).toBe('<t t="é世"/>');
  });

  it("refuses characters XML does not allow, unless WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    const error = newError();
    expect(WsWriteText(w, utf8("a\u0001b"), error)).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      "WsWriteText: the text contains U+0001 at byte 1, a character XML 1.0 does not allow (set WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES to write it as a character reference).",
    );
    expect(inElement("a\u0001b\uffff", [{ id: WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES, value: true }])).toBe(
      "<t>a&#x1;b&#xFFFF;</t>",
    );
  });

  it("refuses malformed UTF-8 and unpaired surrogates", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(WsWriteCharsUtf8(w, Uint8Array.of(0x61, 0xc3))).toBe(WS_E_INVALID_FORMAT);
    const v = writerWithOutput();
    start(v, null, "t", "");
    expect(WsWriteChars(v, "a\ud800b")).toBe(WS_E_INVALID_FORMAT);
  });

  it("writes CDATA sections and comments as they are (Windows)", () => {
    for (const text of ["<", ">", '"', "&", "[", "]", "'"]) {
      const w = writerWithOutput();
      start(w, null, "t", "");
      expect(WsWriteStartCData(w)).toBe(S_OK);
      expect(WsWriteText(w, utf8(text))).toBe(S_OK);
      expect(WsWriteEndCData(w)).toBe(S_OK);
      end(w);
      expect(output(w)).toBe(`<t><![CDATA[${text}]]></t>`);
    }
    for (const text of ["<", ">", '"', "&", "'"]) {
      const w = writerWithOutput();
      start(w, null, "t", "");
      expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x(text) } as never)).toBe(S_OK);
      end(w);
      expect(output(w)).toBe(`<t><!--${text}--></t>`);
    }
  });

  it("escapes namespace values in declarations", () => {
    const w = writerWithOutput();
    start(w, "p", "t", 'urn:a&b"c');
    end(w);
    expect(output(w)).toBe('<p:t xmlns:p="urn:a&amp;b&quot;c"/>');
  });
});

describe("text", () => {
  it("concatenates texts in element content (Windows)", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(WsWriteText(w, utf8("test"))).toBe(S_OK);
    expect(output(w)).toBe("<t>test");
    expect(WsWriteText(w, utf8("tset"))).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>testtset</t>");
  });

  it("writes UTF-16 texts, in content and in attributes (Windows)", () => {
    const text = { textType: WS_XML_TEXT_TYPE_UTF16, bytes: utf16le("test") } as never;
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(WsWriteText(w, text)).toBe(S_OK);
    expect(WsWriteText(w, text)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>testtest</t>");
    const v = writerWithOutput();
    start(v, null, "t", "");
    expect(WsWriteStartAttribute(v, null, x("a"), x(""), false)).toBe(S_OK);
    expect(WsWriteText(v, text)).toBe(S_OK);
    expect(WsWriteText(v, text)).toBe(S_OK);
    expect(WsWriteEndAttribute(v)).toBe(S_OK);
    end(v);
    expect(output(v)).toBe('<t a="testtest"/>');
  });

  it("writes BOOL, INT32, INT64, UINT64 and QNAME texts (Windows)", () => {
    const texts: [object, string][] = [
      [{ textType: WS_XML_TEXT_TYPE_BOOL, value: true }, "true"],
      [{ textType: WS_XML_TEXT_TYPE_INT32, value: -2147483648 }, "-2147483648"],
      [{ textType: WS_XML_TEXT_TYPE_INT64, value: -9223372036854775808n }, "-9223372036854775808"],
      [{ textType: WS_XML_TEXT_TYPE_UINT64, value: 18446744073709551615n }, "18446744073709551615"],
      [{ textType: WS_XML_TEXT_TYPE_QNAME, prefix: null, localName: x("u"), ns: x("") }, "u"],
    ];
    for (const [text, result] of texts) {
      const w = writerWithOutput();
      start(w, null, "t", "");
      expect(WsWriteText(w, text as never)).toBe(S_OK);
      end(w);
      expect(output(w)).toBe(`<t>${result}</t>`);
    }
    const w = writerWithOutput();
    start(w, "p", "t", "ns");
    expect(WsWriteText(w, { textType: WS_XML_TEXT_TYPE_QNAME, prefix: x("p"), localName: x("u"), ns: x("ns") } as never)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe('<p:t xmlns:p="ns">p:u</p:t>');
  });

  it("writes a GUID text in the registry form, lower case", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    const guid = Uint8Array.from([0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
    expect(WsWriteText(w, { textType: WS_XML_TEXT_TYPE_GUID, value: guid } as never)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t>00112233-4455-6677-8899-aabbccddeeff</t>");
  });

  it("keeps an attribute value to one kind of text (WsWriteText: the text type must be the same)", () => {
    const mixed: [(w: WS_XML_WRITER) => number, (w: WS_XML_WRITER) => number][] = [
      [(w) => WsWriteText(w, utf8("a")), (w) => WsWriteText(w, { textType: WS_XML_TEXT_TYPE_UTF16, bytes: utf16le("b") } as never)],
      [
        (w) => WsWriteText(w, { textType: WS_XML_TEXT_TYPE_BOOL, value: true } as never),
        (w) => WsWriteText(w, { textType: WS_XML_TEXT_TYPE_BOOL, value: true } as never),
      ],
      [(w) => WsWriteChars(w, "a"), (w) => WsWriteCharsUtf8(w, x("b").bytes)],
      [(w) => WsWriteCharsUtf8(w, x("a").bytes), (w) => WsWriteText(w, utf8("b"))],
    ];
    for (const [first, second] of mixed) {
      const w = writerWithOutput();
      start(w, null, "t", "");
      expect(WsWriteStartAttribute(w, null, x("a"), x(""), false)).toBe(S_OK);
      expect(first(w)).toBe(S_OK);
      expect(second(w)).toBe(WS_E_INVALID_OPERATION);
    }
  });

  it("writes characters with WsWriteChars and WsWriteCharsUtf8 (Windows)", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    chars(w, "test");
    chars(w, "test");
    end(w);
    expect(output(w)).toBe("<t>testtest</t>");
    const v = writerWithOutput();
    start(v, null, "t", "");
    expect(WsWriteStartAttribute(v, null, x("a"), x(""), false)).toBe(S_OK);
    expect(WsWriteCharsUtf8(v, x("test").bytes)).toBe(S_OK);
    expect(WsWriteCharsUtf8(v, x("test").bytes)).toBe(S_OK);
    expect(WsWriteEndAttribute(v)).toBe(S_OK);
    end(v);
    expect(output(v)).toBe('<t a="testtest"/>');
  });

  it("leaves an element with only empty text empty", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    chars(w, "");
    end(w);
    expect(output(w)).toBe("<t/>");
  });

  it("writes CDATA (Windows), and refuses ]]> inside it", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(output(w)).toBe("");
    expect(WsWriteStartCData(w)).toBe(S_OK);
    expect(output(w)).toBe("<t><![CDATA[");
    expect(WsWriteText(w, utf8("<data>"))).toBe(S_OK);
    expect(WsWriteEndCData(w)).toBe(S_OK);
    end(w);
    expect(output(w)).toBe("<t><![CDATA[<data>]]></t>");
    const v = writerWithOutput();
    start(v, null, "t", "");
    expect(WsWriteStartCData(v)).toBe(S_OK);
    expect(WsWriteChars(v, "a]")).toBe(S_OK);
    expect(WsWriteChars(v, "]>")).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("WsWriteNode", () => {
  it("writes element, comment, BOF, EOF, CDATA, text and end element nodes (Windows)", () => {
    const w = writerWithOutput();
    const elementNode = {
      nodeType: WS_XML_NODE_TYPE_ELEMENT,
      prefix: null,
      localName: x("t"),
      ns: x(""),
      attributes: [{ singleQuote: 1, isXmlNs: 0, prefix: null, localName: x("attr"), ns: x(""), value: utf8("value") }],
      isEmpty: false,
    };
    const node = (n: object) => expect(WsWriteNode(w, n as WS_XML_NODE)).toBe(S_OK);
    node(elementNode);
    node({ nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("comment") });
    node({ nodeType: WS_XML_NODE_TYPE_EOF });
    node({ nodeType: WS_XML_NODE_TYPE_BOF });
    node({ nodeType: WS_XML_NODE_TYPE_CDATA });
    node({ nodeType: WS_XML_NODE_TYPE_TEXT, text: utf8("cdata") });
    node({ nodeType: WS_XML_NODE_TYPE_END_CDATA });
    node({ nodeType: WS_XML_NODE_TYPE_TEXT, text: utf8("text") });
    node({ nodeType: WS_XML_NODE_TYPE_END_ELEMENT });
    expect(output(w)).toBe("<t attr='value'><!--comment--><![CDATA[cdata]]>text</t>");
  });

  it("writes an element node's xmlns attributes as declarations", () => {
    const w = writerWithOutput();
    const node = {
      nodeType: WS_XML_NODE_TYPE_ELEMENT,
      prefix: x("s"),
      localName: x("Envelope"),
      ns: x("urn:soap"),
      attributes: [
        { singleQuote: 0, isXmlNs: 1, prefix: x("s"), localName: null, ns: x("urn:soap"), value: null },
        { singleQuote: 0, isXmlNs: 1, prefix: x(""), localName: null, ns: x("urn:d"), value: null },
      ],
      isEmpty: true,
    };
    expect(WsWriteNode(w, node as never)).toBe(S_OK);
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_END_ELEMENT } as never)).toBe(S_OK);
    expect(output(w)).toBe('<s:Envelope xmlns:s="urn:soap" xmlns="urn:d"/>');
  });

  it("checks the node's fields (E_INVALIDARG)", () => {
    const w = writerWithOutput();
    expect(WsWriteNode(w, { nodeType: 5 } as never)).toBe(E_INVALIDARG);
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_ELEMENT, prefix: null, localName: "t", ns: x(""), attributes: [] } as never)).toBe(
      E_INVALIDARG,
    );
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_TEXT, text: null } as never)).toBe(E_INVALIDARG);
  });

  it("refuses a comment with --", () => {
    const w = writerWithOutput();
    expect(WsWriteNode(w, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("a--b") } as never)).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("encodings and output", () => {
  it("writes UTF-16LE and UTF-16BE", () => {
    for (const [charSet, littleEndian] of [
      [WS_CHARSET_UTF16LE, true],
      [WS_CHARSET_UTF16BE, false],
    ] as const) {
      const w = newWriter();
      expect(setOutput(w, charSet)).toBe(S_OK);
      start(w, null, "t", "");
      attribute(w, null, "a", "", "é");
      chars(w, "世🎉<");
      end(w);
      const expected = '<t a="é">世🎉&lt;</t>';
      const bytes = new Uint8Array(expected.length * 2);
      for (let i = 0; i < expected.length; i++) {
        const unit = expected.charCodeAt(i);
        bytes[2 * i + (littleEndian ? 0 : 1)] = unit & 0xff;
        bytes[2 * i + (littleEndian ? 1 : 0)] = unit >> 8;
      }
      expect(outputBytes(w)).toEqual(bytes);
      expect(property(w, WS_XML_WRITER_PROPERTY_CHARSET)).toBe(charSet);
      expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(bytes.length);
    }
  });

  it("spells out UTF-16LE bytes", () => {
    const w = newWriter();
    expect(setOutput(w, WS_CHARSET_UTF16LE)).toBe(S_OK);
    start(w, null, "a", "");
    chars(w, "é");
    end(w);
    expect(Array.from(outputBytes(w))).toEqual([0x3c, 0, 0x61, 0, 0x3e, 0, 0xe9, 0, 0x3c, 0, 0x2f, 0, 0x61, 0, 0x3e, 0]);
  });

  it("writes the XML declaration with WS_XML_WRITER_PROPERTY_WRITE_DECLARATION", () => {
    const w = writerWithOutput([{ id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true }]);
    start(w, null, "a", "");
    end(w);
    expect(output(w)).toBe('<?xml version="1.0" encoding="utf-8"?><a/>');
  });

  it("returns the bytes as WS_XML_WRITER_PROPERTY_BUFFERS, and counts BYTES_WRITTEN without the pending start tag", () => {
    const w = writerWithOutput();
    expect(property(w, WS_XML_WRITER_PROPERTY_BUFFERS)).toEqual({ buffers: [] });
    expect(outputBytes(w).length).toBe(0);
    start(w, null, "a", "");
    start(w, null, "bb", "");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(3);
    // `<bb` + `>` + `</bb>` + `</a>`
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE)).toBe(4 + 5 + 4);
    end(w);
    end(w);
    const buffers = property(w, WS_XML_WRITER_PROPERTY_BUFFERS) as { buffers: Uint8Array[] };
    expect(buffers.buffers.map((b) => decoder.decode(b))).toEqual(["<a><bb/></a>"]);
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE)).toBe(0);
  });

  it("keeps bytes handed out valid after more writes and after WsSetOutput", () => {
    const w = writerWithOutput();
    start(w, null, "a", "");
    chars(w, "x");
    const before = outputBytes(w);
    chars(w, "y".repeat(1000));
    end(w);
    expect(setOutput(w)).toBe(S_OK);
    element(w, null, "z", "", "zzz");
    expect(decoder.decode(before)).toBe("<a>x");
  });

  it("limits the document to WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE (WS_E_QUOTA_EXCEEDED)", () => {
    const w = writerWithOutput([{ id: WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE, value: 10 }]);
    start(w, null, "a", "");
    chars(w, "1234567");
    expect(property(w, WS_XML_WRITER_PROPERTY_BYTES_WRITTEN)).toBe(10);
    expect(WsWriteChars(w, "8")).toBe(WS_E_QUOTA_EXCEEDED);
  });

  it("flushes buffer output synchronously", () => {
    const w = writerWithOutput();
    let called = false;
    expect(WsFlushWriter(w, 0, null)).toBe(S_OK);
    expect(WsFlushWriter(w, 0, { callback: () => (called = true), callbackState: null } as never)).toBe(S_OK);
    expect(called).toBe(false);
    expect(WsFlushWriter(newWriter(), 0, null)).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("properties", () => {
  it("has WWSAPI's defaults once an output is set (Windows)", () => {
    const w = writerWithOutput();
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_DEPTH)).toBe(32);
    expect(property(w, WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT)).toBe(false);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES)).toBe(128);
    expect(property(w, WS_XML_WRITER_PROPERTY_WRITE_DECLARATION)).toBe(false);
    expect(property(w, WS_XML_WRITER_PROPERTY_INDENT)).toBe(0);
    expect(property(w, WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE)).toBe(4096);
    expect(property(w, WS_XML_WRITER_PROPERTY_CHARSET)).toBe(WS_CHARSET_UTF8);
    expect(property(w, WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE)).toBe(65536);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE)).toBe(65536);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_NAMESPACES)).toBe(32);
    expect(property(w, WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES)).toBe(false);
  });

  it("answers no property before WsSetOutput (Windows: WS_E_INVALID_OPERATION)", () => {
    const value = ref<unknown>("unchanged");
    expect(WsGetWriterProperty(newWriter(), WS_XML_WRITER_PROPERTY_MAX_DEPTH, value)).toBe(WS_E_INVALID_OPERATION);
    expect(value.value).toBe("unchanged");
  });

  it("takes properties from WsCreateWriter, overridden by WsSetOutput (Windows)", () => {
    const w = newWriter([{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 16 }]);
    expect(setOutput(w)).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_DEPTH)).toBe(16);
    expect(setOutput(w, WS_CHARSET_UTF8, [{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 8 }])).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_DEPTH)).toBe(8);
    expect(setOutput(w)).toBe(S_OK);
    expect(property(w, WS_XML_WRITER_PROPERTY_MAX_DEPTH)).toBe(16);
  });

  it("refuses read-only properties and wrong values (Windows: E_INVALIDARG)", () => {
    const writer = ref<WS_XML_WRITER | null>(null);
    const readOnly: WS_XML_WRITER_PROPERTY_ID[] = [
      WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
      WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
      WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
    ];
    for (const id of readOnly) {
      expect(WsCreateWriter([{ id, value: 1 }], writer)).toBe(E_INVALIDARG);
    }
    expect(WsCreateWriter([{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: true }], writer)).toBe(E_INVALIDARG);
    expect(WsCreateWriter([{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: 1 }], writer)).toBe(E_INVALIDARG);
  });
});

describe("WsSetOutput", () => {
  it("returns E_NOTIMPL for formatted output, saying so (the raw encoding and stream output are in raw/ and streams/)", () => {
    const w = newWriter();
    const error = newError();
    expect(setOutput(w, WS_CHARSET_UTF8, [{ id: WS_XML_WRITER_PROPERTY_INDENT, value: 2 }], error)).toBe(E_NOTIMPL);
    expect(firstString(error)).toContain("not implemented yet");
    expect(
      WsSetOutput(
        w,
        { encodingType: WS_XML_WRITER_ENCODING_TYPE_RAW } as never,
        { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never,
        null,
        error,
      ),
    ).toBe(S_OK);
    expect(setOutput(w, WS_CHARSET_UTF8, [{ id: WS_XML_WRITER_PROPERTY_INDENT, value: 2 }])).toBe(E_NOTIMPL);
  });

  it("refuses WS_CHARSET_AUTO and a missing output (E_INVALIDARG)", () => {
    const w = newWriter();
    expect(setOutput(w, WS_CHARSET_AUTO)).toBe(E_INVALIDARG);
    expect(WsSetOutput(w, { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never, null, null)).toBe(
      E_INVALIDARG,
    );
  });

  it("with a NULL encoding leaves a writer every write fails on", () => {
    const w = writerWithOutput();
    expect(WsSetOutput(w, null, null, null)).toBe(S_OK);
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(WS_E_INVALID_OPERATION);
  });

  it("starts a new document each time (Windows: multiple calls are allowed)", () => {
    const w = writerWithOutput();
    start(w, null, "a", "");
    expect(setOutput(w)).toBe(S_OK);
    element(w, null, "b", "", "c");
    expect(output(w)).toBe("<b>c</b>");
  });
});

describe("errors", () => {
  function failure(act: (w: WS_XML_WRITER, error: WS_ERROR) => number, properties: WS_XML_WRITER_PROPERTY[] | null = null) {
    const w = writerWithOutput(properties);
    const error = newError();
    const hr = act(w, error);
    return { hr, message: hr < 0 ? firstString(error) : "" };
  }

  it("needs an output first (WS_E_INVALID_OPERATION)", () => {
    const w = newWriter();
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteChars(w, "test")).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteCharsUtf8(w, x("test").bytes)).toBe(WS_E_INVALID_OPERATION);
    expect(WsWriteEndElement(w)).toBe(WS_E_INVALID_OPERATION);
  });

  it("refuses an end element with none open (WsWriteEndElement: WS_E_INVALID_FORMAT)", () => {
    expect(failure((w, e) => WsWriteEndElement(w, e))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: "WsWriteEndElement: there is no open element to end.",
    });
  });

  it("refuses an attribute outside a start tag (WS_E_INVALID_OPERATION)", () => {
    expect(failure((w, e) => WsWriteStartAttribute(w, null, x("a"), x(""), false, e))).toEqual({
      hr: WS_E_INVALID_OPERATION,
      message:
        "WsWriteStartAttribute: an attribute can only be written right after WsWriteStartElement, before the element has any content.",
    });
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        chars(w, "content");
        return WsWriteStartAttribute(w, null, x("a"), x(""), false, e);
      }).hr,
    ).toBe(WS_E_INVALID_OPERATION);
    expect(failure((w, e) => WsWriteEndAttribute(w, e)).hr).toBe(WS_E_INVALID_OPERATION);
  });

  it("refuses elements, a second attribute and the end of the element while an attribute is open (WS_E_INVALID_OPERATION)", () => {
    for (const act of [
      (w: WS_XML_WRITER, e: WS_ERROR) => WsWriteStartElement(w, null, x("b"), x(""), e),
      (w: WS_XML_WRITER, e: WS_ERROR) => WsWriteStartAttribute(w, null, x("b"), x(""), false, e),
      (w: WS_XML_WRITER, e: WS_ERROR) => WsWriteEndElement(w, e),
      (w: WS_XML_WRITER, e: WS_ERROR) => WsWriteXmlnsAttribute(w, x("p"), x("ns"), false, e),
      (w: WS_XML_WRITER, e: WS_ERROR) => WsWriteStartCData(w, e),
    ]) {
      const result = failure((w, e) => {
        start(w, null, "t", "");
        expect(WsWriteStartAttribute(w, null, x("a"), x(""), false)).toBe(S_OK);
        return act(w, e);
      });
      expect(result.hr).toBe(WS_E_INVALID_OPERATION);
      expect(result.message).toContain("call WsWriteEndAttribute first");
    }
  });

  it("refuses invalid names (WS_E_INVALID_FORMAT, the rules of WsVerifyXmlNCName)", () => {
    expect(failure((w, e) => WsWriteStartElement(w, null, x("1a"), x(""), e))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: 'WsWriteStartElement: the local name "1a" is not a valid NCName: the character at index 0 cannot start a name.',
    });
    expect(failure((w, e) => WsWriteStartElement(w, null, x("a:b"), x(""), e)).message).toBe(
      "WsWriteStartElement: the local name \"a:b\" is not a valid NCName: ':' at index 1 is not allowed in an NCName.",
    );
    expect(failure((w, e) => WsWriteStartElement(w, null, x(""), x(""), e)).hr).toBe(WS_E_INVALID_FORMAT);
    expect(failure((w, e) => WsWriteStartElement(w, x("p q"), x("a"), x("ns"), e)).hr).toBe(WS_E_INVALID_FORMAT);
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        return WsWriteStartAttribute(w, null, x("a b"), x(""), false, e);
      }).hr,
    ).toBe(WS_E_INVALID_FORMAT);
    expect(failure((w, e) => WsWriteStartElement(w, null, { bytes: "a" } as never, x(""), e)).hr).toBe(E_INVALIDARG);
  });

  it("refuses a prefix with an empty namespace (WsWriteStartElement, WsWriteStartAttribute: WS_E_INVALID_FORMAT)", () => {
    expect(failure((w, e) => WsWriteStartElement(w, x("p"), x("a"), x(""), e))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message: 'WsWriteStartElement: the element <p:a> has the prefix "p" but an empty namespace.',
    });
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        return WsWriteStartAttribute(w, x("p"), x("a"), x(""), false, e);
      }).hr,
    ).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses text outside the root element without ALLOW_FRAGMENT (Windows: WS_E_INVALID_FORMAT), but not white space", () => {
    expect(failure((w, e) => WsWriteText(w, utf8("test"), e))).toEqual({
      hr: WS_E_INVALID_FORMAT,
      message:
        "WsWriteText: only white space can be written outside the root element unless WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT is TRUE.",
    });
    const w = writerWithOutput();
    chars(w, " \n");
    element(w, null, "a", "", "b");
    chars(w, "\t");
    expect(output(w)).toBe(" \n<a>b</a>\t");
  });

  it("refuses a second root element without ALLOW_FRAGMENT, and writes fragments with it", () => {
    expect(
      failure((w, e) => {
        element(w, null, "a", "", "1");
        return WsWriteStartElement(w, null, x("b"), x(""), e);
      }).hr,
    ).toBe(WS_E_INVALID_FORMAT);
    const w = writerWithOutput([{ id: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT, value: true }]);
    chars(w, "text ");
    element(w, null, "a", "", "1");
    element(w, null, "b", "", "2");
    expect(output(w)).toBe("text <a>1</a><b>2</b>");
  });

  it("refuses CDATA at the root, nested, or ended without a start (WS_E_INVALID_OPERATION)", () => {
    expect(failure((w, e) => WsWriteStartCData(w, e)).hr).toBe(WS_E_INVALID_OPERATION);
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        return WsWriteEndCData(w, e);
      }),
    ).toEqual({ hr: WS_E_INVALID_OPERATION, message: "WsWriteEndCData: no CDATA section is open; call WsWriteStartCData first." });
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        expect(WsWriteStartCData(w)).toBe(S_OK);
        return WsWriteStartCData(w, e);
      }).hr,
    ).toBe(WS_E_INVALID_OPERATION);
    expect(
      failure((w, e) => {
        start(w, null, "t", "");
        expect(WsWriteStartCData(w)).toBe(S_OK);
        return WsWriteEndElement(w, e);
      }).hr,
    ).toBe(WS_E_INVALID_OPERATION);
  });

  it("enforces WS_XML_WRITER_PROPERTY_MAX_DEPTH (WS_E_QUOTA_EXCEEDED)", () => {
    const result = failure(
      (w, e) => {
        start(w, null, "a", "");
        start(w, null, "b", "");
        return WsWriteStartElement(w, null, x("c"), x(""), e);
      },
      [{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 2 }],
    );
    expect(result).toEqual({
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsWriteStartElement: the element <c> would nest 3 deep, more than the 2 of WS_XML_WRITER_PROPERTY_MAX_DEPTH.",
    });
    expect(failure((w, e) => WsWriteStartElement(w, null, x("a"), x(""), e), [{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 0 }]).hr).toBe(
      WS_E_QUOTA_EXCEEDED,
    );
  });

  it("enforces WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES, xmlns attributes included (WS_E_QUOTA_EXCEEDED)", () => {
    const properties: WS_XML_WRITER_PROPERTY[] = [{ id: WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES, value: 2 }];
    const attributes = failure((w, e) => {
      start(w, null, "t", "");
      attribute(w, null, "a", "", "1");
      xmlns(w, "p", "ns");
      return WsWriteStartAttribute(w, null, x("c"), x(""), false, e);
    }, properties);
    expect(attributes).toEqual({
      hr: WS_E_QUOTA_EXCEEDED,
      message: "WsWriteStartAttribute: the element already has 2 attributes, the most WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES (2) allows.",
    });
    const generated = failure((w, e) => {
      start(w, "p", "t", "ns");
      attribute(w, null, "a", "ns2", "1");
      return WsWriteEndElement(w, e);
    }, properties);
    expect(generated.hr).toBe(WS_E_QUOTA_EXCEEDED);
  });

  it("enforces WS_XML_WRITER_PROPERTY_MAX_NAMESPACES (WS_E_QUOTA_EXCEEDED)", () => {
    const result = failure(
      (w, e) => {
        start(w, "a", "t", "urn:a");
        start(w, "b", "t", "urn:b");
        return WsWriteStartElement(w, x("c"), x("t"), x("urn:c"), e);
      },
      [{ id: WS_XML_WRITER_PROPERTY_MAX_NAMESPACES, value: 1 }],
    );
    expect(result).toEqual({
      hr: WS_E_QUOTA_EXCEEDED,
      message:
        "WsWriteStartElement: <b:t> would bring 2 namespace declarations into scope, more than the 1 of WS_XML_WRITER_PROPERTY_MAX_NAMESPACES.",
    });
  });

  it("faults the writer after a failure until WsSetOutput (WS_E_OBJECT_FAULTED)", () => {
    const w = writerWithOutput();
    expect(WsWriteEndElement(w)).toBe(WS_E_INVALID_FORMAT);
    const error = newError();
    expect(WsWriteStartElement(w, null, x("a"), x(""), error)).toBe(WS_E_OBJECT_FAULTED);
    expect(firstString(error)).toBe(
      "WsWriteStartElement: the writer is faulted by an earlier failure (WsWriteEndElement: there is no open element to end.); call WsSetOutput to use it again.",
    );
    expect(WsFlushWriter(w, 0, null)).toBe(WS_E_OBJECT_FAULTED);
    expect(output(w)).toBe("");
    expect(setOutput(w)).toBe(S_OK);
    element(w, null, "a", "", "b");
    expect(output(w)).toBe("<a>b</a>");
  });

  it("does not fault the writer for a bad argument (Windows writes on after E_INVALIDARG)", () => {
    const w = writerWithOutput();
    start(w, null, "t", "");
    expect(WsWriteText(w, { textType: WS_XML_TEXT_TYPE_UTF8, value: null } as never)).toBe(E_INVALIDARG);
    chars(w, "ok");
    end(w);
    expect(output(w)).toBe("<t>ok</t>");
  });

  it("frees the writer", () => {
    const w = writerWithOutput();
    WsFreeWriter(w);
    expect(WsWriteStartElement(w, null, x("a"), x(""))).toBe(E_INVALIDARG);
  });
});
