import type { WS_XML_ATTRIBUTE } from "@wwsapi/core";
import { bytesEqual } from "../text-utils/xml-string.js";

const latin = new TextDecoder("latin1");

/**
 * The index of the first attribute whose expanded name repeats an earlier one, or -1. Pairs are
 * compared while there are few (the usual case, no allocation); past that a set of keys keeps a
 * flood of attributes (with MAX_ATTRIBUTES raised) linear.
 */
export function findRepeatedAttribute(attributes: readonly WS_XML_ATTRIBUTE[]): number {
  if (attributes.length <= 16) {
    for (let i = 1; i < attributes.length; i++) {
      for (let j = 0; j < i; j++) if (sameAttributeName(attributes[i]!, attributes[j]!)) return i;
    }
    return -1;
  }
  const seen = new Set<string>();
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    const key = a.isXmlNs ? `xmlns ${latin.decode(a.prefix!.bytes)}` : `${latin.decode(a.ns!.bytes)} ${latin.decode(a.localName!.bytes)}`;
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return -1;
}

function sameAttributeName(a: WS_XML_ATTRIBUTE, b: WS_XML_ATTRIBUTE): boolean {
  if (a.isXmlNs !== b.isXmlNs) return false;
  if (a.isXmlNs) return bytesEqual(a.prefix!.bytes, b.prefix!.bytes);
  return bytesEqual(a.localName!.bytes, b.localName!.bytes) && bytesEqual(a.ns!.bytes, b.ns!.bytes);
}
