import {
  type WS_XML_TEXT,
  WS_XML_TEXT_TYPE_BASE64,
  WS_XML_TEXT_TYPE_INT32,
  WS_XML_TEXT_TYPE_QNAME,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { xmlString } from "../text-utils/xml-string.js";
import { textUtf8 } from "./node-text.js";
import { text } from "./reader.test-support.js";

const typed = (fields: object) => fields as unknown as WS_XML_TEXT;

describe("textUtf8", () => {
  it("reads UTF-8 text as its bytes, and no text as none", () => {
    const value = xmlString("héllo");
    expect(textUtf8(typed({ textType: WS_XML_TEXT_TYPE_UTF8, value }), "F")).toBe(value.bytes);
    expect(textUtf8(null, "F")).toStrictEqual(new Uint8Array(0));
  });

  it("reads typed texts (binary records, XML buffers) as the characters WWSAPI writes for them", () => {
    expect(text(textUtf8(typed({ textType: WS_XML_TEXT_TYPE_INT32, value: -42 }), "F"))).toBe("-42");
    expect(text(textUtf8(typed({ textType: WS_XML_TEXT_TYPE_BASE64, bytes: Uint8Array.of(1, 2, 3) }), "F"))).toBe("AQID");
    const qname = { textType: WS_XML_TEXT_TYPE_QNAME, prefix: xmlString("p"), localName: xmlString("name"), ns: xmlString("urn:p") };
    expect(text(textUtf8(typed(qname), "F"))).toBe("p:name");
    expect(text(textUtf8(typed({ ...qname, prefix: xmlString("") }), "F"))).toBe("name");
  });
});
