import type { WS_XML_NODE } from "@wwsapi/core";
import { base64TextNode } from "../mtom/xop-include.js";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { BOF_NODE, EOF_NODE } from "../text-reader/xml-nodes.js";

/** A raw document declares nothing: no prefix is bound. */
export const NO_NAMESPACES: NamespaceLookup = { lookup: () => undefined, prefixOf: () => undefined };

/**
 * A document read with WS_XML_READER_RAW_ENCODING from a buffer: "the bytes comprising the document
 * are presented as base64 encoded characters at the root of a xml document", so the nodes are BOF,
 * one text node holding all the bytes (none for an empty input) and EOF. The text is a
 * WS_XML_BASE64_TEXT over the input itself: "The bytes of the document are only converted to
 * base64 when necessary" — a caller that takes the node's text gets the bytes; one that reads
 * characters (WsReadChars) gets their base64 form. Text at the root needs no
 * WS_XML_READER_PROPERTY_ALLOW_FRAGMENT: "the reader will operate as if [it] has been specified".
 *
 * ROW is 1 and COLUMN the offset of the next unread byte plus one, as for binary input.
 */
export class RawNodeSource implements NodeSource {
  private read = false;

  constructor(private readonly bytes: Uint8Array) {}

  readonly namespaces = NO_NAMESPACES;

  start(): WS_XML_NODE {
    return BOF_NODE;
  }

  next(): WS_XML_NODE {
    if (this.read) return EOF_NODE;
    this.read = true;
    return this.bytes.length === 0 ? EOF_NODE : base64TextNode(this.bytes);
  }

  lineColumn(): LineColumn {
    return { line: 1, column: (this.read ? this.bytes.length : 0) + 1 };
  }
}
