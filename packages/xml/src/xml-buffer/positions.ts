import { E_INVALIDARG, WS_E_INVALID_OPERATION, type WS_XML_BUFFER, type WS_XML_NODE_POSITION } from "@wwsapi/core";
import { describeValue, isHandle, WsError } from "@wwsapi/core/internal";
import { BufferNode } from "./buffer-tree.js";
import { bufferOf, type XmlBufferObject } from "./xml-buffer-object.js";

/**
 * WS_XML_NODE_POSITION: `buffer` and `node`, "an internal handle to the node" — here the buffer's
 * BufferNode itself, which stays valid as long as the buffer: a removed node remains a position,
 * but "operations that depend on that position will fail".
 */
export function positionOf(buffer: XmlBufferObject, node: BufferNode): WS_XML_NODE_POSITION {
  return { buffer: buffer as unknown as WS_XML_BUFFER, node };
}

/**
 * The node `position` names. With `expected`, the position must be in that buffer: Windows returns
 * E_INVALIDARG for a position in another buffer (the Wine conformance tests). A node removed with
 * WsRemoveNode is WS_E_INVALID_OPERATION: "Calling WsSetReaderPosition or WsSetWriterPosition after
 * calling WsRemoveNode will fail".
 */
export function nodeAt(fn: string, position: WS_XML_NODE_POSITION, expected: XmlBufferObject | null): BufferNode {
  const buffer = position.buffer;
  if (!isHandle(buffer, "WS_XML_BUFFER")) {
    throw new WsError(E_INVALIDARG, `${fn}: nodePosition.buffer must be a live WS_XML_BUFFER, not ${describeValue(buffer)}.`);
  }
  const target = bufferOf(fn, buffer as WS_XML_BUFFER);
  if (expected !== null && target !== expected) {
    throw new WsError(E_INVALIDARG, `${fn}: the position is in another WS_XML_BUFFER than the one the reader or writer is set to.`);
  }
  const node = position.node;
  if (!(node instanceof BufferNode) || node.owner !== target) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: nodePosition.node is not a node of that WS_XML_BUFFER; take positions from WsGetReaderPosition or WsGetWriterPosition.`,
    );
  }
  if (!node.attached)
    throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the position's node was removed from the WS_XML_BUFFER (WsRemoveNode).`);
  return node;
}
