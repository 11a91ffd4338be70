import {
  E_FAIL,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_MOVE_TO_CHILD_ELEMENT,
  WS_MOVE_TO_PREVIOUS_ELEMENT,
  WS_MOVE_TO_ROOT_ELEMENT,
  type WS_XML_BUFFER,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_PROPERTY_MAX_DEPTH,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCopyNode,
  WsGetWriterPosition,
  WsMoveWriter,
  WsReadNode,
  WsReadToStartElement,
  WsReadXmlBuffer,
  WsReadXmlBufferFromBytes,
  WsSetOutputToBuffer,
  WsSetWriterPosition,
  WsWriteEndElement,
  WsWriteStartElement,
  WsWriteXmlBuffer,
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
  textReader,
  textWriter,
  writerTo,
  written,
  x,
} from "./buffer.test-support.js";

const NO_POSITION = (): WS_XML_NODE_POSITION => ({ buffer: null, node: null });

function readTo(reader: WS_XML_READER, steps: number): void {
  for (let i = 0; i < steps; i++) expect(WsReadNode(reader)).toBe(S_OK);
}

/** A buffer with `<t><u/></t>`, as the Wine conformance tests build it. */
function tu(): WS_XML_BUFFER {
  const buffer = newBuffer();
  const writer = writerTo(buffer);
  element(writer, "t", () => element(writer, "u"));
  return buffer;
}

describe("WsCopyNode", () => {
  it("copies an element from a text reader into a buffer at the writer's position (Windows: <t><u/><v/></t>)", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsWriteStartElement(writer, null, x("t"), x(""))).toBe(S_OK);
    element(writer, "u");
    const position = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<t><u/></t>");

    const reader = textReader("<v/>");
    expect(WsReadToStartElement(reader, null, null, null)).toBe(S_OK);
    expect(WsSetWriterPosition(writer, position.value)).toBe(S_OK);
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<t><u/><v/></t>");
    // The writer stays where it was, before </t>; the reader is on the node after the copy.
    const after = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, after)).toBe(S_OK);
    expect(after.value).toEqual(position.value);
    expect(show(current(reader))).toBe("eof");
  });

  it("copies the current node alone when it is text or a comment, and reads on after each copy", () => {
    const reader = textReader(`<a>hi<!--c--><b x="1"><c/></b></a>`);
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsWriteStartElement(writer, null, x("w"), x(""))).toBe(S_OK);
    readTo(reader, 2);
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(show(current(reader))).toBe('comment "c"');
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("element :b{} :x{}=1");
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("end");
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(bufferText(buffer)).toBe(`<w>hi<!--c--><b x="1"><c/></b></w>`);
  });

  it("copies the whole document from BOF, leaving the reader at EOF (Windows)", () => {
    const reader = textReader("<v/>");
    const writer = textWriter();
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(written(writer)).toBe("<v/>");
    expect(show(current(reader))).toBe("eof");
  });

  it("declares on the copy the namespaces its names need from elements not copied", () => {
    const reader = textReader(`<p:a xmlns:p="urn:p" xmlns:q="urn:q"><p:b q:c="1"><d/></p:b></p:a>`);
    readTo(reader, 2);
    const writer = textWriter();
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(written(writer)).toBe(`<p:b q:c="1" xmlns:p="urn:p" xmlns:q="urn:q"><d/></p:b>`);
  });

  it("copies from a reader on a buffer", () => {
    const reader = readerOn(tu());
    readTo(reader, 2);
    const writer = textWriter();
    expect(WsCopyNode(writer, reader)).toBe(S_OK);
    expect(written(writer)).toBe("<u/>");
    expect(show(current(reader))).toBe("end");
  });

  it("has nothing to copy at EOF or without input (WS_E_INVALID_OPERATION, as on Windows)", () => {
    const reader = textReader("<v/>");
    readTo(reader, 3);
    const error = newError();
    expect(WsCopyNode(writerTo(newBuffer()), reader, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsCopyNode: the reader is at the end of its input (EOF); there is no node to copy.");
    expect(WsCopyNode(writerTo(newBuffer()), newReader(), error)).toBe(WS_E_INVALID_OPERATION);
  });

  it("fails as the reader fails: text alone is no document (WS_E_INVALID_FORMAT, as on Windows)", () => {
    const error = newError();
    expect(WsCopyNode(textWriter(), textReader("text"), error)).toBe(WS_E_INVALID_FORMAT);
    expect(message(error)).toBe("WsCopyNode: XML reader: text outside the root element, at line 1, column 1 (byte 0).");
  });
});

