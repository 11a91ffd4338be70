import {
  E_INVALIDARG,
  S_OK,
  WS_DESCRIPTION_TYPE,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_FIELD_MAPPING,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  WS_INT32_TYPE,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_STRING_TYPE,
  WS_STRUCT_ABSTRACT,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_TYPE_ATTRIBUTE_FIELD_MAPPING,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { EMPTY_NS, field, hex, plainTree, readT, STRUCT, struct, writeT, x } from "./serialization.test-support.js";

/**
 * Struct inheritance: WS_STRUCT_DESCRIPTION subTypes/parentType, the WS_TYPE_ATTRIBUTE_FIELD_MAPPING
 * field (WS_DESCRIPTION_TYPE) that holds a value's own description, and xsi:type on the element
 * (the docs' example: `<field xsi:type='Derived'> … base fields … derived fields … </field>`).
 */

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const typeField = field({ mapping: WS_TYPE_ATTRIBUTE_FIELD_MAPPING, type: WS_DESCRIPTION_TYPE, offset: "_type" });
const aField = field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("a"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "a" });
const bField = field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("b"), ns: EMPTY_NS, type: WS_STRING_TYPE, offset: "b" });

/** Base { a } with the subtype Derived { a, b } ("the fields for both structures must be included in the derived struct description"). */
function hierarchy(baseOptions = 0) {
  const base: WS_STRUCT_DESCRIPTION = struct([typeField, aField], {
    typeLocalName: x("Base"),
    typeNs: x("urn:t"),
    structOptions: baseOptions,
  });
  const derived: WS_STRUCT_DESCRIPTION = struct([typeField, aField, bField], {
    typeLocalName: x("Derived"),
    typeNs: x("urn:t"),
    parentType: base,
  });
  base.subTypes = [derived];
  return { base, derived };
}

describe("writing a subtype", () => {
  it("writes xsi:type and the derived fields, in text", () => {
    const { base, derived } = hierarchy();
    const out = writeT(base, { _type: derived, a: 1, b: "x" });
    expect(out.hr).toBe(S_OK);
    // The type's namespace is declared first (prefix a), so xsi gets the next generated prefix.
    expect(out.text).toBe(`<t b:type="a:Derived" xmlns:a="urn:t" xmlns:b="${XSI}"><a>1</a><b>x</b></t>`);
  });

  it("writes xsi:type in binary as a qualified-name attribute", () => {
    const { base, derived } = hierarchy();
    const out = writeT(base, { _type: derived, a: 1, b: "x" }, true);
    const xsi = Array.from(new TextEncoder().encode(XSI), (b) => b.toString(16).padStart(2, "0")).join(" ");
    expect(hex(out.bytes)).toBe(
      [
        "40 01 74", // <t>: ShortElement
        "27 04 74 79 70 65", // b:type=: PrefixAttributeB
        "98 09 61 3a 44 65 72 69 76 65 64", // "a:Derived": Chars8Text
        "09 01 61 05 75 72 6e 3a 74", // xmlns:a="urn:t": XmlnsAttribute
        `09 01 62 29 ${xsi}`, // xmlns:b=XSI
        "40 01 61 83", // <a>1</a>: ShortElement, OneTextWithEndElement
        "40 01 62 99 01 78", // <b>x</b>: Chars8TextWithEndElement
        "01", // </t>
      ].join(" "),
    );
  });

  it("writes the base type without xsi:type, whether _type names it or is null", () => {
    const { base } = hierarchy();
    expect(writeT(base, { _type: base, a: 1 }).text).toBe("<t><a>1</a></t>");
    expect(writeT(base, { _type: null, a: 1 }).text).toBe("<t><a>1</a></t>");
  });

  it("refuses a _type that is not the declared type nor one of its subTypes (E_INVALIDARG)", () => {
    const { base } = hierarchy();
    const stranger = struct([typeField, aField], { typeLocalName: x("Other"), typeNs: x("urn:t") });
    const out = writeT(base, { _type: stranger, a: 1 });
    expect(out.hr).toBe(E_INVALIDARG);
  });

  it("refuses an abstract type (E_INVALIDARG) but writes its subtype", () => {
    const { base, derived } = hierarchy(WS_STRUCT_ABSTRACT);
    const out = writeT(base, { _type: base, a: 1 });
    expect(out.hr).toBe(E_INVALIDARG);
    expect(out.message).toBe(
      'WsWriteElement: the value is of an abstract type (WS_STRUCT_ABSTRACT), which "cannot be serialized"; give it one of its subTypes.',
    );
    expect(writeT(base, { _type: derived, a: 1, b: "y" }).hr).toBe(S_OK);
  });
});

