import {
  type AsyncCompletion,
  E_INVALIDARG,
  E_NOTIMPL,
  type HRESULT,
  type Ref,
  S_FALSE,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_VALUE_TYPE,
  type WS_XML_ATTRIBUTE,
  type WS_XML_BASE64_TEXT,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_QNAME_TEXT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_UTF8,
  WS_XML_TEXT_TYPE_UTF16,
  type WS_XML_WRITER,
  type WS_XML_WRITER_BINARY_ENCODING,
  type WS_XML_WRITER_ENCODING,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_MTOM,
  WS_XML_WRITER_ENCODING_TYPE_RAW,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  type WS_XML_WRITER_MTOM_ENCODING,
  type WS_XML_WRITER_OUTPUT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_CHARSET,
  type WS_XML_WRITER_PROPERTY_ID,
  WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_WRITER_PROPERTY_INITIAL_BUFFER,
  type WS_XML_WRITER_STREAM_OUTPUT,
  type WS_XML_WRITER_TEXT_ENCODING,
} from "@wwsapi/core";
import { describeValue, isObject, markFreed, WsError } from "@wwsapi/core/internal";
import { openBinaryOutput } from "../binary-writer/open-binary-output.js";
import { valueText } from "../binary-writer/value-texts.js";
import { openMtomOutput } from "../mtom/open-mtom-output.js";
import { openRawOutput } from "../raw/open-raw.js";
import { openBinaryStreamOutput } from "../streams/binary-stream-output.js";
import { flushStreamOutput } from "../streams/flush-writer.js";
import { openStreamOutput, StreamTextOutput } from "../streams/stream-output.js";
import { isNcName } from "../text-utils/xml-chars.js";
import { xmlString } from "../text-utils/xml-string.js";
import { systemLocalOffset } from "../values/format-datetime.js";
import { formatText, type TextContext } from "../values/format-text.js";
import { formatValue } from "../values/format-value.js";
import { checkBytes } from "../values/value-checks.js";
import type { NameStrings } from "./node-sink.js";
import { encodeUtf16String, utf8Bytes } from "./text-escaping.js";
import { TextOutput } from "./text-output.js";
import { TextWriter } from "./text-writer.js";
import { applyWriterProperties, DEFAULT_WRITER_SETTINGS, type WriterSettings, writerSettingValue } from "./writer-properties.js";
import { XmlWriterObject } from "./xml-writer-object.js";

/**
 * WS_XML_WRITER's functions for text output (UTF-8, UTF-16LE, UTF-16BE) and binary output
 * (binary-writer/) to a buffer. The flat API has checked the parameters' own types; the fields of
 * WS_XML_STRINGs, texts and nodes are checked here (E_INVALIDARG). Text and binary go to a stream
 * too (streams/), MTOM (mtom/) and the raw encoding (raw/) to a buffer or a stream.
 *
 * Names and texts go to the document with the WS_XML_STRINGs and WS_XML_TEXTs they were given as,
 * for a binary document, which writes dictionary strings by id and values as typed records.
 */

const writerOf = (writer: WS_XML_WRITER) => writer as unknown as XmlWriterObject;
const encoder = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// --- arguments ------------------------------------------------------------------------------

/** The bytes of a WS_XML_STRING argument (E_INVALIDARG unless it has them). */
function stringBytes(fn: string, param: string, value: unknown): Uint8Array {
  const bytes = isObject(value) ? (value as { bytes?: unknown }).bytes : undefined;
  if (!(bytes instanceof Uint8Array)) {
    throw new WsError(E_INVALIDARG, `${fn}: '${param}' must be a WS_XML_STRING (with Uint8Array bytes), not ${describeValue(value)}.`);
  }
  return bytes;
}