describe("WsReadXmlBuffer", () => {
  it("reads the element the reader is on into a new buffer; the reader goes on after it (Windows)", () => {
    const reader = textReader("<t><u><v/></u></t></w>");
    readTo(reader, 2);
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(S_OK);
    expect(bufferText(buffer.value!)).toBe("<u><v/></u>");
    expect(show(current(reader))).toBe("end");
    const error = newError();
    // On an end element: E_FAIL, which is what Windows returns (the documentation lists WS_E_INVALID_OPERATION).
    expect(WsReadXmlBuffer(reader, newHeap(), buffer, error)).toBe(E_FAIL);
    expect(message(error)).toBe(
      "WsReadXmlBuffer: the reader must be on an element or at the start of its input (BOF), not on node type 3.",
    );
  });

  it("is E_FAIL without input, at EOF and on other nodes (Windows)", () => {
    const buffer = ref<WS_XML_BUFFER | null>(null);
    const error = newError();
    expect(WsReadXmlBuffer(newReader(), newHeap(), buffer, error)).toBe(E_FAIL);
    expect(message(error)).toBe("WsReadXmlBuffer: the reader has no input; call WsSetInput or WsSetInputToBuffer first.");
    const comment = textReader("<!--comment--><t></t>");
    readTo(comment, 1);
    expect(WsReadXmlBuffer(comment, newHeap(), buffer)).toBe(E_FAIL);
    const reader = readerOn(tu());
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(S_OK);
    expect(show(current(reader))).toBe("eof");
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(E_FAIL);
  });

  it("reads the whole document from BOF; the reader is at EOF after it (Windows)", () => {
    const reader = readerOn(tu());
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(S_OK);
    expect(bufferText(buffer.value!)).toBe("<t><u/></t>");
    expect(show(current(reader))).toBe("eof");
  });

  it("reads an element of a buffer (Windows: <u/>, then the reader is on </t>)", () => {
    const reader = readerOn(tu());
    readTo(reader, 2);
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(S_OK);
    expect(readAll(readerOn(buffer.value!))).toEqual(["bof", "element :u{}", "end", "eof"]);
    expect(show(current(reader))).toBe("end");
  });

  it("fails as the reader does from BOF on a bad document, the reader staying on the last good node (Windows)", () => {
    const reader = textReader("<t><u/></t><v/>");
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBuffer(reader, newHeap(), buffer)).toBe(WS_E_INVALID_FORMAT);
    expect(show(current(reader))).toBe("end");
  });

  it("fails with WS_E_QUOTA_EXCEEDED when the heap is too small", () => {
    const reader = textReader(`<t>${"x".repeat(500)}</t>`);
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBuffer(reader, newHeap(400), buffer)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(buffer.value).toBeNull();
  });
});

describe("WsWriteXmlBuffer", () => {
  it("writes the buffer's whole content at the writer's position (Windows: <t/>)", () => {
    const source = newBuffer();
    element(writerTo(source), "t");
    const text = textWriter();
    expect(WsWriteXmlBuffer(text, source)).toBe(S_OK);
    expect(written(text)).toBe("<t/>");
    const target = newBuffer();
    const writer = writerTo(target);
    expect(WsWriteXmlBuffer(writer, source)).toBe(S_OK);
    expect(bufferText(target)).toBe("<t/>");
    // Before that root element, the same content would be a second root (Windows: WS_E_INVALID_FORMAT).
    expect(WsMoveWriter(writer, WS_MOVE_TO_PREVIOUS_ELEMENT, null)).toBe(S_OK);
    expect(WsWriteXmlBuffer(writer, source)).toBe(WS_E_INVALID_FORMAT);
  });

  it("writes a buffer into itself once: what it inserts is not copied again", () => {
    const buffer = tu();
    const writer = writerTo(buffer);
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    expect(WsWriteXmlBuffer(writer, buffer)).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<t><t><u/></t><u/></t>");
  });

  it("goes through the writer's checks and quotas", () => {
    const source = newBuffer();
    const writer = writerTo(source);
    element(writer, "a", () => element(writer, "b", () => element(writer, "c")));
    const shallow = newWriter();
    expect(WsSetOutputToBuffer(shallow, newBuffer(), [{ id: WS_XML_WRITER_PROPERTY_MAX_DEPTH, value: 2 }])).toBe(S_OK);
    const error = newError();
    expect(WsWriteXmlBuffer(shallow, source, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(message(error)).toBe(
      "WsWriteXmlBuffer: the element <c> would nest 3 deep, more than the 2 of WS_XML_WRITER_PROPERTY_MAX_DEPTH.",
    );
  });
});

describe("WsReadXmlBufferFromBytes with the binary encoding", () => {
  it("reads [MC-NBFX] records into the buffer, which writes as text", () => {
    // ShortElement "a", Chars8TextWithEndElement "hi"
    const bytes = new Uint8Array([0x40, 0x01, 0x61, 0x99, 0x02, 0x68, 0x69]);
    const binary = { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null } as never;
    const heap = newHeap();
    const buffer = ref<WS_XML_BUFFER | null>(null);
    expect(WsReadXmlBufferFromBytes(newReader(), binary, null, bytes, heap, buffer)).toBe(S_OK);
    expect(bufferText(buffer.value!, heap)).toBe("<a>hi</a>");
  });
});
