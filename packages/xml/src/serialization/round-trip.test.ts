import {
  ref,
  S_OK,
  WS_ATTRIBUTE_FIELD_MAPPING,
  WS_BOOL_TYPE,
  WS_BYTES_TYPE,
  WS_DOUBLE_TYPE,
  WS_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_ELEMENT_FIELD_MAPPING,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_NILLABLE,
  WS_FIELD_NILLABLE_ITEM,
  WS_FIELD_OPTIONAL,
  WS_FIELD_POINTER,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_INT8_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  WS_READ_REQUIRED_POINTER,
  WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING,
  WS_REPEATING_ELEMENT_FIELD_MAPPING,
  WS_STRING_TYPE,
  type WS_STRUCT_DESCRIPTION,
  WS_TEXT_FIELD_MAPPING,
  type WS_TYPE,
  WS_UINT16_TYPE,
  WS_UINT64_TYPE,
  type WS_UNION_DESCRIPTION,
  WS_UNION_TYPE,
  WS_WRITE_REQUIRED_POINTER,
  type WS_XML_READER,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binaryReader } from "../binary-writer/binary-writer.test-support.js";
import { WsReadElement, WsWriteElement } from "../index.js";
import { readerOn } from "../reader-content/reader.test-support.js";
import { field, newHeap, newWriter, STRUCT, struct, writtenBytes, x } from "./serialization.test-support.js";

/**
 * Property: for random struct descriptions (attribute, element, repeating element and text fields
 * of several simple types, optional and pointer-nillable, arrays with nillable items, unions in
 * choice and repeating choice fields, nested structs and arrays of them, two levels deep) and
 * random values fitting them, what WsWriteElement writes WsReadElement reads back as the same
 * value, in text and in binary.
 */

/** Characters a value keeps through XML: no control characters (and no CR, which XML normalizes away). */
const xmlChars = fc.string({ unit: fc.constantFrom(..."aZ 09<>&'\"é世-_.:/"), maxLength: 12 });

interface SimpleType {
  type: WS_TYPE;
  value: fc.Arbitrary<unknown>;
  /** Allowed in an attribute (binary-safe text, and not normalized there). */
  inAttribute: boolean;
}

const SIMPLE: SimpleType[] = [
  { type: WS_BOOL_TYPE, value: fc.boolean(), inAttribute: true },
  { type: WS_INT8_TYPE, value: fc.integer({ min: -128, max: 127 }), inAttribute: true },
  { type: WS_INT32_TYPE, value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), inAttribute: true },
  { type: WS_UINT16_TYPE, value: fc.integer({ min: 0, max: 65535 }), inAttribute: true },
  { type: WS_INT64_TYPE, value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), inAttribute: true },
  { type: WS_UINT64_TYPE, value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), inAttribute: true },
  { type: WS_DOUBLE_TYPE, value: fc.double(), inAttribute: true },
  { type: WS_FLOAT_TYPE, value: fc.float(), inAttribute: true },
  { type: WS_GUID_TYPE, value: fc.uint8Array({ minLength: 16, maxLength: 16 }), inAttribute: true },
  { type: WS_STRING_TYPE, value: xmlChars, inAttribute: true },
  { type: WS_XML_STRING_TYPE, value: xmlChars.map((s) => x(s)), inAttribute: true },
  { type: WS_BYTES_TYPE, value: fc.uint8Array({ maxLength: 20 }), inAttribute: true },
];

interface Shape {
  description: WS_STRUCT_DESCRIPTION;
  value: fc.Arbitrary<Record<string, unknown>>;
}