/** `bytes` decoded as UTF-8 (WS_E_INVALID_FORMAT when they are not UTF-8). */
function decode(fn: string, what: string, bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: ${what} is not valid UTF-8.`);
  }
}

/** A local name or a non-empty prefix: an NCName (the rules of WsVerifyXmlNCName), else WS_E_INVALID_FORMAT. */
function ncName(fn: string, what: string, bytes: Uint8Array): string {
  const name = decode(fn, what, bytes);
  const bad = isNcName(name);
  if (bad >= 0) {
    const why =
      name.length === 0
        ? "it is empty"
        : name.charCodeAt(bad) === 0x3a
          ? `':' at index ${bad} is not allowed in an NCName`
          : `the character at index ${bad} cannot ${bad === 0 ? "start" : "be part of"} a name`;
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: ${what} "${name}" is not a valid NCName: ${why}.`);
  }
  return name;
}

function prefixArg(fn: string, what: string, bytes: Uint8Array | null): string | null {
  if (bytes === null) return null;
  return bytes.length === 0 ? "" : ncName(fn, what, bytes);
}

function startElement(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array,
  strings?: NameStrings,
): void {
  document.startElement(
    fn,
    prefixArg(fn, "the prefix", prefix),
    ncName(fn, "the local name", localName),
    decode(fn, "the namespace", ns),
    strings,
  );
}

function startAttribute(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array,
  singleQuote: boolean,
  strings?: NameStrings,
): void {
  document.startAttribute(
    fn,
    prefixArg(fn, "the attribute's prefix", prefix),
    ncName(fn, "the attribute's local name", localName),
    decode(fn, "the attribute's namespace", ns),
    singleQuote,
    strings,
  );
}

function xmlnsAttribute(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  ns: Uint8Array,
  singleQuote: boolean,
  nsString?: WS_XML_STRING,
): void {
  document.xmlnsAttribute(fn, prefixArg(fn, "the xmlns prefix", prefix), decode(fn, "the namespace", ns), singleQuote, nsString);
}

/** The text of a qualified name: `prefix` as it is, or the prefix in scope for `ns`. */
function qualifiedNameText(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array | null,
): Uint8Array {
  return qualifiedNameParts(fn, document, prefix, localName, ns).text;
}

/** The text of a qualified name and the prefix it is written with. */
function qualifiedNameParts(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array | null,
): { text: Uint8Array; prefix: string } {
  let chosen: string;
  if (prefix !== null) {
    // A given prefix is written as it is: Windows neither checks it against `ns` nor declares it.
    chosen = decode(fn, "the prefix", prefix);
  } else {
    if (ns === null) throw new WsError(E_INVALIDARG, `${fn}: with a NULL prefix, 'ns' is needed to find the prefix.`);
    chosen = document.qualifiedNamePrefix(fn, decode(fn, "the namespace", ns));
  }
  const local = decode(fn, "the local name", localName);
  return { text: encoder.encode(chosen === "" ? local : `${chosen}:${local}`), prefix: chosen };
}

function qualifiedName(
  fn: string,
  document: TextWriter,
  prefix: Uint8Array | null,
  localName: Uint8Array,
  ns: Uint8Array | null,
  kind: string,
  strings: { localName: WS_XML_STRING; ns: WS_XML_STRING | null },
): void {
  // Windows checks for an enclosing element first (WS_E_INVALID_FORMAT), then the arguments.
  document.beginContent(fn);
  const parts = qualifiedNameParts(fn, document, prefix, localName, ns);
  // The name as written, its prefix resolved, for a binary document (QNameDictionaryText).
  const typed = document.typedText
    ? ({ textType: WS_XML_TEXT_TYPE_QNAME, prefix: xmlString(parts.prefix), ...strings } as unknown as WS_XML_TEXT)
    : undefined;
  document.text(fn, parts.text, kind, false, "the qualified name", typed);
}

/** The fields of a WS_XML_QNAME_TEXT, checked. */
function qnameFields(fn: string, qname: WS_XML_QNAME_TEXT, path: string) {
  return {
    prefix: qname.prefix === null ? null : stringBytes(fn, `${path}.prefix`, qname.prefix),
    localName: stringBytes(fn, `${path}.localName`, qname.localName),
    ns: qname.ns === null ? null : stringBytes(fn, `${path}.ns`, qname.ns),
  };
}

