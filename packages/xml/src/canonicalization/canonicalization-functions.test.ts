import {
  E_FAIL,
  E_INVALIDARG,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM,
  WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
  WS_INCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
  WS_MOVE_TO_PARENT_ELEMENT,
  WS_S_ASYNC,
  type WS_WRITE_CALLBACK,
  type WS_XML_BUFFER,
  type WS_XML_CANONICALIZATION_PROPERTY,
  WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES,
  WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT,
  WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateReader,
  WsCreateWriter,
  WsCreateXmlBuffer,
  WsEndReaderCanonicalization,
  WsEndWriterCanonicalization,
  WsMoveWriter,
  WsReadEndAttribute,
  WsReadEndElement,
  WsReadNode,
  WsReadStartAttribute,
  WsReadStartElement,
  WsSetInput,
  WsSetOutput,
  WsSetOutputToBuffer,
  WsSkipNode,
  WsStartReaderCanonicalization,
  WsStartWriterCanonicalization,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
} from "../index.js";
import { firstString, newError, newHeap } from "../reader-content/reader.test-support.js";
import { xmlString } from "../text-utils/xml-string.js";
import {
  algorithm,
  canonicalizeByReader,
  canonicalizeByWriter,
  collector,
  currentNode,
  inclusivePrefixes,
  readerOn,
  readToElement,
  writerWithOutput,
  writtenText,
} from "./canonicalization.test-support.js";

const x = (s: string) => xmlString(s);
const EXCLUSIVE = [algorithm(WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM)];
const WITH_COMMENTS = [algorithm(WS_EXCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM)];
const INCLUSIVE = [algorithm(WS_INCLUSIVE_XML_CANONICALIZATION_ALGORITHM)];

const bufferSize = (value: unknown): WS_XML_CANONICALIZATION_PROPERTY => ({
  id: WS_XML_CANONICALIZATION_PROPERTY_OUTPUT_BUFFER_SIZE,
  value,
});
const omitted = (localName: string, ns: string): WS_XML_CANONICALIZATION_PROPERTY => ({
  id: WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT,
  value: { localName: x(localName), ns: x(ns) },
});

function startElement(writer: WS_XML_WRITER, prefix: string, localName: string, ns: string): void {
  expect(WsWriteStartElement(writer, x(prefix), x(localName), x(ns))).toBe(S_OK);
}

function attribute(writer: WS_XML_WRITER, prefix: string, localName: string, ns: string, value: string): void {
  expect(WsWriteStartAttribute(writer, x(prefix), x(localName), x(ns), false)).toBe(S_OK);
  expect(WsWriteChars(writer, value)).toBe(S_OK);
  expect(WsWriteEndAttribute(writer)).toBe(S_OK);
}

const endElement = (writer: WS_XML_WRITER) => expect(WsWriteEndElement(writer)).toBe(S_OK);

/** Reads every node of `xml` with WsReadNode, canonicalizing from BOF to EOF. */
function readAllCanonicalized(xml: string, properties: WS_XML_CANONICALIZATION_PROPERTY[]): string {
  const reader = readerOn(xml);
  const out = collector();
  expect(WsStartReaderCanonicalization(reader, out.callback, null, properties)).toBe(S_OK);
  while (currentNode(reader).nodeType !== WS_XML_NODE_TYPE_EOF) expect(WsReadNode(reader)).toBe(S_OK);
  expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
  return out.text();
}

