import { WS_E_QUOTA_EXCEEDED, type WS_READ_CALLBACK, type WS_XML_NODE } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { base64TextNode } from "../mtom/xop-include.js";
import { ByteWriter } from "../shared/byte-writer.js";
import { StreamSource } from "../streams/stream-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { BOF_NODE, EOF_NODE } from "../text-reader/xml-nodes.js";
import { NO_NAMESPACES } from "./raw-node-source.js";

/**
 * A document read with WS_XML_READER_RAW_ENCODING from a WS_XML_READER_STREAM_INPUT: the bytes
 * come as base64 text nodes of what WsFillReader has buffered, then EOF once the read callback has
 * reported the end of the data. A text node holds whole 3-byte groups (all that is buffered once
 * the data has ended), so that the base64 forms of the nodes, one after the other, are the base64
 * form of the document: WsReadChars across nodes reads one base64 text. Reading with nothing of a
 * group buffered is WS_E_QUOTA_EXCEEDED, as WsFillReader says ("If a subsequent reader function
 * requires more data than what has been obtained the function will return a WS_E_QUOTA_EXCEEDED
 * exception").
 *
 * Each node's bytes are its own (the staging buffer starts again), so a node stays valid while
 * the reader goes on; memory is what is buffered, at most WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE.
 */
export class RawStreamSource extends StreamSource {
  private staged = new ByteWriter(256);
  private streamEnded = false;
  private atEof = false;
  /** Bytes handed out as nodes so far. */
  private delivered = 0;

  constructor(readCallback: WS_READ_CALLBACK, readCallbackState: unknown, bufferSize: number) {
    super(readCallback, readCallbackState, bufferSize);
  }

  readonly namespaces = NO_NAMESPACES;

  get buffered(): number {
    return this.staged.length;
  }

  get ended(): boolean {
    return this.streamEnded;
  }

  append(bytes: Uint8Array): void {
    this.staged.bytes(bytes);
  }

  end(): void {
    this.streamEnded = true;
  }

  start(): WS_XML_NODE {
    return BOF_NODE;
  }

  next(): WS_XML_NODE {
    if (this.atEof) return EOF_NODE;
    const buffered = this.staged.length;
    const take = this.streamEnded ? buffered : buffered - (buffered % 3);
    if (take === 0) {
      if (this.streamEnded) {
        this.atEof = true;
        return EOF_NODE;
      }
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `XML reader: the raw bytes at byte ${this.delivered} are not buffered (${buffered} bytes are, and a text node holds whole groups of 3 until the data ends); call WsFillReader first.`,
      );
    }
    const all = this.staged.view();
    const bytes = all.slice(0, take);
    const rest = all.subarray(take);
    this.staged = new ByteWriter(Math.max(256, rest.length));
    this.staged.bytes(rest);
    this.delivered += take;
    return base64TextNode(bytes);
  }

  lineColumn(): LineColumn {
    return { line: 1, column: this.delivered + 1 };
  }
}
