import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  WS_ENCODING_XML_BINARY_1,
  type WS_ERROR,
  WS_INT32_VALUE_TYPE,
  type WS_XML_DICTIONARY,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  type WS_XML_READER,
  type WS_XML_READER_BINARY_ENCODING,
  type WS_XML_READER_BUFFER_INPUT,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_TEXT_ENCODING,
  type WS_XML_STRING,
  type WS_XML_WRITER,
  type WS_XML_WRITER_BINARY_ENCODING,
  type WS_XML_WRITER_BUFFER_OUTPUT,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
  type WS_XML_WRITER_TEXT_ENCODING,
  WsCreateError,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import {
  WsCreateReader,
  WsCreateWriter,
  WsFreeReader,
  WsFreeWriter,
  WsGetDictionary,
  WsGetReaderNode,
  WsGetWriterProperty,
  WsReadBytes,
  WsReadCharsUtf8,
  WsReadEndElement,
  WsReadStartElement,
  WsReadToStartElement,
  WsReadValue,
  WsSetInput,
  WsSetOutput,
  WsSkipNode,
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteValue,
  WsWriteXmlnsAttribute,
} from "@wwsapi/xml";

/**
 * Our XML layer, driven only through the public flat API of @wwsapi/xml, for messages to and from
 * the peers: a writer that builds a document node by node (text, or binary with the [MC-NBFS] static
 * dictionary) and a reader that walks one. Every call's HRESULT is checked; a failure throws with
 * WWSAPI's error strings.
 */

export type XmlEncoding = "text" | "binary";

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Runs one flat call with a WS_ERROR and throws its strings when it does not return S_OK. */
function call(what: string, run: (error: WS_ERROR) => number): void {
  const errorRef = ref<WS_ERROR | null>(null);
  if (WsCreateError(null, errorRef) !== S_OK) throw new Error("WsCreateError failed");
  const error = errorRef.value!;
  try {
    const hr = run(error);
    if (hr !== S_OK) {
      const strings: string[] = [];
      for (let i = 0; i < 8; i++) {
        const s = ref("");
        if (WsGetErrorString(error, i, s) !== S_OK) break;
        strings.push(s.value);
      }
      throw new Error(`${what} returned 0x${(hr >>> 0).toString(16)}: ${strings.join(" / ")}`);
    }
  } finally {
    WsFreeError(error);
  }
}

let staticDictionaryCache: WS_XML_DICTIONARY | undefined;

/** The [MC-NBFS] static dictionary, as WsGetDictionary(WS_ENCODING_XML_BINARY_1) gives it. */
export function staticDictionary(): WS_XML_DICTIONARY {
  if (staticDictionaryCache === undefined) {
    const dictionary = ref<WS_XML_DICTIONARY | null>(null);
    call("WsGetDictionary", (e) => WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary, e));
    staticDictionaryCache = dictionary.value!;
  }
  return staticDictionaryCache;
}

let byText: Map<string, WS_XML_STRING> | undefined;

/**
 * The WS_XML_STRING for `text`: the static dictionary's own string when the dictionary has it (so
 * that a binary writer writes it by id, as WCF does), else a plain string.
 */
export function xmlName(text: string, fromDictionary: boolean): WS_XML_STRING {
  if (fromDictionary) {
    byText ??= new Map(staticDictionary().strings.map((s) => [fromUtf8.decode(s.bytes), s]));
    const found = byText.get(text);
    if (found !== undefined) return found;
  }
  return { bytes: utf8.encode(text), dictionary: null, id: 0 };
}

/** A document being written through the flat API. */
export class DocumentWriter {
  readonly #writer: WS_XML_WRITER;
  readonly #dictionary: boolean;

