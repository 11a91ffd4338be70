import {
  E_INVALIDARG,
  S_OK,
  WS_ANY_ELEMENT_FIELD_MAPPING,
  WS_E_INVALID_FORMAT,
  WS_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_FIELD_OPTIONAL,
  WS_INT32_TYPE,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_STRING_TYPE,
  type WS_UNION_DESCRIPTION,
  WS_UNION_TYPE,
  WS_WRITE_REQUIRED_VALUE,
  type WS_XML_BUFFER,
  WS_XML_BUFFER_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsWriteType as writeType } from "../index.js";
import { EMPTY_NS, field, hex, newWriter, plainTree, readT, struct, writeT, written, x } from "./serialization.test-support.js";

/**
 * WS_UNION_TYPE (WS_UNION_DESCRIPTION) in WS_ELEMENT_CHOICE_FIELD_MAPPING and
 * WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING fields, after the docs' example: an enum selector
 * (ChoiceA = 10, ChoiceB = 20, None = 0) and a union of an int and a string, and Windows' behaviour
 * from Wine's tests (an unknown selector and a none value in a required field are E_INVALIDARG).
 */

const CHOICE_A = 10;
const CHOICE_B = 20;
const NONE = 0;

const union: WS_UNION_DESCRIPTION = {
  size: 24,
  alignment: 8,
  fields: [
    {
      value: CHOICE_A,
      field: field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("choiceA"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "value" }),
    },
    {
      value: CHOICE_B,
      field: field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("choiceB"), ns: x("urn:b"), type: WS_STRING_TYPE, offset: "value" }),
    },
  ],
  enumOffset: "choice",
  noneEnumValue: NONE,
  valueIndices: null,
};

const choiceStruct = (options = 0) =>
  struct([field({ mapping: WS_ELEMENT_CHOICE_FIELD_MAPPING, type: WS_UNION_TYPE, typeDescription: union, options, offset: "u" })]);

