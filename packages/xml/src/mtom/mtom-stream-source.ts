import {
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_READ_CALLBACK,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NamespaceLookup } from "../reader/node-source.js";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { TextStreamSource } from "../streams/text-stream-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { toUtf8 } from "../text-reader/text-input.js";
import { type ScannerOptions, TextScanner } from "../text-reader/text-scanner.js";
import { BOF_NODE } from "../text-reader/xml-nodes.js";
import { ByteQueue } from "./byte-queue.js";
import { ascii, bytesAt, indexOfBytes } from "./byte-search.js";
import { malformed } from "./mime-errors.js";
import { headerBlockEnd, readHeaderBlock, singleField } from "./mime-headers.js";
import { unbracket } from "./mime-parts.js";
import { inRootPart } from "./mtom-node-source.js";
import { checkRootPart, checkTransferEncoding, headerParameters } from "./mtom-package.js";
import type { MtomReaderOptions } from "./reader-encoding.js";
import { base64TextNode, isXopInclude, readInclude } from "./xop-include.js";

const NO_NAMESPACES: NamespaceLookup = { lookup: () => undefined, prefixOf: () => undefined };
const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;

/** What the bytes that arrive are, until the root part is complete. */
type Phase = "header" | "first part" | "root" | "parts";

/**
 * An MTOM package read from a WS_XML_READER_STREAM_INPUT. "When used with
 * WS_XML_READER_STREAM_INPUT the root MIME part must be first, and subsequent MIME parts must appear
 * in the order that they are referenced from xop:Include elements."
 *
 * WsFillReader delivers the bytes (append). Everything up to the end of the root part is taken in
 * as it arrives — the MIME header, the root part's headers, then its content, which is read whole
 * before its first node, as WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE ("the maximum size
 * of the root MIME part, which is the part that contains the xml portion of the document") bounds
 * it — and does not count as buffered, so one WsFillReader brings in the whole root part. Each
 * group of headers is bounded by WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE ("the maximum
 * size of any group of MIME headers"): bytes past a bound are refused (WS_E_QUOTA_EXCEEDED) as
 * they arrive, before more is buffered. The bytes after the root part are buffered as for text
 * (WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE) and read as the xop:Includes reach them: a part's
 * content comes as base64 text nodes of what is buffered (the bytes that might begin the next
 * delimiter wait for the next fill), and reading past what is buffered is WS_E_QUOTA_EXCEEDED, as
 * WsFillReader says.
 *
 * It is a TextStreamSource to WsFillReader (which buffers for that class), with every member that
 * WsFillReader and the reader use taken over.
 */
export class MtomStreamSource extends TextStreamSource {
  private phase: Phase;
  /** The bytes of the phase before "parts", from `takenOffset` in the input. */
  private readonly taken = new ByteQueue();
  private takenOffset = 0;
  /** The bytes after the root part that are not read yet, from `queueOffset` in the input. */
  private readonly queue = new ByteQueue();
  private queueOffset = 0;
  private inputEnded = false;
  private boundary: string;
  private rootId: string;
  private startInfo: string;
  private dashBoundary: Uint8Array;
  private delimiter: Uint8Array;
  private partCount = 0;
  private rootSearchFrom = 0;
  private rootCharset = WS_CHARSET_AUTO;
  private rootBodyOffset = 0;
  private xml: TextScanner | null = null;
  /** The input offset of the scanner's byte 0 (UTF-8 root), or null. */
  private xmlStart: number | null = null;
  /** The part whose content is being read, after its Include. */
  private streaming: { number: number; contentId: string; delivered: number } | null = null;

  constructor(
    readCallback: WS_READ_CALLBACK,
    readCallbackState: unknown,
    private readonly settings: ReaderSettings,
    private readonly mtomOptions: MtomReaderOptions,
    private readonly xmlOptions: ScannerOptions,
  ) {
    super(readCallback, readCallbackState, settings.streamBufferSize, WS_CHARSET_UTF8, xmlOptions);
    this.phase = mtomOptions.readMimeHeader ? "header" : "first part";
    this.boundary = mtomOptions.boundary;
    this.rootId = unbracket(mtomOptions.startUri);
    this.startInfo = mtomOptions.startInfo;
    this.dashBoundary = ascii(`--${this.boundary}`);
    this.delimiter = ascii(`\r\n--${this.boundary}`);
  }

