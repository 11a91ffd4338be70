import {
  E_INVALIDARG,
  S_OK,
  WS_ANY_ATTRIBUTES_FIELD_MAPPING,
  WS_ANY_ATTRIBUTES_TYPE,
  WS_ANY_CONTENT_FIELD_MAPPING,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_FIELD_MAPPING,
  WS_FIELD_OPTIONAL,
  WS_FIELD_OTHER_NAMESPACE,
  WS_INT32_TYPE,
  WS_NO_FIELD_MAPPING,
  WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
  WS_STRING_TYPE,
  WS_VOID_TYPE,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
  WS_XML_TEXT_TYPE_UTF8,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { EMPTY_NS, field, hex, plainTree, readT, struct, writeT, x } from "./serialization.test-support.js";

/**
 * The wildcard mappings (WS_ANY_ELEMENT_FIELD_MAPPING, WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING,
 * WS_ANY_CONTENT_FIELD_MAPPING, WS_ANY_ATTRIBUTES_FIELD_MAPPING) and, in binary, the xml: attribute
 * and unmapped fields: what is read is written back as it was.
 */

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const known = field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("k"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "k" });

describe("WS_ANY_ELEMENT_FIELD_MAPPING", () => {
  const description = struct([known, field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "any" })]);
  const doc = '<t><k>1</k><p:x xmlns:p="urn:p" p:a="v">z<y/></p:x></t>';

  it("reads any element into a WS_XML_BUFFER and writes it back, in text", () => {
    const read = readT(doc, description);
    expect(read.hr).toBe(S_OK);
    // The writer puts an element's declarations after its attributes.
    expect(writeT(description, read.value).text).toBe('<t><k>1</k><p:x p:a="v" xmlns:p="urn:p">z<y/></p:x></t>');
  });

  it("does the same in binary", () => {
    const bytes = writeT(description, readT(doc, description).value, true).bytes;
    expect(hex(bytes)).toBe(
      "40 01 74 40 01 6b 83 " + // <t><k>1</k>: ShortElement, OneTextWithEndElement
        "6d 01 78 " + // <p:x: PrefixElementP
        "35 01 61 98 01 76 " + // p:a="v": PrefixAttributeP, Chars8Text
        "09 01 70 05 75 72 6e 3a 70 " + // xmlns:p="urn:p": XmlnsAttribute
        "98 01 7a 40 01 79 01 01 01", // z <y/> </p:x> </t>
    );
    const again = readT(bytes, description, true);
    expect(again.hr).toBe(S_OK);
    expect(hex(writeT(description, again.value, true).bytes)).toBe(hex(bytes));
  });

  it("refuses a missing element unless WS_FIELD_OPTIONAL (then null), and writes null as nothing", () => {
    const missing = readT("<t><k>1</k></t>", description);
    expect(missing.hr).toBe(WS_E_INVALID_FORMAT);
    const optional = struct([
      known,
      field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, options: WS_FIELD_OPTIONAL, offset: "any" }),
    ]);
    const read = readT("<t><k>1</k></t>", optional);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ k: 1, any: null });
    expect(writeT(optional, { k: 1, any: null }).text).toBe("<t><k>1</k></t>");
    expect(writeT(description, { k: 1, any: null }).hr).toBe(E_INVALIDARG);
  });

  it("discards the element with WS_VOID_TYPE", () => {
    const discard = struct([known, field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_VOID_TYPE, offset: "-" })]);
    const read = readT(doc, discard);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ k: 1 });
    expect(writeT(discard, { k: 1 }).text).toBe("<t><k>1</k></t>");
  });

  it("takes only elements of another namespace with WS_FIELD_OTHER_NAMESPACE", () => {
    const other = struct([
      field({
        mapping: WS_ANY_ELEMENT_FIELD_MAPPING,
        type: WS_XML_BUFFER_TYPE,
        ns: x("urn:p"),
        options: WS_FIELD_OTHER_NAMESPACE,
        offset: "any",
      }),
    ]);
    expect(readT('<t><q xmlns="urn:q"/></t>', other).hr).toBe(S_OK);
    expect(readT('<t><q xmlns="urn:p"/></t>', other).hr).toBe(WS_E_INVALID_FORMAT);
  });
});

