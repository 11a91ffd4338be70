import { WS_E_QUOTA_EXCEEDED, type WS_WRITE_CALLBACK } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { ByteWriter } from "../shared/byte-writer.js";
import { markStreamOutput, type StreamOutput } from "../streams/stream-output.js";
import type { WriterOutput } from "../writer/text-output.js";

/**
 * The bytes of a document written with WS_XML_WRITER_RAW_ENCODING: "The writer will emit the bytes
 * represented by the base64 encoded characters", so what is appended here are bytes, not
 * characters. WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE bounds them as it bounds any document ("the
 * maximum number of bytes that will be buffered for the entire document"; for a stream, "between
 * WsFlushWriter calls"). Not a text document: no WS_XML_WRITER_PROPERTY_CHARSET.
 */
export class RawOutput implements WriterOutput {
  readonly charset = null;
  protected buffer = new ByteWriter(256);

  constructor(
    private readonly maxSize: number,
    /** What BUFFER_MAX_SIZE limits, for the quota message. */
    private readonly limited = "the document",
  ) {}

  get length(): number {
    return this.buffer.length;
  }

  /** A copy: the buffer goes on growing, and a view handed out must not change. */
  bytes(): Uint8Array {
    return this.buffer.toBytes();
  }

  /** Base64 characters stand for three quarters of their number in bytes. */
  encodedLength(utf8: Uint8Array): number {
    return Math.floor((utf8.length * 3) / 4);
  }

  /** Appends document bytes (WS_E_QUOTA_EXCEEDED past the size limit, and nothing is appended then). */
  append(functionName: string, bytes: Uint8Array): void {
    const size = this.buffer.length + bytes.length;
    if (size > this.maxSize) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${functionName}: ${this.limited} would grow to ${size} bytes, more than the ${this.maxSize} of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.`,
      );
    }
    this.buffer.bytes(bytes);
  }
}

/** A raw document written to a WS_XML_WRITER_STREAM_OUTPUT: the bytes wait for WsFlushWriter (streams/flush-writer.ts). */
export class RawStreamOutput extends RawOutput implements StreamOutput {
  constructor(
    maxSize: number,
    private readonly trimSize: number,
    readonly writeCallback: WS_WRITE_CALLBACK,
    readonly writeCallbackState: unknown,
  ) {
    super(maxSize, "the output buffered since the last WsFlushWriter");
    markStreamOutput(this);
  }

  takeBuffered(): Uint8Array {
    const bytes = this.buffer.view();
    this.buffer = new ByteWriter(Math.max(1, Math.min(bytes.length, this.trimSize)));
    return bytes;
  }
}