  constructor(encoding: XmlEncoding) {
    const writer = ref<WS_XML_WRITER | null>(null);
    call("WsCreateWriter", (e) => WsCreateWriter(null, writer, e));
    this.#writer = writer.value!;
    this.#dictionary = encoding === "binary";
    const output: WS_XML_WRITER_BUFFER_OUTPUT = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER };
    const text: WS_XML_WRITER_TEXT_ENCODING = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
    const binary: WS_XML_WRITER_BINARY_ENCODING = {
      encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
      staticDictionary: staticDictionary(),
      dynamicStringCallback: null,
      dynamicStringCallbackState: null,
    };
    call("WsSetOutput", (e) => WsSetOutput(this.#writer, encoding === "text" ? text : binary, output, null, e));
  }

  #name(text: string): WS_XML_STRING {
    return xmlName(text, this.#dictionary);
  }

  start(prefix: string, localName: string, ns: string): this {
    call(`WsWriteStartElement ${localName}`, (e) =>
      WsWriteStartElement(this.#writer, xmlName(prefix, false), this.#name(localName), this.#name(ns), e),
    );
    return this;
  }

  xmlns(prefix: string, ns: string): this {
    call("WsWriteXmlnsAttribute", (e) => WsWriteXmlnsAttribute(this.#writer, xmlName(prefix, false), this.#name(ns), false, e));
    return this;
  }

  /** An attribute whose value is written with WsWriteChars. */
  attribute(prefix: string, localName: string, ns: string, value: string): this {
    call(`WsWriteStartAttribute ${localName}`, (e) =>
      WsWriteStartAttribute(this.#writer, xmlName(prefix, false), this.#name(localName), this.#name(ns), false, e),
    );
    this.chars(value);
    call("WsWriteEndAttribute", (e) => WsWriteEndAttribute(this.#writer, e));
    return this;
  }

  chars(value: string): this {
    call("WsWriteChars", (e) => WsWriteChars(this.#writer, value, e));
    return this;
  }

  int32(value: number): this {
    call("WsWriteValue", (e) => WsWriteValue(this.#writer, WS_INT32_VALUE_TYPE, value, e));
    return this;
  }

  bytes(value: Uint8Array): this {
    call("WsWriteBytes", (e) => WsWriteBytes(this.#writer, value, e));
    return this;
  }

  end(): this {
    call("WsWriteEndElement", (e) => WsWriteEndElement(this.#writer, e));
    return this;
  }

  /** <prefix:localName>value</prefix:localName> with the value as chars. */
  element(prefix: string, localName: string, ns: string, value: string): this {
    return this.start(prefix, localName, ns).chars(value).end();
  }

  /** The bytes written (WS_XML_WRITER_PROPERTY_BYTES); frees the writer. */
  finish(): Uint8Array {
    const bytes = ref<unknown>(undefined);
    try {
      call("WsGetWriterProperty BYTES", (e) => WsGetWriterProperty(this.#writer, WS_XML_WRITER_PROPERTY_BYTES, bytes, e));
      return (bytes.value as Uint8Array).slice();
    } finally {
      WsFreeWriter(this.#writer);
    }
  }
}

/** A dynamic dictionary for the binary reader: the strings of an [MC-NBFSE] session, string n having id 2n+1 on the wire. */
export function sessionDictionary(strings: readonly string[]): WS_XML_DICTIONARY {
  // Each string refers back to its dictionary, so the array is filled once the dictionary exists.
  const list: WS_XML_STRING[] = [];
  const dictionary: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: list, isConst: true };
  for (const [id, s] of strings.entries()) list.push({ bytes: utf8.encode(s), dictionary, id });
  return dictionary;
}

/** A document being read through the flat API. Element names are compared as UTF-8 strings. */
export class DocumentReader {
  readonly #reader: WS_XML_READER;

  constructor(bytes: Uint8Array, encoding: XmlEncoding, dynamicDictionary: WS_XML_DICTIONARY | null = null) {
    const reader = ref<WS_XML_READER | null>(null);
    call("WsCreateReader", (e) => WsCreateReader(null, reader, e));
    this.#reader = reader.value!;
    const input: WS_XML_READER_BUFFER_INPUT = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
    const text: WS_XML_READER_TEXT_ENCODING = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 };
    const binary: WS_XML_READER_BINARY_ENCODING = {
      encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
      staticDictionary: staticDictionary(),
      dynamicDictionary,
    };
    call("WsSetInput", (e) => WsSetInput(this.#reader, encoding === "text" ? text : binary, input, null, e));
  }

  /**
   * Moves to the next start element among the current siblings (WsReadToStartElement) and returns
   * its { localName, ns }, or undefined at the end of the parent.
   */
  nextElement(): { localName: string; ns: string } | undefined {
    const found = ref(false);
    call("WsReadToStartElement", (e) => WsReadToStartElement(this.#reader, null, null, found, e));
    if (!found.value) return undefined;
    const node = ref<WS_XML_NODE | null>(null);
    call("WsGetReaderNode", (e) => WsGetReaderNode(this.#reader, node, e));
    if (node.value?.nodeType !== WS_XML_NODE_TYPE_ELEMENT) throw new Error("WsReadToStartElement found no element");
    const element = node.value as WS_XML_ELEMENT_NODE;
    return { localName: fromUtf8.decode(element.localName!.bytes), ns: fromUtf8.decode(element.ns!.bytes) };
  }

  /** Moves to the sibling element {ns}localName, skipping others (at most 64); throws when there is none. */
  find(localName: string, ns: string): void {
    for (let i = 0; i < 64; i++) {
      const next = this.nextElement();
      if (next === undefined) throw new Error(`no element {${ns}}${localName} here`);
      if (next.localName === localName && next.ns === ns) return;
      this.skip();
    }
    throw new Error(`no element {${ns}}${localName} among the first 64 siblings`);
  }

  /** Skips the current node (an element with all its content). */
  skip(): void {
    call("WsSkipNode", (e) => WsSkipNode(this.#reader, e));
  }

  /** Reads the start of the current element (WsReadStartElement): the reader is then inside it. */
  enter(): void {
    call("WsReadStartElement", (e) => WsReadStartElement(this.#reader, e));
  }

  /** Reads the end element of the element the reader is in (WsReadEndElement). */
  leave(): void {
    call("WsReadEndElement", (e) => WsReadEndElement(this.#reader, e));
  }

  /** The current element's text content (WsReadCharsUtf8 until it returns 0 bytes), leaving the element. */
  text(): string {
    this.enter();
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(4096);
    for (let total = 0; total <= 1 << 20; ) {
      const count = ref(0);
      call("WsReadCharsUtf8", (e) => WsReadCharsUtf8(this.#reader, buffer, count, e));
      if (count.value === 0) break;
      chunks.push(buffer.slice(0, count.value));
      total += count.value;
    }
    this.leave();
    return fromUtf8.decode(Buffer.concat(chunks));
  }

  /** The current element's content as base64-decoded bytes (WsReadBytes until it returns 0), leaving the element. */
  bytes(): Uint8Array {
    this.enter();
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(1024);
    for (let total = 0; total <= 1 << 20; ) {
      const count = ref(0);
      call("WsReadBytes", (e) => WsReadBytes(this.#reader, buffer, count, e));
      if (count.value === 0) break;
      chunks.push(buffer.slice(0, count.value));
      total += count.value;
    }
    this.leave();
    return new Uint8Array(Buffer.concat(chunks));
  }

  /** The current element's content as an xs:int (WsReadValue WS_INT32_VALUE_TYPE), leaving the element. */
  int32(): number {
    this.enter();
    const value = ref<unknown>(undefined);
    call("WsReadValue", (e) => WsReadValue(this.#reader, WS_INT32_VALUE_TYPE, value, e));
    this.leave();
    return value.value as number;
  }

  free(): void {
    WsFreeReader(this.#reader);
  }
}
