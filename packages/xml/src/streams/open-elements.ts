import {
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_UTF8_TEXT,
} from "@wwsapi/core";
import { ByteWriter } from "../shared/byte-writer.js";
import { isXmlAttribute } from "../text-reader/xml-attribute-stack.js";

interface OpenElement {
  /** The prefix and local name as written, which the end tag must repeat byte for byte. */
  prefix: Uint8Array;
  localName: Uint8Array;
  /** The element's xmlns attributes: prefix ("" for the default namespace) and namespace. */
  declarations: { prefix: Uint8Array; ns: Uint8Array }[];
  /** The element's xml: attributes (xml:lang, xml:space ...), for WsGetXmlAttribute: local name and value. */
  xmlAttributes: { localName: Uint8Array; value: Uint8Array }[];
}

const NONE: never[] = [];

export interface ReplayMarkup {
  bytes: Uint8Array;
  /** How many nodes the scanner reads from `bytes`. */
  nodes: number;
}

/**
 * The elements a stream reader is inside of, followed from the nodes it reports. The text scanner
 * remembers open elements and namespace declarations as offsets into its bytes, so it cannot drop
 * the bytes it has read; to keep a stream's memory bounded the reader instead starts a new
 * scanner on the unread bytes, preceded by start tags that rebuild this state (`replay`): the
 * same qualified names (end tags must match them), the same declarations (the same namespace
 * quota) and the same xml: attributes (WsGetXmlAttribute answers from enclosing elements). Names,
 * namespaces and values are copied, so that no old buffer stays alive through them.
 */
export class OpenElements {
  private readonly stack: OpenElement[] = [];
  private rootSeen = false;

  get depth(): number {
    return this.stack.length;
  }

  /**
   * Follows `node`. What an element holds is kept as the reader's views (no copy per element: this
   * runs for every node); `replay` copies what is still open, once per new buffer, so that no old
   * buffer stays alive through it.
   */
  observe(node: WS_XML_NODE): void {
    if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) {
      const element = node as unknown as WS_XML_ELEMENT_NODE;
      let declarations: OpenElement["declarations"] = NONE;
      let xmlAttributes: OpenElement["xmlAttributes"] = NONE;
      const attributes = element.attributes;
      for (let i = 0; i < attributes.length; i++) {
        const attribute = attributes[i]!;
        if (attribute.isXmlNs) {
          if (declarations === NONE) declarations = [];
          declarations.push({ prefix: attribute.prefix!.bytes, ns: attribute.ns!.bytes });
        } else if (isXmlAttribute(attribute)) {
          if (xmlAttributes === NONE) xmlAttributes = [];
          // The text scanner's attribute values are UTF-8 texts.
          const value = (attribute.value as unknown as WS_XML_UTF8_TEXT).value.bytes;
          xmlAttributes.push({ localName: attribute.localName!.bytes, value });
        }
      }
      this.stack.push({ prefix: element.prefix!.bytes, localName: element.localName!.bytes, declarations, xmlAttributes });
      this.rootSeen = true;
    } else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT) {
      this.stack.pop();
    }
  }

  /**
   * Markup that brings a new scanner to this state. Outside the root element after it ended, an
   * empty element stands for it, so that a second root is still refused.
   */
  replay(): ReplayMarkup {
    if (this.stack.length === 0) {
      return this.rootSeen ? { bytes: Uint8Array.of(0x3c, 0x72, 0x2f, 0x3e) /* <r/> */, nodes: 2 } : { bytes: EMPTY, nodes: 0 };
    }
    const out = new ByteWriter(64 * this.stack.length);
    for (let i = 0; i < this.stack.length; i++) {
      const element = copied(this.stack[i]!);
      this.stack[i] = element;
      out.ascii("<");
      if (element.prefix.length > 0) {
        out.bytes(element.prefix);
        out.ascii(":");
      }
      out.bytes(element.localName);
      for (const { prefix, ns } of element.declarations) {
        out.ascii(prefix.length === 0 ? " xmlns" : " xmlns:");
        out.bytes(prefix);
        out.ascii('="');
        escapeValue(out, ns);
        out.ascii('"');
      }
      for (const { localName, value } of element.xmlAttributes) {
        out.ascii(" xml:");
        out.bytes(localName);
        out.ascii('="');
        escapeValue(out, value);
        out.ascii('"');
      }
      out.ascii(">");
    }
    return { bytes: out.toBytes(), nodes: this.stack.length };
  }
}

const EMPTY = new Uint8Array(0);

/** An open element whose bytes are its own, not views into a buffer the reader is about to drop. */
function copied(element: OpenElement): OpenElement {
  return {
    prefix: element.prefix.slice(),
    localName: element.localName.slice(),
    declarations: element.declarations.map(({ prefix, ns }) => ({ prefix: prefix.slice(), ns: ns.slice() })),
    xmlAttributes: element.xmlAttributes.map(({ localName, value }) => ({ localName: localName.slice(), value: value.slice() })),
  };
}

/**
 * A namespace or an xml: attribute's value as an attribute value that reads back as the same bytes: markup characters and
 * every character XML allows only as a reference (control characters, which white space
 * normalisation or the character rules would change; U+FFFE and U+FFFF, which came from references
 * allowed by WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES) as references.
 */
function escapeValue(out: ByteWriter, value: Uint8Array): void {
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    if (b === 0x26) out.ascii("&amp;");
    else if (b === 0x3c) out.ascii("&lt;");
    else if (b === 0x22) out.ascii("&quot;");
    else if (b < 0x20) out.ascii(`&#${b};`);
    else if (b === 0xef && value[i + 1] === 0xbf && (value[i + 2] === 0xbe || value[i + 2] === 0xbf)) {
      // U+FFFE and U+FFFF, which XML allows only as references (with the same property).
      out.ascii(value[i + 2] === 0xbe ? "&#xFFFE;" : "&#xFFFF;");
      i += 2;
    } else out.u8(b);
  }
}
