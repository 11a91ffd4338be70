import {
  type WS_VALUE_TYPE,
  type WS_XML_BUFFER,
  type WS_XML_STRING,
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_UTF8,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlString } from "../text-utils/xml-string.js";
import {
  WsWriteBytes,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteQualifiedName,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteText,
  WsWriteValue,
} from "../writer/writer-functions.js";
import { WsWriteXmlBuffer } from "../xml-buffer/index.js";

/** The XML Schema instance namespace, of xsi:nil and xsi:type. */
export const XSI_NAMESPACE = xmlString("http://www.w3.org/2001/XMLSchema-instance");
export const NIL = xmlString("nil");
const TRUE_TEXT = { textType: WS_XML_TEXT_TYPE_UTF8, value: xmlString("true") } as unknown as WS_XML_TEXT;

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

  private call(inner: string, operation: () => unknown): void {
    try {
      operation();
    } catch (thrown) {
      if (!(thrown instanceof WsError)) throw thrown;
      const message = thrown.message.startsWith(`${inner}: `) ? thrown.message.slice(inner.length + 2) : thrown.message;
      throw new WsError(thrown.hr, `${this.fn}: ${message}`);
    }
  }

  startElement(localName: WS_XML_STRING, ns: WS_XML_STRING): void {
    this.call("WsWriteStartElement", () => WsWriteStartElement(this.writer, null, localName, ns, null));
  }

  endElement(): void {
    this.call("WsWriteEndElement", () => WsWriteEndElement(this.writer, null));
  }

  startAttribute(prefix: WS_XML_STRING | null, localName: WS_XML_STRING, ns: WS_XML_STRING): void {
    this.call("WsWriteStartAttribute", () => WsWriteStartAttribute(this.writer, prefix, localName, ns, false, null));
  }

  endAttribute(): void {
    this.call("WsWriteEndAttribute", () => WsWriteEndAttribute(this.writer, null));
  }

  /** A value of a WS_VALUE_TYPE, as WsWriteValue writes it (binary: its typed record). */
  value(valueType: WS_VALUE_TYPE, value: unknown): void {
    this.call("WsWriteValue", () => WsWriteValue(this.writer, valueType, value, null));
  }

  chars(text: string): void {
    this.call("WsWriteChars", () => WsWriteChars(this.writer, text, null));
  }

  text(text: WS_XML_TEXT): void {
    this.call("WsWriteText", () => WsWriteText(this.writer, text, null));
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
