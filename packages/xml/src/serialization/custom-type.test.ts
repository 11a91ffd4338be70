import {
  E_FAIL,
  E_OUTOFMEMORY,
  type HRESULT,
  ref,
  S_OK,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_ATTRIBUTE_TYPE_MAPPING,
  WS_CUSTOM_TYPE,
  type WS_CUSTOM_TYPE_DESCRIPTION,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_ELEMENT_CONTENT_TYPE_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ELEMENT_TYPE_MAPPING,
  WS_FIELD_OPTIONAL,
  type WS_HEAP,
  type WS_IS_DEFAULT_VALUE_CALLBACK,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  type WS_READ_TYPE_CALLBACK,
  WS_STRING_TYPE,
  WS_TEXT_FIELD_MAPPING,
  type WS_TYPE_MAPPING,
  WS_WRITE_REQUIRED_VALUE,
  type WS_WRITE_TYPE_CALLBACK,
  WS_XML_NODE_TYPE_END_ELEMENT,
  type WS_XML_READER,
  type WS_XML_WRITER,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsReadEndAttribute,
  WsReadStartAttribute,
  WsReadStartElement,
  WsReadType,
  WsWriteEndAttribute,
  WsWriteEndElement,
  WsWriteStartAttribute,
  WsWriteStartElement,
  WsWriteType,
} from "../index.js";
import { current, inContent, onElement } from "../reader-content/reader.test-support.js";
import {
  EMPTY_NS,
  field,
  firstString,
  hex,
  newError,
  newHeap,
  newWriter,
  plain,
  readT,
  struct,
  writeT,
  written,
  x,
} from "./serialization.test-support.js";

/** The custom type of the tests: a point {x, y} whose XML form is the text "x,y". */
interface Point {
  x: number;
  y: number;
}

/** What the callbacks were called with, in order. */
type Calls = { callback: string; mapping?: WS_TYPE_MAPPING; descriptionData: unknown }[];

const DESCRIPTION_DATA = { tag: "point" };

/**
 * The point's callbacks. They use the flat API on the reader/writer they are given, as an
 * application's callbacks do: the text is a WS_STRING read or written with the same mapping, so
 * the serializer's placing of the reader/writer per mapping is what they rely on.
 */
function pointType(calls: Calls, overrides: Partial<WS_CUSTOM_TYPE_DESCRIPTION> = {}): WS_CUSTOM_TYPE_DESCRIPTION {
  const readCallback: WS_READ_TYPE_CALLBACK = (reader, mapping, descriptionData, heap, value, error) => {
    calls.push({ callback: "read", mapping, descriptionData });
    const textValue = ref<unknown>(null);
    const hr = WsReadType(reader, mapping, WS_STRING_TYPE, null, WS_READ_REQUIRED_VALUE, heap, textValue, error);
    if (hr !== S_OK) return hr;
    const [px, py] = String(textValue.value).split(",");
    value.value = { x: Number(px), y: Number(py) } satisfies Point;
    return S_OK;
  };
  const writeCallback: WS_WRITE_TYPE_CALLBACK = (writer, mapping, descriptionData, value, error) => {
    calls.push({ callback: "write", mapping, descriptionData });
    const point = value as Point;
    return WsWriteType(writer, mapping, WS_STRING_TYPE, null, WS_WRITE_REQUIRED_VALUE, `${point.x},${point.y}`, error);
  };
  const isDefaultValueCallback: WS_IS_DEFAULT_VALUE_CALLBACK = (descriptionData, value, defaultValue, isDefault) => {
    calls.push({ callback: "isDefault", descriptionData });
    const point = value as Point;
    const base = (defaultValue as Point | null) ?? { x: 0, y: 0 };
    isDefault.value = point.x === base.x && point.y === base.y;
    return S_OK;
  };
  return { size: 8, alignment: 4, readCallback, writeCallback, descriptionData: DESCRIPTION_DATA, isDefaultValueCallback, ...overrides };
}

/** <t> started, `body` run on the writer, <t> ended: the document. */
function inT(body: (writer: WS_XML_WRITER) => void): string {
  const writer = newWriter();
  expect(WsWriteStartElement(writer, null, x("t"), EMPTY_NS)).toBe(S_OK);
  body(writer);
  expect(WsWriteEndElement(writer)).toBe(S_OK);
  return written(writer);
}

function readCustom(reader: WS_XML_READER, mapping: WS_TYPE_MAPPING, description: unknown, heap: WS_HEAP = newHeap()) {
  const value = ref<unknown>("unset");
  const error = newError();
  const hr = WsReadType(reader, mapping, WS_CUSTOM_TYPE, description, WS_READ_REQUIRED_POINTER, heap, value, error);
  return { hr, value: value.value, message: hr === S_OK ? "" : firstString(error) };
}