  // --- what WsFillReader uses --------------------------------------------------------------

  /** Only the bytes after the root part count: until then every byte is taken in as it comes. */
  override get buffered(): number {
    return this.queue.length;
  }

  override get ended(): boolean {
    return this.inputEnded;
  }

  override append(bytes: Uint8Array): void {
    if (this.phase === "parts") {
      this.queue.append(bytes);
      return;
    }
    this.taken.append(bytes);
    this.takeIn();
  }

  override end(): void {
    this.inputEnded = true;
  }

  // --- NodeSource ----------------------------------------------------------------------------

  override start(): WS_XML_NODE {
    return BOF_NODE;
  }

  override next(): WS_XML_NODE {
    const scanner = this.xml;
    if (scanner === null) throw this.rootNotRead();
    if (this.streaming !== null) return this.nextPiece(false);
    const at = scanner.offset;
    const node = this.scan(() => scanner.next());
    return isXopInclude(node) ? this.include(node, at) : node;
  }

  override lineColumn(): LineColumn {
    return this.xml?.lineColumn() ?? { line: 1, column: 1 };
  }

  override get namespaces(): NamespaceLookup {
    return this.xml?.namespaces ?? NO_NAMESPACES;
  }

  // --- up to the end of the root part ----------------------------------------------------------

  /** Moves through the phases as far as the bytes taken in allow. */
  private takeIn(): void {
    if (this.phase === "header") {
      const bytes = this.taken.view();
      const end = this.headerEnd(bytes, 0, "the MIME header", this.takenOffset);
      if (end < 0) return;
      ({
        boundary: this.boundary,
        start: this.rootId,
        startInfo: this.startInfo,
      } = headerParameters(readHeaderBlock(bytes, 0, "the MIME header")));
      this.dashBoundary = ascii(`--${this.boundary}`);
      this.delimiter = ascii(`\r\n--${this.boundary}`);
      this.drop(end);
      this.phase = "first part";
    }
    if (this.phase === "first part") {
      const bytes = this.taken.view();
      // The first "--boundary": at the very start, or after a preamble and the CRLF that ends it.
      const atStart = bytesAt(bytes, this.dashBoundary, 0);
      const found = atStart ? 0 : indexOfBytes(bytes, this.delimiter, 0);
      const limit = this.settings.streamMaxMimeHeadersSize;
      if (found < 0) {
        if (bytes.length > limit) {
          throw new WsError(
            WS_E_QUOTA_EXCEEDED,
            `MTOM reader: no delimiter "--${this.boundary}" comes within the first ${limit} bytes of the body (from byte ${this.takenOffset}), which WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE bounds as it bounds headers.`,
          );
        }
        return;
      }
      const dashAt = atStart ? 0 : found + 2;
      const lineEnd = delimiterLineEnd(bytes, dashAt, this.dashBoundary.length);
      if (lineEnd === -2)
        throw malformed(`the delimiter line "--${this.boundary}" goes on with other characters`, this.takenOffset + dashAt);
      if (lineEnd === -3) {
        throw malformed(
          `the first delimiter of the package is its close delimiter "--${this.boundary}--": it has no parts`,
          this.takenOffset + dashAt,
        );
      }
      if (lineEnd < 0) return;
      const end = this.headerEnd(bytes, lineEnd, "the headers of MIME part 1", this.takenOffset);
      if (end < 0) return;
      this.countPart(this.takenOffset + lineEnd);
      const headers = readHeaderBlock(bytes, lineEnd, "the headers of MIME part 1", this.takenOffset);
      const part = { number: 1, offset: this.takenOffset + lineEnd, headers };
      const id = singleField(headers, "Content-ID", "the headers of MIME part 1");
      if (this.rootId !== "" && (id === undefined || unbracket(id.value) !== this.rootId)) {
        throw malformed(
          `the first MIME part is not the root part <${this.rootId}> (with WS_XML_READER_STREAM_INPUT the root part must come first)`,
          part.offset,
        );
      }
      this.rootCharset = checkRootPart(part, this.startInfo);
      this.drop(end);
      this.rootBodyOffset = this.takenOffset;
      this.phase = "root";
    }
    if (this.phase === "root") {
      const bytes = this.taken.view();
      const max = this.settings.streamMaxRootMimePartSize;
      const found = indexOfBytes(bytes, this.delimiter, this.rootSearchFrom);
      // Bytes that cannot begin the delimiter are surely content.
      const content = found < 0 ? bytes.length - (this.delimiter.length - 1) : found;
      if (content > max) {
        throw new WsError(
          WS_E_QUOTA_EXCEEDED,
          `MTOM reader: the root MIME part (its content starts at byte ${this.rootBodyOffset}) is longer than the ${max} bytes of WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE.`,
        );
      }
      if (found < 0) {
        this.rootSearchFrom = Math.max(0, content);
        return;
      }
      this.openRoot(bytes.slice(0, found));
      this.queue.append(bytes.subarray(found + 2));
      this.queueOffset = this.takenOffset + found + 2;
      this.taken.consume(bytes.length);
      this.phase = "parts";
    }
  }

