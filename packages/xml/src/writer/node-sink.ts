/**
 * Where a TextWriter sends markup when its output is not bytes but nodes (WsSetOutputToBuffer: a
 * WS_XML_BUFFER). The TextWriter still runs all of its logic — the order of calls, namespace
 * declarations and generated prefixes, escaping checks, quotas — and hands each finished piece to
 * the sink instead of serialising it, so a buffer holds exactly what the text output would say.
 *
 * Names and namespaces arrive as the checked strings the TextWriter works with; character data as
 * UTF-8 bytes, unescaped, which the sink must copy if it keeps them (they may be views).
 */
export interface NodeSink {
  /**
   * A start tag, committed: the element, its attributes in the order they were written, then the
   * namespace declarations the text output would write, in that order.
   */
  startElement(
    fn: string,
    prefix: string,
    localName: string,
    ns: string,
    attributes: readonly SinkAttribute[],
    declarations: readonly SinkDeclaration[],
  ): void;
  /** The end of the innermost open element. */
  endElement(fn: string): void;
  /** Character data: element content, or the text of the open CDATA section. */
  text(fn: string, utf8: Uint8Array): void;
  comment(fn: string, utf8: Uint8Array): void;
  startCData(fn: string): void;
  endCData(fn: string): void;
}

export interface SinkAttribute {
  prefix: string;
  localName: string;
  ns: string;
  singleQuote: boolean;
  /** The value as written, unescaped. */
  value: Uint8Array;
}

/** An xmlns attribute; the default namespace has the prefix "". */
export interface SinkDeclaration {
  prefix: string;
  ns: string;
  singleQuote: boolean;
}

/** An element the writer is inside of when it resumes at a position in a buffer (TextWriter.resume). */
export interface OpenElementState {
  prefix: string;
  localName: string;
  ns: string;
  /** The namespace declarations the element carries (its xmlns attributes). */
  declarations: readonly { prefix: string; ns: string }[];
}
