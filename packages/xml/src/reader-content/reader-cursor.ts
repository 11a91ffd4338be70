import {
  E_INVALIDARG,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";

/**
 * Moving a WS_XML_READER from the functions of this folder. They keep the reader's rule that a
 * failure of the input sticks (XmlReaderObject.failure) and name the function that met it, as the
 * element functions do, so that a caller cannot read on from an undefined position.
 */

export const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;

/** The next node; a failure of the input is kept by the reader and reported for `functionName`. */
export function advance(target: XmlReaderObject, functionName: string): WS_XML_NODE {
  const source = target.input(functionName);
  try {
    target.node = source.next();
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    target.failure = thrown;
    throw new WsError(thrown.hr, `${functionName}: ${thrown.message}`);
  }
  return target.node;
}

function isWhitespaceText(node: WS_XML_NODE): boolean {
  if (node.nodeType !== WS_XML_NODE_TYPE_TEXT) return false;
  const text = (node as unknown as WS_XML_TEXT_NODE).text;
  if (text === null || text.textType !== WS_XML_TEXT_TYPE_UTF8) return false;
  for (const b of (text as unknown as WS_XML_UTF8_TEXT).value.bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** Skips BOF, comments and white space text, as WsReadToStartElement does; returns the node it stops on. */
export function skipInsignificant(target: XmlReaderObject, functionName: string): WS_XML_NODE {
  let node = target.node;
  while (node.nodeType === WS_XML_NODE_TYPE_BOF || node.nodeType === WS_XML_NODE_TYPE_COMMENT || isWhitespaceText(node))
    node = advance(target, functionName);
  return node;
}

const NODE_NAMES = [
  "a node",
  "an element",
  "text",
  "an end element",
  "a comment",
  "a node",
  "a CDATA section",
  "the end of a CDATA section",
  "the end of the input",
  "the start of the input",
];

/** How a node is named in messages ("an element", "the end of the input"). */
export function describeNode(node: WS_XML_NODE): string {
  return NODE_NAMES[node.nodeType] ?? "a node";
}

/** E_INVALIDARG unless `string` carries UTF-8 bytes (the flat API has only checked that it is an object). */
export function checkXmlString(functionName: string, param: string, string: WS_XML_STRING): void {
  if (!(string.bytes instanceof Uint8Array)) {
    throw new WsError(
      E_INVALIDARG,
      `${functionName}: parameter '${param}.bytes' must be a Uint8Array, not ${describeValue(string.bytes)}.`,
    );
  }
}

/** Where the reader's input goes on, for messages: " (the reader is at line 3, column 7)". */
export function readerPosition(target: XmlReaderObject): string {
  if (target.source === null) return "";
  const { line, column } = target.source.lineColumn();
  return ` (the reader is at line ${line}, column ${column})`;
}

/** A parse failure of a value, reported for `functionName` with the same HRESULT and where the reader is. */
export function reportFor(functionName: string, target: XmlReaderObject, thrown: unknown): unknown {
  if (!(thrown instanceof WsError)) return thrown;
  return new WsError(thrown.hr, `${functionName}: ${thrown.message.replace(/\.$/, "")}${readerPosition(target)}.`);
}