describe("WS_CUSTOM_TYPE as an element (WsWriteElement / WsReadElement)", () => {
  it("writes the element's content through the writeCallback, with WS_ELEMENT_TYPE_MAPPING and descriptionData", () => {
    const calls: Calls = [];
    const out = writeT(pointType(calls), { x: 1, y: -2 }, false, WS_CUSTOM_TYPE);
    expect(out.hr).toBe(S_OK);
    expect(out.text).toBe("<t>1,-2</t>");
    expect(calls).toEqual([{ callback: "write", mapping: WS_ELEMENT_TYPE_MAPPING, descriptionData: DESCRIPTION_DATA }]);
  });

  it("reads the whole element through the readCallback (the reader is on the element)", () => {
    const calls: Calls = [];
    const got = readT("<t>3,4</t>", pointType(calls), false, newHeap(), WS_CUSTOM_TYPE);
    expect(got.hr).toBe(S_OK);
    expect(got.value).toEqual({ x: 3, y: 4 });
    expect(calls).toEqual([{ callback: "read", mapping: WS_ELEMENT_TYPE_MAPPING, descriptionData: DESCRIPTION_DATA }]);
  });

  it("writes and reads binary [MC-NBFX]: ShortElement t, Chars8TextWithEndElement", () => {
    const out = writeT(pointType([]), { x: 1, y: 2 }, true, WS_CUSTOM_TYPE);
    expect(out.hr).toBe(S_OK);
    expect(hex(out.bytes)).toBe("40 01 74 99 03 31 2c 32");
    const got = readT(out.bytes, pointType([]), true, newHeap(), WS_CUSTOM_TYPE);
    expect(got.hr).toBe(S_OK);
    expect(got.value).toEqual({ x: 1, y: 2 });
  });
});

describe("WS_CUSTOM_TYPE with WS_ELEMENT_CONTENT_TYPE_MAPPING", () => {
  it("writes where the writer is", () => {
    const calls: Calls = [];
    const doc = inT((writer) => {
      expect(
        WsWriteType(writer, WS_ELEMENT_CONTENT_TYPE_MAPPING, WS_CUSTOM_TYPE, pointType(calls), WS_WRITE_REQUIRED_VALUE, { x: 5, y: 6 }),
      ).toBe(S_OK);
    });
    expect(doc).toBe("<t>5,6</t>");
    expect(calls.map((c) => c.mapping)).toEqual([WS_ELEMENT_CONTENT_TYPE_MAPPING]);
  });

  it("reads the content and leaves the reader on the end element", () => {
    const calls: Calls = [];
    const reader = inContent("<t>7,8</t>");
    const got = readCustom(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, pointType(calls));
    expect(got).toEqual({ hr: S_OK, value: { x: 7, y: 8 }, message: "" });
    expect(calls.map((c) => c.mapping)).toEqual([WS_ELEMENT_CONTENT_TYPE_MAPPING]);
    expect(current(reader).nodeType).toBe(WS_XML_NODE_TYPE_END_ELEMENT);
  });
});

describe("WS_CUSTOM_TYPE with WS_ATTRIBUTE_TYPE_MAPPING", () => {
  it("writes the attribute's value", () => {
    const calls: Calls = [];
    const doc = inT((writer) => {
      expect(WsWriteStartAttribute(writer, null, x("p"), EMPTY_NS, false)).toBe(S_OK);
      expect(
        WsWriteType(writer, WS_ATTRIBUTE_TYPE_MAPPING, WS_CUSTOM_TYPE, pointType(calls), WS_WRITE_REQUIRED_VALUE, { x: 1, y: 2 }),
      ).toBe(S_OK);
      expect(WsWriteEndAttribute(writer)).toBe(S_OK);
    });
    expect(doc).toBe('<t p="1,2"/>');
    expect(calls.map((c) => c.mapping)).toEqual([WS_ATTRIBUTE_TYPE_MAPPING]);
  });

  it("reads the attribute's value (the reader in the attribute)", () => {
    const calls: Calls = [];
    const reader = onElement('<t q="0" p="9,10"/>');
    expect(WsReadStartAttribute(reader, 1)).toBe(S_OK);
    const got = readCustom(reader, WS_ATTRIBUTE_TYPE_MAPPING, pointType(calls));
    expect(got).toEqual({ hr: S_OK, value: { x: 9, y: 10 }, message: "" });
    expect(WsReadEndAttribute(reader)).toBe(S_OK);
    expect(WsReadStartElement(reader)).toBe(S_OK);
    expect(calls.map((c) => c.mapping)).toEqual([WS_ATTRIBUTE_TYPE_MAPPING]);
  });
});

