import {
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_RAW,
  type WS_XML_READER_RAW_ENCODING,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_RAW,
  type WS_XML_WRITER_RAW_ENCODING,
} from "@wwsapi/core";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { bufferBytes, setBufferInput, setBufferOutput } from "./encoder-common.js";

/**
 * WS_ENCODING_RAW: the body's bytes are the HTTP entity, with no envelope (WS_ENVELOPE_VERSION_NONE).
 * The content type is the application's, set through the mapped Content-Type header
 * (WS_HTTP_MESSAGE_MAPPING); without one, `application/octet-stream`, the type of arbitrary bytes
 * (RFC 2046 §4.5.1). Any received content type is accepted: raw bytes have no format to check.
 */
export class RawEncoder implements MessageEncoder {
  private readonly writeEncoding: WS_XML_WRITER_RAW_ENCODING = { encodingType: WS_XML_WRITER_ENCODING_TYPE_RAW };
  private readonly readEncoding: WS_XML_READER_RAW_ENCODING = { encodingType: WS_XML_READER_ENCODING_TYPE_RAW };

  contentTypeFor(_action: string | null): string {
    return "application/octet-stream";
  }

  startWriting(writer: WS_XML_WRITER): void {
    setBufferOutput(writer, this.writeEncoding);
  }

  finishWriting(writer: WS_XML_WRITER): Uint8Array {
    return bufferBytes(writer);
  }

  startReading(reader: WS_XML_READER, body: Uint8Array, _contentType: string): void {
    setBufferInput(reader, this.readEncoding, body);
  }
}
