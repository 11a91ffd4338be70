import {
  E_INVALIDARG,
  type WS_READ_CALLBACK,
  type WS_XML_READER_STREAM_INPUT,
  type WS_XML_WRITER_OUTPUT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_STREAM_OUTPUT,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { ReaderSettings } from "../reader/reader-properties.js";
import { streamCallback } from "../streams/stream-output.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { RawNodeSource } from "./raw-node-source.js";
import { RawOutput, RawStreamOutput } from "./raw-output.js";
import { RawStreamSource } from "./raw-stream-source.js";
import { RawWriter } from "./raw-writer.js";

/** WsSetInput with WS_XML_READER_RAW_ENCODING over a buffer (no input: BOF then EOF). */
export function openRawInput(data: Uint8Array): RawNodeSource {
  return new RawNodeSource(data);
}

/** WsSetInput with WS_XML_READER_RAW_ENCODING over a WS_XML_READER_STREAM_INPUT (its callback checked by the caller). */
export function openRawStreamInput(input: WS_XML_READER_STREAM_INPUT, settings: ReaderSettings): RawStreamSource {
  return new RawStreamSource(input.readCallback as WS_READ_CALLBACK, input.readCallbackState, settings.streamBufferSize);
}

/**
 * WsSetOutput with WS_XML_WRITER_RAW_ENCODING, to a buffer or a stream. The properties that shape
 * markup have nothing to shape (there is none) and are ignored, as binary output ignores them:
 * WRITE_DECLARATION, INDENT.
 */
export function openRawOutput(fn: string, output: WS_XML_WRITER_OUTPUT, settings: WriterSettings): RawWriter {
  if (output.outputType === WS_XML_WRITER_OUTPUT_TYPE_BUFFER) return new RawWriter(new RawOutput(settings.bufferMaxSize), settings);
  if (output.outputType === WS_XML_WRITER_OUTPUT_TYPE_STREAM) {
    const { writeCallback, writeCallbackState } = streamCallback(fn, output as unknown as WS_XML_WRITER_STREAM_OUTPUT);
    const raw = new RawStreamOutput(settings.bufferMaxSize, settings.bufferTrimSize, writeCallback, writeCallbackState);
    return new RawWriter(raw, settings);
  }
  throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(output.outputType)} is not a WS_XML_WRITER_OUTPUT_TYPE.`);
}