describe("WS_CUSTOM_TYPE fields of a struct", () => {
  const shape = (calls: Calls) =>
    struct([
      field({
        mapping: WS_ATTRIBUTE_FIELD_MAPPING,
        type: WS_CUSTOM_TYPE,
        offset: "at",
        localName: x("at"),
        ns: EMPTY_NS,
        typeDescription: pointType(calls),
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        type: WS_CUSTOM_TYPE,
        offset: "origin",
        localName: x("origin"),
        ns: EMPTY_NS,
        typeDescription: pointType(calls),
        options: WS_FIELD_OPTIONAL,
      }),
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        type: WS_CUSTOM_TYPE,
        offset: "end",
        localName: x("end"),
        ns: EMPTY_NS,
        typeDescription: pointType(calls),
      }),
    ]);

  it("leaves out an optional field the isDefaultValueCallback finds default (no default value given: NULL)", () => {
    const calls: Calls = [];
    const out = writeT(shape(calls), { at: { x: 1, y: 1 }, origin: { x: 0, y: 0 }, end: { x: 3, y: 4 } });
    expect(out.hr).toBe(S_OK);
    expect(out.text).toBe('<t at="1,1"><end>3,4</end></t>');
    expect(calls.map((c) => [c.callback, c.mapping])).toEqual([
      ["write", WS_ATTRIBUTE_TYPE_MAPPING],
      ["isDefault", undefined],
      ["write", WS_ELEMENT_TYPE_MAPPING],
    ]);
  });

  it("writes it when not default, and compares with the field's WS_DEFAULT_VALUE when there is one", () => {
    const written1 = writeT(shape([]), { at: { x: 1, y: 1 }, origin: { x: 2, y: 0 }, end: { x: 3, y: 4 } });
    expect(written1.text).toBe('<t at="1,1"><origin>2,0</origin><end>3,4</end></t>');
    const base = shape([]);
    const fields = [...base.fields];
    fields[1] = { ...fields[1]!, defaultValue: { value: { x: 2, y: 0 } } };
    const withDefault = { ...base, fields };
    const written2 = writeT(withDefault, { at: { x: 1, y: 1 }, origin: { x: 2, y: 0 }, end: { x: 0, y: 0 } });
    expect(written2.text).toBe('<t at="1,1"><end>0,0</end></t>');
  });

  it("reads the fields back, text and binary", () => {
    const value = { at: { x: 1, y: 1 }, origin: { x: 2, y: 0 }, end: { x: 3, y: 4 } };
    const calls: Calls = [];
    const text = readT('<t at="1,1"><origin>2,0</origin><end>3,4</end></t>', shape(calls));
    expect(text.hr).toBe(S_OK);
    expect(plain(text.value)).toEqual(value);
    expect(calls.map((c) => [c.callback, c.mapping])).toEqual([
      ["read", WS_ATTRIBUTE_TYPE_MAPPING],
      ["read", WS_ELEMENT_TYPE_MAPPING],
      ["read", WS_ELEMENT_TYPE_MAPPING],
    ]);
    const binary = writeT(shape([]), value, true);
    expect(binary.hr).toBe(S_OK);
    // ShortElement t, ShortAttribute at = Chars8Text "1,1", ShortElement origin, Chars8TextWithEndElement "2,0", ..., EndElement.
    expect(hex(binary.bytes)).toBe(
      "40 01 74 04 02 61 74 98 03 31 2c 31 40 06 6f 72 69 67 69 6e 99 03 32 2c 30 40 03 65 6e 64 99 03 33 2c 34 01",
    );
    const back = readT(binary.bytes, shape([]), true);
    expect(back.hr).toBe(S_OK);
    expect(plain(back.value)).toEqual(value);
  });

  it("maps a WS_TEXT_FIELD_MAPPING field as element content", () => {
    const calls: Calls = [];
    const textShape = struct([
      field({ mapping: WS_TEXT_FIELD_MAPPING, type: WS_CUSTOM_TYPE, offset: "p", typeDescription: pointType(calls) }),
    ]);
    const out = writeT(textShape, { p: { x: 4, y: 5 } });
    expect(out.text).toBe("<t>4,5</t>");
    const got = readT(out.text, textShape);
    expect(got.hr).toBe(S_OK);
    expect(plain(got.value)).toEqual({ p: { x: 4, y: 5 } });
    expect(calls.map((c) => [c.callback, c.mapping])).toEqual([
      ["write", WS_ELEMENT_CONTENT_TYPE_MAPPING],
      ["read", WS_ELEMENT_CONTENT_TYPE_MAPPING],
    ]);
  });

  it("reads a missing optional field as its default", () => {
    const got = readT('<t at="1,1"><end>3,4</end></t>', shape([]));
    expect(got.hr).toBe(S_OK);
    expect(plain(got.value)).toEqual({ at: { x: 1, y: 1 }, origin: null, end: { x: 3, y: 4 } });
  });
});

