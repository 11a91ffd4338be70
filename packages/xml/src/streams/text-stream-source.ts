import {
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16LE,
  WS_E_QUOTA_EXCEEDED,
  type WS_READ_CALLBACK,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_TEXT,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { detectCharset } from "../text-reader/text-input.js";
import { type ScannerOptions, TextScanner } from "../text-reader/text-scanner.js";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import { DocumentPosition } from "./document-position.js";
import { nodeIsBuffered, prologIsBuffered } from "./node-extent.js";
import { OpenElements } from "./open-elements.js";
import { Staging } from "./staging.js";
import { StreamSource } from "./stream-source.js";
import { Utf16Transcoder } from "./utf16-transcoder.js";

const EMPTY = new Uint8Array(0);
const NO_NAMESPACES: NamespaceLookup = { lookup: () => undefined, prefixOf: () => undefined };

/**
 * A text document read from a WS_XML_READER_STREAM_INPUT. WsFillReader puts the bytes the read
 * callback delivers here (`append`); reading uses only what is buffered: "If a subsequent reader
 * function requires more data than what has been obtained the function will return a
 * WS_E_QUOTA_EXCEEDED exception" (WsFillReader). A node is read only once its end is buffered
 * (node-extent.ts), so the nodes are the same however the bytes arrive.
 *
 * Memory is bounded by WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE ("the size of the buffer the
 * WS_XML_READER will use when configured to use WS_XML_READER_STREAM_INPUT"): at most that many
 * bytes are buffered and unread, and a node that does not fit cannot be read (WS_E_QUOTA_EXCEEDED).
 * Bytes already read are dropped once the scanner's bytes run out in the middle of a node: the
 * reader then scans on from a new buffer that begins with start tags standing for the open
 * elements (OpenElements.replay), whose size the depth and namespace quotas bound.
 *
 * UTF-16 (named, or found by WS_CHARSET_AUTO from the first bytes) is turned into UTF-8 as it
 * arrives (Utf16Transcoder), so what is buffered — and what the stream buffer size bounds — is
 * then counted in UTF-8 bytes; positions in errors are line and column as for UTF-8, and byte
 * offsets are offsets in that UTF-8.
 */
export class TextStreamSource extends StreamSource implements NodeSource {
  /** Null until the start of the document (byte order mark, XML declaration) is read. */
  private scanner: TextScanner | null = null;
  /** What the scanner reads: `replayLength` bytes of replayed start tags, then document bytes. */
  private buffer: Uint8Array = EMPTY;
  private replayLength = 0;
  /** Bytes delivered since the scanner's buffer was made. */
  private readonly staged = new Staging();
  private readonly position = new DocumentPosition();
  private readonly open = new OpenElements();
  private streamEnded = false;
  /** After an empty element or in CDATA, the next nodes come from the scanner's state, not bytes. */
  private pendingEnd = false;
  private inCData = false;
  private atEof = false;
  /** Set once the document turns out to be UTF-16. */
  private transcoder: Utf16Transcoder | null = null;
  /** The charset the document was read in, once begun (WS_XML_READER_PROPERTY_CHARSET). */
  documentCharset: number;

  constructor(
    readCallback: WS_READ_CALLBACK,
    readCallbackState: unknown,
    /** WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE. */
    bufferSize: number,
    private readonly charset: number,
    private options: ScannerOptions,
  ) {
    super(readCallback, readCallbackState, bufferSize);
    this.documentCharset = charset;
  }

  // --- what WsFillReader uses --------------------------------------------------------------

  /** The bytes buffered and not read yet: "the current byte count buffered" (WsFillReader). */
  get buffered(): number {
    const unread = this.scanner === null ? 0 : this.buffer.length - this.scanner.offset;
    return unread + this.staged.length;
  }

  /** Whether the read callback has reported the end of the data (actualSize 0). */
  get ended(): boolean {
    return this.streamEnded;
  }

  /** The bytes this source holds, read or not: what its memory bound (see the class comment) limits. */
  get retained(): number {
    return this.buffer.length + this.staged.length;
  }

  append(bytes: Uint8Array): void {
    this.staged.append(this.transcoder === null ? bytes : this.transcoder.push(bytes));
  }

  end(): void {
    this.streamEnded = true;
    if (this.transcoder !== null) this.staged.append(this.transcoder.finish());
  }

  // --- NodeSource ----------------------------------------------------------------------------

  /** BOF. Nothing is read yet: WsSetInput does not call the read callback, WsFillReader does. */
  start(): WS_XML_NODE {
    return BOF_NODE;
  }

  next(): WS_XML_NODE {
    if (this.atEof) return this.scanner!.next();
    if (this.scanner === null) this.begin();
    if (!this.pendingEnd && !this.inCData && !nodeIsBuffered(this.buffer, this.scanner!.offset)) {
      // The scanner's bytes end inside the next node: bring in what has arrived since, dropping
      // what was read. Only then, so that a buffer is copied about once per buffer's worth read.
      if (this.staged.length > 0) this.rebase();
      if (!this.streamEnded && !nodeIsBuffered(this.buffer, this.scanner!.offset)) throw this.notBuffered();
    }
    let node: WS_XML_NODE;
    try {
      node = this.scanner!.next();
    } catch (thrown) {
      throw thrown instanceof WsError ? this.position.relocate(thrown, this.buffer, this.replayLength) : thrown;
    }
    this.observe(node);
    return node;
  }

  lineColumn(): LineColumn {
    if (this.scanner === null) return { line: this.position.line, column: this.position.column };
    const { line, column } = this.position.place(this.buffer, this.replayLength, this.scanner.offset);
    return { line, column };
  }

  get namespaces(): NamespaceLookup {
    return this.scanner === null ? NO_NAMESPACES : this.scanner.namespaces;
  }

  /** XmlAttributeScope: the scanner's; a rebase replays the open elements' xml: attributes (OpenElements). */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined {
    return this.scanner?.xmlAttribute(localName);
  }

  // --- inside --------------------------------------------------------------------------------

  private observe(node: WS_XML_NODE): void {
    this.open.observe(node);
    this.pendingEnd = node.nodeType === WS_XML_NODE_TYPE_ELEMENT && (node as unknown as WS_XML_ELEMENT_NODE).isEmpty;
    if (node.nodeType === WS_XML_NODE_TYPE_CDATA) this.inCData = true;
    else if (node.nodeType === WS_XML_NODE_TYPE_END_CDATA) this.inCData = false;
    else if (node.nodeType === WS_XML_NODE_TYPE_EOF) this.atEof = true;
  }

  /**
   * Reads the start of the document once enough of it is buffered: a byte order mark (text-input.ts
   * drops it from buffer input too) and the XML declaration, which the scanner reads in start().
   */
  private begin(): void {
    const document = this.transcoder === null ? this.detect() : this.staged.view();
    if (document === null) throw this.notBuffered();
    if (!this.streamEnded && !prologIsBuffered(document)) throw this.notBuffered();
    this.buffer = document.slice();
    this.staged.clear();
    const scanner = new TextScanner(this.buffer, this.options);
    scanner.start();
    this.scanner = scanner;
  }

  /**
   * The document's UTF-8 bytes once enough is buffered to tell its charset, or null. Finding UTF-16
   * starts transcoding: what is staged becomes UTF-8, and so does every delivery after it.
   */
  private detect(): Uint8Array | null {
    const bytes = this.staged.view();
    if (!this.streamEnded) {
      const first = bytes[0];
      if (first === undefined) return null;
      // A UTF-8 byte order mark has 3 bytes; WS_CHARSET_AUTO tells UTF-16 from the first 2 (detectCharset).
      if (first === 0xef && bytes.length < 3) return null;
      if (this.charset === WS_CHARSET_AUTO && bytes.length < 2 && (first === 0x3c || first === 0 || first >= 0xfe)) return null;
    }
    const charset = this.charset === WS_CHARSET_AUTO ? detectCharset(bytes) : this.charset;
    this.documentCharset = charset;
    if (charset === WS_CHARSET_UTF8) {
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      return bytes.subarray(bom);
    }
    const littleEndian = charset === WS_CHARSET_UTF16LE;
    const transcoder = new Utf16Transcoder(littleEndian);
    const utf8 = transcoder.push(bytes);
    this.transcoder = transcoder;
    this.staged.clear();
    this.staged.append(this.streamEnded ? concat(utf8, transcoder.finish()) : utf8);
    this.options = { ...this.options, inputCharset: littleEndian ? "utf-16le" : "utf-16be" };
    return this.staged.view();
  }

  /**
   * Drops the bytes read so far: a new scanner on the replayed open elements, the unread bytes and
   * the staged ones. Only between nodes that come from bytes (not after an empty element, nor in
   * CDATA), where the scanner's state is exactly what OpenElements knows. The new scanner does not
   * look for an XML declaration (start()): one is allowed only at the very start. What is held
   * stays within the replayed tags and twice the stream buffer: the old buffer (at most one stream
   * buffer of document bytes when it was made) and the staged bytes (at most what fits besides the
   * unread ones).
   */
  private rebase(): void {
    const scanner = this.scanner!;
    const read = scanner.offset;
    this.position.advance(this.buffer, this.replayLength, read);
    const replay = this.open.replay();
    const unread = this.buffer.subarray(read);
    const staged = this.staged.view();
    const buffer = new Uint8Array(replay.bytes.length + unread.length + staged.length);
    buffer.set(replay.bytes);
    buffer.set(unread, replay.bytes.length);
    buffer.set(staged, replay.bytes.length + unread.length);
    const fresh = new TextScanner(buffer, this.options);
    for (let i = 0; i < replay.nodes; i++) fresh.next();
    this.scanner = fresh;
    this.buffer = buffer;
    this.replayLength = replay.bytes.length;
    this.staged.clear();
  }

  private notBuffered(): WsError {
    const at = this.scanner === null ? this.position : this.position.place(this.buffer, this.replayLength, this.scanner.offset);
    const where = `at line ${at.line}, column ${at.column} (byte ${at.offset})`;
    const buffered = this.buffered;
    if (buffered >= this.bufferSize) {
      return new WsError(
        WS_E_QUOTA_EXCEEDED,
        `XML reader: the node ${where} does not fit in the ${this.bufferSize} bytes of WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE.`,
      );
    }
    return new WsError(
      WS_E_QUOTA_EXCEEDED,
      `XML reader: the node ${where} is not completely buffered (${buffered} bytes are); call WsFillReader first with a minSize that covers it.`,
    );
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  const all = new Uint8Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}