/** How texts are formatted for `document`: qualified names (in lists) take their prefixes from its scope; local times from the process's zone. */
function textContext(fn: string, document: TextWriter): TextContext {
  return {
    qualifiedName: (qname, path) => {
      const { prefix, localName, ns } = qnameFields(fn, qname, path);
      return qualifiedNameText(fn, document, prefix, localName, ns);
    },
    localOffset: systemLocalOffset,
  };
}

/**
 * WsWriteText: every WS_XML_TEXT_TYPE, as values/format-text.ts formats it. Within an attribute
 * WsWriteText "can be called only once … unless the text type is one of the following:
 * WS_XML_TEXT_TYPE_UTF8, WS_XML_TEXT_TYPE_UTF16, WS_XML_TEXT_TYPE_BASE64"; base64 continues the
 * base64 written just before it (TextWriter.base64).
 */
function writeText(fn: string, document: TextWriter, text: WS_XML_TEXT): void {
  const type = text.textType;
  const kind = `text:${type}`;
  switch (type) {
    case WS_XML_TEXT_TYPE_QNAME: {
      const qname = text as unknown as WS_XML_QNAME_TEXT;
      const { prefix, localName, ns } = qnameFields(fn, qname, "text");
      qualifiedName(fn, document, prefix, localName, ns, kind, { localName: qname.localName!, ns: qname.ns });
      return;
    }
    case WS_XML_TEXT_TYPE_BASE64:
      document.base64(fn, checkBytes(fn, "text.bytes of a WS_XML_BASE64_TEXT", (text as unknown as WS_XML_BASE64_TEXT).bytes), kind);
      return;
  }
  const repeatable = type === WS_XML_TEXT_TYPE_UTF8 || type === WS_XML_TEXT_TYPE_UTF16;
  document.text(fn, formatText(fn, text, textContext(fn, document)), kind, repeatable, "the text", text);
}

// --- the writer -----------------------------------------------------------------------------

export function WsCreateWriter(
  properties: readonly WS_XML_WRITER_PROPERTY[] | null,
  writer: Ref<WS_XML_WRITER | null>,
  _error: WS_ERROR | null,
): HRESULT {
  writer.value = new XmlWriterObject(
    applyWriterProperties("WsCreateWriter", DEFAULT_WRITER_SETTINGS, properties),
  ) as unknown as WS_XML_WRITER;
  return S_OK;
}

export function WsFreeWriter(writer: WS_XML_WRITER): void {
  writerOf(writer).document = null;
  markFreed(writer);
}

const CHARSET_NAMES: Record<number, string> = {
  [WS_CHARSET_UTF8]: "utf-8",
  [WS_CHARSET_UTF16LE]: "utf-16",
  [WS_CHARSET_UTF16BE]: "utf-16",
};

export function WsSetOutput(
  writer: WS_XML_WRITER,
  encoding: WS_XML_WRITER_ENCODING | null,
  output: WS_XML_WRITER_OUTPUT | null,
  properties: readonly WS_XML_WRITER_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsSetOutput";
  const target = writerOf(writer);
  const settings = applyWriterProperties(fn, target.settings, properties);
  if (encoding === null) {
    // "the writer is set up so that any attempt to write to it will fail"
    target.active = settings;
    target.document = null;
    target.failure = null;
    return S_OK;
  }
  const encodingType = encoding.encodingType;
  if (encodingType === WS_XML_WRITER_ENCODING_TYPE_RAW) {
    if (output === null) throw new WsError(E_INVALIDARG, `${fn}: 'output' must be given when 'encoding' is.`);
    const document = openRawOutput(fn, output, settings);
    target.active = settings;
    target.document = document;
    target.failure = null;
    return S_OK;
  }
  if (encodingType === WS_XML_WRITER_ENCODING_TYPE_MTOM) {
    if (output === null) throw new WsError(E_INVALIDARG, `${fn}: 'output' must be given when 'encoding' is.`);
    const document = openMtomOutput(fn, encoding as unknown as WS_XML_WRITER_MTOM_ENCODING, output, settings);
    target.active = settings;
    target.document = document;
    target.failure = null;
    return S_OK;
  }
  const binary = encodingType === WS_XML_WRITER_ENCODING_TYPE_BINARY;
  if (!binary && encodingType !== WS_XML_WRITER_ENCODING_TYPE_TEXT) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(encodingType)} is not a WS_XML_WRITER_ENCODING_TYPE.`);
  }
  const charset = binary ? null : textCharset(fn, encoding as unknown as WS_XML_WRITER_TEXT_ENCODING);
  if (output === null) throw new WsError(E_INVALIDARG, `${fn}: 'output' must be given when 'encoding' is.`);
  if (output.outputType !== WS_XML_WRITER_OUTPUT_TYPE_BUFFER && output.outputType !== WS_XML_WRITER_OUTPUT_TYPE_STREAM) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(output.outputType)} is not a WS_XML_WRITER_OUTPUT_TYPE.`);
  }
  const document =
    charset !== null
      ? openTextOutput(fn, charset, settings, output)
      : output.outputType === WS_XML_WRITER_OUTPUT_TYPE_STREAM
        ? openBinaryStreamOutput(
            fn,
            encoding as unknown as WS_XML_WRITER_BINARY_ENCODING,
            output as unknown as WS_XML_WRITER_STREAM_OUTPUT,
            settings,
          )
        : openBinaryOutput(fn, encoding as unknown as WS_XML_WRITER_BINARY_ENCODING, settings);
  target.active = settings;
  target.document = document;
  target.failure = null;
  return S_OK;
}

