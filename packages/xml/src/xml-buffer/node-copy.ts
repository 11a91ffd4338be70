import {
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { writeNode } from "../writer/writer-functions.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";

/**
 * Moves the reader to its next node, as WsReadNode does: a failure sticks to the reader (see
 * XmlReaderObject) and names `fn`.
 */
export function readNext(fn: string, target: XmlReaderObject): WS_XML_NODE {
  const source = target.input(fn);
  try {
    target.node = source.next();
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    target.failure = thrown;
    throw new WsError(thrown.hr, `${fn}: ${thrown.message}`);
  }
  return target.node;
}

/**
 * Copies the reader's current node to the writer (WsCopyNode): "If the current node type is
 * WS_XML_NODE_TYPE_ELEMENT, the current node, all its children, and the corresponding end element,
 * are copied … If the current node type is WS_XML_NODE_TYPE_BOF, nodes are copied until a node of
 * type WS_XML_NODE_TYPE_EOF is reached … The reader will be positioned on the node following the
 * node copied." A CDATA section is copied whole, like an element; any other node alone. At EOF
 * there is nothing to copy: Windows returns WS_E_INVALID_OPERATION (the Wine conformance tests).
 */
export function copyCurrent(fn: string, reader: XmlReaderObject, writer: XmlWriterObject): void {
  reader.input(fn);
  let node = reader.node;
  if (node.nodeType === WS_XML_NODE_TYPE_EOF) {
    throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the reader is at the end of its input (EOF); there is no node to copy.`);
  }
  if (node.nodeType === WS_XML_NODE_TYPE_BOF) {
    for (node = readNext(fn, reader); node.nodeType !== WS_XML_NODE_TYPE_EOF; node = readNext(fn, reader)) writeNode(fn, writer, node);
    return;
  }
  let depth = 0;
  do {
    const type = node.nodeType;
    if (type === WS_XML_NODE_TYPE_ELEMENT || type === WS_XML_NODE_TYPE_CDATA) depth++;
    else if (type === WS_XML_NODE_TYPE_END_ELEMENT || type === WS_XML_NODE_TYPE_END_CDATA) depth--;
    else if (type === WS_XML_NODE_TYPE_EOF) throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the input ends inside the node being copied.`);
    writeNode(fn, writer, node);
    node = readNext(fn, reader);
  } while (depth > 0);
}
