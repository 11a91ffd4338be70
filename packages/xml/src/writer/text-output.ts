import { WS_CHARSET_UTF8, WS_CHARSET_UTF16LE, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

const utf8Decoder = new TextDecoder("utf-8");

/**
 * The bytes a writer produces for WS_XML_WRITER_BUFFER_OUTPUT, as its properties see them
 * (WS_XML_WRITER_PROPERTY_BYTES, _BUFFERS, _BYTES_WRITTEN, _CHARSET): a text document's
 * (TextOutput) or a binary one's (binary-writer/binary-output.ts).
 */
export interface WriterOutput {
  /** WS_XML_WRITER_PROPERTY_CHARSET; null for a binary document ("only available for text documents"). */
  readonly charset: number | null;
  readonly length: number;
  /** The bytes written so far (a view: later writes never change it). */
  bytes(): Uint8Array;
  /** How many bytes `utf8` takes in this output. */
  encodedLength(utf8: Uint8Array): number;
  append(functionName: string, utf8: Uint8Array): void;
}

/**
 * The bytes of a document written to WS_XML_WRITER_BUFFER_OUTPUT. The writer produces UTF-8;
 * for a UTF-16 charset each piece is transcoded as it is appended, so the buffer always holds
 * the document in its final encoding. WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE limits its length
 * ("the maximum number of bytes that will be buffered for the entire document").
 */
export class TextOutput implements WriterOutput {
  private buffer: Uint8Array;
  private used = 0;

  constructor(
    readonly charset: number,
    private readonly maxSize: number,
    /** What BUFFER_MAX_SIZE limits, for the quota message. */
    private readonly limited = "the document",
  ) {
    this.buffer = new Uint8Array(256);
  }

  get length(): number {
    return this.used;
  }

  /** The bytes written so far (a view: later writes append after it and never change it). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }

  /** How many bytes `utf8` takes in this output's charset. */
  encodedLength(utf8: Uint8Array): number {
    if (this.charset === WS_CHARSET_UTF8) return utf8.length;
    let units = 0;
    for (const b of utf8) {
      if (b < 0x80 || b >= 0xc0) units += b >= 0xf0 ? 2 : 1; // a lead byte; a 4-byte sequence is a surrogate pair
    }
    return units * 2;
  }

  /** Appends well-formed UTF-8, failing with WS_E_QUOTA_EXCEEDED past the size limit (nothing is appended then). */
  append(functionName: string, utf8: Uint8Array): void {
    if (utf8.length === 0) return;
    const size = this.encodedLength(utf8);
    if (this.used + size > this.maxSize) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${functionName}: ${this.limited} would grow to ${this.used + size} bytes, more than the ${this.maxSize} of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.`,
      );
    }
    this.reserve(size);
    if (this.charset === WS_CHARSET_UTF8) {
      copyInto(this.buffer, this.used, utf8);
    } else {
      const text = utf8Decoder.decode(utf8);
      const littleEndian = this.charset === WS_CHARSET_UTF16LE;
      let at = this.used;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        this.buffer[at++] = littleEndian ? unit & 0xff : unit >> 8;
        this.buffer[at++] = littleEndian ? unit >> 8 : unit & 0xff;
      }
    }
    this.used += size;
  }

  /**
   * Hands out the bytes written so far and starts again empty (stream output: WsFlushWriter). The
   * bytes stay as they are: writing goes on in a new buffer of at most `retain` bytes.
   */
  take(retain: number): Uint8Array {
    const bytes = this.buffer.subarray(0, this.used);
    this.buffer = new Uint8Array(Math.max(1, Math.min(this.buffer.length, retain)));
    this.used = 0;
    return bytes;
  }

  private reserve(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.used + size) capacity *= 2;
    // A new buffer: views handed out earlier (WS_XML_WRITER_PROPERTY_BYTES) keep the old one.
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }
}

/** The longest piece copied byte by byte: for the short pieces of markup, a loop is faster than TypedArray.set. */
const SHORT_COPY = 16;

function copyInto(buffer: Uint8Array, at: number, bytes: Uint8Array): void {
  if (bytes.length > SHORT_COPY) {
    buffer.set(bytes, at);
    return;
  }
  for (let i = 0; i < bytes.length; i++) buffer[at + i] = bytes[i]!;
}
