import {
  E_FAIL,
  type HRESULT,
  type Ref,
  S_OK,
  WS_CHARSET_UTF8,
  type WS_ERROR,
  type WS_HEAP,
  type WS_XML_BUFFER,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_READER_ENCODING,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  type WS_XML_WRITER,
  type WS_XML_WRITER_ENCODING,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
} from "@wwsapi/core";
import { chargeHeap, WsError } from "@wwsapi/core/internal";
import { openInput } from "../reader/open-input.js";
import { applyReaderProperties } from "../reader/reader-properties.js";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import { WsSetOutput, writeNode } from "../writer/writer-functions.js";
import { DEFAULT_WRITER_SETTINGS, type WriterSettings } from "../writer/writer-properties.js";
import { XmlWriterObject } from "../writer/xml-writer-object.js";
import { setWriterToBuffer } from "./buffer-endpoints.js";
import { newBuffer } from "./buffer-functions.js";
import { nextInDocument } from "./buffer-tree.js";
import { copyCurrent } from "./node-copy.js";
import { bufferOf, type XmlBufferObject } from "./xml-buffer-object.js";

/** Copying XML between readers, writers, buffers and bytes. The flat API has checked the handles. */

const readerOf = (reader: WS_XML_READER) => reader as unknown as XmlReaderObject;
const writerOf = (writer: WS_XML_WRITER) => writer as unknown as XmlWriterObject;

const ULONG_MAX = 0xffffffff;
/**
 * The writer that fills a buffer from a reader (WsReadXmlBuffer, WsReadXmlBufferFromBytes): the
 * reader's quotas have bounded the input and the heap bounds the buffer, so the writer adds none,
 * and it takes whatever the reader accepts (fragments included).
 */
const COPY_SETTINGS: Readonly<WriterSettings> = Object.freeze({
  ...DEFAULT_WRITER_SETTINGS,
  allowFragment: true,
  maxDepth: ULONG_MAX,
  maxAttributes: ULONG_MAX,
  maxNamespaces: ULONG_MAX,
});

function bufferWriter(fn: string, buffer: XmlBufferObject): XmlWriterObject {
  const writer = new XmlWriterObject(COPY_SETTINGS);
  setWriterToBuffer(fn, writer, buffer, COPY_SETTINGS);
  return writer;
}

/**
 * Writes every node of `buffer` to `target`. The nodes are listed first: the writer may be writing
 * into that very buffer, and must not meet what it inserts.
 */
function writeBuffer(fn: string, target: XmlWriterObject, buffer: XmlBufferObject): void {
  const nodes: WS_XML_NODE[] = [];
  for (let node = nextInDocument(buffer.bof); node !== null && node !== buffer.eof; node = nextInDocument(node)) nodes.push(node.node);
  for (const node of nodes) writeNode(fn, target, node);
}

export function WsCopyNode(writer: WS_XML_WRITER, reader: WS_XML_READER, _error: WS_ERROR | null): HRESULT {
  copyCurrent("WsCopyNode", readerOf(reader), writerOf(writer));
  return S_OK;
}

/** "The function copies the entire contents of the WS_XML_BUFFER to the writer at the current position." */
export function WsWriteXmlBuffer(writer: WS_XML_WRITER, xmlBuffer: WS_XML_BUFFER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteXmlBuffer";
  writeBuffer(fn, writerOf(writer), bufferOf(fn, xmlBuffer));
  return S_OK;
}

/**
 * "If the reader is positioned at WS_XML_NODE_TYPE_BOF, then the entire document will be copied …
 * If the reader is positioned at WS_XML_NODE_TYPE_ELEMENT, then the element and all its children
 * will be read into the XML buffer." On any other node, and with no input, Windows returns E_FAIL
 * (the Wine conformance tests), not the WS_E_INVALID_OPERATION the page lists; E_FAIL it is. The
 * reader ends on the node after what it copied.
 */
