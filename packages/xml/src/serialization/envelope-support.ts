import {
  E_INVALIDARG,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { staticDictionaryId } from "../binary/static-dictionary.js";
import { STATIC_XML_DICTIONARY } from "../binary-reader/static-dictionary-object.js";
import { DEFAULT_READER_SETTINGS } from "../reader/reader-properties.js";
import { XmlReaderObject } from "../reader/xml-reader-object.js";
import { readAllText } from "../reader-content/text-cursor.js";
import { decodeUtf8, xmlString } from "../text-utils/xml-string.js";
import { WsWriteXmlnsAttribute } from "../writer/writer-functions.js";
import { DEFAULT_WRITER_SETTINGS, type WriterSettings } from "../writer/writer-properties.js";
import { XmlWriterObject } from "../writer/xml-writer-object.js";
import { setReaderToBuffer, setWriterToBuffer } from "../xml-buffer/buffer-endpoints.js";
import { newBuffer } from "../xml-buffer/buffer-functions.js";
import { readNext } from "../xml-buffer/node-copy.js";
import { bufferOf, XmlBufferObject } from "../xml-buffer/xml-buffer-object.js";
import { asElement, charge, describe, endOfElement, invalidFormat, nameText, next, type ReadContext, significant } from "./read-context.js";
import type { SerialWriter } from "./serial-writer.js";

/**
 * What WS_ENDPOINT_ADDRESS_TYPE and WS_FAULT_TYPE share: names from the static dictionary, buffers
 * of whole elements, text-only elements, and qualified names whose namespace may need declaring.
 */

/**
 * A name of the SOAP and WS-Addressing vocabularies. Windows' own strings for these come from its
 * [MC-NBFS] static dictionary, so a binary writer given that dictionary writes them as dictionary
 * references; a string the dictionary lacks is a plain one.
 */
export function vocabulary(text: string): WS_XML_STRING {
  const id = staticDictionaryId(text);
  return id === undefined ? xmlString(text) : STATIC_XML_DICTIONARY.strings[id / 2]!;
}

const ULONG_MAX = 0xffffffff;
/** The writer that fills a buffer from the input: the reader's quotas bound what it copies, and the heap bounds the buffer. */
const COPY_SETTINGS: Readonly<WriterSettings> = Object.freeze({
  ...DEFAULT_WRITER_SETTINGS,
  allowFragment: true,
  maxDepth: ULONG_MAX,
  maxAttributes: ULONG_MAX,
  maxNamespaces: ULONG_MAX,
});

/** A new WS_XML_BUFFER on the caller's heap (accounted there), and a writer that appends to it. */
export function bufferAndWriter(ctx: ReadContext, what: string): { buffer: WS_XML_BUFFER; writer: XmlWriterObject } {
  if (ctx.heap === null) charge(ctx, 1, what); // refuses: a buffer lives on a heap
  const buffer = newBuffer(ctx.fn, ctx.heap!);
  const writer = new XmlWriterObject(COPY_SETTINGS);
  setWriterToBuffer(ctx.fn, writer, buffer, COPY_SETTINGS);
  return { buffer: buffer as unknown as WS_XML_BUFFER, writer };
}

/** A reader at the start of a buffer, for looking at what it holds. */
export function readerOnBuffer(fn: string, buffer: WS_XML_BUFFER): XmlReaderObject {
  const reader = new XmlReaderObject();
  setReaderToBuffer(reader, bufferOf(fn, buffer), DEFAULT_READER_SETTINGS);
  return reader;
}

/** The next top-level element of a buffer's reader, or null at its end (text and comments between them are passed over). */
export function nextTopElement(fn: string, reader: XmlReaderObject): WS_XML_ELEMENT_NODE | null {
  let node: WS_XML_NODE = reader.node;
  for (;;) {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) return node as unknown as WS_XML_ELEMENT_NODE;
    if (node.nodeType === WS_XML_NODE_TYPE_EOF) return null;
    node = readNext(fn, reader);
  }
}

