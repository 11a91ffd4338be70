import {
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_READ_CALLBACK,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_READER_BINARY_ENCODING,
  type WS_XML_READER_STREAM_INPUT,
  type WS_XML_TEXT,
  type WS_XML_TEXT_NODE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { BinaryNodeSource, type BinarySourceOptions } from "../binary-reader/binary-node-source.js";
import { checkDictionary } from "../binary-reader/dictionary-strings.js";
import type { NamespaceLookup } from "../reader/node-source.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { textUtf8 } from "../reader-content/node-text.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import { binaryNodeExtent } from "./binary-extent.js";
import { BinaryOpenElements } from "./binary-open-elements.js";
import { Staging } from "./staging.js";
import { StreamSource } from "./stream-source.js";

const EMPTY = new Uint8Array(0);
const NO_NAMESPACES: NamespaceLookup = { lookup: () => undefined, prefixOf: () => undefined };

/**
 * A binary document ([MC-NBFX]) read from a WS_XML_READER_STREAM_INPUT: the binary reader
 * (BinaryNodeSource) over what WsFillReader has buffered. As for text (TextStreamSource), a node is
 * read only once all its bytes are buffered (binary-extent.ts), so the nodes are the same however
 * the bytes arrive, and reading a node that is not buffered is WS_E_QUOTA_EXCEEDED ("If a
 * subsequent reader function requires more data than what has been obtained the function will
 * return a WS_E_QUOTA_EXCEEDED exception", WsFillReader).
 *
 * Memory stays bounded by WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE the way it does for text: when
 * the reader's bytes run out in the middle of a node, a new binary reader starts on the unread and
 * the newly arrived bytes, preceded by records that stand for the open elements
 * (BinaryOpenElements.replay). A node larger than the stream buffer cannot be read.
 *
 * ROW and COLUMN: row 1 and the document's byte offset plus one, as for binary buffer input.
 */
export class BinaryStreamSource extends StreamSource {
  private reader: BinaryNodeSource | null = null;
  /** What the reader reads: `replayLength` bytes of replayed records, then document bytes. */
  private buffer: Uint8Array = EMPTY;
  private replayLength = 0;
  /** The document offset of buffer[replayLength]. */
  private base = 0;
  private readonly staged = new Staging();
  private streamEnded = false;
  /** Nodes the reader gives next without reading bytes (binaryNodeExtent's followers). */
  private followers = 0;
  private readonly open: BinaryOpenElements;
  /** After a rebase past the root, the new reader allows fragments: this enforces what it no longer does. */
  private afterRoot = false;

  constructor(
    readCallback: WS_READ_CALLBACK,
    readCallbackState: unknown,
    bufferSize: number,
    private readonly options: BinarySourceOptions,
  ) {
    super(readCallback, readCallbackState, bufferSize);
    this.open = new BinaryOpenElements(options.staticDictionary, options.dynamicDictionary);
  }

  get buffered(): number {
    return this.buffer.length - this.position + this.staged.length;
  }

  get ended(): boolean {
    return this.streamEnded;
  }

  append(bytes: Uint8Array): void {
    this.staged.append(bytes);
  }

  end(): void {
    this.streamEnded = true;
  }

  start(): WS_XML_NODE {
    return BOF_NODE;
  }

  next(): WS_XML_NODE {
    if (this.followers > 0) {
      this.followers--;
      return this.observe(this.read());
    }
    let extent = this.extent();
    if (extent === null && (this.staged.length > 0 || (this.reader === null && this.streamEnded))) {
      this.rebase();
      extent = this.extent();
    }
    if (extent === null) throw this.notBuffered();
    const node = this.read();
    this.followers = extent.followers;
    return this.observe(node);
  }

  lineColumn(): LineColumn {
    return { line: 1, column: this.base + this.position - this.replayLength + 1 };
  }

  get namespaces(): NamespaceLookup {
    return this.reader?.namespaces ?? NO_NAMESPACES;
  }

  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.reader?.xmlAttribute(localName);
  }

  // --- inside --------------------------------------------------------------------------------

  /** The reader's next node, its errors' byte offsets restated as offsets in the document. */
  private read(): WS_XML_NODE {
    try {
      return this.reader!.next();
    } catch (thrown) {
      if (!(thrown instanceof WsError) || (this.base === 0 && this.replayLength === 0)) throw thrown;
      const shift = (text: string) =>
        text.replace(/at byte (\d+)/g, (_all, at: string) => `at byte ${Number(at) - this.replayLength + this.base}`);
      throw new WsError(thrown.hr, ...thrown.strings.map(shift));
    }
  }

  /** The reader's position in `buffer` (its COLUMN less one, binary-node-source.ts). */
  private get position(): number {
    return this.reader === null ? 0 : this.reader.lineColumn().column - 1;
  }

  /** The next node's extent when it is buffered (or the data has ended), else null. */
  private extent(): { followers: number } | null {
    if (this.reader === null) return null;
    const ended = this.streamEnded && this.staged.length === 0;
    const at = this.position;
    if (at >= this.buffer.length) return ended ? { followers: 0 } : null;
    const extent = binaryNodeExtent(this.buffer, at, ended);
    return extent.end < 0 ? null : extent;
  }

  /**
   * A new reader on the replayed open elements, the unread bytes and the staged ones; the replayed
   * nodes are read past. Only between nodes that come from bytes (no followers pending).
   */
  private rebase(): void {
    const at = this.position;
    if (this.reader !== null) this.base += at - this.replayLength;
    const replay = this.open.replay();
    const unread = this.buffer.subarray(at);
    const staged = this.staged.view();
    const buffer = new Uint8Array(replay.bytes.length + unread.length + staged.length);
    buffer.set(replay.bytes);
    buffer.set(unread, replay.bytes.length);
    buffer.set(staged, replay.bytes.length + unread.length);
    this.afterRoot = replay.nodes === 2 && this.open.depth === 0;
    const reader = new BinaryNodeSource(buffer, { ...this.options, allowFragment: this.options.allowFragment || this.afterRoot });
    reader.start();
    for (let i = 0; i < replay.nodes; i++) reader.next();
    this.reader = reader;
    this.buffer = buffer;
    this.replayLength = replay.bytes.length;
    this.staged.clear();
  }

  private observe(node: WS_XML_NODE): WS_XML_NODE {
    if (this.afterRoot && !this.options.allowFragment && this.open.depth === 0) {
      // What the first reader would have refused after the root element (BinaryNodeSource's rules).
      if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
        throw new WsError(
          WS_E_INVALID_FORMAT,
          `XML reader: a second root element at byte ${this.base + this.position - this.replayLength} of the binary input is not allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is TRUE.`,
        );
      }
      if (node.nodeType === WS_XML_NODE_TYPE_TEXT && !isWhitespace(textUtf8((node as unknown as WS_XML_TEXT_NODE).text, "WsReadNode"))) {
        throw new WsError(
          WS_E_INVALID_FORMAT,
          `XML reader: text outside the root element at byte ${this.base + this.position - this.replayLength} of the binary input.`,
        );
      }
    }
    if (node.nodeType !== WS_XML_NODE_TYPE_EOF) this.open.observe(node);
    return node;
  }

  private notBuffered(): WsError {
    const offset = this.base + this.position - this.replayLength;
    if (this.buffered >= this.bufferSize) {
      return new WsError(
        WS_E_QUOTA_EXCEEDED,
        `XML reader: the node at byte ${offset} of the binary input does not fit in the ${this.bufferSize} bytes of WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE.`,
      );
    }
    return new WsError(
      WS_E_QUOTA_EXCEEDED,
      `XML reader: the node at byte ${offset} of the binary input is not completely buffered (${this.buffered} bytes are); call WsFillReader first with a minSize that covers it.`,
    );
  }
}

function isWhitespace(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** WsSetInput with WS_XML_READER_BINARY_ENCODING and a stream input (its callback checked by the caller). */
export function openBinaryStreamInput(
  fn: string,
  encoding: WS_XML_READER_BINARY_ENCODING,
  input: WS_XML_READER_STREAM_INPUT,
  settings: ReaderSettings,
): BinaryStreamSource {
  return new BinaryStreamSource(input.readCallback as WS_READ_CALLBACK, input.readCallbackState, settings.streamBufferSize, {
    maxDepth: settings.maxDepth,
    maxAttributes: settings.maxAttributes,
    maxNamespaces: settings.maxNamespaces,
    allowFragment: settings.allowFragment,
    staticDictionary: checkDictionary(fn, "staticDictionary", encoding.staticDictionary),
    dynamicDictionary: checkDictionary(fn, "dynamicDictionary", encoding.dynamicDictionary),
  });
}