describe("what is canonicalized", () => {
  it("text and attribute values are escaped as canonical XML escapes them", () => {
    const writer = writerWithOutput();
    const out = collector();
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    startElement(writer, "", "e", "");
    attribute(writer, "", "v", "", `<&>"'\t\n\r`);
    expect(WsWriteChars(writer, `<&>"'\t\n\r`)).toBe(S_OK);
    endElement(writer);
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    expect(out.text()).toBe(`<e v="&lt;&amp;>&quot;'&#x9;&#xA;&#xD;">&lt;&amp;&gt;"'\t\n&#xD;</e>`);
    // The same element read back gives the same bytes.
    expect(canonicalizeByReader(writtenText(writer), "e", EXCLUSIVE)).toBe(out.text());
  });

  it("a CDATA section is written as its escaped text", () => {
    const writer = writerWithOutput();
    const out = collector();
    startElement(writer, "", "r", "");
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    expect(WsWriteStartCData(writer)).toBe(S_OK);
    expect(WsWriteChars(writer, "a<b>&")).toBe(S_OK);
    expect(WsWriteEndCData(writer)).toBe(S_OK);
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    expect(out.text()).toBe("a&lt;b&gt;&amp;");
    expect(writtenText(writer)).toBe("<r><![CDATA[a<b>&]]>");
  });

  it("comments only with the with-comments algorithm", () => {
    const xml = "<a><!-- one --><b>t<!--two--></b></a>";
    expect(canonicalizeByReader(xml, "a", WITH_COMMENTS)).toBe("<a><!-- one --><b>t<!--two--></b></a>");
    expect(canonicalizeByWriter(xml, "a", WITH_COMMENTS)).toBe("<a><!-- one --><b>t<!--two--></b></a>");
    expect(canonicalizeByReader(xml, "a", EXCLUSIVE)).toBe("<a><b>t</b></a>");
    expect(canonicalizeByWriter(xml, "a", EXCLUSIVE)).toBe("<a><b>t</b></a>");
    // The default algorithm is exclusive without comments.
    expect(canonicalizeByReader(xml, "a", [])).toBe("<a><b>t</b></a>");
  });

  it("a binary document ([MC-NBFX]) is canonicalized as the text its records stand for", () => {
    const reader = ref<WS_XML_READER | null>(null);
    expect(WsCreateReader(null, reader)).toBe(S_OK);
    // <doc a="42">true</doc>: ShortElement "doc", ShortAttribute "a" with Int8Text 42, TrueTextWithEndElement.
    const bytes = Uint8Array.from([0x40, 3, 0x64, 0x6f, 0x63, 0x04, 1, 0x61, 0x88, 0x2a, 0x87]);
    const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null } as never;
    expect(WsSetInput(reader.value!, encoding, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never, null)).toBe(
      S_OK,
    );
    const out = collector();
    expect(WsStartReaderCanonicalization(reader.value!, out.callback, null, null)).toBe(S_OK);
    expect(WsSkipNode(reader.value!)).toBe(S_OK);
    expect(WsEndReaderCanonicalization(reader.value!)).toBe(S_OK);
    expect(out.text()).toBe(`<doc a="42">true</doc>`);
  });

  it("base64 bytes held back by the writer are written before the end", () => {
    const writer = writerWithOutput();
    const out = collector();
    startElement(writer, "", "r", "");
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    expect(WsWriteBytes(writer, new Uint8Array([0x61, 0x62]))).toBe(S_OK);
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    expect(out.text()).toBe("YWI=");
  });

  it("an element whose start tag is still open is committed at the start, and only what follows is canonicalized", () => {
    const writer = writerWithOutput();
    const out = collector();
    startElement(writer, "p", "r", "urn:p");
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    expect(writtenText(writer)).toBe(`<p:r xmlns:p="urn:p">`);
    // No attribute can join the committed start tag.
    expect(WsWriteStartAttribute(writer, x(""), x("late"), x(""), false)).toBe(WS_E_INVALID_OPERATION);
  });

  it("the omitted element and its subtree are left out, white space around it stays", () => {
    const xml = `<r xmlns:ds="urn:ds"><a>1</a>\n  <ds:Signature><ds:Value>x</ds:Value></ds:Signature>\n  <b>2</b></r>`;
    const properties = [omitted("Signature", "urn:ds")];
    expect(canonicalizeByReader(xml, "r", properties)).toBe("<r><a>1</a>\n  \n  <b>2</b></r>");
    expect(canonicalizeByWriter(xml, "r", properties)).toBe("<r><a>1</a>\n  \n  <b>2</b></r>");
    // only the name and namespace together match
    expect(canonicalizeByReader(xml, "r", [omitted("Signature", "urn:other")])).toBe(
      `<r><a>1</a>\n  <ds:Signature xmlns:ds="urn:ds"><ds:Value>x</ds:Value></ds:Signature>\n  <b>2</b></r>`,
    );
  });
});

