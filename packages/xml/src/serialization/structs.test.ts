import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_BOOL_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  WS_ENUM_TYPE,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  WS_GUID_TYPE,
  WS_INT32_TYPE,
  WS_NO_FIELD_MAPPING,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_STRING_TYPE,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_TEXT_FIELD_MAPPING,
  WS_VOID_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsReadElement,
  WsReadType,
  WsWriteAttribute,
  WsWriteElement,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteType,
} from "../index.js";
import { onElement, readerOn, where } from "../reader-content/reader.test-support.js";
import { EMPTY_NS, field, firstString, newError, newHeap, newWriter, STRUCT, struct, written, x } from "./serialization.test-support.js";

const XSI = 'xmlns:a="http://www.w3.org/2001/XMLSchema-instance"';

/** Writes `value` as the element <t> (WsWriteElement) and returns the document. */
function writeT(description: unknown, value: unknown): string {
  const writer = newWriter();
  const element = { elementLocalName: x("t"), elementNs: EMPTY_NS, type: STRUCT, typeDescription: description };
  expect(WsWriteElement(writer, element as never, WS_WRITE_REQUIRED_VALUE, value)).toBe(S_OK);
  return written(writer);
}

/** Reads <t> (WsReadElement) as the struct, returning the HRESULT, value and first error string. */
function readT(xml: string, description: unknown, heap = newHeap()) {
  const value = ref<unknown>("unset");
  const error = newError();
  const element = { elementLocalName: x("t"), elementNs: EMPTY_NS, type: STRUCT, typeDescription: description };
  const hr = WsReadElement(readerOn(xml), element as never, WS_READ_REQUIRED_VALUE, heap, value, error);
  return { hr, value: value.value, message: hr === S_OK ? "" : firstString(error) };
}

describe("the struct binding", () => {
  it("names a field by the string in its offset, and refuses a number there (E_INVALIDARG)", () => {
    const description = struct([
      field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("n"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "count" }),
    ]);
    expect(writeT(description, { count: 3 })).toBe("<t><n>3</n></t>");
    const read = readT("<t><n>3</n></t>", description);
    expect(read.hr).toBe(S_OK);
    expect(Object.getPrototypeOf(read.value)).toBeNull();
    expect({ ...(read.value as object) }).toEqual({ count: 3 });

    const numbered = struct([{ ...description.fields[0]!, offset: 0 as unknown as string }]);
    const error = newError();
    const writer = newWriter();
    const element = { elementLocalName: x("t"), elementNs: EMPTY_NS, type: STRUCT, typeDescription: numbered };
    expect(WsWriteElement(writer, element as never, WS_WRITE_REQUIRED_VALUE, { count: 3 }, error)).toBe(E_INVALIDARG);
    expect(firstString(error)).toBe(
      "WsWriteElement: field 0 <n> has offset number 0; in wwsapi-ts a WS_FIELD_DESCRIPTION's offset is the name of the property that holds the field (a non-empty string).",
    );
  });

  it("reads a field named like an Object.prototype member as a plain property", () => {
    const description = struct([
      field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("c"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "constructor" }),
    ]);
    const read = readT("<t><c>1</c></t>", description);
    expect((read.value as Record<string, unknown>).constructor).toBe(1);
  });
});

