import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  S_FALSE,
  S_OK,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_BUFFER,
  type WS_XML_NODE_POSITION,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  type WS_XML_STRING,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_INDENT,
  WS_XML_WRITER_PROPERTY_MAX_DEPTH,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
  WsFreeHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateXmlBuffer,
  WsGetNamespaceFromPrefix,
  WsGetReaderPosition,
  WsGetReaderProperty,
  WsGetWriterPosition,
  WsGetWriterProperty,
  WsMoveReader,
  WsReadNode,
  WsReadXmlBufferFromBytes,
  WsRemoveNode,
  WsSetInputToBuffer,
  WsSetOutputToBuffer,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteText,
  WsWriteXmlBufferToBytes,
} from "../index.js";
import {
  bufferText,
  current,
  element,
  message,
  newBuffer,
  newError,
  newHeap,
  newReader,
  newWriter,
  readAll,
  readerOn,
  show,
  utf8,
  writerTo,
  x,
} from "./buffer.test-support.js";

const decoder = new TextDecoder();

/** `<a xmlns="urn:a"><p:b p:c="1" q='2' xmlns:p="urn:p">text</p:b><!--note--><d><![CDATA[<raw>]]></d></a>` */
function writeSample(buffer: WS_XML_BUFFER): void {
  const writer = writerTo(buffer);
  expect(WsWriteStartElement(writer, null, x("a"), x("urn:a"))).toBe(S_OK);
  expect(WsWriteStartElement(writer, x("p"), x("b"), x("urn:p"))).toBe(S_OK);
  expect(WsWriteStartAttribute(writer, x("p"), x("c"), x("urn:p"), false)).toBe(S_OK);
  expect(WsWriteChars(writer, "1")).toBe(S_OK);
  expect(WsWriteEndAttribute(writer)).toBe(S_OK);
  expect(WsWriteStartAttribute(writer, x(""), x("q"), x(""), true)).toBe(S_OK);
  expect(WsWriteChars(writer, "2")).toBe(S_OK);
  expect(WsWriteEndAttribute(writer)).toBe(S_OK);
  expect(WsWriteChars(writer, "te")).toBe(S_OK);
  expect(WsWriteText(writer, { textType: WS_XML_TEXT_TYPE_UTF8, value: x("xt") } as never)).toBe(S_OK);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
  expect(WsWriteNode(writer, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("note") } as never)).toBe(S_OK);
  element(writer, "d", () => {
    expect(WsWriteStartCData(writer)).toBe(S_OK);
    expect(WsWriteChars(writer, "<raw>")).toBe(S_OK);
    expect(WsWriteEndCData(writer)).toBe(S_OK);
  });
  expect(WsWriteEndElement(writer)).toBe(S_OK);
}

const SAMPLE = `<a xmlns="urn:a"><p:b p:c="1" q='2' xmlns:p="urn:p">text</p:b><!--note--><d xmlns=""><![CDATA[<raw>]]></d></a>`;

describe("WsCreateXmlBuffer", () => {
  it("makes an empty buffer: a reader set to it goes from BOF to EOF", () => {
    expect(readAll(readerOn(newBuffer()))).toEqual(["bof", "eof"]);
    expect(bufferText(newBuffer())).toBe("");
  });

  it("refuses properties: WS_XML_BUFFER_PROPERTY_ID defines none", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    const error = newError();
    expect(WsCreateXmlBuffer(newHeap(), [{ id: 0, value: 0 }] as never, buffer, error)).toBe(E_INVALIDARG);
    expect(buffer.value).toBeNull();
    expect(message(error)).toBe("WsCreateXmlBuffer: WS_XML_BUFFER_PROPERTY_ID defines no properties, but 1 were given.");
    expect(WsCreateXmlBuffer(newHeap(), [], buffer)).toBe(S_OK);
  });

  it("charges the buffer to its heap, and fails with WS_E_QUOTA_EXCEEDED when it does not fit", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsCreateXmlBuffer(newHeap(64), null, buffer)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(buffer.value).toBeNull();
  });

  it("is released with its heap: once the heap is freed the buffer is refused", () => {
    const heap = newHeap();
    const buffer = newBuffer(heap);
    WsFreeHeap(heap);
    const error = newError();
    expect(WsSetInputToBuffer(newReader(), buffer, null, error)).toBe(E_INVALIDARG);
    expect(message(error)).toBe("WsSetInputToBuffer: the WS_XML_BUFFER was released with its WS_HEAP, which was freed.");
    expect(WsSetOutputToBuffer(newWriter(), buffer, null)).toBe(E_INVALIDARG);
  });
});

