import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_OBJECT_FAULTED,
  type WS_MOVE_TO,
  WS_MOVE_TO_BOF,
  WS_MOVE_TO_CHILD_ELEMENT,
  WS_MOVE_TO_CHILD_NODE,
  WS_MOVE_TO_END_ELEMENT,
  WS_MOVE_TO_EOF,
  WS_MOVE_TO_FIRST_NODE,
  WS_MOVE_TO_NEXT_ELEMENT,
  WS_MOVE_TO_NEXT_NODE,
  WS_MOVE_TO_PARENT_ELEMENT,
  WS_MOVE_TO_PREVIOUS_ELEMENT,
  WS_MOVE_TO_PREVIOUS_NODE,
  WS_MOVE_TO_ROOT_ELEMENT,
  type WS_XML_BUFFER,
  type WS_XML_NODE_POSITION,
  WS_XML_NODE_TYPE_COMMENT,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsGetReaderPosition,
  WsGetWriterPosition,
  WsMoveReader,
  WsMoveWriter,
  WsReadNode,
  WsRemoveNode,
  WsSetReaderPosition,
  WsSetWriterPosition,
  WsWriteChars,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartCData,
  WsWriteStartElement,
} from "../index.js";
import {
  bufferText,
  current,
  element,
  message,
  newBuffer,
  newError,
  newReader,
  newWriter,
  readerOn,
  show,
  textReader,
  textWriter,
  writerTo,
  x,
} from "./buffer.test-support.js";

const NO_POSITION = (): WS_XML_NODE_POSITION => ({ buffer: null, node: null });

/** `<a><b/>t<c>u</c><!--x--></a>` */
function sampleBuffer(): WS_XML_BUFFER {
  const buffer = newBuffer();
  const writer = writerTo(buffer);
  element(writer, "a", () => {
    element(writer, "b");
    expect(WsWriteChars(writer, "t")).toBe(S_OK);
    element(writer, "c", () => expect(WsWriteChars(writer, "u")).toBe(S_OK));
    expect(WsWriteNode(writer, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x("x") } as never)).toBe(S_OK);
  });
  return buffer;
}

/** The sample's nodes in document order, as `show` prints them. */
const NODES = ["bof", "element :a{}", "element :b{}", "end", 'text "t"', "element :c{}", 'text "u"', "end", 'comment "x"', "end", "eof"];

/** A reader on the sample and the position of each of its nodes, in document order. */
function positions(): { reader: WS_XML_READER; at: WS_XML_NODE_POSITION[] } {
  const reader = readerOn(sampleBuffer());
  const at: WS_XML_NODE_POSITION[] = [];
  for (let i = 0; i < NODES.length; i++) {
    const position = ref(NO_POSITION());
    expect(WsGetReaderPosition(reader, position)).toBe(S_OK);
    expect(show(current(reader))).toBe(NODES[i]);
    at.push(position.value);
    if (i < NODES.length - 1) expect(WsReadNode(reader)).toBe(S_OK);
  }
  return { reader, at };
}

const MOVES: Record<string, WS_MOVE_TO> = {
  ROOT_ELEMENT: WS_MOVE_TO_ROOT_ELEMENT,
  NEXT_ELEMENT: WS_MOVE_TO_NEXT_ELEMENT,
  PREVIOUS_ELEMENT: WS_MOVE_TO_PREVIOUS_ELEMENT,
  CHILD_ELEMENT: WS_MOVE_TO_CHILD_ELEMENT,
  END_ELEMENT: WS_MOVE_TO_END_ELEMENT,
  PARENT_ELEMENT: WS_MOVE_TO_PARENT_ELEMENT,
  NEXT_NODE: WS_MOVE_TO_NEXT_NODE,
  PREVIOUS_NODE: WS_MOVE_TO_PREVIOUS_NODE,
  FIRST_NODE: WS_MOVE_TO_FIRST_NODE,
  BOF: WS_MOVE_TO_BOF,
  EOF: WS_MOVE_TO_EOF,
  CHILD_NODE: WS_MOVE_TO_CHILD_NODE,
};