/** A struct description with a matching value arbitrary; `depth` bounds nesting. */
function shape(depth: number): fc.Arbitrary<Shape> {
  const attribute = fc.record({ simple: fc.constantFrom(...SIMPLE.filter((s) => s.inAttribute)), optional: fc.boolean() });
  const element = fc.record({
    kind: fc.constantFrom(
      "element",
      "pointer",
      "repeating",
      "nillableItems",
      "union",
      "unions",
      ...(depth > 0 ? ["nested", "nestedArray"] : []),
    ),
    simple: fc.constantFrom(...SIMPLE),
    optional: fc.boolean(),
    nested: depth > 0 ? shape(depth - 1) : fc.constant(null),
    arms: fc.uniqueArray(fc.constantFrom(...SIMPLE), { minLength: 1, maxLength: 3, selector: (s) => s.type }),
  });
  const text = fc.constantFrom(...SIMPLE);
  return fc
    .record({
      attributes: fc.array(attribute, { maxLength: 3 }),
      body: fc.oneof(fc.record({ text }), fc.record({ elements: fc.array(element, { maxLength: 4 }) })),
    })
    .map(({ attributes, body }) => {
      const fields: WS_FIELD_DESCRIPTION[] = [];
      const values: Record<string, fc.Arbitrary<unknown>> = {};
      attributes.forEach(({ simple, optional }, i) => {
        const name = `a${i}`;
        fields.push(
          field({
            mapping: WS_ATTRIBUTE_FIELD_MAPPING,
            localName: x(name),
            ns: x(""),
            type: simple.type,
            options: optional ? WS_FIELD_OPTIONAL : 0,
            offset: name,
          }),
        );
        values[name] = simple.value;
      });
      if ("text" in body) {
        fields.push(field({ mapping: WS_TEXT_FIELD_MAPPING, type: body.text.type, offset: "text" }));
        values.text = body.text.value;
      } else {
        body.elements.forEach(({ kind, simple, optional, nested, arms }, i) => {
          const name = `e${i}`;
          const ns = x(i % 2 === 0 ? "" : "urn:ns");
          if (kind === "union" || kind === "unions") {
            const u = unionOf(arms, name, ns);
            const repeating = kind === "unions";
            fields.push(
              field({
                mapping: repeating ? WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING : WS_ELEMENT_CHOICE_FIELD_MAPPING,
                ...(repeating && optional ? { localName: x(name), ns } : {}),
                type: WS_UNION_TYPE,
                typeDescription: u.description,
                options: !repeating && optional ? WS_FIELD_OPTIONAL : 0,
                offset: name,
              }),
            );
            values[name] = repeating
              ? fc.array(u.value, { maxLength: 3 })
              : optional
                ? fc.oneof(u.value, fc.constant({ choice: NONE }))
                : u.value;
          } else if (kind === "nillableItems") {
            fields.push(
              field({
                mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
                itemLocalName: x(`${name}n`), // unwrapped: a name no other field uses
                itemNs: ns,
                type: simple.type,
                options: WS_FIELD_POINTER | WS_FIELD_NILLABLE_ITEM,
                itemRange: { minItemCount: 0, maxItemCount: 3 },
                offset: name,
              }),
            );
            values[name] = fc.array(fc.option(simple.value, { nil: null }), { maxLength: 3 });
          } else if (kind === "nestedArray" && nested !== null) {
            fields.push(
              field({
                mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
                localName: x(name),
                ns,
                itemLocalName: x("s"),
                itemNs: ns,
                type: STRUCT,
                typeDescription: nested.description,
                offset: name,
              }),
            );
            values[name] = fc.array(nested.value, { maxLength: 2 });
          } else if (kind === "repeating") {
            fields.push(
              field({
                mapping: WS_REPEATING_ELEMENT_FIELD_MAPPING,
                localName: x(name),
                ns,
                itemLocalName: x("i"),
                itemNs: ns,
                type: simple.type,
                offset: name,
              }),
            );
            values[name] = fc.array(simple.value, { maxLength: 3 });
          } else if (kind === "nested" && nested !== null) {
            fields.push(
              field({
                mapping: WS_ELEMENT_FIELD_MAPPING,
                localName: x(name),
                ns,
                type: STRUCT,
                typeDescription: nested.description,
                offset: name,
              }),
            );
            values[name] = nested.value;
          } else if (kind === "pointer") {
            const options = WS_FIELD_POINTER | WS_FIELD_NILLABLE | (optional ? WS_FIELD_OPTIONAL : 0);
            fields.push(field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x(name), ns, type: simple.type, options, offset: name }));
            values[name] = fc.option(simple.value, { nil: null });
          } else {
            fields.push(
              field({
                mapping: WS_ELEMENT_FIELD_MAPPING,
                localName: x(name),
                ns,
                type: simple.type,
                options: optional ? WS_FIELD_OPTIONAL : 0,
                offset: name,
              }),
            );
            values[name] = simple.value;
          }
        });
      }
      return { description: struct(fields), value: fc.record(values) };
    });
}