/** The charset of a text encoding, checked (E_INVALIDARG). */
function textCharset(fn: string, encoding: WS_XML_WRITER_TEXT_ENCODING): number {
  const charset = encoding.charSet;
  if (charset === WS_CHARSET_AUTO) {
    throw new WsError(E_INVALIDARG, `${fn}: a writer's text encoding needs a charset; WS_CHARSET_AUTO is for readers only.`);
  }
  if (CHARSET_NAMES[charset] === undefined) throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(charset)} is not a WS_CHARSET.`);
  return charset;
}

/**
 * A text document in `charset` to a buffer or a stream (streams/stream-output.ts), with its XML
 * declaration when WS_XML_WRITER_PROPERTY_WRITE_DECLARATION asks for one.
 */
function openTextOutput(fn: string, charset: number, settings: WriterSettings, output: WS_XML_WRITER_OUTPUT): TextWriter {
  if (settings.indent !== 0) {
    throw new WsError(E_NOTIMPL, `${fn}: WS_XML_WRITER_PROPERTY_INDENT other than 0 (formatted output) is not implemented yet.`);
  }
  const textOutput =
    output.outputType === WS_XML_WRITER_OUTPUT_TYPE_STREAM
      ? openStreamOutput(fn, output as unknown as WS_XML_WRITER_STREAM_OUTPUT, charset, settings)
      : new TextOutput(charset, settings.bufferMaxSize);
  if (settings.writeDeclaration) textOutput.append(fn, encoder.encode(`<?xml version="1.0" encoding="${CHARSET_NAMES[charset]}"?>`));
  return new TextWriter(textOutput, settings);
}

export function WsGetWriterProperty(
  writer: WS_XML_WRITER,
  id: WS_XML_WRITER_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetWriterProperty";
  const target = writerOf(writer);
  // Windows answers no property before WsSetOutput (WS_E_INVALID_OPERATION).
  const document = target.current(fn);
  if (id === WS_XML_WRITER_PROPERTY_BUFFERS || id === WS_XML_WRITER_PROPERTY_BYTES || id === WS_XML_WRITER_PROPERTY_BYTES_WRITTEN) {
    // What is asked for is the output so far, base64 bytes held back included (TextWriter.settleOutput).
    // A faulted writer writes nothing more: it shows what was written.
    if (target.failure === null && !(document.output instanceof StreamTextOutput)) target.write(fn, (d) => d.settleOutput(fn));
  }
  switch (id) {
    case WS_XML_WRITER_PROPERTY_CHARSET:
      // "This value is only available for text documents."
      if (document.output.charset === null) {
        throw new WsError(E_INVALIDARG, `${fn}: WS_XML_WRITER_PROPERTY_CHARSET is only available for text documents, not binary ones.`);
      }
      value.value = document.output.charset;
      return S_OK;
    case WS_XML_WRITER_PROPERTY_BUFFERS: {
      refuseWithStream(fn, document, "WS_XML_WRITER_PROPERTY_BUFFERS");
      const bytes = document.output.bytes();
      value.value = { buffers: bytes.length === 0 ? [] : [bytes] };
      return S_OK;
    }
    case WS_XML_WRITER_PROPERTY_BYTES:
      // The docs name WS_BUFFERS ("a single buffer"); Windows fills a WS_BYTES, which binds to a
      // Uint8Array (spec/README.md).
      refuseWithStream(fn, document, "WS_XML_WRITER_PROPERTY_BYTES");
      value.value = document.output.bytes();
      return S_OK;
    case WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE:
      value.value = document.inAttribute;
      return S_OK;
    case WS_XML_WRITER_PROPERTY_BYTES_WRITTEN:
      value.value = document.output.length;
      return S_OK;
    case WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE:
      value.value = document.bytesToClose();
      return S_OK;
    case WS_XML_WRITER_PROPERTY_INITIAL_BUFFER:
      value.value = { bytes: target.active.initialBuffer ?? new Uint8Array(0) };
      return S_OK;
  }
  const setting = writerSettingValue(target.active, id);
  if (setting === undefined) throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(id)} is not a WS_XML_WRITER_PROPERTY_ID.`);
  value.value = setting;
  return S_OK;
}

