import type { WS_XML_NODE, WS_XML_STRING } from "@wwsapi/core";
import type { LineColumn } from "../text-reader/reader-position.js";

/**
 * What a WS_XML_READER reads from: one node per next(), whatever the encoding (text, binary,
 * MTOM). The reader functions work on this alone, so an encoding plugs in by providing one.
 */
export interface NodeSource {
  /** The first node (BOF), after reading anything that precedes the document (a declaration). */
  start(): WS_XML_NODE;
  /** The next node; EOF again once the end is reached. Throws WsError on bad input. */
  next(): WS_XML_NODE;
  /** Where the next unread input is, for WS_XML_READER_PROPERTY_ROW / COLUMN. */
  lineColumn(): LineColumn;
  /** The namespace bindings in scope at the current node. */
  readonly namespaces: NamespaceLookup;
}

export interface NamespaceLookup {
  /** The namespace `prefix` is bound to ("" is the default namespace), or undefined. */
  lookup(prefix: string): WS_XML_STRING | undefined;
  /** The innermost prefix bound to `ns`, or undefined. */
  prefixOf(ns: Uint8Array): string | undefined;
}