describe("namespaces", () => {
  it("exclusive: a declaration is written where it is first visibly used, once", () => {
    const xml = `<r xmlns:p="urn:p" xmlns:q="urn:q"><a><p:b p:x="1"><p:c/></p:b></a></r>`;
    expect(canonicalizeByReader(xml, "a", EXCLUSIVE)).toBe(`<a><p:b xmlns:p="urn:p" p:x="1"><p:c></p:c></p:b></a>`);
    expect(canonicalizeByWriter(xml, "a", EXCLUSIVE)).toBe(`<a><p:b xmlns:p="urn:p" p:x="1"><p:c></p:c></p:b></a>`);
  });

  it('exclusive: an unprefixed apex uses the default namespace; xmlns="" only undoes one written above', () => {
    const xml = `<r xmlns="urn:d"><a xmlns=""><b/></a><p:c xmlns:p="urn:p"><d/></p:c></r>`;
    expect(canonicalizeByReader(xml, "a", EXCLUSIVE)).toBe("<a><b></b></a>");
    expect(canonicalizeByReader(xml, "r", EXCLUSIVE)).toBe(
      `<r xmlns="urn:d"><a xmlns=""><b></b></a><p:c xmlns:p="urn:p"><d></d></p:c></r>`,
    );
    expect(canonicalizeByReader(xml, "c", EXCLUSIVE)).toBe(`<p:c xmlns:p="urn:p"><d xmlns="urn:d"></d></p:c>`);
    expect(canonicalizeByWriter(xml, "c", EXCLUSIVE)).toBe(`<p:c xmlns:p="urn:p"><d xmlns="urn:d"></d></p:c>`);
  });

  it("inclusive prefixes: rendered on the apex when in scope, the default namespace as the empty prefix", () => {
    const xml = `<r xmlns="urn:d" xmlns:q="urn:q"><p:b xmlns:p="urn:p"><c/></p:b></r>`;
    expect(canonicalizeByReader(xml, "b", [inclusivePrefixes("q")])).toBe(
      `<p:b xmlns:p="urn:p" xmlns:q="urn:q"><c xmlns="urn:d"></c></p:b>`,
    );
    expect(canonicalizeByReader(xml, "b", [inclusivePrefixes("")])).toBe(`<p:b xmlns="urn:d" xmlns:p="urn:p"><c></c></p:b>`);
    expect(canonicalizeByWriter(xml, "b", [inclusivePrefixes("", "q")])).toBe(
      `<p:b xmlns="urn:d" xmlns:p="urn:p" xmlns:q="urn:q"><c></c></p:b>`,
    );
    // a prefix not in scope renders nothing
    expect(canonicalizeByReader(xml, "b", [inclusivePrefixes("nope")])).toBe(`<p:b xmlns:p="urn:p"><c xmlns="urn:d"></c></p:b>`);
    // a single WS_XML_STRING (the generated type of `prefixes`) stands for one prefix
    const single = { id: WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES, value: { prefixCount: 1, prefixes: x("q") } };
    expect(canonicalizeByReader(xml, "b", [single as WS_XML_CANONICALIZATION_PROPERTY])).toBe(
      `<p:b xmlns:p="urn:p" xmlns:q="urn:q"><c xmlns="urn:d"></c></p:b>`,
    );
  });

  it("names sort by code point, as UTF-8 bytes do, not by UTF-16 unit", () => {
    // U+E000 sorts before U+10000 (whose UTF-16 form starts with the surrogate 0xD800).
    const xml = `<e xmlns:a="urn:\u{10000}" xmlns:b="urn:\uE000" a:x="1" b:x="2"/>`;
    const expected = `<e xmlns:a="urn:\u{10000}" xmlns:b="urn:\uE000" b:x="2" a:x="1"></e>`;
    expect(canonicalizeByReader(xml, "e", EXCLUSIVE)).toBe(expected);
    expect(canonicalizeByWriter(xml, "e", EXCLUSIVE)).toBe(expected);
  });

  it("inclusive prefixes are for the exclusive algorithms: the inclusive ones render every namespace anyway", () => {
    expect(readAllCanonicalized(`<r xmlns:q="urn:q"><a/></r>`, [...INCLUSIVE, inclusivePrefixes("q")])).toBe(
      `<r xmlns:q="urn:q"><a></a></r>`,
    );
  });
});

