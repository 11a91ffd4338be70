import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_READER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_COLUMN,
  WS_XML_READER_PROPERTY_ROW,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
} from "@wwsapi/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WsFillReader,
  WsGetNamespaceFromPrefix,
  WsGetReaderProperty,
  WsReadEndElement,
  WsReadNode,
  WsReadStartElement,
  WsReadToStartElement,
  WsSetInput,
} from "../index.js";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { xmlString } from "../text-utils/xml-string.js";
import {
  bufferNodes,
  current,
  firstString,
  newError,
  newReader,
  show,
  streamInput,
  streamNodes,
  streamReader,
  textEncoding,
  utf8,
} from "./stream.test-support.js";
import type { TextStreamSource } from "./text-stream-source.js";

/** Every kind of node, names in namespaces, references, multi-byte characters, '>' in a value. */
const SOAP = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="urn:a&amp;b">
  <s:Header><a:Action s:mustUnderstand="1">urn:Add</a:Action></s:Header>
  <s:Body id='b1' note="x > y">
    <Add xmlns="urn:calc"><x>2 &lt; 3 &#x20AC; é</x><y/><!-- a -- comment? no: a - comment --><z><![CDATA[<raw> ]] > & ]]></z></Add>
  </s:Body>
</s:Envelope>
`;

const SOAP_NODES = [
  "bof",
  'text "\\n"',
  "element s:Envelope{http://www.w3.org/2003/05/soap-envelope} xmlns:s=http://www.w3.org/2003/05/soap-envelope xmlns:a=urn:a&b",
  'text "\\n  "',
  "element s:Header{http://www.w3.org/2003/05/soap-envelope}",
  "element a:Action{urn:a&b} s:mustUnderstand{http://www.w3.org/2003/05/soap-envelope}=1",
  'text "urn:Add"',
  "end",
  "end",
  'text "\\n  "',
  "element s:Body{http://www.w3.org/2003/05/soap-envelope} :id{}=b1 :note{}=x > y",
  'text "\\n    "',
  "element :Add{urn:calc} xmlns:=urn:calc",
  "element :x{urn:calc}",
  'text "2 < 3 € é"',
  "end",
  "element :y{urn:calc} empty",
  "end",
];

describe("a stream reader reads the nodes a buffer reader reads", () => {
  it("whatever the size of the pieces the read callback delivers: 1, 7 and 4096 bytes", () => {
    const expected = bufferNodes(SOAP.replace("<!-- a -- comment? no: a - comment -->", "<!-- a - comment -->"));
    expect(expected.slice(0, SOAP_NODES.length)).toEqual(SOAP_NODES);
    expect(expected.slice(SOAP_NODES.length)).toEqual([
      'comment " a - comment "',
      "element :z{urn:calc}",
      "cdata",
      'text "<raw> ]] > & "',
      "end-cdata",
      "end",
      "end",
      'text "\\n  "',
      "end",
      'text "\\n"',
      "end",
      'text "\\n"',
      "eof",
    ]);
    const xml = SOAP.replace("<!-- a -- comment? no: a - comment -->", "<!-- a - comment -->");
    for (const chunk of [1, 7, 4096]) {
      const { reader, source } = streamReader(xml, chunk);
      expect(streamNodes(reader)).toEqual(expected);
      // The callback was offered what is left of the 4096-byte buffer each time, and called until it said "no more".
      expect(source.maxSizes[0]).toBe(4096);
      expect(source.calls).toBe(Math.ceil(utf8(xml).length / chunk) + 1);
    }
  });

  it("fails where a buffer reader fails, with the same message (positions in the document)", () => {
    const xml = SOAP; // "--" inside a comment
    const expected = bufferNodes(xml);
    expect(expected[expected.length - 1]).toBe(
      "failed 0x803d0000: WsReadNode: XML reader: '--' is not allowed inside a comment, at line 5, column 64 (byte 293).",
    );
    for (const chunk of [1, 7, 4096]) expect(streamNodes(streamReader(xml, chunk).reader)).toEqual(expected);
  });

  it("across buffer refills that drop what was read: small stream buffers, deep namespaces, errors far in", () => {
    const depth = 15; // two declarations each: 30 in scope at the deepest, within the 32 of MAX_NAMESPACES
    let xml = "";
    for (let i = 0; i < depth; i++) xml += `<p${i}:e${i} xmlns:p${i}="urn:${"n".repeat(i)}&amp;${i}" xmlns="urn:d${i}">`;
    xml += "<leaf p3:at='1'>text</leaf>\n".repeat(10);
    for (let i = depth - 1; i >= 0; i--) xml += `</p${i}:e${i}>`;
    const size: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 96 }];
    const expected = bufferNodes(xml);
    expect(expected).toHaveLength(1 + depth + 10 * 4 + depth + 1);
    for (const chunk of [1, 7, 96]) expect(streamNodes(streamReader(xml, chunk, size).reader)).toEqual(expected);

    // A wrong end tag and an undeclared prefix, deep in: the same message as from a buffer.
    for (const bad of [
      xml.replace("</p5:e5>", "</p5:e6>"),
      xml.replace("<leaf p3:at='1'>text</leaf>\n<leaf", "<leaf p3:at='1'>text</leaf>\n<q:leaf"),
    ]) {
      const failure = bufferNodes(bad).pop()!;
      expect(failure).toMatch(/^failed 0x803d0000: WsReadNode: XML reader: .*, at line \d+, column \d+ \(byte \d+\)\.$/);
      for (const chunk of [1, 7, 96]) expect(streamNodes(streamReader(bad, chunk, size).reader).pop()).toBe(failure);
    }
  });

  it("reports namespace errors (no byte offset in their message) at their place in the document", () => {
    const xml = `<a xmlns:p="urn:p">\n${"<b>t</b>".repeat(20)}\n<c xmlns:xml="urn:not-xml"/></a>`;
    const failure = bufferNodes(xml).pop()!;
    expect(failure).toBe(
      'failed 0x803d0000: WsReadNode: XML reader: the prefix "xml" cannot be bound to another namespace at line 3, column 4.',
    );
    expect(streamNodes(streamReader(xml, 3, [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 40 }]).reader).pop()).toBe(failure);
  });

  it("reads a byte order mark and an XML declaration split between pieces, and refuses a declaration elsewhere", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`<?xml version='1.0' encoding='UTF-8'?><a>x</a>`)]);
    expect(streamNodes(streamReader(bom, 1).reader)).toEqual(["bof", "element :a{}", 'text "x"', "end", "eof"]);
    const late = `<!-- c -->${"<?xml version='1.0'?>"}<a/>`;
    expect(streamNodes(streamReader(late, 1).reader)).toEqual(bufferNodes(late));
    expect(bufferNodes(late).pop()).toContain("an XML declaration is only allowed at the very start of the document");
  });

  it("reads the end of the data as the end of the document: trailing text, fragments, nothing at all", () => {
    for (const xml of ["<a/>\n\t ", "", "<a/><b/>"]) {
      for (const chunk of [1, 4096]) expect(streamNodes(streamReader(xml, chunk).reader)).toEqual(bufferNodes(xml));
    }
    expect(bufferNodes("")).toEqual([
      "bof",
      "failed 0x803d0000: WsReadNode: XML reader: the document has no root element, at line 1, column 1 (byte 0).",
    ]);
    const fragment: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_ALLOW_FRAGMENT, value: true }];
    const { reader } = streamReader("text<a/>more", 1, fragment);
    expect(streamNodes(reader)).toEqual(["bof", 'text "text"', "element :a{} empty", "end", 'text "more"', "eof"]);
  });

  it("answers ROW and COLUMN as a buffer reader does, after refills too", () => {
    const xml = `<a>\n  <b>one</b>\n  <c>two</c>\n</a>`;
    const positions = (reader: WS_XML_READER, fill: () => void) => {
      const out: string[] = [];
      while (current(reader).nodeType !== 8) {
        fill();
        expect(WsReadNode(reader)).toBe(S_OK);
        const row = ref<unknown>(null);
        const column = ref<unknown>(null);
        WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_ROW, row);
        WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_COLUMN, column);
        out.push(`${row.value}:${column.value}`);
      }
      return out;
    };
    const buffered = newReader();
    expect(WsSetInput(buffered, textEncoding(), { inputType: 1, encodedData: utf8(xml) } as never, null)).toBe(S_OK);
    const expected = positions(buffered, () => {});
    expect(expected).toEqual(["1:4", "2:3", "2:6", "2:9", "2:13", "3:3", "3:6", "3:9", "3:13", "4:1", "4:5", "4:5"]);
    const { reader } = streamReader(xml, 2, [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 12 }]);
    expect(positions(reader, () => expect(WsFillReader(reader, 12, null)).toBe(S_OK))).toEqual(expected);
  });

  it("keeps namespaces in scope for the reader functions after a refill", () => {
    const { reader } = streamReader(`<a xmlns:p="urn:p"><b>x</b><c/></a>`, 1, [
      { id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 20 },
    ]);
    expect(WsFillReader(reader, 20, null)).toBe(S_OK);
    expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
    expect(WsFillReader(reader, 20, null)).toBe(S_OK);
    expect(WsReadStartElement(reader)).toBe(S_OK); // onto <b>, read from a new buffer
    expect(show(current(reader))).toBe("element :b{}");
    expect(WsFillReader(reader, 20, null)).toBe(S_OK);
    expect(WsReadStartElement(reader)).toBe(S_OK);
    const ns = ref<unknown>(null);
    expect(WsGetNamespaceFromPrefix(reader, xmlString("p"), true, ns as never)).toBe(S_OK);
    expect(new TextDecoder().decode((ns.value as { bytes: Uint8Array }).bytes)).toBe("urn:p");
    expect(WsFillReader(reader, 20, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsFillReader(reader, 20, null)).toBe(S_OK);
    expect(WsReadEndElement(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("element :c{} empty");
  });

  it("holds at most WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE unread bytes, and drops what it has read", () => {
    const item = `<item n="1">some text</item>\n`;
    const xml = `<list>\n${item.repeat(2000)}</list>`; // 60 KB
    const { reader, source } = streamReader(xml, 1000, [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 256 }]);
    const stream = (reader as unknown as XmlReaderObject).source as unknown as TextStreamSource;
    let nodes = 0;
    let most = 0;
    let mostBuffered = 0;
    let hr = S_OK;
    while (hr === S_OK && current(reader).nodeType !== 8) {
      hr = WsFillReader(reader, 256, null);
      mostBuffered = Math.max(mostBuffered, stream.buffered);
      if (hr === S_OK) hr = WsReadNode(reader);
      most = Math.max(most, stream.retained);
      nodes++;
    }
    expect(hr).toBe(S_OK);
    expect(nodes).toBe(2 + 2000 * 4 + 2);
    expect(mostBuffered).toBe(256);
    // What was read is dropped: never more than the replayed <list> and two buffers' worth.
    expect(most).toBeLessThanOrEqual("<list>".length + 2 * 256);
    expect(Math.max(...source.maxSizes)).toBe(256);
  });
});

describe("reading past what is buffered (WsFillReader: WS_E_QUOTA_EXCEEDED)", () => {
  it("reads nothing before WsFillReader, and fails the reader when the next node is not all there", () => {
    const { reader, source } = streamReader("<a>hello</a>", 5);
    const error = newError();
    expect(current(reader).nodeType).toBe(9); // BOF: WsSetInput does not call the callback
    expect(source.calls).toBe(0);
    expect(WsReadNode(reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadNode: XML reader: the node at line 1, column 1 (byte 0) is not completely buffered (0 bytes are); call WsFillReader first with a minSize that covers it.",
    );

    const second = streamReader("<a>hello</a>", 5);
    expect(WsFillReader(second.reader, 5, null)).toBe(S_OK);
    expect(second.source.calls).toBe(1);
    expect(WsReadNode(second.reader)).toBe(S_OK);
    expect(show(current(second.reader))).toBe("element :a{}");
    // "he" is buffered, but the text runs on: it is not reported cut short.
    expect(WsReadNode(second.reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadNode: XML reader: the node at line 1, column 4 (byte 3) is not completely buffered (2 bytes are); call WsFillReader first with a minSize that covers it.",
    );
    // A failed read leaves the reader failed until WsSetInput.
    expect(WsFillReader(second.reader, 5, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toContain("the reader failed earlier and needs new input (WsSetInput)");
  });

  it("cannot read a node larger than the stream buffer, and says which property limits it", () => {
    const { reader } = streamReader(`<a b="${"x".repeat(40)}"/>`, 7, [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 32 }]);
    const error = newError();
    expect(WsFillReader(reader, 32, null)).toBe(S_OK);
    expect(WsReadNode(reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadNode: XML reader: the node at line 1, column 1 (byte 0) does not fit in the 32 bytes of WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE.",
    );
  });

  it("refuses a minSize the stream buffer cannot hold, reading nothing and leaving the reader as it was", () => {
    const { reader, source } = streamReader("<a/>", 4096);
    const error = newError();
    expect(WsFillReader(reader, 4097, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsFillReader: minSize 4097 is more than the 4096 bytes the reader buffers (WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE).",
    );
    expect(source.calls).toBe(0);
    expect(streamNodes(reader)).toEqual(["bof", "element :a{} empty", "end", "eof"]);
  });

  it("does nothing when enough is buffered, or the data has ended; is a no-op with buffer input", () => {
    const { reader, source } = streamReader("<a/>", 4096);
    expect(WsFillReader(reader, 0, null)).toBe(S_OK);
    expect(source.calls).toBe(0);
    expect(WsFillReader(reader, 4, null)).toBe(S_OK);
    expect(source.calls).toBe(1);
    expect(WsFillReader(reader, 4, null)).toBe(S_OK);
    expect(source.calls).toBe(1);
    expect(WsFillReader(reader, 10, null)).toBe(S_OK); // "no more data"
    expect(source.calls).toBe(2);
    expect(WsFillReader(reader, 10, null)).toBe(S_OK);
    expect(source.calls).toBe(2);

    const buffered = newReader();
    expect(WsSetInput(buffered, textEncoding(), { inputType: 1, encodedData: utf8("<a/>") } as never, null)).toBe(S_OK);
    expect(WsFillReader(buffered, 1_000_000, null)).toBe(S_OK); // Windows: minSize larger than the input is S_OK too
  });
});

describe("WsSetInput with WS_XML_READER_STREAM_INPUT", () => {
  it("needs a read callback, and reads UTF-16 found by WS_CHARSET_AUTO from the first bytes", () => {
    const reader = newReader();
    const error = newError();
    expect(WsSetInput(reader, textEncoding(), streamInput(null as never), null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetInput: the stream input's readCallback must be a WS_READ_CALLBACK function, not null.");
    const never = (() => S_OK) as never;
    expect(WsSetInput(reader, { encodingType: 9 } as never, streamInput(never), null, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe("WsSetInput: number 9 is not a WS_XML_READER_ENCODING_TYPE.");

    // WS_CHARSET_AUTO finds UTF-16 in the first bytes ("<" and a zero byte), delivered one at a time.
    const utf16 = streamReader(new Uint8Array([0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0]), 1);
    expect(streamNodes(utf16.reader)).toEqual(["bof", "element :a{} empty", "end", "eof"]);
    const charset = ref<unknown>(null);
    expect(WsGetReaderProperty(streamReader("<a/>", 1).reader, WS_XML_READER_PROPERTY_CHARSET, charset)).toBe(S_OK);
    expect(charset.value).toBe(WS_CHARSET_UTF8);
  });

  it("passes the callback its state, a buffer to fill and no context when the call has none", () => {
    const seen: unknown[] = [];
    const callback = (state: unknown, bytes: Uint8Array, actualSize: Ref<number>, context: unknown, error: unknown): HRESULT => {
      seen.push(state, bytes.length, context, error);
      bytes.set(utf8("<a/>"));
      actualSize.value = 4;
      return S_OK;
    };
    const reader = newReader([{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: 100 }]);
    const state = { mine: true };
    expect(WsSetInput(reader, textEncoding(), streamInput(callback as never, state), null)).toBe(S_OK);
    expect(WsFillReader(reader, 1, null, newError())).toBe(S_OK);
    expect(seen).toEqual([state, 100, null, null]);
  });

  it("fails when the callback fails, throws, or reports more bytes than it was offered", () => {
    const cases: [(bytes: Uint8Array, actualSize: Ref<number>) => unknown, number, string][] = [
      [() => E_INVALIDARG, E_INVALIDARG, "WsFillReader: the WS_READ_CALLBACK failed with E_INVALIDARG."],
      [
        () => {
          throw new Error("socket closed");
        },
        -2147467259,
        "WsFillReader: the WS_READ_CALLBACK threw: socket closed",
      ],
      [
        (bytes, actualSize) => {
          actualSize.value = bytes.length + 1;
          return S_OK;
        },
        E_INVALIDARG,
        "WsFillReader: the WS_READ_CALLBACK reported 4097 bytes read into a buffer of 4096 (actualSize must be 0 to maxSize).",
      ],
      [() => "yes", -2147467259, "WsFillReader: the WS_READ_CALLBACK returned string, not an HRESULT."],
    ];
    for (const [behave, hr, message] of cases) {
      const reader = newReader();
      const error = newError();
      const callback = (_s: unknown, bytes: Uint8Array, actualSize: Ref<number>) => behave(bytes, actualSize);
      expect(WsSetInput(reader, textEncoding(), streamInput(callback as never), null)).toBe(S_OK);
      expect(WsFillReader(reader, 1, null, error)).toBe(hr);
      expect(firstString(error)).toBe(message);
      expect(WsReadNode(reader, error)).toBe(hr); // the reader keeps the failure
    }
  });
});

describe("chunk-split invariance (property)", () => {
  const documents = [
    SOAP.replace("<!-- a -- comment? no: a - comment -->", "<!-- a - comment -->"),
    SOAP,
    `<a xmlns="urn:x"><b c="1" d='2'>t&amp;u&#10;v</b><e/><![CDATA[]]><!----></a>`,
    `<a><b></c></a>`,
    `<a b="1" b="2"/>`,
    `<a>x]]>y</a>`,
    `<?xml version="1.0"?><!DOCTYPE a><a/>`,
  ];
  it("gives the nodes of a buffer reader however the bytes are split", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...documents),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        // From the largest node (the Envelope start tag, 110 bytes) up.
        fc.integer({ min: 110, max: 300 }),
        (xml, sizes, bufferSize) => {
          const data = utf8(xml);
          let at = 0;
          let call = 0;
          const callback = (_s: unknown, bytes: Uint8Array, actualSize: Ref<number>): HRESULT => {
            const n = Math.min(sizes[call++ % sizes.length]!, bytes.length, data.length - at);
            bytes.set(data.subarray(at, at + n));
            at += n;
            actualSize.value = n;
            return S_OK;
          };
          const reader = newReader();
          const properties: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: bufferSize }];
          expect(WsSetInput(reader, textEncoding(), streamInput(callback as never), properties)).toBe(S_OK);
          expect(streamNodes(reader, bufferSize)).toEqual(bufferNodes(xml));
        },
      ),
      { numRuns: 200 },
    );
  });
});