describe("WS_ELEMENT_CHOICE_FIELD_MAPPING", () => {
  it("writes each arm as its element, in text", () => {
    expect(writeT(choiceStruct(), { u: { choice: CHOICE_A, value: 123 } }).text).toBe("<t><choiceA>123</choiceA></t>");
    expect(writeT(choiceStruct(), { u: { choice: CHOICE_B, value: "hello" } }).text).toBe('<t><choiceB xmlns="urn:b">hello</choiceB></t>');
  });

  it("writes each arm in binary ([MC-NBFX] records)", () => {
    // <t>: ShortElement 0x40; <choiceA>: ShortElement; 123: Int8TextWithEndElement 0x89; </t>: EndElement 0x01.
    expect(hex(writeT(choiceStruct(), { u: { choice: CHOICE_A, value: 123 } }, true).bytes)).toBe(
      "40 01 74 40 07 63 68 6f 69 63 65 41 89 7b 01",
    );
    // <choiceB xmlns="urn:b">: ShortElement, ShortXmlnsAttribute 0x08; "hello": Chars8TextWithEndElement 0x99.
    expect(hex(writeT(choiceStruct(), { u: { choice: CHOICE_B, value: "hello" } }, true).bytes)).toBe(
      "40 01 74 40 07 63 68 6f 69 63 65 42 08 05 75 72 6e 3a 62 99 05 68 65 6c 6c 6f 01",
    );
  });

  it("reads each arm back, in text and in binary", () => {
    for (const binary of [false, true]) {
      for (const value of [
        { choice: CHOICE_A, value: -7 },
        { choice: CHOICE_B, value: "hi there" },
      ]) {
        const bytes = writeT(choiceStruct(), { u: value }, binary).bytes;
        const read = readT(binary ? bytes : new TextDecoder().decode(bytes), choiceStruct(), binary);
        expect(read.hr).toBe(S_OK);
        expect(plainTree(read.value)).toEqual({ u: value });
      }
    }
  });

  it("refuses the none value and an unknown selector in a required field (E_INVALIDARG)", () => {
    const none = writeT(choiceStruct(), { u: { choice: NONE } });
    expect(none.hr).toBe(E_INVALIDARG);
    expect(none.message).toBe("WsWriteElement: the value.u has the none value (0) of its union, but the field is not WS_FIELD_OPTIONAL.");
    const unknown = writeT(choiceStruct(), { u: { choice: 99, value: 1 } });
    expect(unknown.hr).toBe(E_INVALIDARG);
    expect(unknown.message).toBe(
      "WsWriteElement: the value.u.choice is number 99, which none of the 2 fields of its WS_UNION_DESCRIPTION has.",
    );
  });

  it("writes nothing for the none value of an optional field, and reads no element as the none value", () => {
    expect(writeT(choiceStruct(WS_FIELD_OPTIONAL), { u: { choice: NONE } }).text).toBe("<t/>");
    expect(hex(writeT(choiceStruct(WS_FIELD_OPTIONAL), { u: { choice: NONE } }, true).bytes)).toBe("40 01 74 01");
    const read = readT("<t/>", choiceStruct(WS_FIELD_OPTIONAL));
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ u: { choice: NONE } });
  });

  it("reads an element no arm has as WS_E_INVALID_FORMAT when required, and leaves it to the struct when optional", () => {
    const required = readT("<t><choiceC>1</choiceC></t>", choiceStruct());
    expect(required.hr).toBe(WS_E_INVALID_FORMAT);
    expect(required.message).toBe(
      "WsReadElement: the element <choiceC> is none of the 2 choices of <t>.u (the reader is at line 1, column 13).",
    );
    const optional = readT("<t><choiceC>1</choiceC></t>", choiceStruct(WS_FIELD_OPTIONAL));
    expect(optional.hr).toBe(WS_E_INVALID_FORMAT); // the unmapped <choiceC> follows the fields
    // An arm matches its element by namespace too: <choiceB> without urn:b is no arm.
    expect(readT("<t><choiceB>x</choiceB></t>", choiceStruct()).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("refuses a union field with options other than 0 and WS_FIELD_OPTIONAL, and a default value", () => {
    const pointer = writeT(choiceStruct(1 /* WS_FIELD_POINTER */), { u: { choice: CHOICE_A, value: 1 } });
    expect(pointer.hr).toBe(E_INVALIDARG);
    expect(pointer.message).toBe("WsWriteElement: field 0: WS_UNION_TYPE takes the options 0 or WS_FIELD_OPTIONAL only.");
    const withDefault = struct([{ ...choiceStruct().fields[0]!, defaultValue: { value: 1 } }]);
    expect(readT("<t><choiceA>1</choiceA></t>", withDefault).hr).toBe(E_INVALIDARG);
  });
});

describe("a union's any-element arm", () => {
  const withAny: WS_UNION_DESCRIPTION = {
    ...union,
    fields: [
      ...union.fields,
      { value: 30, field: field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "other" }) },
    ],
  };
  const description = struct([
    field({ mapping: WS_ELEMENT_CHOICE_FIELD_MAPPING, type: WS_UNION_TYPE, typeDescription: withAny, offset: "u" }),
  ]);

  it("takes any other element as an XML buffer, and writes it back (declarations after the attributes, as the writer puts them)", () => {
    for (const binary of [false, true]) {
      const source = '<t><x:other xmlns:x="urn:x" a="1"><y>text</y></x:other></t>';
      const input = binary ? writeViaBuffer(source) : source;
      const read = readT(input, description, binary);
      expect(read.hr).toBe(S_OK);
      const u = (read.value as { u: { choice: number; other: WS_XML_BUFFER } }).u;
      expect(u.choice).toBe(30);
      const again = writeT(description, { u }, binary);
      expect(again.hr).toBe(S_OK);
      if (!binary) expect(again.text).toBe('<t><x:other a="1" xmlns:x="urn:x"><y>text</y></x:other></t>');
      else expect(hex(again.bytes)).toBe(hex(input as Uint8Array));
    }
  });

  it("refuses an any-element arm that is not last (E_INVALIDARG)", () => {
    const misplaced = { ...withAny, fields: [withAny.fields[2]!, ...union.fields] };
    const bad = struct([field({ mapping: WS_ELEMENT_CHOICE_FIELD_MAPPING, type: WS_UNION_TYPE, typeDescription: misplaced, offset: "u" })]);
    const read = readT("<t><choiceA>1</choiceA></t>", bad);
    expect(read.hr).toBe(E_INVALIDARG);
    expect(read.message).toBe(
      "WsReadElement: union field 0 has WS_FIELD_MAPPING 9; a union's fields are elements (WS_ELEMENT_FIELD_MAPPING), and WS_ANY_ELEMENT_FIELD_MAPPING only as the last one.",
    );
  });
});