describe("struct fields", () => {
  it("writes the options as Windows does (Wine's test_field_options)", () => {
    // GUID optional (zero: left out); BOOL* nillable (NULL: nil); INT32* nillable; WS_XML_STRING
    // nillable (nil); WCHAR* optional and nillable (NULL: left out).
    const description = struct([
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("guid"),
        ns: EMPTY_NS,
        type: WS_GUID_TYPE,
        options: WS_FIELD_OPTIONAL,
        offset: "guid",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("bool"),
        ns: EMPTY_NS,
        type: WS_BOOL_TYPE,
        options: WS_FIELD_POINTER | WS_FIELD_NILLABLE,
        offset: "bool",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("int32"),
        ns: EMPTY_NS,
        type: WS_INT32_TYPE,
        options: WS_FIELD_POINTER | WS_FIELD_NILLABLE,
        offset: "int32",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("xmlstr"),
        ns: EMPTY_NS,
        type: WS_XML_STRING_TYPE,
        options: WS_FIELD_NILLABLE,
        offset: "xmlstr",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("str"),
        ns: EMPTY_NS,
        type: WS_WSZ_TYPE,
        options: WS_FIELD_OPTIONAL | WS_FIELD_NILLABLE,
        offset: "str",
      }),
    ]);
    const value = { guid: new Uint8Array(16), bool: null, int32: -1, xmlstr: null, str: null };
    const expected = `<t><bool a:nil="true" ${XSI}/><int32>-1</int32><xmlstr a:nil="true" ${XSI}/></t>`;
    expect(writeT(description, value)).toBe(expected);
    const read = readT(expected, description);
    expect(read.hr).toBe(S_OK);
    expect({ ...(read.value as object) }).toEqual(value);
  });

  it("maps attributes, xml: attributes and text, and discards with WS_VOID_TYPE", () => {
    const description = struct([
      field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("id"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "id" }),
      field({ mapping: WS_XML_ATTRIBUTE_FIELD_MAPPING, localName: x("lang"), type: WS_STRING_TYPE, offset: "lang" }),
      field({
        mapping: WS_ATTRIBUTE_FIELD_MAPPING,
        localName: x("skip"),
        ns: EMPTY_NS,
        type: WS_VOID_TYPE,
        options: WS_FIELD_OPTIONAL,
        offset: "-",
      }),
      field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_STRING_TYPE, offset: "text" }),
      field({ mapping: WS_NO_FIELD_MAPPING, type: WS_INT32_TYPE, offset: "local", defaultValue: { value: 9 } }),
    ]);
    const xml = '<t id="7" xml:lang="en">a &amp; b</t>';
    expect(writeT(description, { id: 7, lang: "en", text: "a & b", local: 1 })).toBe(xml);
    const read = readT('<t skip="x" id="7" xml:lang="en">a &amp; b</t>', description);
    expect(read.hr).toBe(S_OK);
    expect({ ...(read.value as object) }).toEqual({ id: 7, lang: "en", text: "a & b", local: 9 });
  });

  it("refuses attributes no field maps, unless WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES", () => {
    const fields = [field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_INT32_TYPE, offset: "v" })];
    const strict = readT('<t other="1">5</t>', struct(fields));
    expect(strict.hr).toBe(WS_E_INVALID_FORMAT);
    expect(strict.message).toBe(
      "WsReadElement: the attribute <other> of <t> is not mapped by any field (the reader is at line 1, column 14).",
    );
    const lenient = readT('<t other="1">5</t>', struct(fields, { structOptions: WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES }));
    expect({ ...(lenient.value as object) }).toEqual({ v: 5 });
  });

  it("reads optional fields as their default, and refuses a missing required one", () => {
    const description = struct([
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("a"),
        ns: EMPTY_NS,
        type: WS_INT32_TYPE,
        options: WS_FIELD_OPTIONAL,
        defaultValue: { value: 42 },
        offset: "a",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("b"),
        ns: EMPTY_NS,
        type: WS_INT32_TYPE,
        options: WS_FIELD_OPTIONAL,
        offset: "b",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("c"),
        ns: EMPTY_NS,
        type: WS_INT32_TYPE,
        options: WS_FIELD_OPTIONAL | WS_FIELD_POINTER,
        offset: "c",
      }),
      field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("d"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "d" }),
    ]);
    expect({ ...(readT("<t><d>1</d></t>", description).value as object) }).toEqual({ a: 42, b: 0, c: null, d: 1 });
    // An optional value equal to its default is not written.
    expect(writeT(description, { a: 42, b: 0, c: null, d: 1 })).toBe("<t><d>1</d></t>");
    expect(writeT(description, { a: 1, b: 2, c: 3, d: 4 })).toBe("<t><a>1</a><b>2</b><c>3</c><d>4</d></t>");
    const missing = readT("<t><a>1</a></t>", description);
    expect(missing.hr).toBe(WS_E_INVALID_FORMAT);
    expect(missing.message).toBe(
      "WsReadElement: <d> (field d) was expected in <t>, but the reader is on an end element (the reader is at line 1, column 16).",
    );
  });

  it("maps repeating elements with and without a wrapper, with nil items and item ranges", () => {
    const items = field({
      mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
      localName: x("list"),
      ns: EMPTY_NS,
      itemLocalName: x("i"),
      itemNs: EMPTY_NS,
      type: WS_INT32_TYPE,
      options: WS_FIELD_POINTER | WS_FIELD_NILLABLE_ITEM,
      itemRange: { minItemCount: 1, maxItemCount: 3 },
      offset: "list",
    });
    const bare = field({
      mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
      itemLocalName: x("s"),
      itemNs: EMPTY_NS,
      type: WS_STRING_TYPE,
      offset: "strings",
    });
    const description = struct([items, bare]);
    const xml = `<t><list><i>1</i><i a:nil="true" ${XSI}/><i>3</i></list><s>x</s><s>y</s></t>`;
    expect(writeT(description, { list: [1, null, 3], strings: ["x", "y"] })).toBe(xml);
    const read = readT(xml, description);
    expect(read.hr).toBe(S_OK);
    expect({ ...(read.value as object) }).toEqual({ list: [1, null, 3], strings: ["x", "y"] });

    const tooMany = readT("<t><list><i>1</i><i>2</i><i>3</i><i>4</i></list></t>", description);
    expect(tooMany.hr).toBe(WS_E_INVALID_FORMAT);
    expect(tooMany.message).toBe(
      "WsReadElement: <t>.list has more than the 3 items its itemRange allows (the reader is at line 1, column 37).",
    );
    expect(readT("<t><list></list></t>", description).message).toBe(
      "WsReadElement: <t>.list has 0 items, fewer than the 1 its itemRange requires (the reader is at line 1, column 21).",
    );
  });

  it("nests structs and enums", () => {
    const color = {
      values: [
        { value: 0, name: x("Red") },
        { value: 1, name: x("Blue") },
      ],
      maxByteCount: 4,
      nameIndices: [],
    };
    const point = struct([
      field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("x"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "x" }),
      field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("y"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "y" }),
    ]);
    const description = struct([
      field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("at"), ns: x("urn:g"), type: STRUCT, typeDescription: point, offset: "at" }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("from"),
        ns: x("urn:g"),
        type: STRUCT,
        typeDescription: point,
        options: WS_FIELD_POINTER | WS_FIELD_NILLABLE,
        offset: "from",
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        localName: x("color"),
        ns: x("urn:g"),
        type: WS_ENUM_TYPE,
        typeDescription: color,
        offset: "color",
      }),
    ]);
    const value = { at: { x: 1, y: -2 }, from: null, color: 1 };
    const xml = `<t><at x="1" y="-2" xmlns="urn:g"/><from a:nil="true" xmlns="urn:g" ${XSI}/><color xmlns="urn:g">Blue</color></t>`;
    expect(writeT(description, value)).toBe(xml);
    const read = readT(xml, description);
    expect(read.hr).toBe(S_OK);
    expect(JSON.parse(JSON.stringify(read.value))).toEqual(value);
    expect(readT(xml.replace("Blue", "Green"), description).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("reads a struct as content from where the reader is, as Windows does", () => {
    const description = struct([
      field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("str"), ns: EMPTY_NS, type: WS_WSZ_TYPE, offset: "str" }),
    ]);
    const value = ref<unknown>(null);
    const reader = readerOn("<str>test</str>");
    expect(WsReadType(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, STRUCT, description, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ str: "test" });
    expect(where(reader)).toBe("eof");
    const two = readerOn("<str>test</str><str>test2</str>");
    expect(WsReadType(two, WS_ELEMENT_CONTENT_TYPE_MAPPING, STRUCT, description, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(
      WS_E_INVALID_FORMAT,
    );
    // Attribute fields are read from the element with WS_ELEMENT_TYPE_MAPPING.
    const attribute = struct([
      field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("str"), ns: EMPTY_NS, type: WS_WSZ_TYPE, offset: "str" }),
    ]);
    const onTest = onElement('<test str="test"/>');
    expect(WsReadType(onTest, WS_ELEMENT_TYPE_MAPPING, STRUCT, attribute, WS_READ_REQUIRED_POINTER, newHeap(), value)).toBe(S_OK);
    expect({ ...(value.value as object) }).toEqual({ str: "test" });
    expect(where(onTest)).toBe("eof");
  });

  it("skips trailing content with WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT", () => {
    const fields = [field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x("a"), ns: EMPTY_NS, type: WS_INT32_TYPE, offset: "a" })];
    const xml = "<t><a>1</a><extra><deep/></extra>text</t>";
    expect(readT(xml, struct(fields)).hr).toBe(WS_E_INVALID_FORMAT);
    expect({ ...(readT(xml, struct(fields, { structOptions: WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT })).value as object) }).toEqual({
      a: 1,
    });
  });

  it("writes a struct as an attribute value from its text field, and with WsWriteType in content (Windows)", () => {
    const description = struct([field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_WSZ_TYPE, offset: "field" })]);
    const writer = newWriter();
    expect(WsWriteStartElement(writer, null, x("struct"), EMPTY_NS)).toBe(S_OK);
    expect(WsWriteStartAttribute(writer, null, x("struct"), EMPTY_NS, false)).toBe(S_OK);
    expect(WsWriteType(writer, WS_ATTRIBUTE_TYPE_MAPPING, STRUCT, description, WS_WRITE_REQUIRED_POINTER, { field: "value" })).toBe(S_OK);
    expect(WsWriteEndAttribute(writer)).toBe(S_OK);
    expect(WsWriteEndElement(writer)).toBe(S_OK);
    expect(written(writer)).toBe('<struct struct="value"/>');

    const attribute = struct([field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, type: WS_WSZ_TYPE, offset: "str" })]);
    const element = { elementLocalName: x("str"), elementNs: EMPTY_NS, type: STRUCT, typeDescription: attribute };
    // "requires localName and ns to be set" (Windows: E_INVALIDARG)
    expect(WsWriteElement(newWriter(), element as never, WS_WRITE_REQUIRED_POINTER, { str: "test" })).toBe(E_INVALIDARG);
    const withName = struct([
      field({ mapping: WS_ATTRIBUTE_FIELD_MAPPING, localName: x("str"), ns: EMPTY_NS, type: WS_WSZ_TYPE, offset: "str" }),
    ]);
    const writer2 = newWriter();
    expect(WsWriteElement(writer2, { ...element, typeDescription: withName } as never, WS_WRITE_REQUIRED_POINTER, { str: "test" })).toBe(
      S_OK,
    );
    expect(written(writer2)).toBe('<str str="test"/>');
    const attr = { attributeLocalName: x("str"), attributeNs: EMPTY_NS, type: STRUCT, typeDescription: description };
    const writer3 = newWriter();
    expect(WsWriteStartElement(writer3, null, x("str"), EMPTY_NS)).toBe(S_OK);
    expect(WsWriteAttribute(writer3, attr as never, WS_WRITE_REQUIRED_POINTER, { field: "test" })).toBe(S_OK);
    expect(WsWriteEndElement(writer3)).toBe(S_OK);
    expect(written(writer3)).toBe('<str str="test"/>');
  });

  it("accounts the struct, its pointer fields and arrays on the heap", () => {
    const description = struct(
      [
        field({
          mapping: WS_ELEMENT_FIELD_MAPPING,
          localName: x("p"),
          ns: EMPTY_NS,
          type: WS_INT32_TYPE,
          options: WS_FIELD_POINTER,
          offset: "p",
        }),
        field({
          mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
          itemLocalName: x("i"),
          itemNs: EMPTY_NS,
          type: WS_INT32_TYPE,
          offset: "items",
        }),
      ],
      { size: 24 },
    );
    const xml = "<t><p>1</p><i>1</i><i>2</i><i>3</i></t>";
    // p: 4 bytes; items: 3 × 4; the struct itself is the caller's (WS_READ_REQUIRED_VALUE).
    expect(readT(xml, description, newHeap(16)).hr).toBe(S_OK);
    const tight = readT(xml, description, newHeap(15));
    expect(tight.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(tight.message).toBe(
      "WsReadElement: allocating 12 bytes for <t>.items would exceed the heap's maximum size of 15 bytes (4 already allocated).",
    );
    const pointer = ref<unknown>(null);
    const element = { elementLocalName: x("t"), elementNs: EMPTY_NS, type: STRUCT, typeDescription: description };
    expect(WsReadElement(readerOn(xml), element as never, WS_READ_REQUIRED_POINTER, newHeap(39), pointer)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(WsReadElement(readerOn(xml), element as never, WS_READ_REQUIRED_POINTER, newHeap(40), pointer)).toBe(S_OK);
  });
});
