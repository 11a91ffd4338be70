import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM,
  type WS_WRITE_CALLBACK,
  type WS_XML_CANONICALIZATION_ALGORITHM,
  type WS_XML_CANONICALIZATION_PROPERTY,
  WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM,
  WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { expect } from "vitest";
import {
  WsCreateWriter,
  WsEndReaderCanonicalization,
  WsEndWriterCanonicalization,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadNode,
  WsSetOutput,
  WsSkipNode,
  WsStartReaderCanonicalization,
  WsStartWriterCanonicalization,
  WsWriteNode,
} from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { decodeUtf8, xmlString } from "../text-utils/xml-string.js";

/** Helpers for the canonicalization tests, which drive the flat API as an application does. */

export { readerOn };

/** A WS_WRITE_CALLBACK that keeps every buffer it is given. */
export function collector(): { callback: WS_WRITE_CALLBACK; chunks: Uint8Array[]; text: () => string } {
  const chunks: Uint8Array[] = [];
  const callback: WS_WRITE_CALLBACK = (_state, buffers) => {
    for (const bytes of buffers ?? []) chunks.push(bytes.slice());
    return S_OK;
  };
  return { callback, chunks, text: () => decodeUtf8(concat(chunks)) };
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

export function algorithm(value: WS_XML_CANONICALIZATION_ALGORITHM): WS_XML_CANONICALIZATION_PROPERTY {
  return { id: WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM, value };
}

export function inclusivePrefixes(...prefixes: string[]): WS_XML_CANONICALIZATION_PROPERTY {
  return {
    id: WS_XML_CANONICALIZATION_PROPERTY_INCLUSIVE_PREFIXES,
    value: { prefixCount: prefixes.length, prefixes: prefixes.map((p) => xmlString(p)) },
  };
}

/** A writer with UTF-8 text written to a buffer, at the start of its document. */
export function writerWithOutput(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const encoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  expect(WsSetOutput(writer.value!, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, properties)).toBe(S_OK);
  return writer.value!;
}

/** What the writer has written to its own output. */
export function writtenText(writer: WS_XML_WRITER): string {
  const value = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  return decodeUtf8(value.value as Uint8Array);
}

export function currentNode(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}

/** Reads on to the first element whose local name is `localName` (the reader stays on it). */
export function readToElement(reader: WS_XML_READER, localName: string): void {
  for (;;) {
    const node = currentNode(reader);
    if (node.nodeType === WS_XML_NODE_TYPE_EOF) throw new Error(`no element <${localName}>`);
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT && decodeUtf8((node as unknown as WS_XML_ELEMENT_NODE).localName!.bytes) === localName)
      return;
    expect(WsReadNode(reader)).toBe(S_OK);
  }
}

/**
 * The canonical form of the element `localName` of `xml`, by the reader: the documented pattern
 * "WsStartReaderCanonicalization, WsSkipNode and WsEndReaderCanonicalization when the Reader is
 * positioned on the element". With `localName` null, of the whole document (from BOF).
 */
export function canonicalizeByReader(
  xml: string | Uint8Array,
  localName: string | null,
  properties: WS_XML_CANONICALIZATION_PROPERTY[] = [],
): string {
  const reader = readerOn(xml);
  if (localName !== null) readToElement(reader, localName);
  const out = collector();
  expect(WsStartReaderCanonicalization(reader, out.callback, null, properties)).toBe(S_OK);
  expect(WsSkipNode(reader)).toBe(S_OK);
  expect(WsEndReaderCanonicalization(reader)).toBe(S_OK);
  return out.text();
}

/**
 * The canonical form of the element `localName` of `xml` (the whole document when null), by the
 * writer: every node of `xml` is read and written again with WsWriteNode, and canonicalization is
 * on while the element (or the document) is written.
 */
export function canonicalizeByWriter(
  xml: string | Uint8Array,
  localName: string | null,
  properties: WS_XML_CANONICALIZATION_PROPERTY[] = [
    { id: WS_XML_CANONICALIZATION_PROPERTY_ALGORITHM, value: WS_EXCLUSIVE_XML_CANONICALIZATION_ALGORITHM },
  ],
): string {
  const reader = readerOn(xml);
  const writer = writerWithOutput();
  const out = collector();
  let depth = 0;
  let endAt = -1;
  if (localName === null) expect(WsStartWriterCanonicalization(writer, out.callback, null, properties)).toBe(S_OK);
  for (;;) {
    expect(WsReadNode(reader)).toBe(S_OK);
    const node = currentNode(reader);
    if (node.nodeType === WS_XML_NODE_TYPE_EOF) break;
    if (node.nodeType === WS_XML_NODE_TYPE_BOF) continue;
    const isElement = node.nodeType === WS_XML_NODE_TYPE_ELEMENT;
    if (
      isElement &&
      endAt < 0 &&
      localName !== null &&
      decodeUtf8((node as unknown as WS_XML_ELEMENT_NODE).localName!.bytes) === localName
    ) {
      expect(WsStartWriterCanonicalization(writer, out.callback, null, properties)).toBe(S_OK);
      endAt = depth;
    }
    expect(WsWriteNode(writer, node)).toBe(S_OK);
    if (isElement) depth++;
    else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) {
      depth--;
      if (depth === endAt) {
        expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
        endAt = -2;
      }
    }
  }
  if (localName === null) expect(WsEndWriterCanonicalization(writer)).toBe(S_OK);
  return out.text();
}
