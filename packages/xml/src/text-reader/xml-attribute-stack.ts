import type { WS_XML_ATTRIBUTE, WS_XML_TEXT } from "@wwsapi/core";
import { bytesEqual } from "../text-utils/xml-string.js";
import { XML_NAMESPACE } from "./namespace-scope.js";
import { EMPTY_XML_STRING, utf8Text } from "./xml-nodes.js";

/**
 * The xml: attributes (xml:lang, xml:space ...) of the open elements, for WsGetXmlAttribute's
 * "nearest xml attribute in scope". Only elements that have such attributes are recorded, with
 * their depth, so the stack costs nothing on the usual element; a reader pushes an element's when
 * it opens it and drops them when the element ends.
 */
export class XmlAttributeStack {
  private readonly depths: number[] = [];
  private readonly attributes: WS_XML_ATTRIBUTE[][] = [];

  /** Records `attributes` (all in the XML namespace) of the element opened at `depth` (the root is 1). */
  push(depth: number, attributes: WS_XML_ATTRIBUTE[]): void {
    this.depths.push(depth);
    this.attributes.push(attributes);
  }

  /** Forgets the elements deeper than `depth`: call it when elements end. */
  popTo(depth: number): void {
    const depths = this.depths;
    while (depths.length > 0 && depths[depths.length - 1]! > depth) {
      depths.pop();
      this.attributes.pop();
    }
  }

  /** Records the xml: attributes among `attributes`, if there are any. */
  pushFrom(depth: number, attributes: readonly WS_XML_ATTRIBUTE[]): void {
    let found: WS_XML_ATTRIBUTE[] | null = null;
    for (const a of attributes) {
      if (isXmlAttribute(a)) (found ??= []).push(a);
    }
    if (found !== null) this.push(depth, found);
  }

  /** The value of xml:`localName` on the innermost open element that has it, or undefined. */
  find(localName: Uint8Array): WS_XML_TEXT | undefined {
    for (let i = this.attributes.length - 1; i >= 0; i--) {
      for (const a of this.attributes[i]!) {
        if (bytesEqual(a.localName!.bytes, localName)) return a.value ?? utf8Text(EMPTY_XML_STRING);
      }
    }
    return undefined;
  }
}

/** Whether an attribute is in the XML namespace (and so has the prefix "xml", the only one bound to it). */
export function isXmlAttribute(a: WS_XML_ATTRIBUTE): boolean {
  return !a.isXmlNs && a.ns !== null && bytesEqual(a.ns.bytes, XML_NAMESPACE.bytes);
}