const NONE = 0;

/** A union of the given simple types, each an element <prefix>c<k> in `ns` (names no other field uses), selected by the values 1, 2, 3 (0 is none). */
function unionOf(
  arms: SimpleType[],
  prefix: string,
  ns: ReturnType<typeof x>,
): { description: WS_UNION_DESCRIPTION; value: fc.Arbitrary<unknown> } {
  const description: WS_UNION_DESCRIPTION = {
    size: 24,
    alignment: 8,
    fields: arms.map((arm, k) => ({
      value: k + 1,
      field: field({ mapping: WS_ELEMENT_FIELD_MAPPING, localName: x(`${prefix}c${k}`), ns, type: arm.type, offset: "value" }),
    })),
    enumOffset: "choice",
    noneEnumValue: NONE,
    valueIndices: null,
  };
  const value = fc.oneof(...arms.map((arm, k) => arm.value.map((v) => ({ choice: k + 1, value: v }))));
  return { description, value };
}

const cases = shape(2).chain((s) => s.value.map((value) => ({ description: s.description, value })));

/** The value as it reads back: floats are single precision, struct values have no prototype (compared as plain objects). */
function expected(description: WS_STRUCT_DESCRIPTION, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of description.fields) {
    const name = f.offset;
    const v = value[name];
    const one = (item: unknown) => expectedOf(f.type, f.typeDescription, item);
    const repeating = f.mapping === WS_REPEATING_ELEMENT_FIELD_MAPPING || f.mapping === WS_REPEATING_ELEMENT_CHOICE_FIELD_MAPPING;
    out[name] = repeating ? (v as unknown[]).map(one) : one(v);
  }
  return out;
}

function expectedOf(type: number, description: unknown, v: unknown): unknown {
  if (v === null) return null;
  if (type === STRUCT) return expected(description as WS_STRUCT_DESCRIPTION, v as Record<string, unknown>);
  if (type === WS_FLOAT_TYPE) return Math.fround(v as number);
  if (type === WS_UNION_TYPE) {
    const u = v as { choice: number; value?: unknown };
    if (u.choice === NONE) return { choice: NONE };
    const arm = (description as WS_UNION_DESCRIPTION).fields.find((a) => a.value === u.choice)!;
    return { choice: u.choice, value: expectedOf(arm.field.type, arm.field.typeDescription, u.value) };
  }
  return v;
}

const plainCopy = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (value instanceof Uint8Array || typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plainCopy(v);
  return out;
};

function roundTrip(binary: boolean, description: WS_STRUCT_DESCRIPTION, value: Record<string, unknown>): unknown {
  const element = { elementLocalName: x("root"), elementNs: x("urn:root"), type: STRUCT, typeDescription: description };
  const writer = newWriter(binary);
  expect(WsWriteElement(writer, element as never, WS_WRITE_REQUIRED_POINTER, value)).toBe(S_OK);
  const bytes = writtenBytes(writer);
  const reader: WS_XML_READER = binary ? binaryReader(bytes) : readerOn(bytes);
  const read = ref<unknown>(null);
  expect(WsReadElement(reader, element as never, WS_READ_REQUIRED_POINTER, newHeap(1 << 20), read)).toBe(S_OK);
  return plainCopy(read.value);
}

describe("write then read gives the value back", () => {
  it("in text", () => {
    fc.assert(
      fc.property(cases, ({ description, value }) => {
        expect(roundTrip(false, description, value)).toEqual(plainCopy(expected(description, value)));
      }),
      { numRuns: 300 },
    );
  });

  it("in binary", () => {
    fc.assert(
      fc.property(cases, ({ description, value }) => {
        expect(roundTrip(true, description, value)).toEqual(plainCopy(expected(description, value)));
      }),
      { numRuns: 300 },
    );
  });
});
