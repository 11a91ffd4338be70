import { type WS_XML_NODE, WS_XML_NODE_TYPE_TEXT, type WS_XML_TEXT } from "@wwsapi/core";
import type { NamespaceLookup, NodeSource } from "../reader/node-source.js";
import type { LineColumn } from "../text-reader/reader-position.js";
import { EOF_NODE } from "../text-reader/xml-nodes.js";

/**
 * What the reader reads from between WsReadStartAttribute and WsReadEndAttribute: the value of one
 * attribute, then the end. WsReadStartAttribute puts it in place of the reader's source, so every
 * function reads the attribute's value as it would an element's content ("the content may be read
 * using WsReadValue, WsReadChars, or WsReadBytes"), and "The WsReadNode function returns EOF when
 * advanced within an attribute". It keeps the element's source and node, which
 * WsReadEndAttribute puts back ("Moves the reader back to the element node containing the
 * attribute"). Anything that gives the reader new input (WsSetInput) replaces it, and with it the
 * attribute state.
 */
export class AttributeSource implements NodeSource {
  /** The text node the reader is on when it enters the attribute. */
  readonly valueNode: WS_XML_NODE;

  constructor(
    readonly element: WS_XML_NODE,
    readonly elementSource: NodeSource,
    value: WS_XML_TEXT,
  ) {
    // A WS_XML_TEXT_NODE holding the attribute's own text object; its first member refers back
    // to it, as the reader's other nodes do.
    const node = { nodeType: WS_XML_NODE_TYPE_TEXT, node: null as unknown, text: value };
    node.node = node;
    this.valueNode = node as unknown as WS_XML_NODE;
  }

  start(): WS_XML_NODE {
    return this.valueNode;
  }

  next(): WS_XML_NODE {
    return EOF_NODE;
  }

  lineColumn(): LineColumn {
    return this.elementSource.lineColumn();
  }

  /** The namespaces in scope at the element. */
  get namespaces(): NamespaceLookup {
    return this.elementSource.namespaces;
  }
}
