import {
  WS_CHARSET_AUTO,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  type WS_XML_READER_TEXT_ENCODING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  type WS_XML_WRITER_TEXT_ENCODING,
} from "@wwsapi/core";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { parseContentType, quoted } from "./content-type.js";
import { bufferBytes, setBufferInput, setBufferOutput, wrongContentType } from "./encoder-common.js";

const CHARSET_LABELS: Readonly<Record<number, string>> = {
  [WS_CHARSET_UTF8]: "utf-8",
  // RFC 2781 §3: the byte order is in the label, so no byte order mark is needed.
  [WS_CHARSET_UTF16LE]: "utf-16LE",
  [WS_CHARSET_UTF16BE]: "utf-16BE",
};

/** The media type of a SOAP envelope: SOAP 1.1 `text/xml` (SOAP 1.1 §6.1.1), SOAP 1.2 `application/soap+xml` (RFC 3902). */
export function soapMediaType(envelopeVersion: number): string {
  return envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_1 ? "text/xml" : "application/soap+xml";
}

/**
 * WS_ENCODING_XML_UTF8 / UTF16LE / UTF16BE: text XML. The Content-Type is SOAP 1.1's
 * `text/xml; charset=utf-8` (the action travels in the SOAPAction header, which the channel adds)
 * or SOAP 1.2's `application/soap+xml; charset=utf-8; action="..."` (RFC 3902 §3: the optional
 * action parameter). Received messages must have the envelope version's media type; their charset
 * is detected by the reader (WS_CHARSET_AUTO: BOM, charset, declaration), so a UTF-8 channel reads a
 * peer's UTF-16 reply as WWSAPI's text reader does.
 */
export class TextEncoder implements MessageEncoder {
  private readonly mediaType: string;
  private readonly writeEncoding: WS_XML_WRITER_TEXT_ENCODING;
  private readonly readEncoding: WS_XML_READER_TEXT_ENCODING = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO };

  constructor(
    private readonly envelopeVersion: number,
    private readonly charset: number,
  ) {
    this.mediaType = soapMediaType(envelopeVersion);
    this.writeEncoding = { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: charset as never };
  }

  contentTypeFor(action: string | null): string {
    const base = `${this.mediaType}; charset=${CHARSET_LABELS[this.charset]}`;
    if (this.envelopeVersion === WS_ENVELOPE_VERSION_SOAP_1_1 || action === null) return base;
    return `${base}; action=${quoted(action)}`;
  }

  startWriting(writer: WS_XML_WRITER): void {
    setBufferOutput(writer, this.writeEncoding);
  }

  finishWriting(writer: WS_XML_WRITER): Uint8Array {
    return bufferBytes(writer);
  }

  startReading(reader: WS_XML_READER, body: Uint8Array, contentType: string): void {
    const parsed = parseContentType(contentType);
    if (parsed.mediaType !== this.mediaType) throw wrongContentType(parsed, this.mediaType);
    setBufferInput(reader, this.readEncoding, body);
  }
}
