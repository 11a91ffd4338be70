import type { WS_READ_CALLBACK, WS_XML_NODE } from "@wwsapi/core";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";

/**
 * What WsFillReader fills: any node source read from a WS_XML_READER_STREAM_INPUT (text, binary,
 * raw, MTOM). WsFillReader calls the read callback into `room()` and hands what it read to
 * `append`, or calls `end()` when the callback reports the end of the data; the source reads nodes
 * from what is buffered only ("If a subsequent reader function requires more data than what has
 * been obtained the function will return a WS_E_QUOTA_EXCEEDED exception", WsFillReader).
 */
export abstract class StreamSource implements NodeSource {
  private readBuffer = new Uint8Array(0);

  constructor(
    readonly readCallback: WS_READ_CALLBACK,
    readonly readCallbackState: unknown,
    /** WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE. */
    readonly bufferSize: number,
  ) {}

  /** The bytes buffered and not read yet: "the current byte count buffered" (WsFillReader). */
  abstract get buffered(): number;
  /** Whether the read callback has reported the end of the data (actualSize 0). */
  abstract get ended(): boolean;
  abstract append(bytes: Uint8Array): void;
  abstract end(): void;

  /**
   * Where the read callback puts what it reads: what is left of the stream buffer ("Increasing this
   * value uses more memory, but can reduce the number of times the WS_READ_CALLBACK is invoked").
   * One buffer, reused: append() copies the bytes out once the callback has completed.
   */
  room(): Uint8Array {
    const size = Math.max(0, this.bufferSize - this.buffered);
    if (this.readBuffer.length < size) this.readBuffer = new Uint8Array(size);
    return this.readBuffer.subarray(0, size);
  }

  abstract start(): WS_XML_NODE;
  abstract next(): WS_XML_NODE;
  abstract lineColumn(): LineColumn;
  abstract get namespaces(): NamespaceLookup;
}