/** "This property is not available when using WS_XML_WRITER_STREAM_OUTPUT" (BUFFERS, BYTES): the bytes went to the callback. */
function refuseWithStream(fn: string, document: TextWriter, property: string): void {
  if (document.output instanceof StreamTextOutput) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: ${property} is not available with WS_XML_WRITER_STREAM_OUTPUT; WsFlushWriter hands the bytes to the WS_WRITE_CALLBACK.`,
    );
  }
}

/**
 * Stream output: streams/flush-writer.ts. Buffer output: "This function is a no-op if the writer is
 * using WS_XML_WRITER_BUFFER_OUTPUT."
 */
export function WsFlushWriter(
  writer: WS_XML_WRITER,
  minSize: number,
  asyncContext: WS_ASYNC_CONTEXT | null,
  _error: WS_ERROR | null,
): HRESULT | AsyncCompletion {
  const target = writerOf(writer);
  const { output } = target.writable("WsFlushWriter");
  // The base64 bytes held back go with the rest (TextWriter.settleOutput).
  if (output instanceof StreamTextOutput) target.write("WsFlushWriter", (d) => d.settleOutput("WsFlushWriter"));
  return output instanceof StreamTextOutput ? flushStreamOutput(target, output, minSize, asyncContext) : S_OK;
}

// --- elements and attributes ----------------------------------------------------------------

export function WsWriteStartElement(
  writer: WS_XML_WRITER,
  prefix: WS_XML_STRING | null,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteStartElement";
  const prefixBytes = prefix === null ? null : stringBytes(fn, "prefix", prefix);
  const localNameBytes = stringBytes(fn, "localName", localName);
  const nsBytes = stringBytes(fn, "ns", ns);
  writerOf(writer).write(fn, (document) => startElement(fn, document, prefixBytes, localNameBytes, nsBytes, { localName, ns }));
  return S_OK;
}

export function WsWriteEndStartElement(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteEndStartElement";
  writerOf(writer).write(fn, (document) => document.endStartElement(fn));
  return S_OK;
}

export function WsWriteEndElement(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteEndElement";
  writerOf(writer).write(fn, (document) => document.endElement(fn));
  return S_OK;
}

export function WsWriteStartAttribute(
  writer: WS_XML_WRITER,
  prefix: WS_XML_STRING | null,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  singleQuote: boolean,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteStartAttribute";
  const prefixBytes = prefix === null ? null : stringBytes(fn, "prefix", prefix);
  const localNameBytes = stringBytes(fn, "localName", localName);
  const nsBytes = stringBytes(fn, "ns", ns);
  writerOf(writer).write(fn, (document) =>
    startAttribute(fn, document, prefixBytes, localNameBytes, nsBytes, singleQuote, { localName, ns }),
  );
  return S_OK;
}

export function WsWriteEndAttribute(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteEndAttribute";
  writerOf(writer).write(fn, (document) => document.endAttribute(fn));
  return S_OK;
}

export function WsWriteXmlnsAttribute(
  writer: WS_XML_WRITER,
  prefix: WS_XML_STRING | null,
  ns: WS_XML_STRING,
  singleQuote: boolean,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteXmlnsAttribute";
  const prefixBytes = prefix === null ? null : stringBytes(fn, "prefix", prefix);
  const nsBytes = stringBytes(fn, "ns", ns);
  writerOf(writer).write(fn, (document) => xmlnsAttribute(fn, document, prefixBytes, nsBytes, singleQuote, ns));
  return S_OK;
}

// --- content --------------------------------------------------------------------------------

export function WsWriteChars(writer: WS_XML_WRITER, chars: string, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteChars";
  writerOf(writer).write(fn, (document) =>
    document.text(fn, encodeUtf16String(chars, `${fn}: the characters`), "chars", true, "the characters"),
  );
  return S_OK;
}

export function WsWriteCharsUtf8(writer: WS_XML_WRITER, bytes: Uint8Array, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteCharsUtf8";
  writerOf(writer).write(fn, (document) => document.text(fn, bytes, "charsUtf8", true, "the characters"));
  return S_OK;
}

export function WsWriteText(writer: WS_XML_WRITER, text: WS_XML_TEXT, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteText";
  writerOf(writer).write(fn, (document) => writeText(fn, document, text));
  return S_OK;
}

/**
 * WsWriteValue: the value's text (values/format-value.ts) as element content or an attribute
 * value. Windows: "<t>-128</t>", "<t t=\"-128\"/>"; WS_E_INVALID_FORMAT outside an element; a
 * missing value E_INVALIDARG. It "may be called only once between WsWriteStartAttribute and
 * WsWriteEndAttribute" and not be combined with the other text functions there.
 */
export function WsWriteValue(writer: WS_XML_WRITER, valueType: WS_VALUE_TYPE, value: unknown, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteValue";
  writerOf(writer).write(fn, (document) => {
    const text = utf8Bytes(formatValue(fn, valueType, value, "the value", systemLocalOffset));
    document.text(fn, text, "value", false, "the value", document.typedText ? valueText(valueType, value) : undefined);
  });
  return S_OK;
}

/**
 * WsWriteBytes: "When writing in a text encoding, it will emit the bytes encoded in base64"
 * (Windows: "test\0" is "dGVzdAA="). It "may be called more than once between
 * WsWriteStartAttribute and WsWriteEndAttribute"; successive calls make one base64 text.
 */
export function WsWriteBytes(writer: WS_XML_WRITER, bytes: Uint8Array, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteBytes";
  writerOf(writer).write(fn, (document) => document.base64(fn, bytes, "bytes"));
  return S_OK;
}

/**
 * The items WsWriteArray writes: `array` is an array or a typed array of values of the value
 * type (a BigInt64Array for WS_INT64_VALUE_TYPE, GUIDs as Uint8Arrays of 16 bytes, …). As in C,
 * no array is needed for no items (Windows: NULL with itemCount 0 is S_OK, with 1 E_INVALIDARG),
 * and the items must lie within the array (Windows: E_INVALIDARG when arraySize is too small).
 */
function arrayItems(fn: string, array: unknown, itemOffset: number, itemCount: number): ArrayLike<unknown> {
  if (array === null || array === undefined) {
    if (itemCount === 0) return [];
    throw new WsError(E_INVALIDARG, `${fn}: 'array' is ${describeValue(array)} but itemCount is ${itemCount}.`);
  }
  if (!Array.isArray(array) && !(ArrayBuffer.isView(array) && !(array instanceof DataView))) {
    throw new WsError(E_INVALIDARG, `${fn}: 'array' must be an array or a typed array, not ${describeValue(array)}.`);
  }
  const items = array as ArrayLike<unknown>;
  if (itemOffset + itemCount > items.length) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: items ${itemOffset} to ${itemOffset + itemCount - 1} were asked for, but the array has ${items.length}.`,
    );
  }
  return items;
}

