import {
  E_NOTIMPL,
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  type WS_ERROR,
  WS_XML_NODE_TYPE_COMMENT,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import {
  WsCreateWriter,
  WsFreeWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndCData,
  WsWriteEndElement,
  WsWriteNode,
  WsWriteStartAttribute,
  WsWriteStartCData,
  WsWriteStartElement,
  WsWriteXmlnsAttribute,
} from "@wwsapi/xml";
import type { NbfxRecord, TextValue } from "../../src/binary/records.js";
import { writeRecords } from "../../src/binary/write-records.js";
import type { ModelDocument, ModelElement } from "./documents.js";

/**
 * Writes a model document three ways: with WS_XML_WRITER's text encoding, with its binary
 * encoding (when WsSetOutput accepts it), and as [MC-NBFX] records through the binary codec's
 * encoder. The writers are driven through the flat API exactly as the model says (explicit
 * prefixes, the model's declarations, quotes, CDATA sections), so what comes back from a reader
 * can be compared with the model's infoset.
 */

const encoder = new TextEncoder();
const x = (text: string): WS_XML_STRING => ({ bytes: encoder.encode(text), dictionary: null, id: 0 });

function errorString(error: WS_ERROR): string {
  const s = ref("");
  return WsGetErrorString(error, 0, s) === S_OK ? s.value : "";
}

/** A flat-API call that must succeed; its error string becomes the exception's message. */
function call(error: WS_ERROR, what: string, hr: number): void {
  if (hr !== S_OK) throw new Error(`${what} returned 0x${(hr >>> 0).toString(16)}: ${errorString(error)}`);
}

const TEXT_ENCODING = (charSet: number) => ({ encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet });
const BINARY_ENCODING = {
  encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
  staticDictionary: null,
  dynamicStringCallback: null,
  dynamicStringCallbackState: null,
};

function writeElement(writer: WS_XML_WRITER, error: WS_ERROR, e: ModelElement): void {
  call(error, "WsWriteStartElement", WsWriteStartElement(writer, x(e.prefix), x(e.localName), x(e.ns), error));
  for (const d of e.declarations) call(error, "WsWriteXmlnsAttribute", WsWriteXmlnsAttribute(writer, x(d.prefix), x(d.ns), false, error));
  for (const a of e.attributes) {
    call(error, "WsWriteStartAttribute", WsWriteStartAttribute(writer, x(a.prefix), x(a.localName), x(a.ns), a.singleQuote, error));
    call(error, "WsWriteChars (attribute)", WsWriteChars(writer, a.value, error));
    call(error, "WsWriteEndAttribute", WsWriteEndAttribute(writer, error));
  }
  for (const child of e.children) {
    switch (child.kind) {
      case "element":
        writeElement(writer, error, child);
        break;
      case "text":
        call(error, "WsWriteChars", WsWriteChars(writer, child.value, error));
        break;
      case "cdata":
        call(error, "WsWriteStartCData", WsWriteStartCData(writer, error));
        call(error, "WsWriteChars (CDATA)", WsWriteChars(writer, child.value, error));
        call(error, "WsWriteEndCData", WsWriteEndCData(writer, error));
        break;
      case "comment":
        writeComment(writer, error, child.value);
        break;
    }
  }
  call(error, "WsWriteEndElement", WsWriteEndElement(writer, error));
}

function writeComment(writer: WS_XML_WRITER, error: WS_ERROR, value: string): void {
  call(error, "WsWriteNode (comment)", WsWriteNode(writer, { nodeType: WS_XML_NODE_TYPE_COMMENT, value: x(value) } as never, error));
}

/** The document written with a WS_XML_WRITER set up with `encoding` and buffer output. */
function writeWith(encoding: unknown, document: ModelDocument): Uint8Array {
  const writer = ref<WS_XML_WRITER | null>(null);
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  const e = error.value!;
  try {
    call(e, "WsCreateWriter", WsCreateWriter(null, writer, e));
    const w = writer.value!;
    call(e, "WsSetOutput", WsSetOutput(w, encoding as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null, e));
    for (const comment of document.before) writeComment(w, e, comment);
    writeElement(w, e, document.root);
    for (const comment of document.after) writeComment(w, e, comment);
    const bytes = ref<unknown>(null);
    call(e, "WsGetWriterProperty(BYTES)", WsGetWriterProperty(w, WS_XML_WRITER_PROPERTY_BYTES, bytes, e));
    WsFreeWriter(w);
    return Uint8Array.from(bytes.value as Uint8Array);
  } finally {
    WsFreeError(e);
  }
}

/** The document as text, written by WS_XML_WRITER (UTF-8 unless another charset is given). */
export const writeText = (document: ModelDocument, charSet: number = WS_CHARSET_UTF8): Uint8Array =>
  writeWith(TEXT_ENCODING(charSet), document);

/** The document as binary XML, written by WS_XML_WRITER with WS_XML_WRITER_BINARY_ENCODING and no dictionary. */
export const writeBinary = (document: ModelDocument): Uint8Array => writeWith(BINARY_ENCODING, document);

/**
 * Whether WsSetOutput takes WS_XML_WRITER_ENCODING_TYPE_BINARY: another part of the project was
 * adding it while these tests were written; where it has not landed, WsSetOutput returns E_NOTIMPL.
 */
export function binaryWriterAvailable(): boolean {
  const writer = ref<WS_XML_WRITER | null>(null);
  if (WsCreateWriter(null, writer) !== S_OK) return false;
  const hr = WsSetOutput(writer.value!, BINARY_ENCODING as never, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never, null);
  WsFreeWriter(writer.value!);
  return hr !== E_NOTIMPL;
}

/** A Chars text record of the size its UTF-8 needs ([MC-NBFX] 2.2.3.13-15). */
function chars(value: string): TextValue {
  const length = encoder.encode(value).length;
  return { textType: length < 0x100 ? "chars8" : length < 0x10000 ? "chars16" : "chars32", value };
}

function elementRecords(e: ModelElement, out: NbfxRecord[]): void {
  out.push({ kind: "element", prefix: e.prefix, name: e.localName });
  for (const d of e.declarations) out.push({ kind: "xmlns", prefix: d.prefix, namespace: d.ns });
  for (const a of e.attributes) out.push({ kind: "attribute", prefix: a.prefix, name: a.localName, value: chars(a.value) });
  for (const child of e.children) {
    if (child.kind === "element") elementRecords(child, out);
    else if (child.kind === "comment") out.push({ kind: "comment", text: child.value });
    // Binary XML has no CDATA: its characters are text like any other.
    else out.push({ kind: "text", ...chars(child.value), withEndElement: false } as NbfxRecord);
  }
  out.push({ kind: "endElement" });
}

/** The document as [MC-NBFX] records, encoded by the binary codec (binary/write-records.ts). */
export function encodeRecords(document: ModelDocument): Uint8Array {
  const records: NbfxRecord[] = document.before.map((text) => ({ kind: "comment", text }));
  elementRecords(document.root, records);
  for (const text of document.after) records.push({ kind: "comment", text });
  return writeRecords(records);
}