describe("the reader and the writer agree", () => {
  const document = `<?xml version="1.0" encoding="utf-8"?>
<!-- before -->
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:x="urn:x" xmlns="urn:default">
  <s:Header><x:h s:mustUnderstand="1" x:b="2" a="1" xml:lang="en">v &amp; &lt;w&gt;</x:h></s:Header>
  <s:Body>
    <item id="1"><![CDATA[<raw>]]></item><empty/>
    <!-- inside -->
    <other xmlns=""><deep xmlns:x="urn:x2" x:y="z"/></other>
  </s:Body>
</s:Envelope>
<!-- after -->`;

  for (const [name, properties] of [
    ["exclusive", EXCLUSIVE],
    ["exclusive with comments", WITH_COMMENTS],
    ["inclusive", INCLUSIVE],
  ] as const) {
    it(`${name}: a document read node by node with WsReadNode gives the bytes the writer gives`, () => {
      const read = readAllCanonicalized(document, [...properties]);
      expect(read).toBe(canonicalizeByWriter(document, null, [...properties]));
      expect(read).toContain(`&lt;raw&gt;</item>`);
    });
  }

  // Exclusive: the prefixed Envelope does not use the default namespace, so each unprefixed child
  // declares it and <other> needs no xmlns=""; attributes sort by namespace URI, and
  // "http://www.w3.org/2003/…" (s:) sorts before "http://www.w3.org/XML/…" (xml:).
  it("exclusive with comments, exactly", () => {
    expect(readAllCanonicalized(document, [...WITH_COMMENTS])).toBe(
      `<!-- before -->
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">
  <s:Header><x:h xmlns:x="urn:x" a="1" s:mustUnderstand="1" xml:lang="en" x:b="2">v &amp; &lt;w&gt;</x:h></s:Header>
  <s:Body>
    <item xmlns="urn:default" id="1">&lt;raw&gt;</item><empty xmlns="urn:default"></empty>
    <!-- inside -->
    <other><deep xmlns:x="urn:x2" x:y="z"></deep></other>
  </s:Body>
</s:Envelope>
<!-- after -->`,
    );
  });

  it("an element in the middle, by the reader and by the writer", () => {
    const expected = `<s:Body xmlns:s="http://www.w3.org/2003/05/soap-envelope">
    <item xmlns="urn:default" id="1">&lt;raw&gt;</item><empty xmlns="urn:default"></empty>
    
    <other><deep xmlns:x="urn:x2" x:y="z"></deep></other>
  </s:Body>`;
    expect(canonicalizeByReader(document, "Body", EXCLUSIVE)).toBe(expected);
    expect(canonicalizeByWriter(document, "Body", EXCLUSIVE)).toBe(expected);
  });

  it("reading an attribute's value while canonicalizing changes nothing", () => {
    const reader = readerOn(`<r><e a="1" b="2">t</e></r>`);
    readToElement(reader, "e");
    const out = collector();
    expect(WsStartReaderCanonicalization(reader, out.callback, null, null)).toBe(S_OK);
    expect(WsReadStartAttribute(reader, 1)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(WsReadStartElement(reader)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsReadEndElement(reader)).toBe(S_OK);
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(out.text()).toBe(`<e a="1" b="2">t</e>`);
  });
});

describe("the output buffer", () => {
  const xml = `<r><a>0123456789</a><b>0123456789</b></r>`;

  it("by default holds 1024 bytes: a short form reaches the callback only at the end", () => {
    const reader = readerOn(xml);
    const out = collector();
    expect(WsStartReaderCanonicalization(reader, out.callback, null, null)).toBe(S_OK);
    expect(WsSkipNode(reader)).toBe(S_OK);
    expect(out.chunks).toEqual([]);
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(out.chunks.map((c) => c.length)).toEqual([xml.length]);
  });

  it("is written each time it is full: every write but the last holds exactly the buffer size", () => {
    const reader = readerOn(xml);
    const out = collector();
    expect(WsStartReaderCanonicalization(reader, out.callback, null, [bufferSize(7)])).toBe(S_OK);
    expect(WsSkipNode(reader)).toBe(S_OK);
    expect(out.chunks.map((c) => c.length)).toEqual([7, 7, 7, 7, 7]);
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(out.chunks.map((c) => c.length)).toEqual([7, 7, 7, 7, 7, 6]);
    expect(out.text()).toBe(xml);
  });

  it("a large size is not allocated up front", () => {
    expect(canonicalizeByReader(xml, "r", [bufferSize(0xffff_ffff)])).toBe(xml);
  });
});

describe("the write callback", () => {
  function failingWriter(callback: WS_WRITE_CALLBACK): { writer: WS_XML_WRITER; hr: number; message: string; end: number } {
    const writer = writerWithOutput();
    const error = newError();
    expect(WsStartWriterCanonicalization(writer, callback, null, [bufferSize(1)])).toBe(S_OK);
    const hr = WsWriteStartElement(writer, x(""), x("a"), x(""), error);
    const hr2 = hr === S_OK ? WsWriteEndElement(writer, error) : hr;
    return { writer, hr: hr2, message: firstString(error), end: WsEndWriterCanonicalization(writer) };
  }

  it("gets the state, one buffer, no WS_ASYNC_CONTEXT and no WS_ERROR", () => {
    const calls: unknown[][] = [];
    const reader = readerOn("<a/>");
    const state = { mine: true };
    expect(
      WsStartReaderCanonicalization(
        reader,
        (...args) => {
          calls.push(args);
          return S_OK;
        },
        state,
        null,
      ),
    ).toBe(S_OK);
    expect(WsSkipNode(reader)).toBe(S_OK);
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(calls).toEqual([[state, [new TextEncoder().encode("<a></a>")], null, null]]);
  });

  it("a failure it returns fails the writer function that wrote the bytes", () => {
    const { hr, message, end } = failingWriter(() => E_FAIL);
    expect(hr).toBe(E_FAIL);
    expect(message).toContain("the canonicalization write callback failed with E_FAIL");
    expect(end).toBe(WS_E_OBJECT_FAULTED);
  });

  it("WS_S_ASYNC is refused: it is called synchronously", () => {
    const { hr, message } = failingWriter(() => WS_S_ASYNC);
    expect(hr).toBe(WS_E_INVALID_OPERATION);
    expect(message).toContain("returned WS_S_ASYNC");
  });

  it("a throw is E_FAIL", () => {
    const { hr, message } = failingWriter(() => {
      throw new Error("disk full");
    });
    expect(hr).toBe(E_FAIL);
    expect(message).toContain("threw: disk full");
  });

  it("a failure while the reader canonicalizes fails the read, and the end reports it once", () => {
    const reader = readerOn("<a><b/></a>");
    const error = newError();
    expect(WsStartReaderCanonicalization(reader, () => E_FAIL, null, [bufferSize(1)])).toBe(S_OK);
    expect(WsReadNode(reader, error)).toBe(S_OK); // past BOF: nothing to write
    expect(WsReadNode(reader, error)).toBe(E_FAIL); // past <a>
    expect(firstString(error)).toContain("the canonicalization write callback failed with E_FAIL");
    expect(WsEndReaderCanonicalization(reader, error)).toBe(E_FAIL);
    expect(firstString(error)).toContain("WsEndReaderCanonicalization: the reader failed while canonicalizing");
    expect(WsEndReaderCanonicalization(reader)).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("wrong states (WS_E_INVALID_OPERATION)", () => {
  const callback: WS_WRITE_CALLBACK = () => S_OK;

  it("writer: End without Start", () => {
    const writer = writerWithOutput();
    const error = newError();
    expect(WsEndWriterCanonicalization(writer, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsEndWriterCanonicalization: canonicalization has not been started on this writer; call WsStartWriterCanonicalization first.",
    );
  });

  it("writer: Start twice; the first canonicalization goes on", () => {
    const writer = writerWithOutput();
    const error = newError();
    const out = collector();
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    expect(WsStartWriterCanonicalization(writer, callback, null, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsStartWriterCanonicalization: canonicalization has already been started on this writer (calls cannot be nested); call WsEndWriterCanonicalization first.",
    );
    startElement(writer, "", "a", "");
    endElement(writer);
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    expect(out.text()).toBe("<a></a>");
    expect(WsEndWriterCanonicalization(writer)).toBe(WS_E_INVALID_OPERATION);
  });

  it("writer: End deeper than Start, then at the right depth", () => {
    const writer = writerWithOutput();
    const error = newError();
    const out = collector();
    expect(WsStartWriterCanonicalization(writer, out.callback, null, null)).toBe(S_OK);
    startElement(writer, "", "a", "");
    expect(WsEndWriterCanonicalization(writer, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain("1 element(s) deeper than where WsStartWriterCanonicalization was called");
    endElement(writer);
    expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
    expect(out.text()).toBe("<a></a>");
  });

  it("writer: ending the element that encloses the start", () => {
    const writer = writerWithOutput();
    const error = newError();
    startElement(writer, "", "r", "");
    expect(WsStartWriterCanonicalization(writer, callback, null, null)).toBe(S_OK);
    expect(WsWriteEndElement(writer, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain(
      "WsWriteEndElement: this would end the element that encloses where WsStartWriterCanonicalization was called",
    );
  });

  it("writer: the inclusive algorithms need the start of the document", () => {
    const writer = writerWithOutput();
    startElement(writer, "", "r", "");
    expect(WsStartWriterCanonicalization(writer, callback, null, INCLUSIVE)).toBe(WS_E_INVALID_OPERATION);
    expect(WsStartWriterCanonicalization(writer, callback, null, EXCLUSIVE)).toBe(S_OK);
  });

  it("writer: inside an attribute, or with no output", () => {
    const writer = writerWithOutput();
    startElement(writer, "", "r", "");
    expect(WsWriteStartAttribute(writer, x(""), x("a"), x(""), false)).toBe(S_OK);
    expect(WsStartWriterCanonicalization(writer, callback, null, null)).toBe(WS_E_INVALID_OPERATION);
    const bare = ref<WS_XML_WRITER | null>(null);
    expect(WsCreateWriter(null, bare)).toBe(S_OK);
    expect(WsStartWriterCanonicalization(bare.value!, callback, null, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsEndWriterCanonicalization(bare.value!)).toBe(WS_E_INVALID_OPERATION);
  });

  it("writer: moving between Start and End", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsCreateXmlBuffer(newHeap(), null, buffer)).toBe(S_OK);
    const writer = ref<WS_XML_WRITER | null>(null);
    expect(WsCreateWriter(null, writer)).toBe(S_OK);
    expect(WsSetOutputToBuffer(writer.value!, buffer.value!, null)).toBe(S_OK);
    startElement(writer.value!, "", "r", "");
    startElement(writer.value!, "", "c", "");
    expect(WsStartWriterCanonicalization(writer.value!, callback, null, null)).toBe(S_OK);
    const error = newError();
    expect(WsMoveWriter(writer.value!, WS_MOVE_TO_PARENT_ELEMENT, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain("the writer cannot move while it is canonicalizing");
  });

  it("writer: new output ends the canonicalization", () => {
    const writer = writerWithOutput();
    expect(WsStartWriterCanonicalization(writer, callback, null, null)).toBe(S_OK);
    const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
    expect(WsSetOutput(writer, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null)).toBe(S_OK);
    expect(WsEndWriterCanonicalization(writer)).toBe(WS_E_INVALID_OPERATION);
  });

  it("reader: End without Start, Start twice", () => {
    const reader = readerOn("<a/>");
    const error = newError();
    expect(WsEndReaderCanonicalization(reader, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsEndReaderCanonicalization: canonicalization has not been started on this reader; call WsStartReaderCanonicalization first.",
    );
    const out = collector();
    expect(WsStartReaderCanonicalization(reader, out.callback, null, null)).toBe(S_OK);
    expect(WsStartReaderCanonicalization(reader, callback, null, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toBe(
      "WsStartReaderCanonicalization: canonicalization has already been started on this reader (calls cannot be nested); call WsEndReaderCanonicalization first.",
    );
    expect(WsSkipNode(reader)).toBe(S_OK);
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(out.text()).toBe("<a></a>");
  });

  it("reader: End inside an element entered since the start, then after its end element", () => {
    const reader = readerOn("<r><a>t</a></r>");
    readToElement(reader, "a");
    const error = newError();
    const out = collector();
    expect(WsStartReaderCanonicalization(reader, out.callback, null, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK); // past <a>, onto the text
    expect(WsEndReaderCanonicalization(reader, error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain("the reader is inside 1 element(s) entered since WsStartReaderCanonicalization");
    expect(WsReadNode(reader)).toBe(S_OK); // past the text, onto </a>
    expect(WsReadNode(reader)).toBe(S_OK); // past </a>
    expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
    expect(out.text()).toBe("<a>t</a>");
  });

  it("reader: reading past the end of the element that encloses the start fails", () => {
    const reader = readerOn("<r><a/></r>");
    readToElement(reader, "a");
    const error = newError();
    expect(WsStartReaderCanonicalization(reader, callback, null, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK); // past <a>
    expect(WsReadNode(reader)).toBe(S_OK); // past </a>, onto </r>
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_OPERATION); // past </r>
    expect(firstString(error)).toContain("this would end the element that encloses where WsStartReaderCanonicalization was called");
  });

  it("reader: inside an attribute; the inclusive algorithms away from BOF", () => {
    const reader = readerOn(`<r a="1"/>`);
    readToElement(reader, "r");
    expect(WsStartReaderCanonicalization(reader, callback, null, INCLUSIVE)).toBe(WS_E_INVALID_OPERATION);
    expect(WsReadStartAttribute(reader, 0)).toBe(S_OK);
    expect(WsStartReaderCanonicalization(reader, callback, null, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(WsStartReaderCanonicalization(reader, callback, null, null)).toBe(S_OK);
  });

  it("reader: new input ends the canonicalization", () => {
    const reader = readerOn("<a/>");
    expect(WsStartReaderCanonicalization(reader, callback, null, null)).toBe(S_OK);
    const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: new TextEncoder().encode("<b/>") } as never;
    expect(WsSetInput(reader, { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never, input, null)).toBe(
      S_OK,
    );
    expect(WsEndReaderCanonicalization(reader)).toBe(WS_E_INVALID_OPERATION);
  });
});

describe("properties (E_INVALIDARG)", () => {
  const callback: WS_WRITE_CALLBACK = () => S_OK;
  const start = (properties: unknown[]) => {
    const error = newError();
    const hr = WsStartReaderCanonicalization(readerOn("<a/>"), callback, null, properties as WS_XML_CANONICALIZATION_PROPERTY[], error);
    return { hr, message: firstString(error) };
  };

  it("refuses unknown ids and values of the wrong kind", () => {
    expect(start([{ id: 9, value: 0 }])).toEqual({
      hr: E_INVALIDARG,
      message: "WsStartReaderCanonicalization: properties[0].id is number 9, not a WS_XML_CANONICALIZATION_PROPERTY_ID.",
    });
    expect(start([algorithm(4 as never)]).hr).toBe(E_INVALIDARG);
    expect(start([bufferSize(0)]).hr).toBe(E_INVALIDARG);
    expect(start([bufferSize(-1)]).hr).toBe(E_INVALIDARG);
    expect(start([inclusivePrefixes("1bad")]).message).toBe(
      'WsStartReaderCanonicalization: WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES: prefixes[0] "1bad" is not an NCName.',
    );
    expect(start([{ id: WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES, value: { prefixCount: 2, prefixes: [x("a")] } }]).hr).toBe(
      E_INVALIDARG,
    );
    expect(start([{ id: WS_XML_CANONICALIZATION_PROPERTY_OMITTED_ELEMENT, value: { localName: x(""), ns: x("") } }]).hr).toBe(E_INVALIDARG);
    expect(start([null]).hr).toBe(E_INVALIDARG);
  });

  it("the writer checks them the same way, before anything else", () => {
    const writer = writerWithOutput();
    expect(WsStartWriterCanonicalization(writer, callback, null, [bufferSize(0)])).toBe(E_INVALIDARG);
    expect(WsStartWriterCanonicalization(writer, callback, null, [bufferSize(1)])).toBe(S_OK);
  });
});
