import { randomUUID } from "node:crypto";
import {
  WS_CHARSET_AUTO,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_MTOM,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_MTOM_ENCODING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_MTOM,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  type WS_XML_WRITER_MTOM_ENCODING,
} from "@wwsapi/core";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { parseContentType, quoted } from "./content-type.js";
import { bufferBytes, setBufferInput, setBufferOutput, wrongContentType } from "./encoder-common.js";
import { soapMediaType } from "./text-encoder.js";

/**
 * Binary data longer than this goes to a MIME part of its own; shorter stays inline as base64. The
 * docs give no channel default; 767 is WCF's threshold (the xml package's golden captures), so a
 * WCF peer and we split the same values.
 */
export const MTOM_MAX_INLINE_BYTE_COUNT = 767;

/** The root part's Content-ID, as WCF names it. */
const START_URI = "http://tempuri.org/0";

/**
 * WS_ENCODING_XML_MTOM_UTF8 (and UTF16LE/BE through `charset`): a XOP package (the xml package's
 * MTOM writer and reader, packages/xml/src/mtom). Over HTTP the package's parameters go in the HTTP
 * Content-Type rather than in a MIME header of the body (writeMimeHeader FALSE):
 * `multipart/related;type="application/xop+xml";boundary="...";start="<...>";start-info="..."`,
 * start-info being the envelope's media type (XOP §5: the type of the root part's content, which the
 * reader checks against the root part's own type parameter), and for SOAP 1.2 the action as a
 * parameter of its own (RFC 3902's `action`). Each message gets a new boundary.
 */
export class MtomEncoder implements MessageEncoder {
  private boundary = "";
  private readonly mediaType: string;

  constructor(
    envelopeVersion: number,
    private readonly charset: number,
  ) {
    this.mediaType = soapMediaType(envelopeVersion);
  }

  contentTypeFor(action: string | null): string {
    if (this.boundary === "") this.boundary = `uuid:${randomUUID()}+id=1`;
    const type = `multipart/related;type="application/xop+xml";boundary=${quoted(this.boundary)};start=${quoted(`<${START_URI}>`)};start-info=${quoted(this.mediaType)}`;
    return action !== null && this.mediaType === "application/soap+xml" ? `${type};action=${quoted(action)}` : type;
  }

  startWriting(writer: WS_XML_WRITER): void {
    this.boundary = `uuid:${randomUUID()}+id=1`;
    const encoding: WS_XML_WRITER_MTOM_ENCODING = {
      encodingType: WS_XML_WRITER_ENCODING_TYPE_MTOM,
      textEncoding: { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: this.charset } as never,
      writeMimeHeader: false,
      boundary: this.boundary,
      startInfo: this.mediaType,
      startUri: START_URI,
      maxInlineByteCount: MTOM_MAX_INLINE_BYTE_COUNT,
    };
    setBufferOutput(writer, encoding);
  }

  finishWriting(writer: WS_XML_WRITER): Uint8Array {
    return bufferBytes(writer);
  }

  startReading(reader: WS_XML_READER, body: Uint8Array, contentType: string): void {
    const parsed = parseContentType(contentType);
    if (parsed.mediaType !== "multipart/related") throw wrongContentType(parsed, "multipart/related (MTOM)");
    const encoding: WS_XML_READER_MTOM_ENCODING = {
      encodingType: WS_XML_READER_ENCODING_TYPE_MTOM,
      textEncoding: { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never,
      readMimeHeader: false,
      boundary: parsed.params.get("boundary") ?? "",
      startUri: parsed.params.get("start") ?? "",
      startInfo: parsed.params.get("start-info") ?? "",
    };
    setBufferInput(reader, encoding, body);
  }
}
