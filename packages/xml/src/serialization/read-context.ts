import {
  E_INVALIDARG,
  WS_E_INVALID_FORMAT,
  type WS_HEAP,
  type WS_XML_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_STRING,
} from "@wwsapi/core";
import { chargeHeap, WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { textUtf8 } from "../reader-content/node-text.js";
import { advance, describeNode, readerPosition, skipInsignificant } from "../reader-content/reader-cursor.js";
import { bytesEqual, decodeUtf8, xmlStringEquals } from "../text-utils/xml-string.js";
import { XSI_NAMESPACE } from "./serial-writer.js";

/** What deserialization works with: the function being served, the reader, the caller's heap. */
export interface ReadContext {
  readonly fn: string;
  readonly target: XmlReaderObject;
  readonly heap: WS_HEAP | null;
}

/**
 * Accounts `size` bytes of deserialized data on the caller's heap (decisions.md: a WS_HEAP accounts
 * what C would allocate on it); past the heap's maximum, WS_E_QUOTA_EXCEEDED. Data that needs a
 * heap when none was given is E_INVALIDARG (WS_READ_OPTION: "the heap does not need to be
 * specified" only when nothing is allocated).
 */
export function charge(ctx: ReadContext, size: number, what: string): void {
  if (size <= 0) return;
  if (ctx.heap === null) throw new WsError(E_INVALIDARG, `${ctx.fn}: ${what} must be allocated on a WS_HEAP, but 'heap' is NULL.`);
  chargeHeap(ctx.fn, ctx.heap, size, what);
}

/** " (the reader is at line 3, column 7)". */
export const where = (ctx: ReadContext) => readerPosition(ctx.target);

export function invalidFormat(ctx: ReadContext, why: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `${ctx.fn}: ${why}${where(ctx)}.`);
}

export const next = (ctx: ReadContext): WS_XML_NODE => advance(ctx.target, ctx.fn);

/** The next significant node (past BOF, comments and white space), as WsReadToStartElement finds it. */
export const significant = (ctx: ReadContext): WS_XML_NODE => skipInsignificant(ctx.target, ctx.fn);

export const asElement = (node: WS_XML_NODE) =>
  node.nodeType === WS_XML_NODE_TYPE_ELEMENT ? (node as unknown as WS_XML_ELEMENT_NODE) : null;

/** Whether `node` is the element localName in ns. */
export function isElementNamed(node: WS_XML_NODE, localName: WS_XML_STRING, ns: WS_XML_STRING): boolean {
  const element = asElement(node);
  return element !== null && xmlStringEquals(element.localName!, localName) && sameNamespace(element.ns!, ns);
}

/**
 * The last two namespaces found equal, with the bytes they had. A reader hands out one
 * WS_XML_STRING per namespace in scope and a description one per field, so the same two meet for
 * every element of a struct and their bytes (a URI, often 40 bytes or more) are compared once.
 */
let equalNamespaces: { a: WS_XML_STRING; aBytes: Uint8Array; b: WS_XML_STRING; bBytes: Uint8Array } | null = null;

function sameNamespace(a: WS_XML_STRING, b: WS_XML_STRING): boolean {
  const known = equalNamespaces;
  if (known !== null && known.a === a && known.b === b && known.aBytes === a.bytes && known.bBytes === b.bytes) return true;
  if (!xmlStringEquals(a, b)) return false;
  equalNamespaces = { a, aBytes: a.bytes, b, bBytes: b.bytes };
  return true;
}

export const nameText = (localName: WS_XML_STRING, ns: WS_XML_STRING) =>
  ns.bytes.length === 0 ? `<${decodeUtf8(localName.bytes)}>` : `<${decodeUtf8(localName.bytes)}> in "${decodeUtf8(ns.bytes)}"`;

export const describe = (node: WS_XML_NODE): string => {
  const element = asElement(node);
  return element === null ? describeNode(node) : `the element <${decodeUtf8(element.localName!.bytes)}>`;
};

/** The element's own attributes (namespace declarations excluded). */
export function attributesOf(element: WS_XML_ELEMENT_NODE): readonly WS_XML_ATTRIBUTE[] {
  const all = element.attributes as readonly WS_XML_ATTRIBUTE[];
  // Most elements carry no xmlns attribute: their list is used as it is, not copied by filter.
  for (const attribute of all) if (attribute.isXmlNs) return all.filter((a) => !a.isXmlNs);
  return all;
}

export function findAttribute(element: WS_XML_ELEMENT_NODE, localName: WS_XML_STRING, ns: WS_XML_STRING): WS_XML_ATTRIBUTE | undefined {
  return attributesOf(element).find((a) => xmlStringEquals(a.localName!, localName) && xmlStringEquals(a.ns!, ns));
}

/** Whether the attribute is xsi:`localName`; `localName` is ASCII, compared with the name's bytes without decoding them. */
export function isXsi(attribute: WS_XML_ATTRIBUTE, localName: string): boolean {
  if (!bytesEqual(attribute.ns!.bytes, XSI_NAMESPACE.bytes)) return false;
  const name = attribute.localName!.bytes;
  if (name.length !== localName.length) return false;
  for (let i = 0; i < name.length; i++) if (name[i] !== localName.charCodeAt(i)) return false;
  return true;
}

/** The value of an attribute as text (typed binary texts as WWSAPI writes them). */
export const attributeText = (ctx: ReadContext, attribute: WS_XML_ATTRIBUTE): Uint8Array => textUtf8(attribute.value, ctx.fn);

/**
 * Whether the element carries xsi:nil="true". xsi:nil is an xs:boolean ("true", "false", "1",
 * "0", white space around them allowed); anything else is WS_E_INVALID_FORMAT.
 */
export function isNilElement(ctx: ReadContext, element: WS_XML_ELEMENT_NODE): boolean {
  if (element.attributes.length === 0) return false; // most elements: no search, no closure
  const nil = attributesOf(element).find((a) => isXsi(a, "nil"));
  if (nil === undefined) return false;
  const text = decodeUtf8(attributeText(ctx, nil)).trim();
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw invalidFormat(ctx, `xsi:nil="${text}" is not a boolean`);
}

/**
 * Moves past the element the reader is on and everything in it (nil elements, discarded ones).
 * The reader ends on the node after its end element.
 */
export function skipElement(ctx: ReadContext): void {
  let depth = 0;
  do {
    const node = ctx.target.node;
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) depth++;
    else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) depth--;
    else if (node.nodeType === WS_XML_NODE_TYPE_EOF) throw invalidFormat(ctx, "the input ends inside an element");
    next(ctx);
  } while (depth > 0);
}

/**
 * The end of an element's content: the reader must be on its end element (after white space and
 * comments), which it then moves past. `ignoreTrailing` (WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT)
 * skips whatever elements and text are left first.
 */
export function endOfElement(ctx: ReadContext, owner: string, ignoreTrailing: boolean): void {
  let node = significant(ctx);
  while (ignoreTrailing && node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT && node.nodeType !== WS_XML_NODE_TYPE_EOF) {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) skipElement(ctx);
    else next(ctx);
    node = significant(ctx);
  }
  if (node.nodeType !== WS_XML_NODE_TYPE_END_ELEMENT)
    throw invalidFormat(ctx, `${describe(node)} is not expected in ${owner}, whose end was`);
  next(ctx);
}