describe("WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING", () => {
  const repeating = (more: object = {}) =>
    struct([known, field({ mapping: WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "rest", ...more })]);
  const doc = '<t><k>1</k><a/><b>2</b><c x="3"/></t>';

  it("reads every following element as a buffer and writes them back, in text and binary", () => {
    const read = readT(doc, repeating());
    expect(read.hr).toBe(S_OK);
    expect((read.value as { rest: WS_XML_BUFFER[] }).rest).toHaveLength(3);
    expect(writeT(repeating(), read.value).text).toBe(doc);
    const bytes = writeT(repeating(), read.value, true).bytes;
    // The buffers hold the text they were read from: "2" stays characters (Chars8TextWithEndElement).
    expect(hex(bytes)).toBe("40 01 74 40 01 6b 83 40 01 61 01 40 01 62 99 01 32 40 01 63 04 01 78 98 01 33 01 01");
    expect(hex(writeT(repeating(), readT(bytes, repeating(), true).value, true).bytes)).toBe(hex(bytes));
  });

  it("reads none as an empty array, and respects the item range at its bounds and one past", () => {
    expect(plainTree(readT("<t><k>1</k></t>", repeating()).value)).toEqual({ k: 1, rest: [] });
    const ranged = repeating({ itemRange: { minItemCount: 1, maxItemCount: 3 } });
    expect(readT("<t><k>1</k><a/></t>", ranged).hr).toBe(S_OK);
    expect(readT(doc, ranged).hr).toBe(S_OK);
    expect(readT("<t><k>1</k></t>", ranged).hr).toBe(WS_E_INVALID_FORMAT);
    const over = readT("<t><k>1</k><a/><b/><c/><d/></t>", ranged);
    expect(over.hr).toBe(WS_E_INVALID_FORMAT);
    expect(over.message).toMatch(/^WsReadElement: <t>\.rest has more than the 3 items its itemRange allows/);
  });

  it("discards the elements with WS_VOID_TYPE", () => {
    const discard = struct([known, field({ mapping: WS_REPEATING_ANY_ELEMENT_FIELD_MAPPING, type: WS_VOID_TYPE, offset: "-" })]);
    expect(plainTree(readT(doc, discard).value)).toEqual({ k: 1 });
  });
});

describe("WS_ANY_CONTENT_FIELD_MAPPING", () => {
  const description = struct([known, field({ mapping: WS_ANY_CONTENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "rest" })]);

  it("keeps text and elements after the known fields, and writes them back", () => {
    const doc = "<t><k>1</k>text1<u1/>text2<u2>x</u2></t>";
    const read = readT(doc, description);
    expect(read.hr).toBe(S_OK);
    expect(writeT(description, read.value).text).toBe(doc);
    const bytes = writeT(description, read.value, true).bytes;
    expect(hex(writeT(description, readT(bytes, description, true).value, true).bytes)).toBe(hex(bytes));
  });

  it("discards them with WS_VOID_TYPE", () => {
    const discard = struct([known, field({ mapping: WS_ANY_CONTENT_FIELD_MAPPING, type: WS_VOID_TYPE, offset: "-" })]);
    expect(plainTree(readT("<t><k>1</k>a<b/>c</t>", discard).value)).toEqual({ k: 1 });
  });
});

