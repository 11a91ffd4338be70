import {
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_TEXT_NODE,
} from "@wwsapi/core";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { textUtf8 } from "./node-text.js";
import { advance } from "./reader-cursor.js";

/**
 * The reading position inside the content of an element (or attribute): the reader's current text
 * node and how many of its UTF-8 bytes WsReadChars, WsReadCharsUtf8, WsReadBytes or WsReadValue
 * have taken. WsReadChars' docs: "Text is read up to either a start element or end element.
 * Comments are skipped, and CDATA content is treated identically to element content." The reader
 * stays on a text node until a call needs more than it holds (Windows stays on the text node after
 * a call that took its last characters, and moves on at the next call, which returns 0), so the
 * current node always shows where reading will go on.
 *
 * The position is keyed by node identity: any other function that moves the reader (WsReadNode,
 * WsSetInput, ...) leaves a different node current, and the position starts again at 0. Kept in a
 * WeakMap so that the reader object needs no field for it.
 */
interface TextPosition {
  node: WS_XML_NODE;
  /** UTF-8 bytes of the node's text already read. */
  offset: number;
  /**
   * WsReadChars gave only the high surrogate of the supplementary character at `offset` (the
   * caller's buffer was full): its low surrogate, still to deliver (0 when none). The character's
   * bytes count as unread until then.
   */
  lowSurrogate: number;
  /**
   * The node's text as UTF-8, made once per node: a typed text (a large base64 attachment) would
   * otherwise be re-encoded on every call, making a read in chunks quadratic.
   */
  bytes: Uint8Array | null;
}

const positions = new WeakMap<XmlReaderObject, TextPosition>();

/** The current text node's content and how much of it has been read. */
export interface TextSpan {
  bytes: Uint8Array;
  offset: number;
}

/** The position on the current node (offset 0 on a node not read from yet). */
export function positionOf(target: XmlReaderObject): TextPosition {
  const position = positions.get(target);
  if (position !== undefined && position.node === target.node) return position;
  const fresh: TextPosition = { node: target.node, offset: 0, lowSurrogate: 0, bytes: null };
  positions.set(target, fresh);
  return fresh;
}

/**
 * The unread rest of the content: the current text node with bytes left, after moving past text
 * already read, comments and CDATA boundaries. Null when the reader is on anything else (an
 * element, an end element, BOF, EOF), where the content ends; the reader then stays there.
 */
export function nextSpan(target: XmlReaderObject, functionName: string, beforeMove?: () => void): TextSpan | null {
  for (;;) {
    const node = target.node;
    const type = node.nodeType;
    if (type === WS_XML_NODE_TYPE_TEXT) {
      const position = positionOf(target);
      position.bytes ??= textUtf8((node as unknown as WS_XML_TEXT_NODE).text, functionName);
      if (position.offset < position.bytes.length) return { bytes: position.bytes, offset: position.offset };
    } else if (type !== WS_XML_NODE_TYPE_COMMENT && type !== WS_XML_NODE_TYPE_CDATA && type !== WS_XML_NODE_TYPE_END_CDATA) {
      return null;
    }
    beforeMove?.();
    advance(target, functionName);
  }
}

/**
 * The text of the current node when it is a text node not read from yet, and the reader moved past
 * it; null (and the reader unmoved) otherwise. What nextSpan and setOffset do for such a node,
 * without recording a position the move would make stale at once: a value is most often one text
 * node, and the WeakMap entry per node cost more than reading it. Should the move fail, the
 * position is recorded, so the node reads as read, as it would have.
 */
function wholeTextNode(target: XmlReaderObject, functionName: string): Uint8Array | null {
  const node = target.node;
  if (node.nodeType !== WS_XML_NODE_TYPE_TEXT || positions.get(target)?.node === node) return null;
  const bytes = textUtf8((node as unknown as WS_XML_TEXT_NODE).text, functionName);
  try {
    advance(target, functionName);
  } catch (thrown) {
    if (target.node === node) {
      const position = positionOf(target);
      position.bytes = bytes;
      position.offset = bytes.length;
    }
    throw thrown;
  }
  return bytes;
}

/** Records that the current node's text has been read up to `offset`. */
export function setOffset(target: XmlReaderObject, offset: number, lowSurrogate = 0): void {
  const position = positionOf(target);
  position.offset = offset;
  position.lowSurrogate = lowSurrogate;
}

/**
 * All the rest of the content as one UTF-8 byte string (WsReadValue, WsReadQualifiedName); the
 * reader is left on the node that ends it. The text is bounded by the input, whose size the
 * caller chose. `beforeMove` sees the text read so far each time before the reader moves: the
 * last call sees all of it while the reader is still inside the content (WsReadQualifiedName
 * resolves its prefix then, before the end element takes the element's namespaces out of scope).
 */
export function readAllText(
  target: XmlReaderObject,
  functionName: string,
  beforeMove?: (parts: readonly Uint8Array[]) => void,
): Uint8Array {
  const parts: Uint8Array[] = [];
  const hook = beforeMove === undefined ? undefined : () => beforeMove(parts);
  let length = 0;
  if (hook === undefined) {
    const first = wholeTextNode(target, functionName);
    if (first !== null) {
      if (first.length > 0) parts.push(first);
      length = first.length;
    }
  }
  for (let span = nextSpan(target, functionName, hook); span !== null; span = nextSpan(target, functionName, hook)) {
    const part = span.bytes.subarray(span.offset);
    parts.push(part);
    length += part.length;
    setOffset(target, span.bytes.length);
  }
  if (parts.length === 1) return parts[0]!;
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