describe("a writer set to a buffer, read back node by node", () => {
  it("keeps every node the writer wrote, with the namespace declarations as xmlns attributes", () => {
    const buffer = newBuffer();
    writeSample(buffer);
    expect(readAll(readerOn(buffer))).toEqual([
      "bof",
      "element :a{urn:a} xmlns:=urn:a",
      "element p:b{urn:p} p:c{urn:p}=1 :q{}=2' xmlns:p=urn:p",
      'text "text"',
      "end",
      'comment "note"',
      "element :d{} xmlns:=",
      "cdata",
      'text "<raw>"',
      "end-cdata",
      "end",
      "end",
      "eof",
    ]);
  });

  it("serialises to the bytes the text writer writes for the same calls", () => {
    const buffer = newBuffer();
    writeSample(buffer);
    expect(bufferText(buffer)).toBe(SAMPLE);
  });

  it("appends after what the buffer holds: WsSetOutputToBuffer positions the writer at the end", () => {
    const buffer = newBuffer();
    element(writerTo(buffer), "a");
    const writer = writerTo(buffer);
    const error = newError();
    // The buffer has its root element: a second one needs WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT.
    expect(WsWriteStartElement(writer, null, x("b"), x(""), error)).toBe(WS_E_INVALID_FORMAT);
    expect(message(error)).toBe(
      "WsWriteStartElement: a second root element <b> is not allowed unless WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT is TRUE.",
    );
    expect(bufferText(buffer)).toBe("<a/>");
  });

  it("keeps the writer's properties (WsSetOutputToBuffer's override WsCreateWriter's)", () => {
    const writer = newWriter();
    expect(WsSetOutputToBuffer(writer, newBuffer(), [{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 1 }])).toBe(S_OK);
    const depth = ref<unknown>(0);
    expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_MAX_DEPTH, depth)).toBe(S_OK);
    expect(depth.value).toBe(1);
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteStartElement(writer, null, x("b"), x(""))).toBe(WS_E_QUOTA_EXCEEDED);
  });

  it("joins text written piece by piece into one text node", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    element(writer, "a", () => {
      for (const piece of ["x", "y", "z"]) expect(WsWriteChars(writer, piece)).toBe(S_OK);
    });
    expect(readAll(readerOn(buffer))).toEqual(["bof", "element :a{}", 'text "xyz"', "end", "eof"]);
  });

  it("charges every node to the heap: a full heap fails the write with WS_E_QUOTA_EXCEEDED and faults the writer", () => {
    const heap = newHeap(1024);
    const buffer = newBuffer(heap);
    const writer = writerTo(buffer);
    const error = newError();
    expect(WsWriteStartElement(writer, null, x("a"), x(""))).toBe(S_OK);
    expect(WsWriteChars(writer, "y".repeat(2000), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(message(error)).toMatch(/^WsWriteChars: allocating 2\d\d\d bytes for text would exceed the heap's maximum size of 1024 bytes/);
    expect(WsWriteEndElement(writer)).toBe(WS_E_OBJECT_FAULTED);
    // Nothing of the failed write is in the buffer: the element, committed before the text, is.
    expect(readAll(readerOn(buffer))).toEqual(["bof", "element :a{}", "end", "eof"]);
  });
});

describe("WsSetInputToBuffer", () => {
  it("puts the reader on BOF, takes reader properties, and can be called again", () => {
    const buffer = newBuffer();
    element(writerTo(buffer), "a");
    const reader = newReader();
    expect(WsSetInputToBuffer(reader, buffer, [{ id: WS_XML_READER_PROPERTY_MAX_DEPTH, value: 16 }])).toBe(S_OK);
    expect(show(current(reader))).toBe("bof");
    const depth = ref<unknown>(0);
    expect(WsGetReaderProperty(reader, WS_XML_READER_PROPERTY_MAX_DEPTH, depth)).toBe(S_OK);
    expect(depth.value).toBe(16);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsSetInputToBuffer(reader, buffer, null)).toBe(S_OK);
    expect(show(current(reader))).toBe("bof");
  });

  it("holds the reader's MAX_DEPTH quota for the buffer's elements", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    element(writer, "a", () => element(writer, "b"));
    const reader = newReader();
    const error = newError();
    expect(WsSetInputToBuffer(reader, buffer, [{ id: WS_XML_READER_PROPERTY_MAX_DEPTH, value: 1 }])).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(WsReadNode(reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(message(error)).toBe(
      "WsReadNode: XML reader: the element nesting goes deeper than 1 (WS_XML_READER_PROPERTY_MAX_DEPTH) in the WS_XML_BUFFER.",
    );
  });

  it("knows the namespaces in scope from the buffer's xmlns attributes (WsGetNamespaceFromPrefix)", () => {
    const buffer = newBuffer();
    writeSample(buffer);
    const reader = readerOn(buffer);
    for (let i = 0; i < 3; i++) expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe('text "text"');
    const ns = ref<WS_XML_STRING | null>(null);
    expect(WsGetNamespaceFromPrefix(reader, x("p"), true, ns)).toBe(S_OK);
    expect(decoder.decode(ns.value!.bytes)).toBe("urn:p");
    expect(WsGetNamespaceFromPrefix(reader, x(""), true, ns)).toBe(S_OK);
    expect(decoder.decode(ns.value!.bytes)).toBe("urn:a");
    expect(WsGetNamespaceFromPrefix(reader, x("q"), false, ns)).toBe(S_FALSE);
    expect(ns.value).toBeNull();
  });

  it("lets several readers read one buffer, each at its own node", () => {
    const buffer = newBuffer();
    writeSample(buffer);
    const first = readerOn(buffer);
    const second = readerOn(buffer);
    expect(WsReadNode(first)).toBe(S_OK);
    expect(WsReadNode(first)).toBe(S_OK);
    expect(show(current(first))).toBe("element p:b{urn:p} p:c{urn:p}=1 :q{}=2' xmlns:p=urn:p");
    expect(show(current(second))).toBe("bof");
  });
});

describe("WsWriteXmlBufferToBytes", () => {
  it("writes the buffer as UTF-8 text when the encoding is NULL, onto the heap", () => {
    const heap = newHeap();
    const buffer = newBuffer(heap);
    writeSample(buffer);
    const bytes = ref<Uint8Array | null>(null);
    expect(WsWriteXmlBufferToBytes(newWriter(), buffer, null, null, heap, bytes)).toBe(S_OK);
    expect(decoder.decode(bytes.value!)).toBe(SAMPLE);
  });

  it("writes in the encoding and with the writer properties given", () => {
    const buffer = newBuffer();
    element(writerTo(buffer), "a");
    const bytes = ref<Uint8Array | null>(null);
    const utf16 = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF16LE } as never;
    const declaration: WS_XML_WRITER_PROPERTY[] = [{ id: WS_XML_WRITER_PROPERTY_WRITE_DECLARATION, value: true }];
    expect(WsWriteXmlBufferToBytes(newWriter(), buffer, utf16, declaration, newHeap(), bytes)).toBe(S_OK);
    expect(new TextDecoder("utf-16le").decode(bytes.value!)).toBe('<?xml version="1.0" encoding="utf-16"?><a/>');
    expect(bytes.value!.length).toBe(2 * '<?xml version="1.0" encoding="utf-16"?><a/>'.length);
  });

  it("charges the bytes to the heap given (WS_E_QUOTA_EXCEEDED when they do not fit)", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    element(writer, "a", () => expect(WsWriteChars(writer, "z".repeat(300))).toBe(S_OK));
    const bytes = ref<Uint8Array | null>(null);
    expect(WsWriteXmlBufferToBytes(newWriter(), buffer, null, null, newHeap(300), bytes)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(bytes.value).toBeNull();
    expect(WsWriteXmlBufferToBytes(newWriter(), buffer, null, null, newHeap(307), bytes)).toBe(S_OK);
    expect(bytes.value!.length).toBe(307);
  });

  it("names itself when the encoding is not implemented", () => {
    const error = newError();
    const bytes = ref<Uint8Array | null>(null);
    expect(
      WsWriteXmlBufferToBytes(
        newWriter(),
        newBuffer(),
        { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never,
        [{ id: WS_XML_WRITER_PROPERTY_INDENT, value: 2 }] as never,
        newHeap(),
        bytes,
        error,
      ),
    ).toBe(E_NOTIMPL);
    expect(message(error)).toMatch(
      /^WsWriteXmlBufferToBytes: WsSetOutput: WS_XML_WRITER_PROPERTY_INDENT other than 0 .* is not implemented yet/,
    );
  });
});

describe("WsReadXmlBufferFromBytes and back to bytes", () => {
  const SOAP =
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing">` +
    `<s:Header><a:Action s:mustUnderstand="1">urn:add</a:Action></s:Header>` +
    `<s:Body><Add xmlns="http://tempuri.org/"><x>1 &lt; 2 &amp;&gt; "q"</x><y attr='&apos;'/><!-- c --></Add></s:Body></s:Envelope>`;

  function roundTrip(text: string): string {
    const heap = newHeap();
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, utf8(text), heap, buffer)).toBe(S_OK);
    return bufferText(buffer.value!, heap);
  }

  it("gives back byte for byte what WWSAPI wrote", () => {
    expect(roundTrip(SOAP)).toBe(SOAP);
    expect(roundTrip(SAMPLE)).toBe(SAMPLE);
  });

  it("reads UTF-16 (WS_CHARSET_AUTO) into the same nodes", () => {
    const heap = newHeap();
    const buffer = ref<WS_XML_BUFFER | null>(null);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."<a>é</a>"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, utf16, heap, buffer)).toBe(S_OK);
    expect(readAll(readerOn(buffer.value!))).toEqual(["bof", "element :a{}", 'text "é"', "end", "eof"]);
  });

  it("fails as the reader fails on bad input", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    const error = newError();
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, utf8("<a><b></a>"), newHeap(), buffer, error)).toBe(WS_E_INVALID_FORMAT);
    expect(message(error)).toBe(
      'WsReadXmlBufferFromBytes: XML reader: the end tag "</a>" does not match the start tag "<b>", at line 1, column 7 (byte 6).',
    );
    expect(buffer.value).toBeNull();
  });

  it("fails with WS_E_QUOTA_EXCEEDED when the nodes do not fit in the heap", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBufferFromBytes(newReader(), null, null, utf8(SOAP), newHeap(1000), buffer)).toBe(WS_E_QUOTA_EXCEEDED);
  });
});

