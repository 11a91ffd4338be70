import {
  type DECIMAL,
  type GUID,
  type WS_DATETIME,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_BOOL,
  WS_XML_TEXT_TYPE_DATETIME,
  WS_XML_TEXT_TYPE_DECIMAL,
  WS_XML_TEXT_TYPE_DOUBLE,
  WS_XML_TEXT_TYPE_FLOAT,
  WS_XML_TEXT_TYPE_GUID,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_INT64,
  WS_XML_TEXT_TYPE_LIST,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_TIMESPAN,
  WS_XML_TEXT_TYPE_UINT64,
  WS_XML_TEXT_TYPE_UNIQUE_ID,
} from "@wwsapi/core";
import { EMPTY_XML_STRING, type TextNode, utf8Text } from "../text-reader/xml-nodes.js";

/**
 * The typed WS_XML_TEXT objects the binary reader hands out: a binary text record keeps its type
 * (an Int32Text is a WS_XML_INT32_TEXT, not the digits), as WWSAPI's reader does. Like utf8Text in
 * xml-nodes.ts, each object carries `textType` and its `text` member points back at itself, the
 * TypeScript reading of C's "a WS_XML_INT32_TEXT* is a WS_XML_TEXT*". Each factory builds its
 * object with every field first, so each kind keeps one hidden class.
 */

function typed<T extends object>(textType: number, fields: T): WS_XML_TEXT & T {
  const text = { textType, text: null as unknown, ...fields };
  text.text = text;
  return text as unknown as WS_XML_TEXT & T;
}

export const int32Text = (value: number) => typed(WS_XML_TEXT_TYPE_INT32, { value });
export const int64Text = (value: bigint) => typed(WS_XML_TEXT_TYPE_INT64, { value });
export const uint64Text = (value: bigint) => typed(WS_XML_TEXT_TYPE_UINT64, { value });
export const boolText = (value: boolean) => typed(WS_XML_TEXT_TYPE_BOOL, { value });
export const floatText = (value: number) => typed(WS_XML_TEXT_TYPE_FLOAT, { value });
export const doubleText = (value: number) => typed(WS_XML_TEXT_TYPE_DOUBLE, { value });
export const decimalText = (value: DECIMAL) => typed(WS_XML_TEXT_TYPE_DECIMAL, { value });
export const dateTimeText = (value: WS_DATETIME) => typed(WS_XML_TEXT_TYPE_DATETIME, { value });
export const timeSpanText = (ticks: bigint) => typed(WS_XML_TEXT_TYPE_TIMESPAN, { value: { ticks } });
export const guidText = (value: GUID) => typed(WS_XML_TEXT_TYPE_GUID, { value });
export const uniqueIdText = (value: GUID) => typed(WS_XML_TEXT_TYPE_UNIQUE_ID, { value });
/** WS_XML_BASE64_TEXT: `bytes` are the decoded bytes (its C `length` is their length). */
export const base64Text = (bytes: Uint8Array) => typed(WS_XML_TEXT_TYPE_BASE64, { bytes });
export const listText = (items: readonly WS_XML_TEXT[]) => typed(WS_XML_TEXT_TYPE_LIST, { items });

export type QNameText = ReturnType<typeof qnameText>;

/** WS_XML_QNAME_TEXT; `ns` may be filled in later, once the declarations of the element are known. */
export const qnameText = (prefix: WS_XML_STRING, localName: WS_XML_STRING, ns: WS_XML_STRING | null) =>
  typed(WS_XML_TEXT_TYPE_QNAME, { prefix, localName, ns });

/** EmptyText, and the value WWSAPI gives a namespace declaration in binary: UTF-8 text of no bytes. */
export const EMPTY_UTF8_TEXT: WS_XML_TEXT = Object.freeze(utf8Text(EMPTY_XML_STRING));

/** A WS_XML_TEXT_NODE holding any kind of text (xml-nodes.ts's textNode makes UTF-8 ones only). */
export function textNodeOf(text: WS_XML_TEXT): TextNode {
  const node = { nodeType: WS_XML_NODE_TYPE_TEXT, node: null as unknown, text };
  node.node = node;
  return node as unknown as TextNode;
}
