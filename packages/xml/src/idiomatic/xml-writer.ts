import {
  ref,
  WS_CHARSET_UTF8,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { beginPromiseCall, throwOnFailure } from "@wwsapi/core/internal";
import {
  WsCreateWriter,
  WsFreeWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteChars,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteXmlnsAttribute,
} from "../gen/api.js";
import { xmlString } from "../text-utils/xml-string.js";

/**
 * WS_XML_WRITER, idiomatically, with chained calls:
 * `XmlWriter.toBytes().startElement("a", "urn:x").text("1").endElement().bytes()`.
 * A null prefix lets the writer choose one, as WWSAPI does. Errors are thrown as WsError.
 */
export class XmlWriter implements Disposable {
  private constructor(readonly handle: WS_XML_WRITER) {}

  /** A writer of UTF-8 text into a buffer; read the result with bytes() or text(). */
  static toBytes(): XmlWriter {
    const writer = ref<WS_XML_WRITER | null>(null);
    beginPromiseCall();
    throwOnFailure(WsCreateWriter(null, writer));
    const created = new XmlWriter(writer.value!);
    beginPromiseCall();
    throwOnFailure(
      WsSetOutput(
        created.handle,
        { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never,
        { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never,
        null,
      ),
    );
    return created;
  }

  startElement(localName: string, ns = "", prefix: string | null = null): this {
    return this.call(WsWriteStartElement(this.handle, prefix === null ? null : xmlString(prefix), xmlString(localName), xmlString(ns)));
  }

  endElement(): this {
    return this.call(WsWriteEndElement(this.handle));
  }

  attribute(localName: string, value: string, ns = "", prefix: string | null = null): this {
    this.call(WsWriteStartAttribute(this.handle, prefix === null ? null : xmlString(prefix), xmlString(localName), xmlString(ns), false));
    this.call(WsWriteChars(this.handle, value));
    return this.call(WsWriteEndAttribute(this.handle));
  }

  xmlns(prefix: string | null, ns: string): this {
    return this.call(WsWriteXmlnsAttribute(this.handle, prefix === null ? null : xmlString(prefix), xmlString(ns), false));
  }

  text(chars: string): this {
    return this.call(WsWriteChars(this.handle, chars));
  }

  /** What has been written so far. */
  bytes(): Uint8Array {
    const value = ref<unknown>(null);
    this.call(WsGetWriterProperty(this.handle, WS_XML_WRITER_PROPERTY_BYTES, value));
    return value.value as Uint8Array;
  }

  /** What has been written so far, as a string. */
  toString(): string {
    return new TextDecoder().decode(this.bytes());
  }

  [Symbol.dispose](): void {
    if (!this.handle.freed) WsFreeWriter(this.handle);
  }

  private call(hr: number): this {
    throwOnFailure(hr);
    return this;
  }
}
