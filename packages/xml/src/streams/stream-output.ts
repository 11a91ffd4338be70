import { E_INVALIDARG, type WS_WRITE_CALLBACK, type WS_XML_WRITER_STREAM_OUTPUT } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { TextOutput } from "../writer/text-output.js";
import type { WriterSettings } from "../writer/writer-properties.js";

/**
 * The bytes of a text document written to a WS_XML_WRITER_STREAM_OUTPUT: "The writer buffers all
 * data until WsFlushWriter is called" (WsFlushWriter), which hands them to `writeCallback`.
 * WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE is "the maximum amount of data that will be buffered
 * between WsFlushWriter calls": writing never waits for the callback, it fails with
 * WS_E_QUOTA_EXCEEDED past that (TextOutput.append). WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE is
 * "the maximum number of bytes the writer will retain across calls to WsSetOutput and
 * WsFlushWriter for purposes of buffering output".
 */
export class StreamTextOutput extends TextOutput {
  private readonly trimSize: number;

  constructor(
    charset: number,
    settings: WriterSettings,
    readonly writeCallback: WS_WRITE_CALLBACK,
    readonly writeCallbackState: unknown,
  ) {
    super(charset, settings.bufferMaxSize, "the output buffered since the last WsFlushWriter");
    this.trimSize = settings.bufferTrimSize;
  }

  /** The buffered bytes, handed out for the callback; the buffer starts again empty. */
  takeBuffered(): Uint8Array {
    return this.take(this.trimSize);
  }
}

/** The output for WsSetOutput's WS_XML_WRITER_STREAM_OUTPUT, its callback checked. */
export function openStreamOutput(
  fn: string,
  output: WS_XML_WRITER_STREAM_OUTPUT,
  charset: number,
  settings: WriterSettings,
): StreamTextOutput {
  const writeCallback = output.writeCallback;
  if (typeof writeCallback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the stream output's writeCallback must be a WS_WRITE_CALLBACK function, not ${describeValue(writeCallback)}.`,
    );
  }
  return new StreamTextOutput(charset, settings, writeCallback as WS_WRITE_CALLBACK, output.writeCallbackState);
}
