import {
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
} from "@wwsapi/core";
import { type BufferNode, isContainer, isElement } from "./buffer-tree.js";
import type { XmlBufferObject } from "./xml-buffer-object.js";

/**
 * Where WS_MOVE_TO `moveTo` leads from `from` in `buffer`, or null when there is no such node ("the
 * position is left unchanged"). The WS_MOVE_TO documentation, on the tree of buffer-tree.ts:
 *
 * - ROOT_ELEMENT "the topmost element in the document";
 * - NEXT_ELEMENT / PREVIOUS_ELEMENT "the next [previous] element with the same depth and parent as
 *   the current node. Text and comments are skipped";
 * - CHILD_ELEMENT "the first child element below the current node. Text and comments are skipped";
 * - END_ELEMENT "If the current node is an element, then moves to its corresponding end element";
 * - PARENT_ELEMENT "the element node containing the current node. End element is considered the last
 *   child of its corresponding start element. If the current position is the root element, then the
 *   position is moved to WS_XML_NODE_TYPE_BOF. If the current position is WS_XML_NODE_TYPE_BOF, then
 *   the current position is left unchanged";
 * - NEXT_NODE / PREVIOUS_NODE "the next [previous] sibling of the current node": none after an end
 *   element (the last child) nor before a first child;
 * - FIRST_NODE "the first child of the current node's parent";
 * - BOF / EOF "logically … before the first node [after the last node] in the document";
 * - CHILD_NODE "the first child of the current node. If the node has no children, the position is
 *   left unchanged": the children of BOF are the top-level nodes, so from BOF it is the first of them.
 *
 * Elements, BOF and CDATA sections have children; an empty element has one, its end element.
 */
export function moveTarget(buffer: XmlBufferObject, from: BufferNode, moveTo: WS_MOVE_TO): BufferNode | null {
  switch (moveTo) {
    case WS_MOVE_TO_ROOT_ELEMENT:
      return firstElement(buffer.bof.firstChild, (node) => node.next);
    case WS_MOVE_TO_NEXT_ELEMENT:
      return firstElement(from.next, (node) => node.next);
    case WS_MOVE_TO_PREVIOUS_ELEMENT:
      return firstElement(from.prev, (node) => node.prev);
    case WS_MOVE_TO_CHILD_ELEMENT:
      return isContainer(from) ? firstElement(from.firstChild, (node) => node.next) : null;
    case WS_MOVE_TO_END_ELEMENT:
      return isElement(from) ? from.lastChild : null;
    case WS_MOVE_TO_PARENT_ELEMENT:
      return from.parent;
    case WS_MOVE_TO_NEXT_NODE:
      return from.next;
    case WS_MOVE_TO_PREVIOUS_NODE:
      return from.prev;
    case WS_MOVE_TO_FIRST_NODE:
      return from.parent?.firstChild ?? null;
    case WS_MOVE_TO_BOF:
      return buffer.bof;
    case WS_MOVE_TO_EOF:
      return buffer.eof;
    case WS_MOVE_TO_CHILD_NODE:
      return from.firstChild;
  }
  return null;
}

/** Whether a move is relative to the current node (and so needs one that is still in the buffer). */
export const isRelativeMove = (moveTo: WS_MOVE_TO): boolean =>
  moveTo !== WS_MOVE_TO_ROOT_ELEMENT && moveTo !== WS_MOVE_TO_BOF && moveTo !== WS_MOVE_TO_EOF;

function firstElement(start: BufferNode | null, step: (node: BufferNode) => BufferNode | null): BufferNode | null {
  for (let node = start; node !== null; node = step(node)) if (isElement(node)) return node;
  return null;
}
