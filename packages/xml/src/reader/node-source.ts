import type { WS_XML_NODE, WS_XML_STRING, WS_XML_TEXT } from "@wwsapi/core";
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
  /**
   * XmlAttributeScope, which every source of this package offers (WsGetXmlAttribute uses it);
   * optional so that a source made elsewhere still is a NodeSource.
   */
  xmlAttribute?(localName: Uint8Array): WS_XML_TEXT | undefined;
}

/**
 * The xml: attributes (xml:lang, xml:space ...) in scope where the reader is, for WsGetXmlAttribute:
 * "Finds the nearest xml attribute in scope with the specified localName". On an element its own
 * attributes are in scope, then those of the elements around it, innermost first; on an end
 * element the element has ended (as its namespace declarations have, see NamespaceScope).
 */
export interface XmlAttributeScope {
  /** The value of xml:`localName` on the nearest element in scope that has it, or undefined. */
  xmlAttribute(localName: Uint8Array): WS_XML_TEXT | undefined;
}

export interface NamespaceLookup {
  /** The namespace `prefix` is bound to ("" is the default namespace), or undefined. */
  lookup(prefix: string): WS_XML_STRING | undefined;
  /** The innermost prefix bound to `ns`, or undefined. */
  prefixOf(ns: Uint8Array): string | undefined;
}
