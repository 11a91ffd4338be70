import {
  type WS_XML_DICTIONARY,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_STRING,
} from "@wwsapi/core";
import type { NameString, NbfxRecord, TextValue } from "../binary/records.js";
import { writeRecords } from "../binary/write-records.js";
import { textUtf8 } from "../reader-content/node-text.js";
import { isXmlAttribute } from "../text-reader/xml-attribute-stack.js";
import type { ReplayMarkup } from "./open-elements.js";

const decoder = new TextDecoder();

/**
 * The elements a binary stream reader is inside of, followed from the nodes it reports, and the
 * records that bring a new binary reader to that state (`replay`): what OpenElements does for text.
 * Each open element is replayed as an element record with its xmlns records (the same bindings and
 * namespace quota) and its xml: attributes (WsGetXmlAttribute answers from enclosing elements).
 * Names and namespaces that came from the encoding's dictionaries are replayed by id, so that the
 * WS_XML_STRINGs the reader hands out later (an element's namespace, looked up in scope) still
 * carry their dictionary; others are replayed as strings (copied: no old buffer stays alive).
 */
export class BinaryOpenElements {
  private readonly stack: NbfxRecord[][] = [];
  private rootSeen = false;

  constructor(
    private readonly staticDictionary: WS_XML_DICTIONARY | null,
    private readonly dynamicDictionary: WS_XML_DICTIONARY | null,
  ) {}

  get depth(): number {
    return this.stack.length;
  }

  observe(node: WS_XML_NODE): void {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
      const element = node as unknown as WS_XML_ELEMENT_NODE;
      const records: NbfxRecord[] = [
        { kind: "element", prefix: decoder.decode(element.prefix!.bytes), name: this.nameOf(element.localName!) },
      ];
      for (const attribute of element.attributes) {
        if (attribute.isXmlNs) {
          records.push({ kind: "xmlns", prefix: decoder.decode(attribute.prefix!.bytes), namespace: this.nameOf(attribute.ns!) });
        } else if (isXmlAttribute(attribute)) {
          const value = decoder.decode(textUtf8(attribute.value, "WsReadNode"));
          records.push({ kind: "attribute", prefix: "xml", name: decoder.decode(attribute.localName!.bytes), value: chars(value) });
        }
      }
      this.stack.push(records);
      this.rootSeen = true;
    } else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) {
      this.stack.pop();
    }
  }

  /**
   * Records that bring a new binary reader to this state. Outside the root element after it ended,
   * an element that ends at once stands for it, so that a second root is still refused.
   */
  replay(): ReplayMarkup {
    if (this.stack.length === 0) {
      if (!this.rootSeen) return { bytes: new Uint8Array(0), nodes: 0 };
      return { bytes: writeRecords([{ kind: "element", prefix: "", name: "r" }, { kind: "endElement" }]), nodes: 2 };
    }
    return { bytes: writeRecords(this.stack.flat()), nodes: this.stack.length };
  }

  /** A dictionary string by its id in the document (static ids even, dynamic ones odd: [MC-NBFX] 2.1.4), else its text. */
  private nameOf(string: WS_XML_STRING): NameString {
    if (this.staticDictionary !== null && string.dictionary === this.staticDictionary) return { dictionaryId: string.id * 2 };
    if (this.dynamicDictionary !== null && string.dictionary === this.dynamicDictionary) return { dictionaryId: string.id * 2 + 1 };
    return decoder.decode(string.bytes);
  }
}

/** Characters as the shortest Chars*Text record that holds them. */
function chars(value: string): TextValue {
  const length = new TextEncoder().encode(value).length;
  return { textType: length < 0x100 ? "chars8" : length < 0x10000 ? "chars16" : "chars32", value };
}
