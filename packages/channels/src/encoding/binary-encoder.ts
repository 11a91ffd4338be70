import {
  ref,
  WS_ENCODING_XML_BINARY_1,
  type WS_XML_DICTIONARY,
  type WS_XML_READER,
  type WS_XML_READER_BINARY_ENCODING,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  type WS_XML_WRITER,
  type WS_XML_WRITER_BINARY_ENCODING,
  WS_XML_WRITER_ENCODING_TYPE_BINARY,
} from "@wwsapi/core";
import { xmlImplementation } from "@wwsapi/xml/internal";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { parseContentType } from "./content-type.js";
import { bufferBytes, setBufferInput, setBufferOutput, wrongContentType } from "./encoder-common.js";

/** The Content-Type of [MC-NBFS] messages over HTTP ([MC-NBFS] §2.1: application/soap+msbin1). */
export const MSBIN1 = "application/soap+msbin1";

function staticDictionary(): WS_XML_DICTIONARY | null {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  xmlImplementation.WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary, null);
  return dictionary.value;
}

/**
 * WS_ENCODING_XML_BINARY_1: [MC-NBFX] records with the [MC-NBFS] static dictionary, one message per
 * body, no dynamic strings (those belong to the session encoding of net.tcp, [MC-NBFSE]).
 */
export class BinaryEncoder implements MessageEncoder {
  private readonly dictionary = staticDictionary();
  private readonly writeEncoding: WS_XML_WRITER_BINARY_ENCODING = {
    encodingType: WS_XML_WRITER_ENCODING_TYPE_BINARY,
    staticDictionary: this.dictionary,
    dynamicStringCallback: null,
    dynamicStringCallbackState: null,
  };
  private readonly readEncoding: WS_XML_READER_BINARY_ENCODING = {
    encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
    staticDictionary: this.dictionary,
    dynamicDictionary: null,
  };

  contentTypeFor(_action: string | null): string {
    return MSBIN1;
  }

  startWriting(writer: WS_XML_WRITER): void {
    setBufferOutput(writer, this.writeEncoding);
  }

  finishWriting(writer: WS_XML_WRITER): Uint8Array {
    return bufferBytes(writer);
  }

  startReading(reader: WS_XML_READER, body: Uint8Array, contentType: string): void {
    const parsed = parseContentType(contentType);
    if (parsed.mediaType !== MSBIN1) throw wrongContentType(parsed, MSBIN1);
    setBufferInput(reader, this.readEncoding, body);
  }
}
