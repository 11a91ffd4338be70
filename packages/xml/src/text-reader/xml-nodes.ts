import {
  type WS_XML_ATTRIBUTE,
  type WS_XML_COMMENT_NODE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_BOF,
  WS_XML_NODE_TYPE_CDATA,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_CDATA,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_STRING,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";

/**
 * The node objects the reader hands out. In C a WS_XML_ELEMENT_NODE* is also a WS_XML_NODE*
 * (its first member), and code casts one to the other after looking at `nodeType`. Here each
 * object carries `nodeType` itself and its first member points back to the object, so both
 * `node.nodeType` and `element.node.nodeType` work, as in C. The same holds for texts.
 */
export type ElementNode = WS_XML_ELEMENT_NODE & WS_XML_NODE;
export type TextNode = WS_XML_TEXT_NODE & WS_XML_NODE;
export type CommentNode = WS_XML_COMMENT_NODE & WS_XML_NODE;
export type Utf8Text = WS_XML_UTF8_TEXT & { textType: typeof WS_XML_TEXT_TYPE_UTF8 };

const EMPTY_BYTES = new Uint8Array(0);

export function xmlString(bytes: Uint8Array): WS_XML_STRING {
  return { bytes, dictionary: null, id: 0 };
}

export const EMPTY_XML_STRING: WS_XML_STRING = Object.freeze(xmlString(EMPTY_BYTES)) as WS_XML_STRING;

// Each factory builds its object with every field (one hidden class per kind) and then points
// the first member back at it.

export function utf8Text(value: WS_XML_STRING): Utf8Text {
  const text = { textType: WS_XML_TEXT_TYPE_UTF8, text: null as unknown, value };
  text.text = text;
  return text as unknown as Utf8Text;
}

export function elementNode(
  prefix: WS_XML_STRING,
  localName: WS_XML_STRING,
  ns: WS_XML_STRING,
  attributes: WS_XML_ATTRIBUTE[],
  isEmpty: boolean,
): ElementNode {
  const node = { nodeType: WS_XML_NODE_TYPE_ELEMENT, node: null as unknown, prefix, localName, ns, attributes, isEmpty };
  node.node = node;
  return node as unknown as ElementNode;
}

export function textNode(value: WS_XML_STRING): TextNode {
  const node = { nodeType: WS_XML_NODE_TYPE_TEXT, node: null as unknown, text: utf8Text(value) };
  node.node = node;
  return node as unknown as TextNode;
}

export function commentNode(value: WS_XML_STRING): CommentNode {
  const node = { nodeType: WS_XML_NODE_TYPE_COMMENT, node: null as unknown, value };
  node.node = node;
  return node as unknown as CommentNode;
}

/** Nodes with no content beyond their type are shared. */
const simple = (nodeType: number): WS_XML_NODE => Object.freeze({ nodeType }) as WS_XML_NODE;
export const BOF_NODE = simple(WS_XML_NODE_TYPE_BOF);
export const EOF_NODE = simple(WS_XML_NODE_TYPE_EOF);
export const END_ELEMENT_NODE = simple(WS_XML_NODE_TYPE_END_ELEMENT);
export const CDATA_NODE = simple(WS_XML_NODE_TYPE_CDATA);
export const END_CDATA_NODE = simple(WS_XML_NODE_TYPE_END_CDATA);
