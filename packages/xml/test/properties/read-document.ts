import {
  E_NOTIMPL,
  type Ref,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  type WS_ERROR,
  type WS_READ_CALLBACK,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  WS_XML_READER_INPUT_TYPE_STREAM,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
  WsCreateError,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsCreateReader, WsFillReader, WsFreeReader, WsGetReaderNode, WsReadNode, WsSetInput } from "@wwsapi/xml";
import { type Infoset, InfosetBuilder } from "./infoset.js";

/**
 * Reads a document back with WS_XML_READER, from a buffer or from a stream fed in given chunks:
 * its infoset, built node by node (infoset.ts), or its nodes as lines, for exact comparison.
 */

export type Encoding = "text" | "binary";

const encodingOf = (encoding: Encoding) =>
  encoding === "text"
    ? { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO }
    : { encodingType: WS_XML_READER_ENCODING_TYPE_BINARY, staticDictionary: null, dynamicDictionary: null };

function errorString(error: WS_ERROR): string {
  const s = ref("");
  return WsGetErrorString(error, 0, s) === S_OK ? s.value : "";
}

/** A flat-API call that did not return S_OK. */
class CallFailed extends Error {
  constructor(
    readonly hr: number,
    message: string,
  ) {
    super(message);
  }
}

function call(error: WS_ERROR, what: string, hr: number): void {
  if (hr !== S_OK) throw new CallFailed(hr, `${what} returned 0x${(hr >>> 0).toString(16)}: ${errorString(error)}`);
}

/**
 * Hands every node from the current one (BOF) to EOF to `onNode`, as soon as it is read (a node is
 * valid until the next read). No document here has more nodes than twice its bytes plus a
 * handful: more means the reader is not advancing.
 */
function drain(
  reader: WS_XML_READER,
  error: WS_ERROR,
  limit: number,
  onNode: (node: WS_XML_NODE) => void,
  beforeRead: () => void = () => {},
): void {
  const node = ref<WS_XML_NODE | null>(null);
  call(error, "WsGetReaderNode", WsGetReaderNode(reader, node, error));
  onNode(node.value!);
  for (let reads = 0; node.value!.nodeType !== WS_XML_NODE_TYPE_EOF; reads++) {
    if (reads > limit) throw new Error(`no EOF after ${limit} reads`);
    beforeRead();
    call(error, "WsReadNode", WsReadNode(reader, error));
    call(error, "WsGetReaderNode", WsGetReaderNode(reader, node, error));
    onNode(node.value!);
  }
}

const decoder = new TextDecoder();
const str = (s: WS_XML_STRING | null) => (s === null ? "-" : JSON.stringify(decoder.decode(s.bytes)));

function textLine(text: WS_XML_TEXT | null): string {
  if (text === null) return "null";
  if (text.textType === WS_XML_TEXT_TYPE_UTF8) return `utf8 ${str((text as WS_XML_UTF8_TEXT).value)}`;
  return `type ${text.textType}`;
}

/** A node as one line with everything WsGetReaderNode shows of it, to compare node sequences exactly. */
export function nodeLine(node: WS_XML_NODE): string {
  switch (node.nodeType) {
    case WS_XML_NODE_TYPE_ELEMENT: {
      const e = node as WS_XML_ELEMENT_NODE;
      const attributes = e.attributes.map((a) =>
        a.isXmlNs
          ? ` xmlns ${str(a.prefix)}=${str(a.ns)}${a.singleQuote ? " '" : ""}`
          : ` ${str(a.prefix)}:${str(a.localName)}{${str(a.ns)}}=${textLine(a.value)}${a.singleQuote ? " '" : ""}`,
      );
      return `element ${str(e.prefix)}:${str(e.localName)}{${str(e.ns)}}${attributes.join("")}${e.isEmpty ? " empty" : ""}`;
    }
    case WS_XML_NODE_TYPE_TEXT:
      return `text ${textLine((node as WS_XML_TEXT_NODE).text)}`;
    case WS_XML_NODE_TYPE_COMMENT:
      return `comment ${str((node as WS_XML_COMMENT_NODE).value)}`;
    default:
      return `node ${node.nodeType}`;
  }
}

function withReader<T>(use: (reader: WS_XML_READER, error: WS_ERROR) => T): T {
  const reader = ref<WS_XML_READER | null>(null);
  const error = ref<WS_ERROR | null>(null);
  WsCreateError(null, error);
  try {
    call(error.value!, "WsCreateReader", WsCreateReader(null, reader, error.value!));
    try {
      return use(reader.value!, error.value!);
    } finally {
      WsFreeReader(reader.value!);
    }
  } finally {
    WsFreeError(error.value!);
  }
}

