import type { WS_WRITE_CALLBACK } from "@wwsapi/core";
import { markStreamOutput, type StreamOutput } from "../streams/stream-output.js";
import type { MimeLayout } from "./mime-layout.js";
import { MtomOutput } from "./mtom-output.js";

/**
 * An MTOM package written to a WS_XML_WRITER_STREAM_OUTPUT. WsFlushWriter hands out what is ready
 * in package order: the MIME header and the root part's headers (once), then the XML written since
 * the last flush. The binary parts come after the root part, so they wait — bounded by
 * WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE, "the maximum amount of data that will be
 * buffered for purposes of writing the MIME parts" (MtomOutput.checkRoom) — until the root element
 * has ended: the flush after that writes the rest of the XML, every part and the close delimiter,
 * and the package is complete (nothing more can be written, as after WS_XML_WRITER_PROPERTY_BYTES
 * with buffer output). The XML between flushes is bounded by BUFFER_MAX_SIZE, as for text.
 */
export class MtomStreamOutput extends MtomOutput implements StreamOutput {
  private headSent = false;

  constructor(
    layout: MimeLayout,
    bufferMaxSize: number,
    maxPartsBufferSize: number,
    private readonly trimSize: number,
    readonly writeCallback: WS_WRITE_CALLBACK,
    readonly writeCallbackState: unknown,
  ) {
    super(layout, bufferMaxSize, maxPartsBufferSize);
    markStreamOutput(this);
  }

  /** What the next flush would hand out, less the parts (they go only once the root element has ended). */
  override get length(): number {
    return (this.headSent ? 0 : this.layout.prefix.length) + this.xml.length;
  }

  takeBuffered(): Uint8Array {
    const pieces: Uint8Array[] = [];
    if (!this.headSent) pieces.push(this.layout.prefix);
    this.headSent = true;
    if (this.completed !== null) return concat(pieces);
    pieces.push(this.xml.take(this.trimSize));
    const document = this.document;
    if (document?.rootWritten && document.depth === 0) {
      for (const part of this.parts) pieces.push(this.layout.partHead(part.contentId, part.contentType), ...part.chunks);
      pieces.push(this.layout.close);
      // The parts are written: they need not be kept.
      this.parts.length = 0;
      this.completed = new Uint8Array(0);
    }
    return concat(pieces);
  }
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  const all = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    all.set(piece, at);
    at += piece.length;
  }
  return all;
}
