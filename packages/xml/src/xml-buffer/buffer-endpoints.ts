import { WS_CHARSET_UTF8, WS_E_INVALID_OPERATION } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ReaderSettings } from "../reader/reader-properties.js";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { TextOutput } from "../writer/text-output.js";
import { TextWriter } from "../writer/text-writer.js";
import type { WriterSettings } from "../writer/writer-properties.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { BufferNodeSource } from "./buffer-node-source.js";
import { BufferSink, resumeAt } from "./buffer-sink.js";
import type { XmlBufferObject } from "./xml-buffer-object.js";

/**
 * Setting readers and writers to a WS_XML_BUFFER, and finding the buffer they are set to. Only
 * then are positions and moves available: "This can only be used on a reader that is set to an
 * XmlBuffer" (WsGetReaderPosition); Windows returns WS_E_INVALID_OPERATION otherwise, for a reader
 * or writer with text output as for one with none (the Wine conformance tests).
 */

export function setReaderToBuffer(target: XmlReaderObject, buffer: XmlBufferObject, settings: ReaderSettings): void {
  const source = new BufferNodeSource(buffer, settings);
  target.active = settings;
  target.charset = WS_CHARSET_UTF8;
  target.failure = null;
  target.source = source;
  target.node = source.start();
}

/** "This operation positions the Writer at the end of the specified buffer" (WsSetOutputToBuffer). */
export function setWriterToBuffer(fn: string, target: XmlWriterObject, buffer: XmlBufferObject, settings: WriterSettings): void {
  const sink = new BufferSink(buffer);
  // The text output is never written to: it only answers the writer's property queries.
  const document = new TextWriter(new TextOutput(WS_CHARSET_UTF8, settings.bufferMaxSize), settings, sink);
  resumeAt(fn, document, sink, buffer.eof);
  target.active = settings;
  target.document = document;
  target.failure = null;
}

/** The buffer input of a reader, or WS_E_INVALID_OPERATION. */
export function bufferInput(fn: string, target: XmlReaderObject): BufferNodeSource {
  const source = target.source;
  if (!(source instanceof BufferNodeSource)) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the reader is not set to a WS_XML_BUFFER (WsSetInputToBuffer); positions and moves need one.`,
    );
  }
  return source;
}

/**
 * The writer's document and buffer sink, or WS_E_INVALID_OPERATION. `query`: for reading the
 * position, which a faulted writer still answers.
 */
export function bufferOutput(fn: string, target: XmlWriterObject, query: boolean): { document: TextWriter; sink: BufferSink } {
  const document = query ? target.current(fn) : target.writable(fn);
  const sink = document.nodes;
  if (!(sink instanceof BufferSink)) {
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the writer is not set to a WS_XML_BUFFER (WsSetOutputToBuffer); positions and moves need one.`,
    );
  }
  return { document, sink };
}
