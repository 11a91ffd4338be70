import { WS_E_INVALID_FORMAT, WS_E_INVALID_OPERATION, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { WriterOutput } from "../writer/text-output.js";
import { TextOutput } from "../writer/text-output.js";
import { partContentId } from "./content-ids.js";
import type { MimeLayout } from "./mime-layout.js";

/** A binary MIME part being written: its id, content type and bytes (copies: callers reuse their buffers). */
export interface OutgoingPart {
  readonly contentId: string;
  readonly contentType: string;
  readonly chunks: Uint8Array[];
}

/** What the output needs to know of the document to complete the package. */
export interface DocumentState {
  readonly depth: number;
  readonly rootWritten: boolean;
}

const EMPTY = new Uint8Array(0);

/**
 * The bytes of an MTOM document written to WS_XML_WRITER_BUFFER_OUTPUT: the XML goes to a
 * TextOutput (the root part's content, in its charset, limited by
 * WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE as a text document is), the binary parts are kept aside,
 * and the package is put together when its bytes are asked for:
 * WS_XML_WRITER_PROPERTY_BYTES / BUFFERS: "If the writer is using WS_XML_WRITER_MTOM_ENCODING,
 * then there must be no open elements. The supporting MIME parts will be generated and included in
 * the returned buffers. Once this occurs, any API that attempts to write further to the xml
 * document will return WS_E_INVALID_OPERATION."
 *
 * WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE, "the maximum amount of data that will be
 * buffered for purposes of writing the MIME parts", limits the bytes of all the parts together.
 */
export class MtomOutput implements WriterOutput {
  readonly xml: TextOutput;
  protected readonly parts: OutgoingPart[] = [];
  private partBytes = 0;
  protected completed: Uint8Array | null = null;
  /** Pieces of XML appended so far: how the writer tells that nothing was written in between (`written`). */
  private appends = 0;
  /** Set by the writer once it exists. */
  document: DocumentState | null = null;

  constructor(
    protected readonly layout: MimeLayout,
    bufferMaxSize: number,
    private readonly maxPartsBufferSize: number,
  ) {
    this.xml = new TextOutput(layout.options.charset, bufferMaxSize, "the XML of the root MIME part");
  }

  get charset(): number {
    return this.xml.charset;
  }

  /** The package's bytes so far: the MIME headers and XML until it is completed, then all of it. */
  get length(): number {
    return this.completed?.length ?? this.layout.prefix.length + this.xml.length;
  }

  get isComplete(): boolean {
    return this.completed !== null;
  }

  encodedLength(utf8: Uint8Array): number {
    return this.xml.encodedLength(utf8);
  }

  append(functionName: string, utf8: Uint8Array): void {
    this.refuseComplete(functionName);
    this.xml.append(functionName, utf8);
    if (utf8.length > 0) this.appends++;
  }

  /** Grows with every piece of XML written, and only then (unlike `length`, which a stream's flush resets). */
  get written(): number {
    return this.appends;
  }

  /** The Content-ID the next part will have. */
  nextContentId(): string {
    return partContentId(this.parts.length + 1);
  }

  /** WS_E_QUOTA_EXCEEDED unless `count` more bytes fit in the parts' buffer. */
  checkRoom(functionName: string, count: number): void {
    if (this.partBytes + count <= this.maxPartsBufferSize) return;
    throw new WsError(
      WS_E_QUOTA_EXCEEDED,
      `${functionName}: the binary MIME parts would hold ${this.partBytes + count} bytes, more than the ${this.maxPartsBufferSize} of WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE.`,
    );
  }

  /** A new part holding a copy of `bytes` (checkRoom first). */
  addPart(functionName: string, contentId: string, contentType: string, bytes: Uint8Array): OutgoingPart {
    if (!/^[\x20-\x7e]+$/.test(contentType)) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `${functionName}: the content type "${contentType}" (xmlmime:contentType) cannot be a MIME header value: it must be printable ASCII.`,
      );
    }
    const part: OutgoingPart = { contentId, contentType, chunks: [] };
    this.parts.push(part);
    this.appendToPart(functionName, part, bytes);
    return part;
  }

  appendToPart(functionName: string, part: OutgoingPart, bytes: Uint8Array): void {
    this.checkRoom(functionName, bytes.length);
    if (bytes.length === 0) return;
    part.chunks.push(bytes.slice());
    this.partBytes += bytes.length;
  }

  /**
   * The whole package, completing it the first time (see the class comment). Before any root
   * element has been written there is no document to package, and nothing is returned.
   */
  bytes(): Uint8Array {
    if (this.completed !== null) return this.completed;
    const document = this.document;
    if (document !== null && document.depth > 0) {
      throw new WsError(
        WS_E_INVALID_OPERATION,
        `MTOM writer: the package can be completed only when no element is open ("there must be no open elements"), and ${document.depth} are.`,
      );
    }
    if (document === null || !document.rootWritten) return EMPTY;
    const pieces: Uint8Array[] = [this.layout.prefix, this.xml.bytes()];
    for (const part of this.parts) pieces.push(this.layout.partHead(part.contentId, part.contentType), ...part.chunks);
    pieces.push(this.layout.close);
    let total = 0;
    for (const piece of pieces) total += piece.length;
    const all = new Uint8Array(total);
    let at = 0;
    for (const piece of pieces) {
      all.set(piece, at);
      at += piece.length;
    }
    this.completed = all;
    return all;
  }

  /** After the package is completed nothing more is written to it. */
  refuseComplete(functionName: string): void {
    if (this.completed === null) return;
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${functionName}: the MTOM package is complete (its bytes were taken with WS_XML_WRITER_PROPERTY_BYTES or BUFFERS), so nothing more can be written to it; call WsSetOutput to write another.`,
    );
  }
}