describe("WsRemoveNode", () => {
  function sample(): { buffer: WS_XML_BUFFER; reader: ReturnType<typeof readerOn> } {
    const buffer = newBuffer();
    writeSample(buffer);
    return { buffer, reader: readerOn(buffer) };
  }

  function positionAfter(reader: ReturnType<typeof readerOn>, reads: number): WS_XML_NODE_POSITION {
    expect(WsMoveReader(reader, 9 /* BOF */ as never, null)).toBe(S_OK);
    for (let i = 0; i < reads; i++) expect(WsReadNode(reader)).toBe(S_OK);
    const position = ref<WS_XML_NODE_POSITION>({ buffer: null, node: null });
    expect(WsGetReaderPosition(reader, position)).toBe(S_OK);
    return position.value;
  }

  it("removes an element with all its content and its end element", () => {
    const { buffer, reader } = sample();
    expect(WsRemoveNode(positionAfter(reader, 2))).toBe(S_OK);
    expect(bufferText(buffer)).toBe(`<a xmlns="urn:a"><!--note--><d xmlns=""><![CDATA[<raw>]]></d></a>`);
  });

  it("removes a single text or comment node", () => {
    const { buffer, reader } = sample();
    expect(WsRemoveNode(positionAfter(reader, 3))).toBe(S_OK);
    expect(WsRemoveNode(positionAfter(reader, 4))).toBe(S_OK);
    expect(bufferText(buffer)).toBe(`<a xmlns="urn:a"><p:b p:c="1" q='2' xmlns:p="urn:p"/><d xmlns=""><![CDATA[<raw>]]></d></a>`);
  });

  it("refuses end elements, BOF and EOF with WS_E_INVALID_OPERATION", () => {
    const { buffer, reader } = sample();
    const error = newError();
    expect(WsRemoveNode(positionAfter(reader, 4), error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsRemoveNode: the position is on an end element, which cannot be removed by itself.");
    expect(WsRemoveNode(positionAfter(reader, 0), error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsRemoveNode: the position is on BOF, which cannot be removed by itself.");
    expect(WsRemoveNode(positionAfter(reader, 12), error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsRemoveNode: the position is on EOF, which cannot be removed by itself.");
    expect(bufferText(buffer)).toBe(SAMPLE);
  });

  it("leaves positions in what it removed failing: the position again, the reader and writer on it", () => {
    const { buffer, reader } = sample();
    const inside = positionAfter(reader, 3); // the text in <p:b>
    const writer = writerTo(buffer);
    const writerPosition = ref<WS_XML_NODE_POSITION>({ buffer: null, node: null });
    expect(WsRemoveNode(positionAfter(reader, 2))).toBe(S_OK);
    const error = newError();
    expect(WsRemoveNode(inside, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsRemoveNode: the position's node was removed from the WS_XML_BUFFER (WsRemoveNode).");
    // The reader stood on <p:b>: it must be repositioned before it reads on.
    expect(WsReadNode(reader, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe(
      "WsReadNode: XML reader: the reader's current node was removed from the WS_XML_BUFFER (WsRemoveNode); reposition it with WsSetReaderPosition or WsMoveReader.",
    );
    expect(WsMoveReader(reader, 0 /* ROOT_ELEMENT */ as never, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe('comment "note"');
    // The writer was at the end, which is still there.
    expect(WsGetWriterPosition(writer, writerPosition)).toBe(S_OK);
    expect(WsRemoveNode({ buffer: writerPosition.value.buffer, node: {} })).toBe(E_INVALIDARG);
  });

  it("refuses a position that is not one of the buffer's (E_INVALIDARG)", () => {
    const error = newError();
    expect(WsRemoveNode({ buffer: null, node: null }, error)).toBe(E_INVALIDARG);
    expect(message(error)).toBe("WsRemoveNode: nodePosition.buffer must be a live WS_XML_BUFFER, not null.");
    const other = newBuffer();
    const { reader } = sample();
    expect(WsRemoveNode({ buffer: other, node: positionAfter(reader, 2).node }, error)).toBe(E_INVALIDARG);
    expect(message(error)).toBe(
      "WsRemoveNode: nodePosition.node is not a node of that WS_XML_BUFFER; take positions from WsGetReaderPosition or WsGetWriterPosition.",
    );
  });
});