/**
 * WsWriteArray: "semantically equivalent to using WsWriteStartElement, WsWriteValue and
 * WsWriteEndElement in a loop" (Windows: two BOOLs are "<item>false</item><item>true</item>").
 * Every item is checked and formatted before anything is written.
 */
export function WsWriteArray(
  writer: WS_XML_WRITER,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  valueType: WS_VALUE_TYPE,
  array: unknown,
  itemOffset: number,
  itemCount: number,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteArray";
  // Windows answers WS_E_INVALID_OPERATION for a writer without output before it looks at the arguments.
  writerOf(writer).write(fn, (document) => {
    const localNameBytes = stringBytes(fn, "localName", localName);
    const nsBytes = stringBytes(fn, "ns", ns);
    const items = arrayItems(fn, array, itemOffset, itemCount);
    const texts: Uint8Array[] = [];
    for (let i = itemOffset; i < itemOffset + itemCount; i++) {
      texts.push(utf8Bytes(formatValue(fn, valueType, items[i], `array[${i}]`, systemLocalOffset)));
    }
    texts.forEach((text, i) => {
      startElement(fn, document, null, localNameBytes, nsBytes, { localName, ns });
      const typed = document.typedText ? valueText(valueType, items[itemOffset + i]) : undefined;
      document.text(fn, text, "value", false, "the value", typed);
      document.endElement(fn);
    });
  });
  return S_OK;
}