describe("reading a subtype", () => {
  it("reads the type xsi:type names, and sets the type field to its description", () => {
    const { base, derived } = hierarchy();
    for (const binary of [false, true]) {
      const bytes = writeT(base, { _type: derived, a: 7, b: "z" }, binary).bytes;
      const read = readT(binary ? bytes : new TextDecoder().decode(bytes), base, binary);
      expect(read.hr).toBe(S_OK);
      const value = read.value as Record<string, unknown>;
      expect(value._type).toBe(derived);
      expect(plainTree({ ...value, _type: null })).toEqual({ _type: null, a: 7, b: "z" });
    }
  });

  it("reads the declared type without xsi:type, or with one naming it", () => {
    const { base } = hierarchy();
    const plainRead = readT("<t><a>3</a></t>", base);
    expect(plainRead.hr).toBe(S_OK);
    expect((plainRead.value as Record<string, unknown>)._type).toBe(base);
    const named = readT(`<t xmlns:i="${XSI}" xmlns:p="urn:t" i:type="p:Base"><a>3</a></t>`, base);
    expect(named.hr).toBe(S_OK);
    expect((named.value as Record<string, unknown>)._type).toBe(base);
  });

  it("refuses an unknown xsi:type (WS_E_INVALID_FORMAT)", () => {
    const { base } = hierarchy();
    const read = readT(`<t xmlns:i="${XSI}" xmlns:p="urn:t" i:type="p:Unknown"><a>3</a></t>`, base);
    expect(read.hr).toBe(WS_E_INVALID_FORMAT);
    expect(read.message).toBe(
      'WsReadElement: xsi:type="p:Unknown" on <t> names neither the type Base nor one of its subTypes (the reader is at line 1, column 91).',
    );
    // The right local name in another namespace is no match either.
    expect(readT(`<t xmlns:i="${XSI}" xmlns:p="urn:other" i:type="p:Derived"><a>3</a><b/></t>`, base).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses an abstract type without xsi:type (WS_E_INVALID_FORMAT), and reads its subtype", () => {
    const { base, derived } = hierarchy(WS_STRUCT_ABSTRACT);
    const read = readT("<t><a>3</a></t>", base);
    expect(read.hr).toBe(WS_E_INVALID_FORMAT);
    const sub = readT(`<t xmlns:i="${XSI}" xmlns:p="urn:t" i:type="p:Derived"><a>3</a><b>q</b></t>`, base);
    expect(sub.hr).toBe(S_OK);
    expect((sub.value as Record<string, unknown>)._type).toBe(derived);
  });

  it("applies the subtype's own options: WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT and WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES", () => {
    const { base, derived } = hierarchy();
    const doc = `<t xmlns:i="${XSI}" xmlns:p="urn:t" i:type="p:Derived" extra="1"><a>3</a><b>q</b><more/></t>`;
    expect(readT(doc, base).hr).toBe(WS_E_INVALID_FORMAT);
    derived.structOptions = WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT | WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES;
    const read = readT(doc, base);
    expect(read.hr).toBe(S_OK);
    expect((read.value as Record<string, unknown>).b).toBe("q");
  });
});

describe("a subtype in a field", () => {
  it("writes and reads a derived value in an element field and in the items of a repeating field", () => {
    const { base, derived } = hierarchy();
    const holder = struct([
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("one"),
        ns: EMPTY_NS,
        type: STRUCT,
        typeDescription: base,
        options: WS_FIELD_POINTER,
        offset: "one",
      }),
      field({
        mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
        itemLocalName: x("item"),
        itemNs: EMPTY_NS,
        type: STRUCT,
        typeDescription: base,
        options: WS_FIELD_POINTER,
        offset: "many",
      }),
    ]);
    const value = {
      one: { _type: derived, a: 1, b: "x" },
      many: [
        { _type: base, a: 2 },
        { _type: derived, a: 3, b: "y" },
      ],
    };
    const out = writeT(holder, value);
    expect(out.text).toBe(
      `<t><one b:type="a:Derived" xmlns:a="urn:t" xmlns:b="${XSI}"><a>1</a><b>x</b></one>` +
        `<item><a>2</a></item><item b:type="a:Derived" xmlns:a="urn:t" xmlns:b="${XSI}"><a>3</a><b>y</b></item></t>`,
    );
    for (const binary of [false, true]) {
      const bytes = writeT(holder, value, binary).bytes;
      const read = readT(binary ? bytes : out.text, holder, binary);
      expect(read.hr).toBe(S_OK);
      const got = read.value as { one: Record<string, unknown>; many: Record<string, unknown>[] };
      expect([got.one._type, got.many[0]!._type, got.many[1]!._type]).toEqual([derived, base, derived]);
      expect(got.many[1]!.b).toBe("y");
    }
  });

  it("refuses an optional struct field without WS_FIELD_POINTER (E_INVALIDARG)", () => {
    const { base } = hierarchy();
    const holder = struct([
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("one"),
        ns: EMPTY_NS,
        type: STRUCT,
        typeDescription: base,
        options: WS_FIELD_OPTIONAL,
        offset: "one",
      }),
    ]);
    const read = readT("<t/>", holder);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe("WsReadElement: field 0 <one>: an optional WS_STRUCT_TYPE field needs WS_FIELD_POINTER.");
  });
});
