import {
  type WS_VALUE_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_ELEMENT_NODE,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { bytesEqual, xmlString } from "../text-utils/xml-string.js";
import type { NameStrings } from "../writer/node-sink.js";
import type { TextWriter } from "../writer/text-writer.js";
import {
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteQualifiedName,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteText,
  WsWriteValue,
  WsWriteXmlnsAttribute,
  writeNode,
} from "../writer/writer-functions.js";
import type { XmlWriterObject } from "../writer/xml-writer-object.js";
import { nextInDocument } from "../xml-buffer/buffer-tree.js";
import { WsWriteXmlBuffer } from "../xml-buffer/index.js";
import { bufferOf } from "../xml-buffer/xml-buffer-object.js";

/** The XML Schema instance namespace, of xsi:nil and xsi:type. */
export const XSI_NAMESPACE = xmlString("http://www.w3.org/2001/XMLSchema-instance");
export const NIL = xmlString("nil");
const START_ELEMENT = "WsWriteStartElement";
const END_ELEMENT = "WsWriteEndElement";
const TRUE_TEXT = { textType: WS_XML_TEXT_TYPE_UTF8, value: xmlString("true") } as unknown as WS_XML_TEXT;
/** As the writer decodes names: a leading U+FEFF is a character of the name, not a byte order mark. */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The local names and the namespaces of elements a SerialWriter has written, each with the bytes
 * it had then and their text. They come from descriptions, which are made once and serve every
 * value: WsWriteStartElement checks them (a local name is an NCName, both are UTF-8) and decodes
 * them the first time, and after that the text is handed to the writer directly. A WS_XML_STRING
 * given other bytes since is checked again. Two maps: a string checked as a namespace ("" is one)
 * is not thereby a valid local name.
 */
type CheckedNames = WeakMap<WS_XML_STRING, { bytes: Uint8Array; text: string }>;
const checkedLocalNames: CheckedNames = new WeakMap();
const checkedNamespaces: CheckedNames = new WeakMap();

/**
 * The NameStrings of an element name, made once per local name (for the namespace it was last
 * written with): the writer keeps them with every open element.
 */
const nameStrings = new WeakMap<WS_XML_STRING, NameStrings>();

function namesOf(localName: WS_XML_STRING, ns: WS_XML_STRING): NameStrings {
  const known = nameStrings.get(localName);
  if (known !== undefined && known.ns === ns) return known;
  const strings = { localName, ns };
  nameStrings.set(localName, strings);
  return strings;
}

function knownName(checked: CheckedNames, name: WS_XML_STRING): string | undefined {
  const known = checked.get(name);
  return known !== undefined && known.bytes === name.bytes ? known.text : undefined;
}

/** Only for a name WsWriteStartElement accepted (so valid UTF-8). */
function rememberName(checked: CheckedNames, name: WS_XML_STRING): void {
  checked.set(name, { bytes: name.bytes, text: utf8.decode(name.bytes) });
}

/**
 * The writer operations serialization is made of. Each is the writer's own implementation function
 * (writer/writer-functions.ts), so that names, namespaces, escaping, order rules, quotas and the
 * binary encoding (typed records, dictionary strings) are exactly those of WsWriteStartElement,
 * WsWriteValue, ...; a failure is reported for the serialization function (`fn`) that was called,
 * with the inner function's own explanation. The writer's fault state is the inner function's.
 */
export class SerialWriter {
  constructor(
    readonly fn: string,
    readonly writer: WS_XML_WRITER,
  ) {}

  // The writer operations run for every element, made once per SerialWriter rather than as a
  // closure per call; startOp writes the element startElement has put in `next*`.
  private nextName = "";
  private nextNamespace = "";
  private nextStrings: NameStrings = {};
  private readonly startOp = (document: TextWriter) =>
    document.startElement(START_ELEMENT, null, this.nextName, this.nextNamespace, this.nextStrings);
  private readonly endOp = (document: TextWriter) => document.endElement(END_ELEMENT);

  private call(inner: string, operation: () => unknown): void {
    try {
      operation();
    } catch (thrown) {
      throw this.failure(inner, thrown);
    }
  }

  /**
   * What a failure of `inner` becomes: the same HRESULT, reported for `fn`. The operations called
   * for every value (elements, values, text) catch it themselves rather than going through `call`,
   * which costs a closure per call.
   */
  private failure(inner: string, thrown: unknown): unknown {
    if (!(thrown instanceof WsError)) return thrown;
    const message = thrown.message.startsWith(`${inner}: `) ? thrown.message.slice(inner.length + 2) : thrown.message;
    return new WsError(thrown.hr, `${this.fn}: ${message}`);
  }

  startElement(localName: WS_XML_STRING, ns: WS_XML_STRING): void {
    const inner = START_ELEMENT;
    const name = knownName(checkedLocalNames, localName);
    const namespace = knownName(checkedNamespaces, ns);
    if (name === undefined || namespace === undefined) {
      this.call(inner, () => WsWriteStartElement(this.writer, null, localName, ns, null));
      rememberName(checkedLocalNames, localName);
      rememberName(checkedNamespaces, ns);
      return;
    }
    // What WsWriteStartElement does once the names are checked.
    this.nextName = name;
    this.nextNamespace = namespace;
    this.nextStrings = namesOf(localName, ns);
    try {
      (this.writer as unknown as XmlWriterObject).write(inner, this.startOp);
    } catch (thrown) {
      throw this.failure(inner, thrown);
    }
  }

  /** What WsWriteEndElement does. */
  endElement(): void {
    try {
      (this.writer as unknown as XmlWriterObject).write(END_ELEMENT, this.endOp);
    } catch (thrown) {
      throw this.failure(END_ELEMENT, thrown);
    }
  }

  startAttribute(prefix: WS_XML_STRING | null, localName: WS_XML_STRING, ns: WS_XML_STRING): void {
    this.call("WsWriteStartAttribute", () => WsWriteStartAttribute(this.writer, prefix, localName, ns, false, null));
  }

  endAttribute(): void {
    this.call("WsWriteEndAttribute", () => WsWriteEndAttribute(this.writer, null));
  }

  /** A value of a WS_VALUE_TYPE, as WsWriteValue writes it (binary: its typed record). */
  value(valueType: WS_VALUE_TYPE, value: unknown): void {
    try {
      WsWriteValue(this.writer, valueType, value, null);
    } catch (thrown) {
      throw this.failure("WsWriteValue", thrown);
    }
  }

  chars(text: string): void {
    try {
      WsWriteChars(this.writer, text, null);
    } catch (thrown) {
      throw this.failure("WsWriteChars", thrown);
    }
  }

  text(text: WS_XML_TEXT): void {
    try {
      WsWriteText(this.writer, text, null);
    } catch (thrown) {
      throw this.failure("WsWriteText", thrown);
    }
  }

  /** UTF-8 text given as a WS_XML_STRING (binary: a dictionary string stays a reference). */
  utf8(value: WS_XML_STRING): void {
    this.text({ textType: WS_XML_TEXT_TYPE_UTF8, value } as unknown as WS_XML_TEXT);
  }

  bytes(bytes: Uint8Array): void {
    this.call("WsWriteBytes", () => WsWriteBytes(this.writer, bytes, null));
  }

  qualifiedName(localName: WS_XML_STRING, ns: WS_XML_STRING): void {
    this.call("WsWriteQualifiedName", () => WsWriteQualifiedName(this.writer, null, localName, ns, null));
  }

  xmlBuffer(buffer: WS_XML_BUFFER): void {
    this.call("WsWriteXmlBuffer", () => WsWriteXmlBuffer(this.writer, buffer, null));
  }

  /**
   * A WS_XML_BUFFER that stands for the element being started (WS_TYPE, WS_XML_BUFFER_TYPE: "When
   * used at the top level or with WS_ELEMENT_FIELD_MAPPING, the WS_XML_BUFFER should contain a
   * single element which represents the attribute and element content. The local name and namespace
   * of the element in the buffer is ignored; it is replaced with actual element name and namespace
   * when the buffer is written"): the buffered element's attributes go on the element being
   * started, its content inside it. Its declaration of its own prefix goes with its name (the
   * docs' example writes `xmlns:NewPrefix` instead of `xmlns:PrefixInBuffer`); the writer declares
   * again whatever the attributes and the content still need. Reading puts the element itself in
   * the buffer ("the element name and namespace will correspond to the element that was read"), so
   * the two meet. A buffer that does not start with an element is written as it is.
   */
  elementBuffer(buffer: WS_XML_BUFFER): void {
    const inner = "WsWriteXmlBuffer";
    this.call(inner, () => {
      const target = this.writer as unknown as XmlWriterObject;
      // Listed first, as WsWriteXmlBuffer does: the writer may be writing into that very buffer.
      const source = bufferOf(inner, buffer);
      const nodes: WS_XML_NODE[] = [];
      for (let node = nextInDocument(source.bof); node !== null && node !== source.eof; node = nextInDocument(node)) nodes.push(node.node);
      const first = nodes[0];
      if (first?.nodeType !== WS_XML_NODE_TYPE_ELEMENT) {
        for (const node of nodes) writeNode(inner, target, node);
        return;
      }
      this.bufferedAttributes(first as unknown as WS_XML_ELEMENT_NODE);
      let depth = 1;
      for (let i = 1; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (node.nodeType === WS_XML_NODE_TYPE_ELEMENT) depth++;
        else if (node.nodeType === WS_XML_NODE_TYPE_END_ELEMENT && --depth === 0) continue; // the buffered element's end
        writeNode(inner, target, node);
      }
    });
  }

  /** The attributes of a buffered element, on the element being started (elementBuffer). */
  private bufferedAttributes(element: WS_XML_ELEMENT_NODE): void {
    const ownPrefix = element.prefix?.bytes ?? new Uint8Array(0);
    // A buffer's nodes are the writer's own (buffer-sink.ts): names, namespaces and values are all there.
    for (const { isXmlNs, singleQuote, prefix, localName, ns, value } of element.attributes) {
      if (isXmlNs) {
        if (bytesEqual(prefix?.bytes ?? new Uint8Array(0), ownPrefix)) continue;
        WsWriteXmlnsAttribute(this.writer, prefix, ns!, Boolean(singleQuote), null);
        continue;
      }
      WsWriteStartAttribute(this.writer, prefix, localName!, ns!, Boolean(singleQuote), null);
      WsWriteText(this.writer, value!, null);
      WsWriteEndAttribute(this.writer, null);
    }
  }

  /**
   * xsi:nil="true" on the element being started. Windows writes it with a generated prefix
   * declared after it: `<t a:nil="true" xmlns:a="http://www.w3.org/2001/XMLSchema-instance"/>`
   * (Wine's conformance tests of WsWriteType, which pass on Windows).
   */
  nil(): void {
    this.startAttribute(null, NIL, XSI_NAMESPACE);
    this.text(TRUE_TEXT);
    this.endAttribute();
  }
}
