import {
  ref,
  type WS_HEAP,
  type WS_XML_BUFFER,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_STRING,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";

/**
 * The few XML-layer steps the message functions repeat: writers into a fresh WS_XML_BUFFER,
 * readers over one. They go through xmlImplementation (never the flat API: the flat functions
 * would find the caller's handles held by the message function that is running).
 */

export const xmlCall = {
  createWriter: xml.WsCreateWriter,
  freeWriter: xml.WsFreeWriter,
  createReader: xml.WsCreateReader,
  freeReader: xml.WsFreeReader,
  createBuffer: xml.WsCreateXmlBuffer,
  setOutputToBuffer: xml.WsSetOutputToBuffer,
  setInputToBuffer: xml.WsSetInputToBuffer,
  writeStartElement: xml.WsWriteStartElement,
  writeEndElement: xml.WsWriteEndElement,
  writeStartAttribute: xml.WsWriteStartAttribute,
  writeEndAttribute: xml.WsWriteEndAttribute,
  writeXmlnsAttribute: xml.WsWriteXmlnsAttribute,
  writeChars: xml.WsWriteChars,
  writeValue: xml.WsWriteValue,
  writeXmlBuffer: xml.WsWriteXmlBuffer,
  readXmlBuffer: xml.WsReadXmlBuffer,
  writeNode: xml.WsWriteNode,
  copyNode: xml.WsCopyNode,
  writeType: xml.WsWriteType,
  readType: xml.WsReadType,
  writeElement: xml.WsWriteElement,
  readElement: xml.WsReadElement,
  readNode: xml.WsReadNode,
  readStartElement: xml.WsReadStartElement,
  readEndElement: xml.WsReadEndElement,
  readToStartElement: xml.WsReadToStartElement,
  getReaderNode: xml.WsGetReaderNode,
  getReaderPosition: xml.WsGetReaderPosition,
  skipNode: xml.WsSkipNode,
  flushWriter: xml.WsFlushWriter,
  fillReader: xml.WsFillReader,
};

export const xmlString = (bytes: Uint8Array): WS_XML_STRING => ({ bytes, dictionary: null, id: 0 }) as WS_XML_STRING;

/** A new, empty WS_XML_BUFFER on `heap`. */
export function newXmlBuffer(heap: WS_HEAP): WS_XML_BUFFER {
  const buffer = ref<WS_XML_BUFFER | null>(null);
  xmlCall.createBuffer(heap, null, buffer, null);
  return buffer.value!;
}

/** Runs `write` with a writer appending to `buffer`; the writer is freed afterwards. */
export function writeIntoBuffer(buffer: WS_XML_BUFFER, write: (writer: WS_XML_WRITER) => void): void {
  const writer = ref<WS_XML_WRITER | null>(null);
  xmlCall.createWriter(null, writer, null);
  try {
    xmlCall.setOutputToBuffer(writer.value!, buffer, null, null);
    write(writer.value!);
  } finally {
    xmlCall.freeWriter(writer.value!);
  }
}

/** Runs `read` with a reader on `buffer`'s first element; the reader is freed afterwards. */
export function readFromBuffer<T>(buffer: WS_XML_BUFFER, read: (reader: WS_XML_READER) => T): T {
  const reader = ref<WS_XML_READER | null>(null);
  xmlCall.createReader(null, reader, null);
  try {
    xmlCall.setInputToBuffer(reader.value!, buffer, null, null);
    xmlCall.readToStartElement(reader.value!, null, null, null, null);
    return read(reader.value!);
  } finally {
    xmlCall.freeReader(reader.value!);
  }
}

/** The reader's current node. */
export function currentNode(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  xmlCall.getReaderNode(reader, node, null);
  return node.value!;
}

export const isElementNode = (node: WS_XML_NODE): boolean => node.nodeType === WS_XML_NODE_TYPE_ELEMENT;

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
