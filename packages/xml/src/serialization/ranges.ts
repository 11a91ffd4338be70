import {
  type DECIMAL,
  WS_BOOL_TYPE,
  WS_BYTE_ARRAY_TYPE,
  WS_BYTES_TYPE,
  WS_CHAR_ARRAY_TYPE,
  WS_DATETIME_TYPE,
  WS_DECIMAL_TYPE,
  WS_DOUBLE_TYPE,
  type WS_DURATION,
  type WS_DURATION_DESCRIPTION,
  WS_DURATION_TYPE,
  WS_FLOAT_TYPE,
  WS_GUID_TYPE,
  WS_INT8_TYPE,
  WS_INT16_TYPE,
  WS_INT32_TYPE,
  WS_INT64_TYPE,
  WS_STRING_TYPE,
  WS_TIMESPAN_TYPE,
  WS_UINT8_TYPE,
  WS_UINT16_TYPE,
  WS_UINT32_TYPE,
  WS_UINT64_TYPE,
  WS_UNIQUE_ID_TYPE,
  WS_UTF8_ARRAY_TYPE,
  WS_WSZ_TYPE,
  type WS_XML_QNAME,
  WS_XML_QNAME_TYPE,
  type WS_XML_STRING,
  WS_XML_STRING_TYPE,
} from "@wwsapi/core";
import { describeValue } from "@wwsapi/core/internal";
import { formatGuid } from "../values/format-guid.js";
import { checkDurationRange } from "./duration-order.js";
import { invalidFormat, type ReadContext } from "./read-context.js";
import { typeName } from "./type-info.js";
import { sameValue } from "./zero-values.js";

/**
 * The constraints of the type descriptions on deserialized values ("The WS_INT32_DESCRIPTION type
 * description can optionally be specified for this type in order to constrain the allowed
 * values"): numbers, dates and spans between minValue and maxValue; strings by their character
 * count, WS_BYTES and WS_XML_STRING by their byte count, qualified names by both parts' byte
 * counts; WS_BOOL_DESCRIPTION and WS_GUID_DESCRIPTION allow one value. A value outside is
 * WS_E_INVALID_FORMAT, naming the value, the bounds and where the reader is.
 */
export function checkRange(ctx: ReadContext, type: number, description: unknown, value: unknown, what: string): void {
  if (description === null || description === undefined) return;
  const d = description as Record<string, unknown>;
  const outside = (shown: string, min: unknown, max: unknown, unit = "") =>
    invalidFormat(ctx, `${what} ${shown} is outside ${min} to ${max}${unit} of its ${typeName(type).replace(/_TYPE$/, "_DESCRIPTION")}`);
  switch (type) {
    case WS_INT8_TYPE:
    case WS_INT16_TYPE:
    case WS_INT32_TYPE:
    case WS_UINT8_TYPE:
    case WS_UINT16_TYPE:
    case WS_UINT32_TYPE:
    case WS_FLOAT_TYPE:
    case WS_DOUBLE_TYPE:
    case WS_INT64_TYPE:
    case WS_UINT64_TYPE: {
      const v = value as number | bigint;
      if (v < (d.minValue as number | bigint) || v > (d.maxValue as number | bigint)) throw outside(String(v), d.minValue, d.maxValue);
      return;
    }
    case WS_DATETIME_TYPE:
    case WS_TIMESPAN_TYPE: {
      const ticks = (value as { ticks: bigint }).ticks;
      const min = (d.minValue as { ticks: bigint }).ticks;
      const max = (d.maxValue as { ticks: bigint }).ticks;
      if (ticks < min || ticks > max) throw outside(`(${ticks} ticks)`, min, max, " ticks");
      return;
    }
    case WS_DECIMAL_TYPE: {
      const v = value as DECIMAL;
      const min = d.minValue as DECIMAL;
      const max = d.maxValue as DECIMAL;
      if (compareDecimal(v, min) < 0 || compareDecimal(v, max) > 0) throw outside(decimalText(v), decimalText(min), decimalText(max));
      return;
    }
    case WS_STRING_TYPE:
    case WS_WSZ_TYPE:
      countIn(ctx, (value as string).length, d.minCharCount, d.maxCharCount, what, "characters");
      return;
    case WS_UNIQUE_ID_TYPE: {
      const uri = (value as { uri: string }).uri;
      if (uri.length > 0) countIn(ctx, uri.length, d.minCharCount, d.maxCharCount, `${what}'s uri`, "characters");
      return;
    }
    case WS_BYTES_TYPE:
      countIn(ctx, (value as Uint8Array).length, d.minByteCount, d.maxByteCount, what, "bytes");
      return;
    case WS_XML_STRING_TYPE:
      countIn(ctx, (value as WS_XML_STRING).bytes.length, d.minByteCount, d.maxByteCount, what, "bytes");
      return;
    case WS_XML_QNAME_TYPE: {
      const q = value as WS_XML_QNAME;
      countIn(ctx, q.localName.bytes.length, d.minLocalNameByteCount, d.maxLocalNameByteCount, `${what}'s local name`, "bytes");
      countIn(ctx, q.ns.bytes.length, d.minNsByteCount, d.maxNsByteCount, `${what}'s namespace`, "bytes");
      return;
    }
    case WS_BOOL_TYPE:
      if (value !== d.value)
        throw invalidFormat(ctx, `${what} ${value} is not ${describeValue(d.value)}, the only value its WS_BOOL_DESCRIPTION allows`);
      return;
    case WS_GUID_TYPE:
      if (!sameValue(value, d.value)) {
        throw invalidFormat(ctx, `${what} ${formatGuid(value as Uint8Array)} is not the GUID its WS_GUID_DESCRIPTION allows`);
      }
      return;
    case WS_DURATION_TYPE:
      checkDurationRange(ctx, d as unknown as WS_DURATION_DESCRIPTION, value as WS_DURATION, what);
      return;
    case WS_CHAR_ARRAY_TYPE:
      countIn(ctx, (value as string).length, d.minCharCount, d.maxCharCount, what, "characters");
      return;
    case WS_UTF8_ARRAY_TYPE:
    case WS_BYTE_ARRAY_TYPE:
      countIn(ctx, (value as Uint8Array).length, d.minByteCount, d.maxByteCount, what, "bytes");
      return;
  }
}

function countIn(ctx: ReadContext, count: number, min: unknown, max: unknown, what: string, unit: string): void {
  if (count < (min as number) || count > (max as number))
    throw invalidFormat(ctx, `${what} has ${count} ${unit}, outside the ${min} to ${max} of its description`);
}

/** A DECIMAL's value as an integer over a power of ten: (Hi32·2^64 + Lo64) / 10^scale, signed. */
function compareDecimal(a: DECIMAL, b: DECIMAL): number {
  const scaled = (d: DECIMAL, scale: number) =>
    ((BigInt(d.Hi32) << 64n) + BigInt(d.Lo64)) * (d.sign !== 0 ? -1n : 1n) * 10n ** BigInt(scale - d.scale);
  const scale = Math.max(a.scale, b.scale);
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function decimalText(d: DECIMAL): string {
  const digits = ((BigInt(d.Hi32) << 64n) + BigInt(d.Lo64)).toString().padStart(d.scale + 1, "0");
  const point = digits.length - d.scale;
  return `${d.sign !== 0 ? "-" : ""}${digits.slice(0, point)}${d.scale > 0 ? `.${digits.slice(point)}` : ""}`;
}
