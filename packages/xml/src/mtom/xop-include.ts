import {
  type WS_XML_ATTRIBUTE,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_COMMENT,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_TEXT,
  type WS_XML_TEXT_NODE,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { CID_SCHEME, XOP_HREF, XOP_INCLUDE, XOP_NAMESPACE } from "./xop.js";

/** How the readers see xop:Include elements and present what they refer to. */

const decoder = new TextDecoder();
const XOP_NAMESPACE_BYTES = new TextEncoder().encode(XOP_NAMESPACE);
const XOP_INCLUDE_BYTES = new TextEncoder().encode(XOP_INCLUDE);

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `node` is the start of an xop:Include element. */
export function isXopInclude(node: WS_XML_NODE): node is WS_XML_NODE & WS_XML_ELEMENT_NODE {
  if (node.nodeType !== WS_XML_NODE_TYPE_ELEMENT) return false;
  const element = node as unknown as WS_XML_ELEMENT_NODE;
  return sameBytes(element.localName?.bytes, XOP_INCLUDE_BYTES) && sameBytes(element.ns?.bytes, XOP_NAMESPACE_BYTES);
}

/** The value of an Include's `href` (no namespace), or undefined when it has none. */
function hrefOf(element: WS_XML_ELEMENT_NODE): string | undefined {
  for (const attribute of element.attributes as readonly WS_XML_ATTRIBUTE[]) {
    if (attribute.isXmlNs || attribute.localName === null || attribute.ns === null) continue;
    if (attribute.ns.bytes.length !== 0 || decoder.decode(attribute.localName.bytes) !== XOP_HREF) continue;
    const value = attribute.value;
    return value !== null && value.textType === WS_XML_TEXT_TYPE_UTF8 ? decoder.decode((value as WS_XML_UTF8_TEXT).value.bytes) : "";
  }
  return undefined;
}

/**
 * The Content-ID a cid: URL names (RFC 2392: the Content-ID without its angle brackets, with %hh
 * escapes where URLs need them; a malformed escape is taken literally), or null when `href` is not
 * a cid: URL.
 */
function contentIdOf(href: string): string | null {
  if (href.slice(0, CID_SCHEME.length).toLowerCase() !== CID_SCHEME) return null;
  const text = href.slice(CID_SCHEME.length);
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What an Include refers to: its href and the Content-ID that names. */
export interface IncludeReference {
  href: string;
  contentId: string;
}

/**
 * Reads the xop:Include whose start the scanner has just read (`element`, at `depth`, 1 for the
 * document element): its href, the Content-ID that names, then the rest of the element, which
 * must be empty (XOP 1.0 §3.1: the Include stands for the element's whole content; white space
 * and comments are let pass). `next` reads the scanner's next node; `fail` makes the error that
 * says what is wrong with the Include.
 */
export function readInclude(
  element: WS_XML_ELEMENT_NODE,
  depth: number,
  next: () => WS_XML_NODE,
  fail: (what: string) => Error,
): IncludeReference {
  if (depth === 1) throw fail("the document element is an xop:Include; an Include stands for the content of an element");
  const href = hrefOf(element);
  if (href === undefined) throw fail("an xop:Include has no href attribute");
  const contentId = contentIdOf(href);
  if (contentId === null) throw fail(`the href "${href}" of an xop:Include is not a cid: URL`);
  for (;;) {
    const inner = next();
    if (inner.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) return { href, contentId };
    if (inner.nodeType === WS_XML_NODE_TYPE_COMMENT || isWhitespaceText(inner)) continue;
    throw fail(`the xop:Include that refers to "${href}" has content; it must be empty`);
  }
}

/** Text made of XML white space only (what an Include may contain besides comments). */
export function isWhitespaceText(node: WS_XML_NODE): boolean {
  if (node.nodeType !== WS_XML_NODE_TYPE_TEXT) return false;
  const text = (node as unknown as WS_XML_TEXT_NODE).text;
  if (text === null || text.textType !== WS_XML_TEXT_TYPE_UTF8) return false;
  for (const b of (text as WS_XML_UTF8_TEXT).value.bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * A text node holding `bytes` as a WS_XML_BASE64_TEXT, the form binary content takes in WWSAPI's
 * node model (the binary reader gives its Bytes records the same), with the first members
 * pointing back to the objects, as xml-nodes.ts builds nodes.
 */
export function base64TextNode(bytes: Uint8Array): WS_XML_NODE {
  const text = { textType: WS_XML_TEXT_TYPE_BASE64, text: null as unknown, bytes };
  text.text = text;
  const node = { nodeType: WS_XML_NODE_TYPE_TEXT, node: null as unknown, text };
  node.node = node;
  return node as unknown as WS_XML_NODE;
}
