import {
  type HRESULT,
  S_OK,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_WRITE_CALLBACK,
  type WS_XML_CANONICALIZATION_PROPERTY,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { NodeSink, SinkAttribute, SinkDeclaration } from "../writer/node-sink.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { CanonicalOutput } from "./canonical-output.js";
import { canonicalizationSettings } from "./canonicalization-settings.js";
import { Canonicalizer } from "./canonicalizer.js";

/**
 * Canonicalization of what a WS_XML_WRITER writes. "During this process the canonical bytes are
 * written to the specified writeCallback. Every node written by the writer is canonicalized. Thus,
 * canonicalization and generation can be done in one pass regardless of what APIs are used to write
 * the xml." The writer's document (TextWriter) hands every piece of markup it commits to its tap,
 * this object, as it would to a node sink; what it writes to its own output does not change.
 */
class WriterCanonicalization implements NodeSink {
  constructor(
    readonly canonicalizer: Canonicalizer,
    /** How many elements the writer was inside of at the start: WsEndWriterCanonicalization must be called there. */
    readonly startDepth: number,
  ) {}

  startElement(
    fn: string,
    prefix: string,
    localName: string,
    ns: string,
    attributes: readonly SinkAttribute[],
    declarations: readonly SinkDeclaration[],
  ): void {
    this.canonicalizer.startElement(fn, prefix, localName, ns, attributes, declarations);
  }

  endElement(fn: string): void {
    this.canonicalizer.endElement(fn);
  }

  text(fn: string, utf8: Uint8Array): void {
    this.canonicalizer.text(fn, utf8);
  }

  comment(fn: string, utf8: Uint8Array): void {
    this.canonicalizer.comment(fn, utf8);
  }

  // A CDATA section is canonicalized as its text.
  startCData(): void {}
  endCData(): void {}
}

const writerOf = (writer: WS_XML_WRITER) => writer as unknown as XmlWriterObject;

function invalidOperation(fn: string, what: string): WsError {
  return new WsError(WS_E_INVALID_OPERATION, `${fn}: ${what}`);
}

/**
 * WsStartWriterCanonicalization. "Calls to this API cannot be nested": a second start before the end
 * is WS_E_INVALID_OPERATION. "The WS_INCLUSIVE_XML_CANONICALIZATION_ALGORITHM and
 * WS_INCLUSIVE_WITH_COMMENTS_XML_CANONICALIZATION_ALGORITHM algorithms can be used only for entire
 * xml documents. When WsStartWriterCanonicalization is called with these algorithms, the writer must
 * be positioned at WS_XML_NODE_TYPE_BOF": here, outside every element with no root element written
 * yet. An element whose start tag is still open for attributes began before the start, so its
 * start tag is not part of what is canonicalized: it is committed first, as WsWriteEndStartElement
 * would (so no attribute can be added to it after the start); inside an attribute the start is
 * refused.
 */
export function WsStartWriterCanonicalization(
  writer: WS_XML_WRITER,
  writeCallback: WS_WRITE_CALLBACK,
  writeCallbackState: unknown,
  properties: readonly WS_XML_CANONICALIZATION_PROPERTY[] | null,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsStartWriterCanonicalization";
  const settings = canonicalizationSettings(fn, properties);
  const target = writerOf(writer);
  const document = target.writable(fn);
  if (document.tap !== null) {
    throw invalidOperation(
      fn,
      "canonicalization has already been started on this writer (calls cannot be nested); call WsEndWriterCanonicalization first.",
    );
  }
  if (document.inAttribute) throw invalidOperation(fn, "an attribute is being written; call WsWriteEndAttribute first.");
  const atStart = document.depth === 0 && !document.rootWritten;
  if (!settings.exclusive && !atStart) {
    throw invalidOperation(
      fn,
      "the inclusive canonicalization algorithms apply to entire documents only; the writer must be at the start of the document (WS_XML_NODE_TYPE_BOF).",
    );
  }
  // What began before the start is written out before it: a start tag still open for attributes
  // (as WsWriteEndStartElement would), and base64 bytes held back to be joined with the next ones.
  target.write(fn, (d) => {
    if (d.pendingStartTag) d.endStartElement(fn);
    d.settlePending(fn);
  });
  const inScope = new Map<string, string>();
  for (const prefix of settings.inclusivePrefixes) {
    const ns = document.namespaceOf(prefix);
    if (ns !== undefined) inScope.set(prefix, ns);
  }
  const canonicalizer = new Canonicalizer(settings, new CanonicalOutput(writeCallback, writeCallbackState, settings.outputBufferSize), {
    startFunction: fn,
    endFunction: "WsEndWriterCanonicalization",
    documentLevel: document.depth === 0,
    afterDocumentElement: document.rootWritten,
    inScope,
  });
  document.tap = new WriterCanonicalization(canonicalizer, document.depth);
  return S_OK;
}

/**
 * WsEndWriterCanonicalization: "must be called at the same depth at which
 * WsStartWriterCanonicalization was called"; without a start it is WS_E_INVALID_OPERATION. Writes
 * the canonical bytes still buffered ("WsEndWriterCanonicalization must be called to ensure that
 * all canonicalized bytes are written to the specified callback").
 */
export function WsEndWriterCanonicalization(writer: WS_XML_WRITER, _error: WS_ERROR | null): HRESULT {
  const fn = "WsEndWriterCanonicalization";
  const target = writerOf(writer);
  const document = target.writable(fn);
  const tap = document.tap;
  if (!(tap instanceof WriterCanonicalization)) {
    throw invalidOperation(fn, "canonicalization has not been started on this writer; call WsStartWriterCanonicalization first.");
  }
  if (document.depth !== tap.startDepth) {
    throw invalidOperation(
      fn,
      `the writer is ${document.depth - tap.startDepth} element(s) deeper than where WsStartWriterCanonicalization was called; end them first (it must be called at the same depth).`,
    );
  }
  target.write(fn, (d) => d.settlePending(fn));
  document.tap = null;
  tap.canonicalizer.finish(fn);
  return S_OK;
}
