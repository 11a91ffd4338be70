import type { WS_XML_STRING, WS_XML_TEXT } from "@wwsapi/core";

/**
 * Where a TextWriter sends markup when its output is not bytes but nodes (WsSetOutputToBuffer: a
 * WS_XML_BUFFER). The TextWriter still runs all of its logic — the order of calls, namespace
 * declarations and generated prefixes, escaping checks, quotas — and hands each finished piece to
 * the sink instead of serialising it, so a buffer holds exactly what the text output would say.
 *
 * Names and namespaces arrive as the checked strings the TextWriter works with; character data as
 * UTF-8 bytes, unescaped, which the sink must copy if it keeps them (they may be views).
 *
 * A sink that encodes more than characters (the binary sink: dictionary references, typed text
 * records) also gets what the caller wrote them from, where the caller gave it: the WS_XML_STRINGs
 * of names and namespaces (their `dictionary` and `id`) and the WS_XML_TEXT of a text. Those extra
 * arguments are optional; a sink that only keeps characters ignores them.
 */
export interface NodeSink {
  /** True when the sink wants the WS_XML_TEXT of values (WsWriteValue), which the writer then builds for it. */
  readonly typedText?: boolean;
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
    strings?: NameStrings,
  ): void;
  /** The end of the innermost open element. */
  endElement(fn: string): void;
  /** Character data: element content, or the text of the open CDATA section; `typed` is what it was written from. */
  text(fn: string, utf8: Uint8Array, typed?: WS_XML_TEXT): void;
  comment(fn: string, utf8: Uint8Array): void;
  startCData(fn: string): void;
  endCData(fn: string): void;
  /**
   * WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE for a sink that produces the bytes itself: `openElements`
   * elements are open (the one of `start` included), and `start` is the start tag not yet committed.
   */
  bytesToClose?(openElements: number, start: SinkStartTag | null): number;
}

/**
 * The WS_XML_STRINGs a name was given as: the localName and namespace the caller passed, absent when
 * the writer has only the text (a prefix is always text: binary XML never writes one by reference).
 */
export interface NameStrings {
  readonly localName?: WS_XML_STRING | undefined;
  readonly ns?: WS_XML_STRING | undefined;
}

export interface SinkAttribute {
  prefix: string;
  localName: string;
  ns: string;
  singleQuote: boolean;
  /** The value as written, unescaped. */
  value: Uint8Array;
  strings?: NameStrings | undefined;
  /** The WS_XML_TEXTs the value was written from, in order, when every piece of it was written from one. */
  texts?: readonly WS_XML_TEXT[] | undefined;
}

/** An xmlns attribute; the default namespace has the prefix "". */
export interface SinkDeclaration {
  prefix: string;
  ns: string;
  singleQuote: boolean;
  /** The WS_XML_STRING the namespace was given as, when the caller gave one. */
  nsString?: WS_XML_STRING | undefined;
}

/** A start tag as NodeSink.startElement would receive it. */
export interface SinkStartTag {
  prefix: string;
  localName: string;
  ns: string;
  attributes: readonly SinkAttribute[];
  declarations: readonly SinkDeclaration[];
  strings: NameStrings;
}

/** An element the writer is inside of when it resumes at a position in a buffer (TextWriter.resume). */
export interface OpenElementState {
  prefix: string;
  localName: string;
  ns: string;
  /** The namespace declarations the element carries (its xmlns attributes). */
  declarations: readonly { prefix: string; ns: string }[];
}