// [move, from (index in NODES), to (index in NODES, or null: not found)]
const CASES: [string, number, number | null][] = [
  ["ROOT_ELEMENT", 0, 1],
  ["ROOT_ELEMENT", 6, 1],
  ["ROOT_ELEMENT", 10, 1],
  ["NEXT_ELEMENT", 2, 5], // past the text
  ["NEXT_ELEMENT", 4, 5],
  ["NEXT_ELEMENT", 5, null], // the comment and the end element are no elements
  ["NEXT_ELEMENT", 1, null], // after <a> comes EOF
  ["NEXT_ELEMENT", 0, null],
  ["PREVIOUS_ELEMENT", 5, 2],
  ["PREVIOUS_ELEMENT", 8, 5],
  ["PREVIOUS_ELEMENT", 9, 5], // </a> is <a>'s last child
  ["PREVIOUS_ELEMENT", 10, 1],
  ["PREVIOUS_ELEMENT", 2, null],
  ["CHILD_ELEMENT", 0, 1],
  ["CHILD_ELEMENT", 1, 2],
  ["CHILD_ELEMENT", 5, null], // only text
  ["CHILD_ELEMENT", 2, null],
  ["CHILD_ELEMENT", 4, null],
  ["END_ELEMENT", 1, 9],
  ["END_ELEMENT", 2, 3], // an empty element has its end element too
  ["END_ELEMENT", 4, null],
  ["END_ELEMENT", 0, null],
  ["PARENT_ELEMENT", 2, 1],
  ["PARENT_ELEMENT", 3, 2], // "End element is considered the last child of its corresponding start element"
  ["PARENT_ELEMENT", 6, 5],
  ["PARENT_ELEMENT", 1, 0], // "If the current position is the root element, then the position is moved to … BOF"
  ["PARENT_ELEMENT", 10, 0],
  ["PARENT_ELEMENT", 0, null], // "If the current position is … BOF, then the current position is left unchanged"
  ["NEXT_NODE", 2, 4],
  ["NEXT_NODE", 4, 5],
  ["NEXT_NODE", 8, 9],
  ["NEXT_NODE", 9, null], // "If the current node is an end element, the position is left unchanged"
  ["NEXT_NODE", 1, 10], // EOF is the last child of BOF
  ["NEXT_NODE", 10, null],
  ["NEXT_NODE", 0, null],
  ["PREVIOUS_NODE", 4, 2],
  ["PREVIOUS_NODE", 7, 6],
  ["PREVIOUS_NODE", 10, 1],
  ["PREVIOUS_NODE", 2, null], // "If the current node is the first child of an element, the position is left unchanged"
  ["PREVIOUS_NODE", 0, null],
  ["FIRST_NODE", 8, 2],
  ["FIRST_NODE", 7, 6],
  ["FIRST_NODE", 10, 1],
  ["FIRST_NODE", 0, null],
  ["BOF", 6, 0],
  ["BOF", 0, 0],
  ["EOF", 6, 10],
  ["EOF", 10, 10],
  ["CHILD_NODE", 0, 1], // the first element is a child of BOF
  ["CHILD_NODE", 1, 2],
  ["CHILD_NODE", 2, 3],
  ["CHILD_NODE", 5, 6],
  ["CHILD_NODE", 4, null],
  ["CHILD_NODE", 10, null],
];

