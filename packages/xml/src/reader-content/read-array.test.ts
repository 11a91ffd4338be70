import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_BOOL_VALUE_TYPE,
  WS_DATETIME_FORMAT_UTC,
  WS_DATETIME_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_E_INVALID_FORMAT,
  WS_E_INVALID_OPERATION,
  WS_E_NUMERIC_OVERFLOW,
  WS_FLOAT_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_UINT8_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_VALUE_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsReadArray, WsReadEndElement } from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { firstString, inContent, newError, newReader, where } from "./reader.test-support.js";

type Reader = ReturnType<typeof newReader>;

function readArray(
  reader: Reader,
  type: WS_VALUE_TYPE,
  array: unknown[] | ArrayBufferView | null,
  itemOffset: number,
  itemCount: number,
  ns = "",
): [number, number] {
  const actual = ref(-1);
  const hr = WsReadArray(reader, xmlString("v"), xmlString(ns), type, array, itemOffset, itemCount, actual);
  return [hr, actual.value];
}

describe("WsReadArray", () => {
  it("reads repeated elements into a typed array, skipping white space and comments, and stops at the first other node", () => {
    const reader = inContent("<a>\n <v>1</v> <!-- c --> <v> -2 </v><v>2147483647</v><w>4</w></a>");
    const array = new Int32Array(5);
    expect(readArray(reader, WS_INT32_VALUE_TYPE, array, 1, 4)).toStrictEqual([S_OK, 3]);
    expect([...array]).toStrictEqual([0, 1, -2, 2147483647, 0]);
    expect(where(reader)).toBe("element");
    // "There are no more elements when this returns zero."
    expect(readArray(reader, WS_INT32_VALUE_TYPE, array, 0, 5)).toStrictEqual([S_OK, 0]);
  });

  it("reads in pieces of itemCount items, and ends on the parent's end element", () => {
    const reader = inContent("<a><v>1</v><v>2</v><v>3</v></a>");
    const array = new BigInt64Array(2);
    expect(readArray(reader, WS_INT64_VALUE_TYPE, array, 0, 2)).toStrictEqual([S_OK, 2]);
    expect([...array]).toStrictEqual([1n, 2n]);
    expect(readArray(reader, WS_INT64_VALUE_TYPE, array, 0, 2)).toStrictEqual([S_OK, 1]);
    expect([...array]).toStrictEqual([3n, 2n]);
    expect(readArray(reader, WS_INT64_VALUE_TYPE, array, 0, 2)).toStrictEqual([S_OK, 0]);
    expect(where(reader)).toBe("end");
    expect(WsReadEndElement(reader)).toBe(S_OK);
  });

  it("matches the namespace too", () => {
    const reader = inContent("<a xmlns:p='urn:p'><p:v>1</p:v><v>2</v></a>");
    const array: unknown[] = [null, null];
    expect(readArray(reader, WS_UINT8_VALUE_TYPE, array, 0, 2, "urn:p")).toStrictEqual([S_OK, 1]);
    expect(array).toStrictEqual([1, null]);
  });

  it("takes plain arrays for every value type, with the values WsReadValue gives", () => {
    const reader = inContent("<a><v>true</v><v>0</v></a>");
    const bools: unknown[] = [undefined, undefined];
    expect(readArray(reader, WS_BOOL_VALUE_TYPE, bools, 0, 2)).toStrictEqual([S_OK, 2]);
    expect(bools).toStrictEqual([true, false]);
    const dates: unknown[] = [undefined];
    expect(readArray(inContent("<a><v>0001-01-01T00:00:00.0000001Z</v></a>"), WS_DATETIME_VALUE_TYPE, dates, 0, 1)).toStrictEqual([
      S_OK,
      1,
    ]);
    expect(dates).toStrictEqual([{ ticks: 1n, format: WS_DATETIME_FORMAT_UTC }]);
    const big: unknown[] = [0];
    expect(readArray(inContent("<a><v>18446744073709551615</v></a>"), WS_UINT64_VALUE_TYPE, big, 0, 1)).toStrictEqual([S_OK, 1]);
    expect(big).toStrictEqual([18446744073709551615n]);
    const floats = new Float32Array(1);
    expect(readArray(inContent("<a><v>0.1</v></a>"), WS_FLOAT_VALUE_TYPE, floats, 0, 1)).toStrictEqual([S_OK, 1]);
    expect(floats[0]).toBe(Math.fround(0.1));
  });

  it("reads nothing and does not move for itemCount 0, also without an array", () => {
    const reader = inContent("<a> <v>1</v></a>");
    expect(readArray(reader, WS_INT32_VALUE_TYPE, null, 0, 0)).toStrictEqual([S_OK, 0]);
    expect(where(reader)).toBe("text: ");
  });

  it("refuses an array of the wrong kind or too short, before reading", () => {
    const error = newError();
    const reader = inContent("<a><v>1</v></a>");
    const actual = ref(-1);
    expect(WsReadArray(reader, xmlString("v"), xmlString(""), WS_INT32_VALUE_TYPE, new Float64Array(1), 0, 1, actual, error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe(
      "WsReadArray: parameter 'array' must be an array or an Int32Array for value type 3, not an object (Float64Array).",
    );
    expect(WsReadArray(reader, xmlString("v"), xmlString(""), WS_BOOL_VALUE_TYPE, new Int32Array(1), 0, 1, actual, error)).toBe(
      E_INVALIDARG,
    );
    expect(WsReadArray(reader, xmlString("v"), xmlString(""), WS_INT32_VALUE_TYPE, new Int32Array(2), 1, 2, actual, error)).toBe(
      E_INVALIDARG,
    );
    expect(firstString(error)).toBe("WsReadArray: items 1 to 2 do not fit parameter 'array', which holds 2 items.");
    expect(WsReadArray(reader, xmlString("v"), xmlString(""), WS_INT32_VALUE_TYPE, null, 0, 1, actual, error)).toBe(E_INVALIDARG);
    expect(actual.value).toBe(-1);
    expect(where(reader)).toBe("element");
  });

  it("fails on a bad item, an item with a child element, and without input", () => {
    const values = new Float64Array(2);
    expect(readArray(inContent("<a><v>1</v><v>x</v></a>"), WS_DOUBLE_VALUE_TYPE, values, 0, 2)).toStrictEqual([WS_E_INVALID_FORMAT, -1]);
    expect(values[0]).toBe(1);
    expect(readArray(inContent("<a><v>300</v></a>"), WS_UINT8_VALUE_TYPE, new Uint8Array(1), 0, 1)).toStrictEqual([
      WS_E_NUMERIC_OVERFLOW,
      -1,
    ]);
    const error = newError();
    const actual = ref(-1);
    expect(
      WsReadArray(inContent("<a><v>1<w/></v></a>"), xmlString("v"), xmlString(""), WS_INT32_VALUE_TYPE, [0], 0, 1, actual, error),
    ).toBe(WS_E_INVALID_FORMAT);
    expect(firstString(error)).toBe(
      "WsReadArray: item 0 ends with an element where its end element was expected (the reader is at line 1, column 12).",
    );
    expect(readArray(newReader(), WS_INT32_VALUE_TYPE, [0], 0, 1)).toStrictEqual([WS_E_INVALID_OPERATION, -1]);
  });
});