describe("WS_CUSTOM_TYPE callbacks that fail", () => {
  const failing = (hr: HRESULT): Partial<WS_CUSTOM_TYPE_DESCRIPTION> => ({
    readCallback: () => hr,
    writeCallback: () => hr,
    isDefaultValueCallback: () => hr,
  });
  const throwing: Partial<WS_CUSTOM_TYPE_DESCRIPTION> = {
    readCallback: () => {
      throw new Error("bad point");
    },
    writeCallback: () => {
      throw new Error("bad point");
    },
    isDefaultValueCallback: () => {
      throw new Error("bad point");
    },
  };
  const optionalField = (description: WS_CUSTOM_TYPE_DESCRIPTION) =>
    struct([
      field({
        mapping: WS_ELEMENT_FIELD_MAPPING,
        type: WS_CUSTOM_TYPE,
        offset: "p",
        localName: x("p"),
        ns: EMPTY_NS,
        typeDescription: description,
        options: WS_FIELD_OPTIONAL,
      }),
    ]);

  it("passes a failing HRESULT through (read, write, isDefaultValue)", () => {
    const read = readT("<t>1,2</t>", pointType([], failing(WS_E_INVALID_OPERATION)), false, newHeap(), WS_CUSTOM_TYPE);
    expect(read.hr).toBe(WS_E_INVALID_OPERATION);
    expect(read.message).toBe(
      "WsReadElement: the WS_CUSTOM_TYPE_DESCRIPTION's readCallback (reading <t>) failed with WS_E_INVALID_OPERATION.",
    );
    const write = writeT(pointType([], failing(E_OUTOFMEMORY)), { x: 1, y: 2 }, false, WS_CUSTOM_TYPE);
    expect(write.hr).toBe(E_OUTOFMEMORY);
    expect(write.message).toContain("writeCallback (writing the value) failed with E_OUTOFMEMORY");
    const isDefault = writeT(optionalField(pointType([], failing(E_OUTOFMEMORY))), { p: { x: 1, y: 2 } });
    expect(isDefault.hr).toBe(E_OUTOFMEMORY);
    expect(isDefault.message).toContain("isDefaultValueCallback failed with E_OUTOFMEMORY");
  });

  it("makes a callback that throws E_FAIL, saying what it threw", () => {
    const read = readT("<t>1,2</t>", pointType([], throwing), false, newHeap(), WS_CUSTOM_TYPE);
    expect(read.hr).toBe(E_FAIL);
    expect(read.message).toContain("readCallback (reading <t>) threw: bad point");
    const write = writeT(pointType([], throwing), { x: 1, y: 2 }, false, WS_CUSTOM_TYPE);
    expect(write.hr).toBe(E_FAIL);
    expect(write.message).toContain("writeCallback (writing the value) threw: bad point");
    const isDefault = writeT(optionalField(pointType([], throwing)), { p: { x: 1, y: 2 } });
    expect(isDefault.hr).toBe(E_FAIL);
    expect(isDefault.message).toContain("isDefaultValueCallback threw: bad point");
  });

  it("is E_INVALIDARG without a WS_CUSTOM_TYPE_DESCRIPTION or without the callback it needs", () => {
    expect(readT("<t>1,2</t>", null, false, newHeap(), WS_CUSTOM_TYPE).hr).toBe(0x80070057 | 0);
    const noRead = readT("<t>1,2</t>", pointType([], { readCallback: null }), false, newHeap(), WS_CUSTOM_TYPE);
    expect(noRead.hr).toBe(0x80070057 | 0);
    expect(noRead.message).toContain("readCallback is null, not a function");
  });

  it("accounts a value read with a pointer option on the heap at the description's size", () => {
    const got = readT("<t>1,2</t>", pointType([], { size: 1 << 20 }), false, newHeap(1 << 16), WS_CUSTOM_TYPE);
    expect(got.hr).toBe(WS_E_QUOTA_EXCEEDED);
  });

  it("holds the reader again after the callback (its handles are only lent)", () => {
    const reader = inContent("<t>1,2</t>");
    expect(readCustom(reader, WS_ELEMENT_CONTENT_TYPE_MAPPING, pointType([])).hr).toBe(S_OK);
    expect(reader.pendingOperation).toBe(null);
  });
});
