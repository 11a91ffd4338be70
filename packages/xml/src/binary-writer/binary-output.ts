import { WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { WriterOutput } from "../writer/text-output.js";

/**
 * The bytes of a binary document written to WS_XML_WRITER_BUFFER_OUTPUT: the records as the binary
 * sink encodes them. WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE limits their length as it does a text
 * document's ("the maximum number of bytes that will be buffered for the entire document").
 *
 * One thing text output never does: a record already written can change. A text record that turns
 * out to be the last thing in its element becomes its *WithEndElement variant (its type byte plus
 * one) instead of being followed by an EndElement record. The views bytes() handed out must not see
 * that change (WS_XML_WRITER_PROPERTY_BYTES promises a buffer that stays as it was), so a patch
 * inside bytes already handed out first moves the document to a new buffer.
 */
export class BinaryOutput implements WriterOutput {
  /** "This value is only available for text documents" (WS_XML_WRITER_PROPERTY_CHARSET). */
  readonly charset = null;
  private buffer = new Uint8Array(256);
  private used = 0;
  /** How many bytes the views handed out so far cover. */
  private shared = 0;

  constructor(private readonly maxSize: number) {}

  get length(): number {
    return this.used;
  }

  bytes(): Uint8Array {
    this.shared = this.used;
    return this.buffer.subarray(0, this.used);
  }

  /** Records are bytes already: a byte is a byte. */
  encodedLength(bytes: Uint8Array): number {
    return bytes.length;
  }

  /** Appends encoded records, failing with WS_E_QUOTA_EXCEEDED past the size limit (nothing is appended then). */
  append(functionName: string, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const size = this.used + bytes.length;
    if (size > this.maxSize) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${functionName}: the document would grow to ${size} bytes, more than the ${this.maxSize} of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.`,
      );
    }
    if (size > this.buffer.length) this.moveTo(Math.max(size, this.buffer.length * 2));
    this.buffer.set(bytes, this.used);
    this.used = size;
  }

  /** The byte at `at`, which was written. */
  byteAt(at: number): number {
    return this.buffer[at]!;
  }

  /** Rewrites the byte at `at`, which was written; views handed out before keep the old byte. */
  patch(at: number, value: number): void {
    if (at < this.shared) {
      this.moveTo(this.buffer.length);
      this.shared = 0;
    }
    this.buffer[at] = value;
  }

  private moveTo(capacity: number): void {
    const moved = new Uint8Array(capacity);
    moved.set(this.buffer.subarray(0, this.used));
    this.buffer = moved;
  }
}