export function WsWriteQualifiedName(
  writer: WS_XML_WRITER,
  prefix: WS_XML_STRING | null,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsWriteQualifiedName";
  const prefixBytes = prefix === null ? null : stringBytes(fn, "prefix", prefix);
  const localNameBytes = stringBytes(fn, "localName", localName);
  const nsBytes = ns === null ? null : stringBytes(fn, "ns", ns);
  writerOf(writer).write(fn, (document) => qualifiedName(fn, document, prefixBytes, localNameBytes, nsBytes, "qname", { localName, ns }));
  return S_OK;
}

export function WsWriteStartCData(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteStartCData";
  writerOf(writer).write(fn, (document) => document.startCData(fn));
  return S_OK;
}

export function WsWriteEndCData(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsWriteEndCData";
  writerOf(writer).write(fn, (document) => document.endCData(fn));
  return S_OK;
}

// --- nodes ----------------------------------------------------------------------------------

function attributeFlag(fn: string, param: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  throw new WsError(E_INVALIDARG, `${fn}: '${param}' must be a number or a boolean, not ${describeValue(value)}.`);
}

interface CheckedAttribute {
  isXmlNs: boolean;
  singleQuote: boolean;
  prefix: Uint8Array | null;
  localName: Uint8Array;
  ns: Uint8Array;
  value: WS_XML_TEXT | null;
  strings: NameStrings;
}

/** The attributes of an element node, checked before anything is written. */
function checkAttributes(fn: string, attributes: unknown): CheckedAttribute[] {
  if (!Array.isArray(attributes)) {
    throw new WsError(E_INVALIDARG, `${fn}: an element node's 'attributes' must be an array, not ${describeValue(attributes)}.`);
  }
  return attributes.map((attribute: unknown, i) => {
    const param = `node.attributes[${i}]`;
    if (!isObject(attribute))
      throw new WsError(E_INVALIDARG, `${fn}: '${param}' must be a WS_XML_ATTRIBUTE, not ${describeValue(attribute)}.`);
    const a = attribute as WS_XML_ATTRIBUTE;
    const isXmlNs = attributeFlag(fn, `${param}.isXmlNs`, a.isXmlNs);
    const value = a.value;
    if (!isXmlNs && !isObject(value))
      throw new WsError(E_INVALIDARG, `${fn}: '${param}.value' must be a WS_XML_TEXT, not ${describeValue(value)}.`);
    return {
      isXmlNs,
      singleQuote: attributeFlag(fn, `${param}.singleQuote`, a.singleQuote),
      prefix: a.prefix === null ? null : stringBytes(fn, `${param}.prefix`, a.prefix),
      localName: isXmlNs ? new Uint8Array(0) : stringBytes(fn, `${param}.localName`, a.localName),
      ns: stringBytes(fn, `${param}.ns`, a.ns),
      value: isXmlNs ? null : value,
      strings: { localName: isXmlNs ? undefined : (a.localName ?? undefined), ns: a.ns ?? undefined },
    };
  });
}

