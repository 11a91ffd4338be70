import {
  E_INVALIDARG,
  type WS_DYNAMIC_STRING_CALLBACK,
  WS_E_QUOTA_EXCEEDED,
  type WS_WRITE_CALLBACK,
  type WS_XML_WRITER_BINARY_ENCODING,
  type WS_XML_WRITER_STREAM_OUTPUT,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { RecordType } from "../binary/record-types.js";
import { checkDictionary } from "../binary-reader/dictionary-strings.js";
import { BinaryOutput } from "../binary-writer/binary-output.js";
import { BinarySink } from "../binary-writer/binary-sink.js";
import { DictionaryNames } from "../binary-writer/dictionary-names.js";
import { ByteWriter } from "../shared/byte-writer.js";
import { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { markStreamOutput, type StreamOutput, streamCallback } from "./stream-output.js";

const END_ELEMENT = Uint8Array.of(RecordType.EndElement);

/**
 * The records of a binary document written to a WS_XML_WRITER_STREAM_OUTPUT: they wait for
 * WsFlushWriter, as text does (StreamTextOutput), and BUFFER_MAX_SIZE bounds what is buffered
 * between flushes. Positions (`length`, `byteAt`, `patch`) count from the last flush.
 *
 * The binary sink turns the last text record of an element into its *WithEndElement variant when
 * the element ends (BinaryOutput.patch). A record already handed to the callback cannot change: an
 * end element that comes right after a flush is an EndElement record instead, which reads the same
 * ([MC-NBFX]: a *TextWithEndElement record is the text record followed by EndElement).
 */
export class BinaryStreamOutput extends BinaryOutput implements StreamOutput {
  private pending = new ByteWriter(256);
  /** Nothing has been written since the last flush: a patch would reach into flushed bytes. */
  private flushedLast = false;

  constructor(
    private readonly limit: number,
    private readonly trimSize: number,
    readonly writeCallback: WS_WRITE_CALLBACK,
    readonly writeCallbackState: unknown,
  ) {
    super(limit);
    markStreamOutput(this);
  }

  override get length(): number {
    return this.pending.length;
  }

  override bytes(): Uint8Array {
    return this.pending.view();
  }

  override append(functionName: string, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const size = this.pending.length + bytes.length;
    if (size > this.limit) {
      throw new WsError(
        WS_E_QUOTA_EXCEEDED,
        `${functionName}: the output buffered since the last WsFlushWriter would grow to ${size} bytes, more than the ${this.limit} of WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE.`,
      );
    }
    this.pending.bytes(bytes);
    this.flushedLast = false;
  }

  override byteAt(at: number): number {
    return this.flushedLast ? 0 : this.pending.view()[at]!;
  }

  override patch(at: number, value: number): void {
    if (this.flushedLast) {
      this.append("WsWriteEndElement", END_ELEMENT);
      return;
    }
    this.pending.view()[at] = value;
  }

  takeBuffered(): Uint8Array {
    const bytes = this.pending.view();
    this.pending = new ByteWriter(Math.max(1, Math.min(bytes.length, this.trimSize)));
    this.flushedLast = true;
    return bytes;
  }
}

/**
 * WsSetOutput with WS_XML_WRITER_BINARY_ENCODING and a WS_XML_WRITER_STREAM_OUTPUT: the binary
 * writer of binary-writer/open-binary-output.ts (same checks of the encoding) over a stream output.
 */
export function openBinaryStreamOutput(
  fn: string,
  encoding: WS_XML_WRITER_BINARY_ENCODING,
  output: WS_XML_WRITER_STREAM_OUTPUT,
  settings: WriterSettings,
): TextWriter {
  const staticDictionary = checkDictionary(fn, "staticDictionary", encoding.staticDictionary);
  const callback: unknown = encoding.dynamicStringCallback;
  if (callback !== null && callback !== undefined && typeof callback !== "function") {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the binary encoding's dynamicStringCallback must be a WS_DYNAMIC_STRING_CALLBACK (a function) or null, not ${describeValue(callback)}.`,
    );
  }
  const { writeCallback, writeCallbackState } = streamCallback(fn, output);
  const names = new DictionaryNames(
    staticDictionary,
    (callback as WS_DYNAMIC_STRING_CALLBACK | undefined) ?? null,
    encoding.dynamicStringCallbackState,
  );
  const stream = new BinaryStreamOutput(settings.bufferMaxSize, settings.bufferTrimSize, writeCallback, writeCallbackState);
  return new TextWriter(stream, settings, new BinarySink(stream, names));
}