export function WsReadXmlBuffer(
  reader: WS_XML_READER,
  heap: WS_HEAP,
  xmlBuffer: Ref<WS_XML_BUFFER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadXmlBuffer";
  const target = readerOf(reader);
  if (target.source === null) throw new WsError(E_FAIL, `${fn}: the reader has no input; call WsSetInput or WsSetInputToBuffer first.`);
  target.input(fn);
  const type = target.node.nodeType;
  if (type !== WS_XML_NODE_TYPE_BOF && type !== WS_XML_NODE_TYPE_ELEMENT) {
    throw new WsError(E_FAIL, `${fn}: the reader must be on an element or at the start of its input (BOF), not on node type ${type}.`);
  }
  const buffer = newBuffer(fn, heap);
  copyCurrent(fn, target, bufferWriter(fn, buffer));
  xmlBuffer.value = buffer as unknown as WS_XML_BUFFER;
  return S_OK;
}

const UTF8_TEXT = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as unknown as WS_XML_WRITER_ENCODING;
const BUFFER_OUTPUT = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as const;

/**
 * "The function will generate the entire contents of the WS_XML_BUFFER as a linear set of bytes
 * allocated from the specified heap in the specified encoding", UTF-8 text when `encoding` is NULL.
 * The writer is set to that output with `properties` (as WsSetOutput would) and then holds the
 * bytes; the docs leave it "in an undefined state" afterwards.
 */
export function WsWriteXmlBufferToBytes(
  writer: WS_XML_WRITER,
  xmlBuffer: WS_XML_BUFFER,
  encoding: WS_XML_WRITER_ENCODING | null,
  properties: readonly WS_XML_WRITER_PROPERTY[] | null,
  heap: WS_HEAP,
  bytes: Ref<Uint8Array | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteXmlBufferToBytes";
  const source = bufferOf(fn, xmlBuffer);
  const target = writerOf(writer);
  try {
    WsSetOutput(writer, encoding ?? UTF8_TEXT, BUFFER_OUTPUT as never, properties, null);
  } catch (thrown) {
    throw thrown instanceof WsError ? new WsError(thrown.hr, `${fn}: ${thrown.message}`) : thrown;
  }
  writeBuffer(fn, target, source);
  const document = target.current(fn);
  // A base64 text's last partial group is written with its padding: these are all the bytes.
  document.settleOutput(fn);
  const output = document.output.bytes();
  chargeHeap(fn, heap, output.length, "the encoded XML");
  bytes.value = output.slice();
  return S_OK;
}

/**
 * "The function will parse the entire content according to the specified encoding and store it
 * into a WS_XML_BUFFER", text with WS_CHARSET_AUTO when `encoding` is NULL. The reader is set to
 * the bytes with `properties` (as WsSetInput would); the docs leave it "in an undefined state".
 */
export function WsReadXmlBufferFromBytes(
  reader: WS_XML_READER,
  encoding: WS_XML_READER_ENCODING | null,
  properties: readonly WS_XML_READER_PROPERTY[] | null,
  bytes: Uint8Array,
  heap: WS_HEAP,
  xmlBuffer: Ref<WS_XML_BUFFER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsReadXmlBufferFromBytes";
  const target = readerOf(reader);
  const settings = applyReaderProperties(fn, target.settings, properties);
  const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as const;
  const { source, charset } = openInput(encoding, input as never, settings, fn);
  target.active = settings;
  target.charset = charset;
  target.failure = null;
  target.source = source;
  target.node = BOF_NODE;
  try {
    target.node = source.start();
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    target.failure = thrown;
    throw new WsError(thrown.hr, `${fn}: ${thrown.message}`);
  }
  const buffer = newBuffer(fn, heap);
  copyCurrent(fn, target, bufferWriter(fn, buffer));
  xmlBuffer.value = buffer as unknown as WS_XML_BUFFER;
  return S_OK;
}
