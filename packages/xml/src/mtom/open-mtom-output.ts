import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_CHARSET_UTF8,
  type WS_XML_WRITER_MTOM_ENCODING,
  type WS_XML_WRITER_OUTPUT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_STREAM_OUTPUT,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import { streamCallback } from "../streams/stream-output.js";
import type { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { ascii } from "./byte-search.js";
import { MimeLayout } from "./mime-layout.js";
import { MtomOutput } from "./mtom-output.js";
import { MtomStreamOutput } from "./mtom-stream-output.js";
import { MtomTextWriter } from "./mtom-text-writer.js";
import { checkWriterEncoding } from "./writer-encoding.js";

/**
 * The document WsSetOutput makes for WS_XML_WRITER_MTOM_ENCODING: an MtomTextWriter over an
 * MtomOutput, or over an MtomStreamOutput for a WS_XML_WRITER_STREAM_OUTPUT (the parts are flushed
 * after the XML, WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE bounding what waits).
 * WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT "may not be set to TRUE with
 * WS_XML_WRITER_MTOM_ENCODING" (E_INVALIDARG). WRITE_DECLARATION writes the declaration at the start
 * of the root part's XML, as for text; INDENT other than 0 is not implemented, as for text.
 */
export function openMtomOutput(
  fn: string,
  encoding: WS_XML_WRITER_MTOM_ENCODING,
  output: WS_XML_WRITER_OUTPUT,
  settings: WriterSettings,
): TextWriter {
  const options = checkWriterEncoding(fn, encoding);
  const stream = output.outputType === WS_XML_WRITER_OUTPUT_TYPE_STREAM;
  if (!stream && output.outputType !== WS_XML_WRITER_OUTPUT_TYPE_BUFFER) {
    throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(output.outputType)} is not a WS_XML_WRITER_OUTPUT_TYPE.`);
  }
  if (settings.allowFragment) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT "may not be set to TRUE with WS_XML_WRITER_MTOM_ENCODING".`,
    );
  }
  if (settings.indent !== 0) {
    throw new WsError(E_NOTIMPL, `${fn}: WS_XML_WRITER_PROPERTY_INDENT other than 0 (formatted output) is not implemented yet.`);
  }
  const layout = new MimeLayout(options);
  let mtom: MtomOutput;
  if (stream) {
    const { writeCallback, writeCallbackState } = streamCallback(fn, output as unknown as WS_XML_WRITER_STREAM_OUTPUT);
    mtom = new MtomStreamOutput(
      layout,
      settings.bufferMaxSize,
      settings.maxMimePartsBufferSize,
      settings.bufferTrimSize,
      writeCallback,
      writeCallbackState,
    );
  } else {
    mtom = new MtomOutput(layout, settings.bufferMaxSize, settings.maxMimePartsBufferSize);
  }
  if (settings.writeDeclaration) {
    const name = options.charset === WS_CHARSET_UTF8 ? "utf-8" : "utf-16";
    mtom.append(fn, ascii(`<?xml version="1.0" encoding="${name}"?>`));
  }
  return new MtomTextWriter(mtom, settings, options.maxInlineByteCount);
}
