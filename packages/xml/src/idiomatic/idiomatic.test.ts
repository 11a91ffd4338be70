import {
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_ELEMENT_NODE,
  WS_XML_NODE_TYPE_ELEMENT,
  WS_XML_NODE_TYPE_END_ELEMENT,
  WS_XML_NODE_TYPE_TEXT,
  WsError,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { XmlReader, XmlWriter } from "../index.js";

const decoder = new TextDecoder();

describe("XmlReader and XmlWriter", () => {
  it("write a document with chained calls, and read it back as nodes", () => {
    using writer = XmlWriter.toBytes();
    const xml = writer
      .startElement("Envelope", "http://www.w3.org/2003/05/soap-envelope", "s")
      .startElement("Add", "http://tempuri.org/")
      .attribute("id", "1 & 2")
      .text("2 < 3")
      .endElement()
      .endElement()
      .toString();
    expect(xml).toBe(
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><Add id="1 &amp; 2" xmlns="http://tempuri.org/">2 &lt; 3</Add></s:Envelope>',
    );

    using reader = XmlReader.fromText(xml);
    const seen = [...reader].map((node) =>
      node.nodeType === WS_XML_NODE_TYPE_ELEMENT
        ? decoder.decode((node as unknown as WS_XML_ELEMENT_NODE).localName!.bytes)
        : node.nodeType,
    );
    expect(seen).toEqual(["Envelope", "Add", WS_XML_NODE_TYPE_TEXT, WS_XML_NODE_TYPE_END_ELEMENT, WS_XML_NODE_TYPE_END_ELEMENT]);
  });

  it("throw WsError with the flat API's HRESULT and message", () => {
    using reader = XmlReader.fromText("<a><b></a>");
    expect(() => [...reader]).toThrowError(WsError);
    reader.setInput("<a>&bad;</a>");
    reader.read();
    expect(() => reader.read()).toThrowError(
      expect.objectContaining({ hr: WS_E_INVALID_FORMAT, message: expect.stringContaining('the entity "&bad;" is not defined') }),
    );
    using shallow = XmlReader.fromText("<a><b/></a>", { maxDepth: 1 });
    expect(() => [...shallow]).toThrowError(expect.objectContaining({ hr: WS_E_QUOTA_EXCEEDED }));
  });
});