/** A buffer value given by the caller: a WS_XML_BUFFER or null. */
export function optionalBuffer(fn: string, value: unknown, path: string): WS_XML_BUFFER | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof XmlBufferObject)) {
    throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a WS_XML_BUFFER or null, not ${describeValue(value)}.`);
  }
  bufferOf(fn, value as unknown as WS_XML_BUFFER); // refuses a buffer whose heap was freed
  return value as unknown as WS_XML_BUFFER;
}

/** A WS_STRING field of a value being written. */
export function stringField(fn: string, value: unknown, path: string): string {
  if (typeof value === "string") return value;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be a string (a WS_STRING), not ${describeValue(value)}.`);
}

/** An object value being written (a struct in C). */
export function objectValue(fn: string, value: unknown, path: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  throw new WsError(E_INVALIDARG, `${fn}: ${path} must be an object, not ${describeValue(value)}.`);
}

/**
 * The element the reader is on, which must hold only text: its text (the reader ends after its
 * end element). Comments are passed over; an element inside is WS_E_INVALID_FORMAT.
 */
export function readTextElement(ctx: ReadContext, what: string): string {
  next(ctx);
  const text = decodeUtf8(readAllText(ctx.target, ctx.fn));
  endOfElement(ctx, what, false);
  return text;
}

/** Whether the reader (after white space and comments) is on the element localName in ns; the element, if so. */
export function elementHere(ctx: ReadContext, localName: WS_XML_STRING, ns: WS_XML_STRING): WS_XML_ELEMENT_NODE | null {
  const element = asElement(significant(ctx));
  if (element === null) return null;
  const same = (a: WS_XML_STRING, b: WS_XML_STRING) => decodeUtf8(a.bytes) === decodeUtf8(b.bytes);
  return same(element.localName!, localName) && same(element.ns!, ns) ? element : null;
}

/** The element localName in ns, which must be next in `owner`: WS_E_INVALID_FORMAT naming what is there instead. */
export function requiredElement(ctx: ReadContext, localName: WS_XML_STRING, ns: WS_XML_STRING, owner: string): WS_XML_ELEMENT_NODE {
  const element = elementHere(ctx, localName, ns);
  if (element !== null) return element;
  throw invalidFormat(ctx, `${nameText(localName, ns)} was expected in ${owner}, but the reader is on ${describe(significant(ctx))}`);
}

/** Whether the reader (after white space and comments) is at the end of the enclosing element, or of the input. */
export function atEnd(ctx: ReadContext): boolean {
  const type = significant(ctx).nodeType;
  return type === WS_XML_NODE_TYPE_END_ELEMENT || type === WS_XML_NODE_TYPE_EOF;
}

/**
 * Makes `ns` usable for a qualified name in the content of the element just started in
 * `elementNs`: when no prefix is bound to it, it is declared on that element with the first free
 * generated prefix ("a", "b", …, as the writer generates them for attributes).
 */
export function declareForQName(out: SerialWriter, ns: WS_XML_STRING, elementNs: WS_XML_STRING): void {
  const text = decodeUtf8(ns.bytes);
  if (text === decodeUtf8(elementNs.bytes)) return; // the element's own prefix (or default namespace) serves
  const document = (out.writer as unknown as XmlWriterObject).current(out.fn);
  // A default namespace does not serve: the element, written without a prefix, may declare its own.
  const found = document.prefixFromNamespace(text);
  if (found !== undefined && found !== "") return;
  let prefix = "a";
  for (let i = 1; document.namespaceOf(prefix) !== undefined && i <= 26; i++) prefix = String.fromCharCode(0x60 + i);
  try {
    WsWriteXmlnsAttribute(out.writer, xmlString(prefix), ns, false, null);
  } catch (thrown) {
    if (!(thrown instanceof WsError)) throw thrown;
    throw new WsError(thrown.hr, `${out.fn}: ${thrown.message.replace(/^WsWriteXmlnsAttribute: /, "")}`);
  }
}
