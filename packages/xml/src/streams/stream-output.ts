import { E_INVALIDARG, type WS_WRITE_CALLBACK, type WS_XML_WRITER_STREAM_OUTPUT } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { TextOutput } from "../writer/text-output.js";
import type { WriterSettings } from "../writer/writer-properties.js";

/**
 * What WsFlushWriter needs of a writer's output to a WS_XML_WRITER_STREAM_OUTPUT, whatever the
 * encoding (text, binary, raw, MTOM): how much is buffered, a way to take it, and the callback.
 */
export interface StreamOutput {
  /** The bytes buffered since the last WsFlushWriter. */
  readonly length: number;
  /** The buffered bytes, handed out for the callback; the writer goes on in a new buffer. */
  takeBuffered(): Uint8Array;
  readonly writeCallback: WS_WRITE_CALLBACK;
  readonly writeCallbackState: unknown;
}

const STREAM_OUTPUT: unique symbol = Symbol("WS_XML_WRITER_STREAM_OUTPUT");

/** Marks an output of any encoding as one to a stream: `instanceof StreamTextOutput` then answers true for it. */
export function markStreamOutput<T extends StreamOutput>(output: T): T {
  (output as unknown as Record<symbol, boolean>)[STREAM_OUTPUT] = true;
  return output;
}

/** The callback of a WS_XML_WRITER_STREAM_OUTPUT, checked (E_INVALIDARG). */
export function streamCallback(
  fn: string,
  output: WS_XML_WRITER_STREAM_OUTPUT,
): { writeCallback: WS_WRITE_CALLBACK; writeCallbackState: unknown } {
  const writeCallback = output.writeCallback;
  if (typeof writeCallback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the stream output's writeCallback must be a WS_WRITE_CALLBACK function, not ${describeValue(writeCallback)}.`,
    );
  }
  return { writeCallback: writeCallback as WS_WRITE_CALLBACK, writeCallbackState: output.writeCallbackState };
}

/**
 * The bytes of a text document written to a WS_XML_WRITER_STREAM_OUTPUT: "The writer buffers all
 * data until WsFlushWriter is called" (WsFlushWriter), which hands them to `writeCallback`.
 * WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE is "the maximum amount of data that will be buffered
 * between WsFlushWriter calls": writing never waits for the callback, it fails with
 * WS_E_QUOTA_EXCEEDED past that (TextOutput.append). WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE is
 * "the maximum number of bytes the writer will retain across calls to WsSetOutput and
 * WsFlushWriter for purposes of buffering output".
 *
 * `x instanceof StreamTextOutput` is true for every stream output (markStreamOutput): the writer
 * functions (WsFlushWriter, the BYTES and BUFFERS properties) ask it to tell stream output from
 * buffer output, and the outputs of the other encodings (binary, raw, MTOM) are stream outputs too.
 */
export class StreamTextOutput extends TextOutput implements StreamOutput {
  // Nothing extends this class, so the brand alone answers.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[STREAM_OUTPUT] === true;
  }

  private readonly trimSize: number;

  constructor(
    charset: number,
    settings: WriterSettings,
    readonly writeCallback: WS_WRITE_CALLBACK,
    readonly writeCallbackState: unknown,
  ) {
    super(charset, settings.bufferMaxSize, "the output buffered since the last WsFlushWriter");
    this.trimSize = settings.bufferTrimSize;
    markStreamOutput(this);
  }

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
  const { writeCallback, writeCallbackState } = streamCallback(fn, output);
  return new StreamTextOutput(charset, settings, writeCallback, writeCallbackState);
}