  /** The XML of the root part, complete: its scanner (which reads the XML declaration now). */
  private openRoot(body: Uint8Array): void {
    const requested = this.mtomOptions.charset !== WS_CHARSET_AUTO ? this.mtomOptions.charset : this.rootCharset;
    let scanner: TextScanner;
    let xml: Uint8Array;
    let charset: number;
    try {
      ({ bytes: xml, charset } = toUtf8(body, requested));
      const inputCharset = charset === WS_CHARSET_UTF16LE ? "utf-16le" : charset === WS_CHARSET_UTF16BE ? "utf-16be" : "utf-8";
      scanner = new TextScanner(xml, { ...this.xmlOptions, inputCharset });
      scanner.start();
    } catch (thrown) {
      throw thrown instanceof WsError ? inRootPart(thrown, 1, this.rootBodyOffset) : thrown;
    }
    this.xmlStart = charset === WS_CHARSET_UTF8 ? this.rootBodyOffset + (xml.byteOffset - body.byteOffset) : null;
    this.xml = scanner;
  }

  /** The end of the header block at `at` once it is all there, else -1; WS_E_QUOTA_EXCEEDED past the bound. */
  private headerEnd(bytes: Uint8Array, at: number, what: string, base: number): number {
    const limit = this.settings.streamMaxMimeHeadersSize;
    const end = headerBlockEnd(bytes, at);
    if ((end < 0 ? bytes.length : end) - at > limit) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `MTOM reader: the MIME headers from byte ${base + at} (${what}) are longer than the ${limit} bytes of WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE.`,
      );
    }
    return end;
  }

  private drop(count: number): void {
    this.taken.consume(count);
    this.takenOffset += count;
  }

  private countPart(offset: number): void {
    this.partCount++;
    const max = this.settings.maxMimeParts;
    if (this.partCount > max) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `MTOM reader: MIME part ${this.partCount} starts at byte ${offset}, more than the ${max} parts WS_XML_READER_PROPERTY_MAX_MIME_PARTS allows.`,
      );
    }
  }

  /** Why there is no node yet: the root part is still coming, or the input ended inside it. */
  private rootNotRead(): WsError {
    const where =
      this.phase === "header" ? "the MIME header" : this.phase === "first part" ? "the headers of the root part" : "the root part";
    if (this.inputEnded) return malformed(`the input ends inside ${where}`, this.takenOffset + this.taken.length);
    return new WsError(
      WS_E_QUOTA_EXCEEDED,
      `MTOM reader: ${where} is not completely buffered (the root part is read whole before its first node, from a stream); call WsFillReader first.`,
    );
  }

  // --- the parts after the root ------------------------------------------------------------

  /** An Include: the next part must be the one it refers to; its content follows as text. */
  private include(element: WS_XML_ELEMENT_NODE, at: number): WS_XML_NODE {
    const scanner = this.xml!;
    const { href, contentId: id } = readInclude(
      element,
      scanner.depth,
      () => this.scan(() => scanner.next()),
      (what) => this.fail(what, at),
    );
    const bytes = this.queue.view();
    const lineEnd = delimiterLineEnd(bytes, 0, this.dashBoundary.length);
    if (lineEnd === -3) {
      throw this.fail(
        `an xop:Include refers to "${href}", but the package has no more parts (with WS_XML_READER_STREAM_INPUT the parts must come in the order they are referenced)`,
        at,
      );
    }
    if (lineEnd === -2) throw malformed(`the delimiter line "--${this.boundary}" goes on with other characters`, this.queueOffset);
    const number = this.partCount + 1;
    const what = `the headers of MIME part ${number}`;
    const end = lineEnd < 0 ? -1 : this.headerEnd(bytes, lineEnd, what, this.queueOffset);
    if (end < 0) {
      if (this.inputEnded) throw malformed(`the input ends before ${what} are complete`, this.queueOffset + bytes.length);
      throw notBuffered(`${what}, which the xop:Include that refers to "${href}" needs, are not completely buffered`);
    }
    this.countPart(this.queueOffset + lineEnd);
    const headers = readHeaderBlock(bytes, lineEnd, what, this.queueOffset);
    const idField = singleField(headers, "Content-ID", what);
    const partId = idField === undefined ? null : unbracket(idField.value);
    if (partId !== id) {
      throw malformed(
        `MIME part ${number} has ${partId === null ? "no Content-ID" : `the Content-ID <${partId}>`}, but the xop:Include before it refers to "${href}" (with WS_XML_READER_STREAM_INPUT the parts must come in the order they are referenced)`,
        this.queueOffset + lineEnd,
      );
    }
    checkTransferEncoding({ number, offset: this.queueOffset + lineEnd, headers });
    this.queue.consume(end);
    this.queueOffset += end;
    this.streaming = { number, contentId: id, delivered: 0 };
    return this.nextPiece(true);
  }

  /**
   * The next piece of the part being read, as a base64 text node: what is buffered up to its
   * delimiter. After the last piece the Include is over and the XML goes on.
   */
  private nextPiece(first: boolean): WS_XML_NODE {
    const part = this.streaming!;
    const bytes = this.queue.view();
    const found = indexOfBytes(bytes, this.delimiter, 0);
    if (found >= 0) {
      const piece = bytes.slice(0, found);
      // The CRLF before the boundary belongs to the delimiter; "--boundary" stays for the next part.
      this.queue.consume(found + 2);
      this.queueOffset += found + 2;
      this.streaming = null;
      if (piece.length === 0 && !first) return this.next();
      return base64TextNode(piece);
    }
    if (this.inputEnded) {
      throw malformed(
        `MIME part ${part.number} (Content-ID <${part.contentId}>) is not closed: the input ends inside it, without a delimiter "--${this.boundary}"`,
        this.queueOffset + bytes.length,
      );
    }
    const ready = bytes.length - (this.delimiter.length - 1);
    if (ready <= 0)
      throw notBuffered(
        `the content of MIME part ${part.number} (Content-ID <${part.contentId}>) after its byte ${part.delivered} is not buffered`,
      );
    const piece = bytes.slice(0, ready);
    this.queue.consume(ready);
    this.queueOffset += ready;
    part.delivered += ready;
    return base64TextNode(piece);
  }

  private scan(step: () => WS_XML_NODE): WS_XML_NODE {
    try {
      return step();
    } catch (thrown) {
      throw thrown instanceof WsError ? inRootPart(thrown, 1, this.rootBodyOffset) : thrown;
    }
  }

  private fail(what: string, at: number): WsError {
    if (this.xmlStart !== null) return malformed(what, this.xmlStart + at);
    const { line, column } = this.lineColumn();
    return new WsError(
      WS_E_INVALID_FORMAT,
      `MTOM reader: ${what}, before line ${line}, column ${column} of the XML of the root MIME part (whose content starts at byte ${this.rootBodyOffset} of the input).`,
    );
  }
}

/**
 * Where the headers begin after the delimiter line that starts at `at` (`--boundary`, optional
 * spaces or tabs, CRLF); -1 when the line is not all there yet, -2 when it goes on with other
 * characters, -3 when it is the close delimiter (`--boundary--`).
 */
function delimiterLineEnd(bytes: Uint8Array, at: number, dashBoundaryLength: number): number {
  let p = at + dashBoundaryLength;
  if (p + 1 >= bytes.length) return -1;
  if (bytes[p] === DASH && bytes[p + 1] === DASH) return -3;
  while (bytes[p] === 0x20 || bytes[p] === 0x09) p++;
  if (p + 1 >= bytes.length) return -1;
  return bytes[p] === CR && bytes[p + 1] === LF ? p + 2 : -2;
}

function notBuffered(what: string): WsError {
  return new WsError(WS_E_QUOTA_EXCEEDED, `MTOM reader: ${what}; call WsFillReader first.`);
}
