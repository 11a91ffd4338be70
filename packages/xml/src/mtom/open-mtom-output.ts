import {
  E_INVALIDARG,
  E_NOTIMPL,
  WS_CHARSET_UTF8,
  type WS_XML_WRITER_MTOM_ENCODING,
  type WS_XML_WRITER_OUTPUT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
} from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import { ascii } from "./byte-search.js";
import { MimeLayout } from "./mime-layout.js";
import { MtomOutput } from "./mtom-output.js";
import { MtomTextWriter } from "./mtom-text-writer.js";
import { checkWriterEncoding } from "./writer-encoding.js";

/**
 * The document WsSetOutput makes for WS_XML_WRITER_MTOM_ENCODING: an MtomTextWriter over an
 * MtomOutput. Buffer output only: MTOM to a WS_XML_WRITER_STREAM_OUTPUT (where the parts would be
 * flushed after the XML, WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE bounding what waits) is
 * not implemented yet. WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT "may not be set to TRUE with
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
  if (output.outputType === WS_XML_WRITER_OUTPUT_TYPE_STREAM) {
    throw new WsError(
      E_NOTIMPL,
      `${fn}: WS_XML_WRITER_MTOM_ENCODING to a WS_XML_WRITER_OUTPUT_TYPE_STREAM is not implemented yet; MTOM to a buffer is.`,
    );
  }
  if (output.outputType !== WS_XML_WRITER_OUTPUT_TYPE_BUFFER) {
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
  const mtom = new MtomOutput(new MimeLayout(options), settings.bufferMaxSize, settings.maxMimePartsBufferSize);
  if (settings.writeDeclaration) {
    const name = options.charset === WS_CHARSET_UTF8 ? "utf-8" : "utf-16";
    mtom.append(fn, ascii(`<?xml version="1.0" encoding="${name}"?>`));
  }
  return new MtomTextWriter(mtom, settings, options.maxInlineByteCount);
}
