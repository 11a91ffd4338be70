import {
  E_INVALIDARG,
  ref,
  WS_E_INVALID_FORMAT,
  type WS_XML_READER,
  type WS_XML_READER_ENCODING,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_WRITER,
  type WS_XML_WRITER_ENCODING,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlImplementation } from "@wwsapi/xml/internal";
import type { ParsedContentType } from "./content-type.js";

/** Points `writer` at a fresh buffer in `encoding`. */
export function setBufferOutput(writer: WS_XML_WRITER, encoding: WS_XML_WRITER_ENCODING): void {
  xmlImplementation.WsSetOutput(writer, encoding, { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER }, null, null);
}

/** The bytes written to the writer's buffer so far (the whole message once its envelope has ended). */
export function bufferBytes(writer: WS_XML_WRITER): Uint8Array {
  const value = ref<unknown>(null);
  xmlImplementation.WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value, null);
  if (!(value.value instanceof Uint8Array)) throw new WsError(E_INVALIDARG, "The channel's writer has no buffered output.");
  // A copy: the writer reuses its buffer for the next message, the transport may still hold this one.
  return value.value.slice();
}

export function setBufferInput(reader: WS_XML_READER, encoding: WS_XML_READER_ENCODING, body: Uint8Array): void {
  xmlImplementation.WsSetInput(reader, encoding, { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: body } as never, null, null);
}

/** WS_E_INVALID_FORMAT for a received Content-Type this encoding does not read, naming both. */
export function wrongContentType(received: ParsedContentType | string, expected: string): WsError {
  const got = typeof received === "string" ? received : received.mediaType;
  return new WsError(
    WS_E_INVALID_FORMAT,
    `The message's Content-Type "${got}" does not match the channel's encoding, which expects ${expected}.`,
  );
}
