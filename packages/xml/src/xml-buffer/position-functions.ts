import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_MOVE_TO,
  WS_MOVE_TO_BOF,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import type { TextWriter } from "../writer/text-writer.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { bufferInput, bufferOutput } from "./buffer-endpoints.js";
import { type BufferSink, resumeAt } from "./buffer-sink.js";
import type { BufferNode } from "./buffer-tree.js";
import { nodeAt, positionOf } from "./positions.js";
import { isRelativeMove, moveTarget } from "./tree-moves.js";

/**
 * Positions in a WS_XML_BUFFER for readers and writers set to one (WS_XML_NODE_POSITION).
 * A reader's position is the node it is on; a writer's is "the xml node before which new data will
 * be placed" (WsSetWriterPosition). Moving a reader also lifts a failure it had met: it reads on from
 * the new node.
 */

const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;
const writerOf = (writer: WS_XML_WRITER) => writer as unknown as XmlWriterObject;

export function WsGetReaderPosition(reader: WS_XML_READER, nodePosition: Ref<WS_XML_NODE_POSITION>, _error: WS_ERROR | null): HRESULT {
  const source = bufferInput("WsGetReaderPosition", readerOf(reader));
  nodePosition.value = positionOf(source.buffer, source.current);
  return S_OK;
}

export function WsSetReaderPosition(reader: WS_XML_READER, nodePosition: WS_XML_NODE_POSITION, _error: WS_ERROR | null): HRESULT {
  const fn = "WsSetReaderPosition";
  const target = readerOf(reader);
  const source = bufferInput(fn, target);
  const node = nodeAt(fn, nodePosition, source.buffer);
  source.arrive(node);
  target.node = node.node;
  target.failure = null;
  return S_OK;
}

/**
 * "If the found parameter is not NULL, then it will indicate there whether or not it could move to
 * the requested node and return NOERROR. If the found parameter is NULL, and the requested node is
 * not found, it will return WS_E_INVALID_FORMAT." The moves are those of tree-moves.ts.
 */
export function WsMoveReader(reader: WS_XML_READER, moveTo: WS_MOVE_TO, found: Ref<boolean> | null, _error: WS_ERROR | null): HRESULT {
  const fn = "WsMoveReader";
  const target = readerOf(reader);
  const source = bufferInput(fn, target);
  const from = isRelativeMove(moveTo) ? source.attachedCurrent(fn) : source.current;
  const to = moveTarget(source.buffer, from, moveTo);
  if (to === null) return notFound(fn, found, "the reader");
  source.arrive(to);
  target.node = to.node;
  target.failure = null;
  if (found !== null) found.value = true;
  return S_OK;
}

function notFound(fn: string, found: Ref<boolean> | null, who: string): HRESULT {
  if (found === null) throw new WsError(WS_E_INVALID_FORMAT, `${fn}: there is no such node to move ${who} to; its position is unchanged.`);
  found.value = false;
  return S_OK;
}

export function WsGetWriterPosition(writer: WS_XML_WRITER, nodePosition: Ref<WS_XML_NODE_POSITION>, _error: WS_ERROR | null): HRESULT {
  const { sink } = bufferOutput("WsGetWriterPosition", writerOf(writer), true);
  nodePosition.value = positionOf(sink.buffer, sink.before);
  return S_OK;
}

export function WsSetWriterPosition(writer: WS_XML_WRITER, nodePosition: WS_XML_NODE_POSITION, _error: WS_ERROR | null): HRESULT {
  const fn = "WsSetWriterPosition";
  const target = writerOf(writer);
  const { sink } = bufferOutput(fn, target, false);
  target.write(fn, (document) => {
    refuseOpenTag(fn, document);
    placeWriter(fn, document, sink, nodeAt(fn, nodePosition, sink.buffer));
  });
  return S_OK;
}

/** "Once positioned, the writer will then insert new data before the position specified." */
export function WsMoveWriter(writer: WS_XML_WRITER, moveTo: WS_MOVE_TO, found: Ref<boolean> | null, _error: WS_ERROR | null): HRESULT {
  const fn = "WsMoveWriter";
  const target = writerOf(writer);
  const { sink } = bufferOutput(fn, target, false);
  return target.write(fn, (document) => {
    refuseOpenTag(fn, document);
    // Nothing can be placed before BOF: Windows refuses the move with E_INVALIDARG.
    if (moveTo === WS_MOVE_TO_BOF)
      throw new WsError(E_INVALIDARG, `${fn}: a writer cannot be placed before BOF; new data goes before its position.`);
    const from = isRelativeMove(moveTo) ? attached(fn, sink.before) : sink.before;
    const to = moveTarget(sink.buffer, from, moveTo);
    if (to === null) return notFound(fn, found, "the writer");
    placeWriter(fn, document, sink, to);
    if (found !== null) found.value = true;
    return S_OK;
  });
}

/** A writer position is where the next node goes: a start tag still open for attributes would be lost. */
function refuseOpenTag(fn: string, document: TextWriter): void {
  if (document.pendingStartTag || document.inAttribute) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: a start tag is still open for attributes; end it (WsWriteEndStartElement) before moving the writer.`,
    );
  }
}

function placeWriter(fn: string, document: TextWriter, sink: BufferSink, before: BufferNode): void {
  if (before === sink.buffer.bof) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: a writer cannot be placed on BOF; new data goes before its position, and nothing comes before BOF.`,
    );
  }
  resumeAt(fn, document, sink, before);
}

function attached(fn: string, node: BufferNode): BufferNode {
  if (!node.attached) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the writer's position was removed from the WS_XML_BUFFER (WsRemoveNode); only WS_MOVE_TO_ROOT_ELEMENT, WS_MOVE_TO_EOF or WsSetWriterPosition can place it again.`,
    );
  }
  return node;
}