describe("WsMoveReader on <a><b/>t<c>u</c><!--x--></a>", () => {
  it.each(CASES)("WS_MOVE_TO_%s from node %i leads to node %s", (move, from, to) => {
    const { reader, at } = positions();
    expect(WsSetReaderPosition(reader, at[from]!)).toBe(S_OK);
    const found = ref(to === null);
    expect(WsMoveReader(reader, MOVES[move]!, found)).toBe(S_OK);
    expect(found.value).toBe(to !== null);
    expect(show(current(reader))).toBe(NODES[to ?? from]);
    const position = ref(NO_POSITION());
    expect(WsGetReaderPosition(reader, position)).toBe(S_OK);
    expect(position.value).toEqual(at[to ?? from]);
  });

  it("returns WS_E_INVALID_FORMAT for a node not found when 'found' is NULL, and stays", () => {
    const { reader, at } = positions();
    const error = newError();
    expect(WsSetReaderPosition(reader, at[0]!)).toBe(S_OK);
    expect(WsMoveReader(reader, WS_MOVE_TO_PARENT_ELEMENT, null, error)).toBe(WS_E_INVALID_FORMAT);
    expect(message(error)).toBe("WsMoveReader: there is no such node to move the reader to; its position is unchanged.");
    expect(show(current(reader))).toBe("bof");
  });

  it("reads on from where it moved", () => {
    const { reader } = positions();
    expect(WsMoveReader(reader, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveReader(reader, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveReader(reader, WS_MOVE_TO_NEXT_ELEMENT, null)).toBe(S_OK);
    expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe('text "u"');
  });
});

describe("WsGetReaderPosition and WsSetReaderPosition", () => {
  it("are only for a reader set to a buffer (WS_E_INVALID_OPERATION otherwise, as on Windows)", () => {
    const error = newError();
    const position = ref(NO_POSITION());
    for (const reader of [newReader(), textReader("<t/>")]) {
      expect(WsGetReaderPosition(reader, position, error)).toBe(WS_E_INVALID_OPERATION);
      expect(WsMoveReader(reader, WS_MOVE_TO_EOF, null, error)).toBe(WS_E_INVALID_OPERATION);
      expect(WsSetReaderPosition(reader, { buffer: newBuffer(), node: null }, error)).toBe(WS_E_INVALID_OPERATION);
    }
    expect(message(error)).toBe(
      "WsSetReaderPosition: the reader is not set to a WS_XML_BUFFER (WsSetInputToBuffer); positions and moves need one.",
    );
  });

  it("names the buffer and an opaque node; setting it again puts the reader there", () => {
    const buffer = newBuffer();
    const reader = readerOn(buffer);
    const position = ref(NO_POSITION());
    expect(WsGetReaderPosition(reader, position)).toBe(S_OK);
    expect(position.value.buffer).toBe(buffer);
    expect(position.value.node).not.toBeNull();
    expect(WsSetReaderPosition(reader, position.value)).toBe(S_OK);
    expect(show(current(reader))).toBe("bof");
  });

  it("refuses a position in another buffer, or a made-up node (E_INVALIDARG)", () => {
    const { reader, at } = positions();
    const error = newError();
    expect(WsSetReaderPosition(reader, { buffer: newBuffer(), node: at[1]!.node }, error)).toBe(E_INVALIDARG);
    expect(message(error)).toBe(
      "WsSetReaderPosition: the position is in another WS_XML_BUFFER than the one the reader or writer is set to.",
    );
    expect(WsSetReaderPosition(reader, { buffer: at[1]!.buffer, node: { nodeType: 1 } }, error)).toBe(E_INVALIDARG);
  });

  it("takes a position of a writer on the same buffer", () => {
    const buffer = sampleBuffer();
    const writer = writerTo(buffer);
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    const position = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
    const reader = readerOn(buffer);
    expect(WsSetReaderPosition(reader, position.value)).toBe(S_OK);
    expect(show(current(reader))).toBe("element :b{}");
  });

  it("refuses a removed node (WS_E_INVALID_OPERATION)", () => {
    const { reader, at } = positions();
    expect(WsRemoveNode(at[5]!)).toBe(S_OK);
    const error = newError();
    expect(WsSetReaderPosition(reader, at[6]!, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsSetReaderPosition: the position's node was removed from the WS_XML_BUFFER (WsRemoveNode).");
  });
});

/** Where the writer is, as the node a reader on the same buffer finds there. */
function writerNode(writer: WS_XML_WRITER, buffer: WS_XML_BUFFER): string {
  const position = ref(NO_POSITION());
  expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
  const reader = readerOn(buffer);
  expect(WsSetReaderPosition(reader, position.value)).toBe(S_OK);
  return show(current(reader));
}

describe("WsMoveWriter and writing at a position", () => {
  it("moves like a reader (Windows: EOF, ROOT_ELEMENT, CHILD_ELEMENT, END_ELEMENT, PARENT_ELEMENT on <a><b/></a>)", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsMoveWriter(writer, WS_MOVE_TO_EOF, null)).toBe(S_OK);
    element(writer, "a", () => element(writer, "b"));
    const steps: [WS_MOVE_TO, string][] = [
      [WS_MOVE_TO_EOF, "eof"],
      [WS_MOVE_TO_ROOT_ELEMENT, "element :a{}"],
      [WS_MOVE_TO_CHILD_ELEMENT, "element :b{}"],
      [WS_MOVE_TO_END_ELEMENT, "end"],
      [WS_MOVE_TO_PARENT_ELEMENT, "element :b{}"],
      [WS_MOVE_TO_END_ELEMENT, "end"],
    ];
    for (const [move, node] of steps) {
      expect(WsMoveWriter(writer, move, null)).toBe(S_OK);
      expect(writerNode(writer, buffer)).toBe(node);
    }
    const found = ref(true);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_NODE, found)).toBe(S_OK);
    expect(found.value).toBe(false);
  });

  it("cannot go to BOF, before which nothing can be written (E_INVALIDARG, as on Windows)", () => {
    const buffer = sampleBuffer();
    const writer = writerTo(buffer);
    const error = newError();
    expect(WsMoveWriter(writer, WS_MOVE_TO_BOF, null, error)).toBe(E_INVALIDARG);
    expect(message(error)).toBe("WsMoveWriter: a writer cannot be placed before BOF; new data goes before its position.");
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_PARENT_ELEMENT, null, error)).toBe(E_INVALIDARG);
    expect(writerNode(writer, buffer)).toBe("element :a{}");
    const reader = readerOn(buffer);
    const bof = ref(NO_POSITION());
    expect(WsGetReaderPosition(reader, bof)).toBe(S_OK);
    expect(WsSetWriterPosition(writer, bof.value, error)).toBe(E_INVALIDARG);
  });

  it("inserts new data before its position, inside the elements around it", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    element(writer, "a", () => element(writer, "b"));
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    element(writer, "x");
    expect(bufferText(buffer)).toBe("<a><x/><b/></a>");
    expect(writerNode(writer, buffer)).toBe("element :b{}");
    expect(WsMoveWriter(writer, WS_MOVE_TO_END_ELEMENT, null)).toBe(S_OK);
    expect(WsWriteChars(writer, "in")).toBe(S_OK);
    // The end of the element the writer is in moves it past that element's end.
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(WsWriteChars(writer, "after")).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<a><x/><b>in</b>after</a>");
    expect(writerNode(writer, buffer)).toBe("end");
  });

  it("picks up the namespaces in scope where it is placed", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsWriteStartElement(writer, x("p"), x("a"), x("urn:p"))).toBe(S_OK);
    element(writer, "b");
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    expect(WsWriteStartElement(writer, null, x("c"), x("urn:p"))).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(bufferText(buffer)).toBe('<p:a xmlns:p="urn:p"><p:c/><b/></p:a>');
  });

  it("writes into a CDATA section it is placed in", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    element(writer, "d", () => {
      expect(WsWriteStartCData(writer)).toBe(S_OK);
      expect(WsWriteChars(writer, "x")).toBe(S_OK);
      expect(WsWriteEndCData(writer)).toBe(S_OK);
    });
    const reader = readerOn(buffer);
    for (let i = 0; i < 4; i++) expect(WsReadNode(reader)).toBe(S_OK);
    expect(show(current(reader))).toBe("end-cdata");
    const position = ref(NO_POSITION());
    expect(WsGetReaderPosition(reader, position)).toBe(S_OK);
    expect(WsSetWriterPosition(writer, position.value)).toBe(S_OK);
    expect(WsWriteChars(writer, "y")).toBe(S_OK);
    expect(WsWriteEndCData(writer)).toBe(S_OK);
    expect(WsWriteChars(writer, "z")).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<d><![CDATA[xy]]>z</d>");
  });

  it("returns WS_E_INVALID_FORMAT for a node not found when 'found' is NULL, which faults the writer", () => {
    const writer = writerTo(newBuffer());
    const error = newError();
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null, error)).toBe(WS_E_INVALID_FORMAT);
    expect(message(error)).toBe("WsMoveWriter: there is no such node to move the writer to; its position is unchanged.");
    expect(WsMoveWriter(writer, WS_MOVE_TO_EOF, null)).toBe(WS_E_OBJECT_FAULTED);
  });

  it("refuses to move while a start tag is open for attributes (WS_E_INVALID_OPERATION)", () => {
    const writer = writerTo(sampleBuffer());
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    expect(WsWriteStartElement(writer, null, x("n"), x(""))).toBe(S_OK);
    const error = newError();
    expect(WsMoveWriter(writer, WS_MOVE_TO_EOF, null, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe(
      "WsMoveWriter: a start tag is still open for attributes; end it (WsWriteEndStartElement) before moving the writer.",
    );
  });

  it("fails to write at a position WsRemoveNode took out (WS_E_INVALID_OPERATION)", () => {
    const buffer = sampleBuffer();
    const writer = writerTo(buffer);
    expect(WsMoveWriter(writer, WS_MOVE_TO_ROOT_ELEMENT, null)).toBe(S_OK);
    expect(WsMoveWriter(writer, WS_MOVE_TO_CHILD_ELEMENT, null)).toBe(S_OK);
    const position = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
    expect(WsRemoveNode(position.value)).toBe(S_OK);
    const error = newError();
    expect(WsWriteChars(writer, "lost", error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe(
      "WsWriteChars: the writer's position was removed from the WS_XML_BUFFER (WsRemoveNode); set a new one with WsSetWriterPosition or WsMoveWriter.",
    );
    expect(bufferText(buffer)).toBe("<a>t<c>u</c><!--x--></a>");
  });
});

describe("WsGetWriterPosition and WsSetWriterPosition", () => {
  it("are only for a writer set to a buffer (WS_E_INVALID_OPERATION otherwise, as on Windows)", () => {
    const position = ref(NO_POSITION());
    const error = newError();
    expect(WsGetWriterPosition(newWriter(), position, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe("WsGetWriterPosition: the writer has no output; call WsSetOutput first.");
    expect(WsGetWriterPosition(textWriter(), position, error)).toBe(WS_E_INVALID_OPERATION);
    expect(message(error)).toBe(
      "WsGetWriterPosition: the writer is not set to a WS_XML_BUFFER (WsSetOutputToBuffer); positions and moves need one.",
    );
    expect(WsMoveWriter(textWriter(), WS_MOVE_TO_EOF, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsSetWriterPosition(textWriter(), { buffer: newBuffer(), node: null })).toBe(WS_E_INVALID_OPERATION);
  });

  it("names the buffer; a position in another buffer is E_INVALIDARG (Windows)", () => {
    const first = newBuffer();
    const writer = writerTo(first);
    const position = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
    expect(position.value.buffer).toBe(first);
    expect(WsSetWriterPosition(writer, position.value)).toBe(S_OK);
    expect(WsSetWriterPosition(writer, { ...position.value, buffer: newBuffer() })).toBe(E_INVALIDARG);
  });

  it("is still before the element whose start tag is open: writing there again makes a second root (Windows)", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsWriteStartElement(writer, null, x("t"), x(""))).toBe(S_OK);
    const position = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, position)).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(bufferText(buffer)).toBe("<t/>");
    expect(WsSetWriterPosition(writer, position.value)).toBe(S_OK);
    expect(WsWriteStartElement(writer, null, x("t"), x(""))).toBe(WS_E_INVALID_FORMAT);
  });

  it("stays before the end of the element the writer is in while it writes (Windows: <t><u/></t>)", () => {
    const buffer = newBuffer();
    const writer = writerTo(buffer);
    expect(WsWriteStartElement(writer, null, x("t"), x(""))).toBe(S_OK);
    element(writer, "u");
    const before = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, before)).toBe(S_OK);
    element(writer, "v");
    const after = ref(NO_POSITION());
    expect(WsGetWriterPosition(writer, after)).toBe(S_OK);
    expect(after.value).toEqual(before.value);
    expect(writerNode(writer, buffer)).toBe("end");
  });
});
