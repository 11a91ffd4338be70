import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_BUFFER,
  type WS_XML_BUFFER_PROPERTY,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  type WS_XML_READER_PROPERTY,
  type WS_XML_WRITER,
  type WS_XML_WRITER_PROPERTY,
} from "@wwsapi/core";
import { chargeHeap, WsError } from "@wwsapi/core/internal";
import { applyReaderProperties } from "../reader/reader-properties.js";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { applyWriterProperties } from "../writer/writer-properties.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { setReaderToBuffer, setWriterToBuffer } from "./buffer-endpoints.js";
import { BUFFER_COST } from "./buffer-memory.js";
import { isStructural } from "./buffer-tree.js";
import { nodeAt } from "./positions.js";
import { bufferOf, XmlBufferObject } from "./xml-buffer-object.js";

/** WS_XML_BUFFER's own functions. The flat API has checked the handles and argument types. */

const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;
const writerOf = (writer: WS_XML_WRITER) => writer as unknown as XmlWriterObject;

/** A new, empty buffer in `heap`, charged to it. */
export function newBuffer(fn: string, heap: WS_HEAP): XmlBufferObject {
  chargeHeap(fn, heap, BUFFER_COST, "the XML buffer");
  return new XmlBufferObject(heap);
}

/** "The XML buffer is initially empty." WS_XML_BUFFER_PROPERTY_ID defines no property, so any given is E_INVALIDARG. */
export function WsCreateXmlBuffer(
  heap: WS_HEAP,
  properties: readonly WS_XML_BUFFER_PROPERTY[] | null,
  buffer: Ref<WS_XML_BUFFER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsCreateXmlBuffer";
  if (properties !== null && properties.length > 0) {
    throw new WsError(E_INVALIDARG, `${fn}: WS_XML_BUFFER_PROPERTY_ID defines no properties, but ${properties.length} were given.`);
  }
  buffer.value = newBuffer(fn, heap) as unknown as WS_XML_BUFFER;
  return S_OK;
}

/** "Reader properties specified to WsSetInputToBuffer override properties set by WsCreateReader." The reader starts on BOF. */
export function WsSetInputToBuffer(
  reader: WS_XML_READER,
  buffer: WS_XML_BUFFER,
  properties: readonly WS_XML_READER_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsSetInputToBuffer";
  const target = readerOf(reader);
  const source = bufferOf(fn, buffer);
  setReaderToBuffer(target, source, applyReaderProperties(fn, target.settings, properties));
  return S_OK;
}

/** "Properties specified for this function override those specified with the WsCreateWriter function." */
export function WsSetOutputToBuffer(
  writer: WS_XML_WRITER,
  buffer: WS_XML_BUFFER,
  properties: readonly WS_XML_WRITER_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsSetOutputToBuffer";
  const target = writerOf(writer);
  const destination = bufferOf(fn, buffer);
  setWriterToBuffer(fn, target, destination, applyWriterProperties(fn, target.settings, properties));
  return S_OK;
}

/**
 * "If positioned on an element it will remove the element including all of its children and its
 * corresponding end element, otherwise it will remove a single node. … It will return
 * WS_E_INVALID_OPERATION if the node is positioned on an end element or the root of the document."
 * The root of the document is taken to be the document node itself, BOF, and with it EOF; a CDATA
 * section goes as a whole, like an element, so that no END_CDATA is left without its start.
 * The heap keeps what the nodes cost: a heap only gives memory back when it is reset.
 */
export function WsRemoveNode(nodePosition: WS_XML_NODE_POSITION, _error: WS_ERROR | null): HRESULT {
  const fn = "WsRemoveNode";
  const node = nodeAt(fn, nodePosition, null);
  if (isStructural(node)) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the position is on ${["", "", "", "an end element", "", "", "", "the end of a CDATA section", "EOF", "BOF"][node.nodeType]}, which cannot be removed by itself.`,
    );
  }
  node.unlink();
  return S_OK;
}
