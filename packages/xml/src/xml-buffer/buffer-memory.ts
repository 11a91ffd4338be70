/**
 * What the nodes of a WS_XML_BUFFER cost on its heap. WWSAPI does not document its figures; these
 * are the sizes of the C structures a native buffer holds on 64-bit Windows plus the bytes of the
 * strings, so that heap quotas (WS_HEAP's maxSize) bound a buffer as they bound one in C. Each
 * is charged with chargeHeap before the node exists, so a quota failure leaves the buffer as it was:
 *
 * - every node: its WS_XML_NODE structure and four tree links (parent, previous, next, children);
 * - WS_XML_STRING 32 bytes (length, bytes, dictionary, id, padded) plus its bytes;
 * - WS_XML_ELEMENT_NODE 56, WS_XML_ATTRIBUTE 40 plus its pointer in the attribute array,
 *   WS_XML_UTF8_TEXT 40, WS_XML_TEXT_NODE 16, WS_XML_COMMENT_NODE 40.
 */

const LINKS = 32;
const STRING = 32;
const ELEMENT = 56;
const ATTRIBUTE = 40 + 8;
const UTF8_TEXT = 40;
const TEXT_NODE = 16;
const COMMENT = 40;
const SIMPLE_NODE = 8;
/** The buffer itself: its header and its BOF and EOF nodes. */
export const BUFFER_COST = 64 + 2 * (SIMPLE_NODE + LINKS);

export const stringCost = (bytes: Uint8Array): number => STRING + bytes.length;

export function elementCost(names: readonly Uint8Array[], attributes: readonly (readonly Uint8Array[])[]): number {
  let total = LINKS + ELEMENT + SIMPLE_NODE + LINKS; // the element and its end element
  for (const name of names) total += stringCost(name);
  for (const strings of attributes) {
    total += ATTRIBUTE + UTF8_TEXT;
    for (const string of strings) total += stringCost(string);
  }
  return total;
}

export const textCost = (utf8: Uint8Array): number => LINKS + TEXT_NODE + UTF8_TEXT + utf8.length;
export const commentCost = (utf8: Uint8Array): number => LINKS + COMMENT + utf8.length;
/** A CDATA section's start and end nodes. */
export const CDATA_COST = 2 * (LINKS + SIMPLE_NODE);