/** Every node of `bytes` read from a buffer, given to `onNode` as it is read. */
function readBuffer(bytes: Uint8Array, encoding: Encoding, onNode: (node: WS_XML_NODE) => void): void {
  withReader((reader, error) => {
    const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
    call(error, "WsSetInput", WsSetInput(reader, encodingOf(encoding) as never, input as never, null, error));
    drain(reader, error, 2 * bytes.length + 16, onNode);
  });
}

/** The infoset of `bytes` read from a buffer. */
export function readInfoset(bytes: Uint8Array, encoding: Encoding): Infoset {
  const builder = new InfosetBuilder();
  readBuffer(bytes, encoding, (node) => builder.add(node));
  return builder.finish();
}

/** The nodes of `bytes` read from a buffer, as lines (nodeLine). */
export function readNodes(bytes: Uint8Array, encoding: Encoding): string[] {
  const lines: string[] = [];
  readBuffer(bytes, encoding, (node) => lines.push(nodeLine(node)));
  return lines;
}

/** A WS_READ_CALLBACK that hands out `chunks` in order, one (or the part of one that fits) per call, then 0 bytes: the end. */
function chunkedStream(chunks: readonly Uint8Array[]): WS_READ_CALLBACK {
  const queue = [...chunks];
  return (_state: unknown, buffer: Uint8Array, actualSize: Ref<number>) => {
    const chunk = queue[0];
    if (chunk === undefined) {
      actualSize.value = 0;
      return S_OK;
    }
    const n = Math.min(chunk.length, buffer.length);
    buffer.set(chunk.subarray(0, n));
    if (n < chunk.length) queue[0] = chunk.subarray(n);
    else queue.shift();
    actualSize.value = n;
    return S_OK;
  };
}

export interface StreamRead {
  /** The nodes read, as lines (nodeLine), up to EOF or the failure. */
  readonly lines: string[];
  /** S_OK when EOF was reached, else the HRESULT of the call that failed. */
  readonly hr: number;
  readonly message: string;
}

export interface StreamOptions {
  /** WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE; 1 MB, room for any generated document, unless given. */
  readonly bufferSize?: number;
  /** WsFillReader's minSize before each read; the buffer size unless given. */
  readonly fill?: number;
}

/**
 * The nodes of `bytes` split at `cuts` and read from a stream whose callback delivers the bytes in
 * those chunks. Before each read, WsFillReader asks for `fill` bytes ("the minimum number of bytes
 * that the reader should have obtained"; it stops early at the end of the data).
 */
export function readNodesFromStream(
  bytes: Uint8Array,
  cuts: readonly number[],
  encoding: Encoding,
  options: StreamOptions = {},
): StreamRead {
  const bufferSize = options.bufferSize ?? 1 << 20;
  const minSize = options.fill ?? bufferSize;
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks = [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length));
  return withReader((reader, error) => {
    const input = { inputType: WS_XML_READER_INPUT_TYPE_STREAM, readCallback: chunkedStream(chunks), readCallbackState: null };
    const properties = [{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: bufferSize } as WS_XML_READER_PROPERTY];
    call(error, "WsSetInput", WsSetInput(reader, encodingOf(encoding) as never, input as never, properties, error));
    const lines: string[] = [];
    try {
      const fill = () => call(error, "WsFillReader", WsFillReader(reader, minSize, null, error));
      drain(reader, error, 2 * bytes.length + 16, (node) => lines.push(nodeLine(node)), fill);
      return { lines, hr: S_OK, message: "" };
    } catch (thrown) {
      if (!(thrown instanceof CallFailed)) throw thrown;
      return { lines, hr: thrown.hr, message: thrown.message };
    }
  });
}

/**
 * Whether WsSetInput takes WS_XML_READER_INPUT_TYPE_STREAM with `encoding` today: another part of
 * the project is adding it (reader/open-input.ts), and until it lands for an encoding WsSetInput
 * returns E_NOTIMPL for it.
 */
export function streamInputAvailable(encoding: Encoding): boolean {
  return withReader((reader) => {
    const input = { inputType: WS_XML_READER_INPUT_TYPE_STREAM, readCallback: chunkedStream([]), readCallbackState: null };
    return WsSetInput(reader, encodingOf(encoding) as never, input as never, null) !== E_NOTIMPL;
  });
}
