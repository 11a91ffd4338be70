import {
  ref,
  S_OK,
  WS_CHARSET_UTF8,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import {
  WsCopyNode,
  WsCreateReader,
  WsCreateWriter,
  WsFreeReader,
  WsFreeWriter,
  WsGetWriterProperty,
  WsReadToStartElement,
  WsSetInput,
  WsSetOutput,
} from "@wwsapi/xml";
import { sessionDictionary, staticDictionary, type XmlEncoding } from "../soap/xml.js";

/**
 * A document (text, or binary with the [MC-NBFS] static dictionary and a session's strings) as UTF-8
 * text written by our text writer: its Envelope element copied node by node (WsCopyNode), so that
 * two documents with the same infoset but different encoding choices (dictionary ids, XML
 * declaration) compare as equal strings.
 */
export function canonicalText(bytes: Uint8Array, encoding: XmlEncoding, sessionStrings: readonly string[] = []): string {
  const reader = ref<WS_XML_READER | null>(null);
  const writer = ref<WS_XML_WRITER | null>(null);
  expectOk("WsCreateReader", WsCreateReader(null, reader));
  expectOk("WsCreateWriter", WsCreateWriter(null, writer));
  try {
    const input = { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes };
    const readerEncoding =
      encoding === "text"
        ? { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 }
        : {
            encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
            staticDictionary: staticDictionary(),
            dynamicDictionary: sessionStrings.length > 0 ? sessionDictionary(sessionStrings) : null,
          };
    expectOk("WsSetInput", WsSetInput(reader.value!, readerEncoding as never, input as never, null));
    expectOk(
      "WsSetOutput",
      WsSetOutput(
        writer.value!,
        { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never,
        { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never,
        null,
      ),
    );
    expectOk("WsReadToStartElement", WsReadToStartElement(reader.value!, null, null, null));
    expectOk("WsCopyNode", WsCopyNode(writer.value!, reader.value!));
    const written = ref<unknown>(null);
    expectOk("WsGetWriterProperty", WsGetWriterProperty(writer.value!, WS_XML_WRITER_PROPERTY_BYTES, written));
    return new TextDecoder().decode(written.value as Uint8Array);
  } finally {
    WsFreeReader(reader.value!);
    WsFreeWriter(writer.value!);
  }
}

function expectOk(what: string, hr: number): void {
  if (hr !== S_OK) throw new Error(`${what} returned 0x${(hr >>> 0).toString(16)}`);
}
