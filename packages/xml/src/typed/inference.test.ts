import type { DECIMAL, WS_DATETIME, WS_STRUCT_DESCRIPTION, WS_XML_QNAME } from "@wwsapi/core";
import { describe, expectTypeOf, it } from "vitest";
import {
  array,
  attribute,
  bool,
  bytes,
  dateTime,
  decimal,
  double,
  element,
  enumeration,
  guid,
  int32,
  int64,
  nillable,
  optional,
  qname,
  type StructValue,
  string,
  struct,
  text,
  uint64,
  type ValueOf,
} from "./index.js";

/** The value types the descriptions infer: checked by the compiler (vitest's expectTypeOf), nothing runs. */
const NS = "http://tempuri.org/";

describe("inference of value types from descriptions", () => {
  it("infers required fields as their value types", () => {
    const AddRequest = struct("Add", NS, { a: element(int32, "a"), b: element(int32, "b") });
    expectTypeOf<ValueOf<typeof AddRequest>>().toEqualTypeOf<{ a: number; b: number }>();
    expectTypeOf(AddRequest.read).returns.toEqualTypeOf<{ a: number; b: number }>();
    expectTypeOf(AddRequest.write).parameter(1).toEqualTypeOf<{ a: number; b: number }>();
    expectTypeOf(AddRequest.typeDescription).toEqualTypeOf<WS_STRUCT_DESCRIPTION>();
  });

  it("infers 64-bit integers as bigint and the WS_TYPE structs as their generated types", () => {
    const T = struct("T", NS, {
      id: element(int64, "id"),
      size: element(uint64, "size"),
      at: element(dateTime, "at"),
      price: element(decimal, "price"),
      key: element(guid, "key"),
      name: element(qname, "name"),
      ratio: element(double, "ratio"),
      ok: element(bool, "ok"),
      data: element(bytes, "data"),
    });
    expectTypeOf<ValueOf<typeof T>>().toEqualTypeOf<{
      id: bigint;
      size: bigint;
      at: WS_DATETIME;
      price: DECIMAL;
      key: Uint8Array;
      name: WS_XML_QNAME;
      ratio: number;
      ok: boolean;
      data: Uint8Array;
    }>();
  });

  it("infers optional fields as optional properties with undefined, nillable ones with null", () => {
    const Echo = struct("Echo", NS, {
      text: optional(nillable(element(string, "text"))),
      count: optional(element(int32, "count")),
      note: nillable(element(string, "note")),
      lang: optional(attribute(string, "lang")),
    });
    expectTypeOf<ValueOf<typeof Echo>>().toEqualTypeOf<{
      note: string | null;
      text?: string | null | undefined;
      count?: number | undefined;
      lang?: string | undefined;
    }>();
  });

  it("infers arrays as readonly arrays, with null items when they are nillable", () => {
    const T = struct("T", NS, {
      values: array(int32, "value"),
      names: array(string, "name", { wrapper: "names", nillableItems: true }),
    });
    expectTypeOf<ValueOf<typeof T>>().toEqualTypeOf<{ values: readonly number[]; names: readonly (string | null)[] }>();
  });

  it("infers nested structs, enumerations, attributes and text", () => {
    const Color = enumeration(["Red", "Green", "Blue"]);
    expectTypeOf<ValueOf<typeof Color>>().toEqualTypeOf<"Red" | "Green" | "Blue">();
    const Price = struct("Price", NS, { currency: attribute(string, "currency"), amount: text(double) });
    const Item = struct("Item", NS, {
      color: element(Color, "color"),
      price: element(Price, "price"),
      parts: array(Price, "part"),
      previous: optional(element(Price, "previous")),
    });
    type PriceValue = { currency: string; amount: number };
    expectTypeOf<StructValue<{ currency: ReturnType<typeof attribute<string>> }>>().toEqualTypeOf<{ currency: string }>();
    expectTypeOf<ValueOf<typeof Item>>().toEqualTypeOf<{
      color: "Red" | "Green" | "Blue";
      price: PriceValue;
      parts: readonly PriceValue[];
      previous?: PriceValue | undefined;
    }>();
  });

  it("refuses what the mappings cannot carry", () => {
    // Compiled, never run: each line must fail to type-check.
    const refused = () => {
      // @ts-expect-error an attribute cannot be nil
      nillable(attribute(string, "lang"));
      // @ts-expect-error text content cannot be absent (an empty text is a value)
      optional(text(string));
      // @ts-expect-error an array is never absent: no items is []
      optional(array(int32, "value"));
      const Add = struct("Add", NS, { a: element(int32, "a") });
      // @ts-expect-error a is a number
      Add.write(null as never, { a: "2" });
      // @ts-expect-error a is required
      Add.write(null as never, {});
    };
    expectTypeOf(refused).returns.toBeVoid();
  });
});