describe("WS_ANY_ATTRIBUTES_FIELD_MAPPING", () => {
  const id = field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("id"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "id" });
  const anyAttributes = (more: object = {}) =>
    struct([id, field({ mapping: WS_ANY_ATTRIBUTES_FIELD_MAPPING, type: WS_ANY_ATTRIBUTES_TYPE, offset: "others", ...more }), known]);
  const doc = '<t id="1" xmlns:p="urn:p" p:unknown="value" plain="2"><k>3</k></t>';

  it("collects the attributes no other field maps, in document order", () => {
    const read = readT(doc, anyAttributes());
    expect(read.hr).toBe(S_OK);
    const others = (
      read.value as {
        others: {
          attributes: {
            localName: { bytes: Uint8Array };
            ns: { bytes: Uint8Array };
            value: { textType: number; value: { bytes: Uint8Array } };
          }[];
        };
      }
    ).others;
    expect(others.attributes.map((a) => [text(a.localName.bytes), text(a.ns.bytes), a.value.textType, text(a.value.value.bytes)])).toEqual([
      ["unknown", "urn:p", WS_XML_TEXT_TYPE_UTF8, "value"],
      ["plain", "", WS_XML_TEXT_TYPE_UTF8, "2"],
    ]);
  });

  it("writes them back after the mapped attributes, in text and in binary", () => {
    const read = readT(doc, anyAttributes());
    expect(writeT(anyAttributes(), read.value).text).toBe('<t id="1" a:unknown="value" plain="2" xmlns:a="urn:p"><k>3</k></t>');
    const bytes = writeT(anyAttributes(), read.value, true).bytes;
    expect(hex(bytes)).toBe(
      [
        "40 01 74", // <t>
        "04 02 69 64 82", // id=1: ShortAttribute, OneText
        "26 07 75 6e 6b 6e 6f 77 6e 98 05 76 61 6c 75 65", // a:unknown="value": PrefixAttributeA, Chars8Text
        "04 05 70 6c 61 69 6e 98 01 32", // plain="2"
        "09 01 61 05 75 72 6e 3a 70", // xmlns:a="urn:p"
        "40 01 6b 89 03 01", // <k>3</k>: Int8TextWithEndElement; </t>
      ].join(" "),
    );
    expect(hex(writeT(anyAttributes(), readT(bytes, anyAttributes(), true).value, true).bytes)).toBe(hex(bytes));
  });

  it("applies the namespace rule: ns given, and ns given with WS_FIELD_OTHER_NAMESPACE", () => {
    const same = readT(doc, anyAttributes({ ns: x("urn:p") }));
    expect(same.hr).toBe(WS_E_INVALID_FORMAT); // plain="2" is in no namespace: unmapped
    expect(same.message).toBe(
      "WsReadElement: the attribute <plain> of <t> is not mapped by any field (the reader is at line 1, column 55).",
    );
    const other = readT('<t id="1" plain="2"><k>3</k></t>', anyAttributes({ ns: x("urn:p"), options: WS_FIELD_OTHER_NAMESPACE }));
    expect(other.hr).toBe(S_OK);
    expect((other.value as { others: { attributes: unknown[] } }).others.attributes).toHaveLength(1);
    const bad = readT(doc, anyAttributes({ options: WS_FIELD_OTHER_NAMESPACE }));
    expect(bad.hr).toBe(E_INVALIDARG);
    expect(bad.message).toBe("WsReadElement: field 1: WS_FIELD_OTHER_NAMESPACE needs a namespace (ns) to exclude.");
  });

  it("discards them with WS_VOID_TYPE", () => {
    const read = readT(doc, anyAttributes({ type: WS_VOID_TYPE, offset: "-" }));
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ id: 1, k: 3 });
  });
});

describe("xml: attributes and unmapped fields in binary", () => {
  it("writes xml:lang as a prefixed attribute record and reads it back; a WS_NO_FIELD_MAPPING field is not written and reads as its default", () => {
    const description = struct([
      field({ mapping: WS_XML_ATTRIBUTE_FIELD_MAPPING, localName: x("lang"), type: WS_STRING_TYPE, offset: "lang" }),
      field({ mapping: WS_NO_FIELD_MAPPING, type: WS_INT32_TYPE, offset: "local", defaultValue: { value: 9 } }),
    ]);
    const bytes = writeT(description, { lang: "en", local: 1 }, true).bytes;
    expect(hex(bytes)).toBe(
      "40 01 74 05 03 78 6d 6c 04 6c 61 6e 67 98 02 65 6e 01" /* <t xml:lang="en"/>: Attribute (prefix, name), Chars8Text */,
    );
    const read = readT(bytes, description, true);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ lang: "en", local: 9 });
  });

  it("refuses options on a WS_NO_FIELD_MAPPING field (E_INVALIDARG)", () => {
    const description = struct([field({ mapping: WS_NO_FIELD_MAPPING, type: WS_INT32_TYPE, options: WS_FIELD_OPTIONAL, offset: "local" })]);
    const read = readT("<t/>", description);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe("WsReadElement: field 0: WS_NO_FIELD_MAPPING can be used with WS_FIELD_OPTIONS value of 0 only.");
  });
});