/** The binary form of a text document, as the binary writer writes it (a binary round trip of the any-element test). */
function writeViaBuffer(source: string): Uint8Array {
  const read = readT(source, struct([field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "e" })]));
  expect(read.hr).toBe(S_OK);
  return writeT(struct([field({ mapping: WS_ANY_ELEMENT_FIELD_MAPPING, type: WS_XML_BUFFER_TYPE, offset: "e" })]), read.value, true).bytes;
}

describe("WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING", () => {
  const repeating = (more: object = {}) =>
    struct([
      field({ mapping: WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING, type: WS_UNION_TYPE, typeDescription: union, offset: "items", ...more }),
    ]);
  const items = [
    { choice: CHOICE_A, value: 1 },
    { choice: CHOICE_B, value: "two" },
    { choice: CHOICE_A, value: 3 },
  ];

  it("writes and reads the items without a wrapper", () => {
    const out = writeT(repeating(), { items });
    expect(out.text).toBe('<t><choiceA>1</choiceA><choiceB xmlns="urn:b">two</choiceB><choiceA>3</choiceA></t>');
    const read = readT(out.text, repeating());
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ items });
  });

  it("writes and reads the items inside a wrapper, in binary too", () => {
    const description = repeating({ localName: x("list"), ns: EMPTY_NS });
    const out = writeT(description, { items: items.slice(0, 2) }, true);
    expect(hex(out.bytes)).toBe(
      "40 01 74 40 04 6c 69 73 74 40 07 63 68 6f 69 63 65 41 83 40 07 63 68 6f 69 63 65 42 08 05 75 72 6e 3a 62 99 03 74 77 6f 01 01",
    );
    const read = readT(out.bytes, description, true);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ items: items.slice(0, 2) });
    expect(writeT(description, { items: [] }).text).toBe("<t><list/></t>");
  });

  it("reads exactly minItemCount and maxItemCount items, and refuses one fewer or one more", () => {
    const description = repeating({ itemRange: { minItemCount: 1, maxItemCount: 2 } });
    const doc = (n: number) => `<t>${"<choiceA>1</choiceA>".repeat(n)}</t>`;
    expect(readT(doc(1), description).hr).toBe(S_OK);
    expect(readT(doc(2), description).hr).toBe(S_OK);
    const under = readT(doc(0), description);
    expect(under.hr).toBe(WS_E_INVALID_FORMAT);
    expect(under.message).toBe(
      "WsReadElement: <t>.items has 0 items, fewer than the 1 its itemRange requires (the reader is at line 1, column 8).",
    );
    const over = readT(doc(3), description);
    expect(over.hr).toBe(WS_E_INVALID_FORMAT);
    expect(over.message).toBe(
      "WsReadElement: <t>.items has more than the 2 items its itemRange allows (the reader is at line 1, column 53).",
    );
  });

  it("refuses an item with the none value (E_INVALIDARG)", () => {
    expect(writeT(repeating(), { items: [{ choice: NONE }] }).hr).toBe(E_INVALIDARG);
  });
});

describe("WS_UNION_TYPE with WsWriteType and WsReadElement", () => {
  it("writes a union as element content and reads it from an element", () => {
    const writer = newWriter();
    expect(
      writeType(writer, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_UNION_TYPE, union, WS_WRITE_REQUIRED_VALUE, { choice: CHOICE_A, value: 5 }),
    ).toBe(S_OK);
    expect(written(writer)).toBe("<choiceA>5</choiceA>");
    const read = readT("<t><choiceA>5</choiceA></t>", union, false, undefined, WS_UNION_TYPE);
    expect(read.hr).toBe(S_OK);
    expect(plainTree(read.value)).toEqual({ choice: CHOICE_A, value: 5 });
    expect(writeT(union, { choice: CHOICE_B, value: "s" }, false, WS_UNION_TYPE).text).toBe('<t><choiceB xmlns="urn:b">s</choiceB></t>');
  });

  it("refuses WS_ATTRIBUTE_TYPE_MAPPING (E_INVALIDARG)", () => {
    const writer = newWriter();
    expect(
      writeType(writer, 2 /* WS_ATTRIBUTE_TYPE_MAPPING */, WS_UNION_TYPE, union, WS_WRITE_REQUIRED_VALUE, { choice: CHOICE_A, value: 5 }),
    ).toBe(E_INVALIDARG);
  });
});
