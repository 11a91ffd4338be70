import {
  E_INVALIDARG,
  Heap,
  ref,
  S_OK,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  WS_ELEMENT_FIELD_MAPPING,
  WS_ENUM_TYPE,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  type WS_HEAP,
  WS_INT32_TYPE,
  WS_READ_REQUIRED_VALUE,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT,
  WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES,
  WS_STRUCT_TYPE,
  WS_TEXT_FIELD_MAPPING,
  WS_WRITE_REQUIRED_VALUE,
  WS_XML_ATTRIBUTE_FIELD_MAPPING,
  type WS_XML_STRING,
  WsCreateHeap,
} from "@wwsapi/core";
import { acquire, release, WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { WsReadElement, WsWriteElement, XmlReader, XmlWriter } from "../index.js";
import {
  array,
  attribute,
  bool,
  constrained,
  element,
  elementOf,
  enumeration,
  int32,
  int64,
  nillable,
  optional,
  string,
  struct,
  text,
  uint64,
  type ValueOf,
  wsz,
  xmlAttribute,
} from "./index.js";
import { decode, newWriter, plain, readerOn, written, writtenBytes } from "./typed.test-support.js";

const NS = "http://tempuri.org/";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const name = (s: WS_XML_STRING | null) => (s === null ? null : decode(s.bytes));

/** The thrown WsError's HRESULT and message. */
function failure(run: () => unknown): { hr: number; message: string } {
  try {
    run();
  } catch (thrown) {
    if (thrown instanceof WsError) return { hr: thrown.hr, message: thrown.message };
    throw thrown;
  }
  throw new Error("expected a WsError");
}

const AddRequest = struct("Add", NS, { a: element(int32, "a"), b: element(int32, "b") });

describe("the descriptions the builders make", () => {
  it("makes the WS_STRUCT_DESCRIPTION and WS_ELEMENT_DESCRIPTION WsUtil would, offsets being property names", () => {
    const d = AddRequest.typeDescription;
    expect(AddRequest.type).toBe(WS_STRUCT_TYPE);
    expect([d.size, d.alignment, name(d.typeLocalName), name(d.typeNs), d.parentType, d.subTypes, d.structOptions]).toEqual([
      8,
      4,
      "Add",
      NS,
      null,
      [],
      0,
    ]);
    expect(
      d.fields.map((f) => [f.mapping, name(f.localName), name(f.ns), f.type, f.offset, f.options, f.defaultValue, f.itemRange]),
    ).toEqual([
      [WS_ELEMENT_FIELD_MAPPING, "a", NS, WS_INT32_TYPE, "a", 0, null, null],
      [WS_ELEMENT_FIELD_MAPPING, "b", NS, WS_INT32_TYPE, "b", 0, null, null],
    ]);
    const e = AddRequest.element;
    expect([name(e.elementLocalName), name(e.elementNs), e.type, e.typeDescription]).toEqual(["Add", NS, WS_STRUCT_TYPE, d]);
  });

  it("gives optional and nillable fields of value types WS_FIELD_POINTER, and strings none", () => {
    const T = struct("T", NS, {
      count: optional(element(int32, "count")),
      total: nillable(element(int32, "total")),
      text: optional(nillable(element(string, "text"))),
      lang: optional(attribute(string, "lang", { ns: "urn:l" })),
      items: array(int32, "item", { wrapper: "items", nillableItems: true, minItems: 1, maxItems: 3 }),
      body: text(string),
    });
    const f = T.typeDescription.fields;
    expect(f.map((x) => [x.offset, x.mapping, x.options, x.defaultValue])).toEqual([
      ["count", WS_ELEMENT_FIELD_MAPPING, WS_FIELD_OPTIONAL | WS_FIELD_POINTER, null],
      ["total", WS_ELEMENT_FIELD_MAPPING, WS_FIELD_NILLABLE | WS_FIELD_POINTER, null],
      ["text", WS_ELEMENT_FIELD_MAPPING, WS_FIELD_OPTIONAL | WS_FIELD_NILLABLE, null],
      ["lang", WS_ATTRIBUTE_FIELD_MAPPING, WS_FIELD_OPTIONAL, null],
      ["items", WS_REPEATING_ELEMENT_FIELD_MAPPING, WS_FIELD_NILLABLE_ITEM | WS_FIELD_POINTER, null],
      ["body", WS_TEXT_FIELD_MAPPING, 0, null],
    ]);
    expect([name(f[3]!.localName), name(f[3]!.ns)]).toEqual(["lang", "urn:l"]);
    expect([name(f[4]!.localName), name(f[4]!.ns), name(f[4]!.itemLocalName), name(f[4]!.itemNs), f[4]!.itemRange]).toEqual([
      "items",
      NS,
      "item",
      NS,
      { minItemCount: 1, maxItemCount: 3 },
    ]);
    expect([f[5]!.localName, f[5]!.ns]).toEqual([null, null]);
    // C layout on 64-bit: 3 pointers, a WS_STRING (16), a pointer, items (pointer + ULONG), a WS_STRING.
    expect([T.typeDescription.size, T.typeDescription.alignment]).toEqual([8 + 8 + 16 + 16 + 16 + 16, 8]);
  });

  it("makes an enumeration's WS_ENUM_DESCRIPTION with the names as values, sorted name indices and the longest name", () => {
    const Color = enumeration(["Red", "Green", "Blue"]);
    expect(Color.type).toBe(WS_ENUM_TYPE);
    const d = Color.typeDescription;
    expect(d.values.map((v) => [v.value, name(v.name)])).toEqual([
      ["Red", "Red"],
      ["Green", "Green"],
      ["Blue", "Blue"],
    ]);
    expect([d.nameIndices, d.maxByteCount]).toEqual([[2, 1, 0], 5]);
    expect(failure(() => enumeration(["A", "A"])).hr).toBe(E_INVALIDARG);
  });

  it("refuses property names that JavaScript would reorder (array indices)", () => {
    expect(failure(() => struct("T", NS, { b: element(int32, "b"), 1: element(int32, "one") }))).toEqual({
      hr: E_INVALIDARG,
      message: 'struct: the property name "1" of T is an array index, which JavaScript would move ahead of the other fields.',
    });
  });
});

describe("read and write", () => {
  it("writes and reads a struct through the flat handles", () => {
    const writer = newWriter();
    AddRequest.write(writer, { a: 2, b: -3 });
    expect(written(writer)).toBe('<Add xmlns="http://tempuri.org/"><a>2</a><b>-3</b></Add>');
    const value = AddRequest.read(readerOn(written(writer)));
    expect(plain(value)).toEqual({ a: 2, b: -3 });
  });

  it("works with the idiomatic XmlReader and XmlWriter", () => {
    using writer = XmlWriter.toBytes();
    AddRequest.write(writer, { a: 7, b: 8 });
    expect(writer.toString()).toBe('<Add xmlns="http://tempuri.org/"><a>7</a><b>8</b></Add>');
    using reader = XmlReader.fromText(writer.bytes());
    expect(plain(AddRequest.read(reader))).toEqual({ a: 7, b: 8 });
  });

  it("shares its descriptions with the flat WsReadElement and WsWriteElement", () => {
    const writer = newWriter();
    expect(WsWriteElement(writer, AddRequest.element, WS_WRITE_REQUIRED_VALUE, { a: 1, b: 2 })).toBe(S_OK);
    const heap = ref<WS_HEAP | null>(null);
    expect(WsCreateHeap(1 << 16, 0, null, heap)).toBe(S_OK);
    const value = ref<unknown>(null);
    expect(WsReadElement(readerOn(writtenBytes(writer)), AddRequest.element, WS_READ_REQUIRED_VALUE, heap.value, value)).toBe(S_OK);
    expect(plain(value.value as object)).toEqual({ a: 1, b: 2 });
  });

  it("reads absent optional fields as undefined and writes 0 of an optional int", () => {
    const T = struct("T", NS, { count: optional(element(int32, "count")), lang: optional(attribute(string, "lang")) });
    const absent = T.read(readerOn('<T xmlns="http://tempuri.org/"/>'));
    expect(Object.entries(absent)).toEqual([
      ["lang", undefined],
      ["count", undefined],
    ]);
    const xml = (value: ValueOf<typeof T>) => {
      const writer = newWriter();
      T.write(writer, value);
      return written(writer);
    };
    expect([xml({ count: 0 }), xml({}), xml({ lang: "fr", count: undefined })]).toEqual([
      '<T xmlns="http://tempuri.org/"><count>0</count></T>',
      '<T xmlns="http://tempuri.org/"/>',
      '<T lang="fr" xmlns="http://tempuri.org/"/>',
    ]);
    expect(plain(T.read(readerOn('<T lang="en" xmlns="http://tempuri.org/"><count>0</count></T>')))).toEqual({ lang: "en", count: 0 });
  });

  it("reads absent optional fields as undefined in nested structs and array items, and absent nillable ones as null", () => {
    const Line = struct("Line", NS, { sku: element(string, "sku"), discount: optional(element(int32, "discount")) });
    const Order = struct("Order", NS, {
      lines: array(Line, "line"),
      first: element(Line, "first"),
      extra: optional(element(Line, "extra")),
      note: optional(nillable(element(string, "note"))),
    });
    const xml = (body: string) => `<Order xmlns="http://tempuri.org/">${body}</Order>`;
    const value = Order.read(
      readerOn(xml("<line><sku>a</sku><discount>5</discount></line><line><sku>b</sku></line><first><sku>c</sku></first>")),
    );
    expect(value.lines.map(plain)).toEqual([
      { sku: "a", discount: 5 },
      { sku: "b", discount: undefined },
    ]);
    expect([plain(value.first), value.extra, value.note]).toEqual([{ sku: "c", discount: undefined }, undefined, null]);
    expect("discount" in value.lines[1]! && "extra" in value).toBe(true);
    const present = Order.read(readerOn(xml(`<first><sku>c</sku></first><extra><sku>d</sku></extra><note a:nil="1" xmlns:a="${XSI}"/>`)));
    expect([plain(present.extra!), present.note]).toEqual([{ sku: "d", discount: undefined }, null]);
    const writer = newWriter();
    Order.write(writer, { lines: [], first: { sku: "c" }, extra: undefined, note: null });
    expect(written(writer)).toBe('<Order xmlns="http://tempuri.org/"><first><sku>c</sku></first></Order>');
  });

  it("reads and writes nil as null", () => {
    const T = struct("T", NS, { total: nillable(element(int32, "total")), note: nillable(element(string, "note")) });
    const writer = newWriter();
    T.write(writer, { total: null, note: null });
    const xml = written(writer);
    expect(xml).toBe(`<T xmlns="http://tempuri.org/"><total a:nil="true" xmlns:a="${XSI}"/><note a:nil="true" xmlns:a="${XSI}"/></T>`);
    expect(plain(T.read(readerOn(xml)))).toEqual({ total: null, note: null });
    expect(plain(T.read(readerOn('<T xmlns="http://tempuri.org/"><total>5</total><note></note></T>')))).toEqual({ total: 5, note: "" });
  });

  it("reads and writes arrays, wrapped or not, with nil items", () => {
    const T = struct("T", NS, {
      values: array(int64, "v"),
      names: array(string, "name", { wrapper: "names", nillableItems: true }),
      flags: array(bool, "flag", { wrapper: "flags" }),
    });
    const writer = newWriter();
    T.write(writer, { values: [1n, -(2n ** 63n)], names: ["x", null], flags: [] });
    const xml = written(writer);
    expect(xml).toBe(
      '<T xmlns="http://tempuri.org/"><v>1</v><v>-9223372036854775808</v>' +
        `<names><name>x</name><name a:nil="true" xmlns:a="${XSI}"/></names><flags/></T>`,
    );
    const value = T.read(readerOn(xml));
    expect([value.values, value.names, value.flags]).toEqual([[1n, -(2n ** 63n)], ["x", null], []]);
    expect(plain(T.read(readerOn('<T xmlns="http://tempuri.org/"/>')))).toEqual({ values: [], names: [], flags: [] });
  });

  it("enforces an array's item range", () => {
    const T = struct("T", NS, { values: array(int32, "v", { minItems: 1, maxItems: 2 }) });
    expect(failure(() => T.read(readerOn('<T xmlns="http://tempuri.org/"><v>1</v><v>2</v><v>3</v></T>'))).hr).toBe(WS_E_INVALID_FORMAT);
    expect(failure(() => T.read(readerOn('<T xmlns="http://tempuri.org/"/>'))).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("reads and writes nested structs, enumerations, attributes and text", () => {
    const Color = enumeration(["Red", "Green"]);
    const Price = struct("Price", NS, { currency: attribute(string, "currency"), amount: text(uint64) });
    const Item = struct("Item", NS, { color: element(Color, "color"), price: element(Price, "price"), parts: array(Price, "part") });
    const value = {
      color: "Green" as const,
      price: { currency: "EUR", amount: 18446744073709551615n },
      parts: [{ currency: "", amount: 0n }],
    };
    const writer = newWriter();
    Item.write(writer, value);
    const xml = written(writer);
    expect(xml).toBe(
      '<Item xmlns="http://tempuri.org/"><color>Green</color><price currency="EUR">18446744073709551615</price><part currency="">0</part></Item>',
    );
    const read = Item.read(readerOn(xml));
    expect([read.color, plain(read.price), read.parts.map(plain)]).toEqual([value.color, value.price, value.parts]);
    const unknown = failure(() => Item.read(readerOn(xml.replace("Green", "Blue"))));
    expect(unknown.hr).toBe(WS_E_INVALID_FORMAT);
    expect(unknown.message).toContain('"Blue" is not one of the 2 names');
    expect(failure(() => Item.write(newWriter(), { ...value, color: "Blue" as never })).hr).toBe(E_INVALIDARG);
  });

  it("reads and writes elements of simple types, pointer types included", () => {
    const Greeting = elementOf(wsz, "greeting", NS);
    const Count = elementOf(int64, "count", "");
    const writer = newWriter();
    Greeting.write(writer, "héllo <&>");
    expect(written(writer)).toBe('<greeting xmlns="http://tempuri.org/">héllo &lt;&amp;&gt;</greeting>');
    expect(Greeting.read(readerOn(written(writer)))).toBe("héllo <&>");
    const countWriter = newWriter();
    Count.write(countWriter, -5n);
    expect(written(countWriter)).toBe("<count>-5</count>");
    expect(Count.read(readerOn("<count> 9223372036854775807 </count>"))).toBe(9223372036854775807n);
    expect(failure(() => Count.read(readerOn("<count>9223372036854775808</count>"))).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("skips unhandled attributes and trailing content only when the struct's options say so", () => {
    const fields = { a: element(int32, "a") };
    const xml = '<T extra="1" xmlns="http://tempuri.org/"><a>1</a><b>2</b></T>';
    const strict = struct("T", NS, fields);
    const lenient = struct("T", NS, fields, { ignoreUnhandledAttributes: true, ignoreTrailingContent: true, typeName: "TType" });
    expect(lenient.typeDescription.structOptions).toBe(WS_STRUCT_IGNORE_UNHANDLED_ATTRIBUTES | WS_STRUCT_IGNORE_TRAILING_ELEMENT_CONTENT);
    expect(name(lenient.typeDescription.typeLocalName)).toBe("TType");
    expect(failure(() => strict.read(readerOn(xml))).hr).toBe(WS_E_INVALID_FORMAT);
    expect(plain(lenient.read(readerOn(xml)))).toEqual({ a: 1 });
  });

  it("reads and writes xml: attributes (WS_XML_ATTRIBUTE_FIELD_MAPPING)", () => {
    const T = struct("T", NS, { lang: optional(xmlAttribute(string, "lang")), body: text(string) });
    expect(T.typeDescription.fields[0]!.mapping).toBe(WS_XML_ATTRIBUTE_FIELD_MAPPING);
    const writer = newWriter();
    T.write(writer, { lang: "fr", body: "oui" });
    expect(written(writer)).toBe('<T xml:lang="fr" xmlns="http://tempuri.org/">oui</T>');
    expect(plain(T.read(readerOn(written(writer))))).toEqual({ lang: "fr", body: "oui" });
    expect(plain(T.read(readerOn('<T xmlns="http://tempuri.org/">non</T>')))).toEqual({ lang: undefined, body: "non" });
  });

  it("applies a type's constraints", () => {
    const T = struct("T", NS, { code: element(constrained(string, { minCharCount: 2, maxCharCount: 3 }), "code") });
    expect(plain(T.read(readerOn('<T xmlns="http://tempuri.org/"><code>abc</code></T>')))).toEqual({ code: "abc" });
    expect(failure(() => T.read(readerOn('<T xmlns="http://tempuri.org/"><code>abcd</code></T>'))).hr).toBe(WS_E_INVALID_FORMAT);
  });

  it("writes binary records with the same description", () => {
    const writer = newWriter(true);
    AddRequest.write(writer, { a: 2, b: 3 });
    const bytes = writtenBytes(writer);
    expect(Buffer.from(bytes).toString("hex")).toBe(`4003416464${"0813"}${Buffer.from(NS).toString("hex")}40016189024001628903` + "01");
    expect(plain(AddRequest.read(readerOn(bytes, true)))).toEqual({ a: 2, b: 3 });
  });
});

describe("failures", () => {
  it("throws WS_E_INVALID_FORMAT naming what was expected", () => {
    const wrong = failure(() => AddRequest.read(readerOn('<Sub xmlns="http://tempuri.org/"/>')));
    expect(wrong.hr).toBe(WS_E_INVALID_FORMAT);
    expect(wrong.message).toMatch(/^WsReadElement: the element <Add> in "http:\/\/tempuri.org\/" was expected/);
    expect(failure(() => AddRequest.read(readerOn('<Add xmlns="http://tempuri.org/"><a>x</a><b>1</b></Add>'))).hr).toBe(
      WS_E_INVALID_FORMAT,
    );
  });

  it("refuses a value that does not fit the description (E_INVALIDARG)", () => {
    expect(failure(() => AddRequest.write(newWriter(), { a: 1 } as never)).hr).toBe(E_INVALIDARG);
    expect(failure(() => AddRequest.write({} as never, { a: 1, b: 2 }))).toEqual({
      hr: E_INVALIDARG,
      message: "WsWriteElement: parameter 'writer' must be a live WS_XML_WRITER or XmlWriter, not an object (Object).",
    });
  });

  it("keeps the threading contract: a handle held by another operation is not used", () => {
    const reader = readerOn('<Add xmlns="http://tempuri.org/"><a>1</a><b>2</b></Add>');
    acquire(reader, "WsReadNode");
    const busy = failure(() => AddRequest.read(reader));
    release(reader);
    expect(busy.hr).toBe(WS_E_INVALID_OPERATION);
    expect(busy.message).toContain("in use by a pending WsReadNode");
    expect(reader.pendingOperation).toBeNull();
    expect(plain(AddRequest.read(reader))).toEqual({ a: 1, b: 2 });
    expect(reader.pendingOperation).toBeNull();
  });

  it("accounts what it reads on the caller's heap", () => {
    const T = struct("T", NS, { text: element(string, "text") });
    using heap = Heap.create({ maxSize: 10 });
    const xml = '<T xmlns="http://tempuri.org/"><text>123456</text></T>';
    expect(failure(() => T.read(readerOn(xml), { heap })).hr).toBe(WS_E_QUOTA_EXCEEDED);
    using larger = Heap.create({ maxSize: 12 });
    expect(plain(T.read(readerOn(xml), { heap: larger }))).toEqual({ text: "123456" });
    expect(larger.requestedSize).toBe(12);
  });
});