/**
 * Writes one node: an element (its start tag and attributes; it stays open for content), text,
 * an end element, a comment, the start or end of a CDATA section. BOF and EOF write nothing.
 */
export function WsWriteNode(writer: WS_XML_WRITER, node: WS_XML_NODE, _error: WS_ERROR | null): HRESULT {
  return writeNode("WsWriteNode", writerOf(writer), node);
}

/** WsWriteNode's work, naming `fn` in errors: how WsCopyNode and WsWriteXmlBuffer write the nodes they copy. */
export function writeNode(fn: string, target: XmlWriterObject, node: WS_XML_NODE): HRESULT {
  switch (node.nodeType) {
    case WS_XML_NODE_TYPE_ELEMENT: {
      const element = node as unknown as WS_XML_ELEMENT_NODE;
      const prefix = element.prefix === null ? null : stringBytes(fn, "node.prefix", element.prefix);
      const localName = stringBytes(fn, "node.localName", element.localName);
      const ns = stringBytes(fn, "node.ns", element.ns);
      const attributes = checkAttributes(fn, element.attributes);
      const strings = { localName: element.localName ?? undefined, ns: element.ns ?? undefined };
      target.write(fn, (document) => {
        startElement(fn, document, prefix, localName, ns, strings);
        for (const a of attributes) {
          if (a.isXmlNs) {
            xmlnsAttribute(fn, document, a.prefix, a.ns, a.singleQuote, a.strings.ns);
            continue;
          }
          startAttribute(fn, document, a.prefix, a.localName, a.ns, a.singleQuote, a.strings);
          writeText(fn, document, a.value!);
          document.endAttribute(fn);
        }
      });
      return S_OK;
    }
    case WS_XML_NODE_TYPE_TEXT: {
      const text = (node as unknown as WS_XML_TEXT_NODE).text;
      if (!isObject(text))
        throw new WsError(E_INVALIDARG, `${fn}: a text node's 'text' must be a WS_XML_TEXT, not ${describeValue(text)}.`);
      target.write(fn, (document) => writeText(fn, document, text as WS_XML_TEXT));
      return S_OK;
    }
    case WS_XML_NODE_TYPE_END_ELEMENT:
      target.write(fn, (document) => document.endElement(fn));
      return S_OK;
    case WS_XML_NODE_TYPE_COMMENT: {
      const value = stringBytes(fn, "node.value", (node as unknown as WS_XML_COMMENT_NODE).value);
      target.write(fn, (document) => document.comment(fn, value));
      return S_OK;
    }
    case WS_XML_NODE_TYPE_CDATA:
      target.write(fn, (document) => document.startCData(fn));
      return S_OK;
    case WS_XML_NODE_TYPE_END_CDATA:
      target.write(fn, (document) => document.endCData(fn));
      return S_OK;
    case WS_XML_NODE_TYPE_BOF:
    case WS_XML_NODE_TYPE_EOF:
      target.writable(fn);
      return S_OK;
  }
  throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(node.nodeType)} is not a WS_XML_NODE_TYPE that can be written.`);
}

// --- namespaces -----------------------------------------------------------------------------

export function WsGetPrefixFromNamespace(
  writer: WS_XML_WRITER,
  ns: WS_XML_STRING,
  required: boolean,
  prefix: Ref<WS_XML_STRING | null>,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsGetPrefixFromNamespace";
  const nsBytes = stringBytes(fn, "ns", ns);
  const document = writerOf(writer).current(fn);
  const namespace = decode(fn, "the namespace", nsBytes);
  const found = document.prefixFromNamespace(namespace);
  if (found !== undefined) {
    prefix.value = xmlString(found);
    return S_OK;
  }
  if (required)
    throw new WsError(WS_E_INVALID_FORMAT, `${fn}: no prefix is bound to the namespace "${namespace}" in the elements written so far.`);
  prefix.value = null;
  return S_FALSE;
}
