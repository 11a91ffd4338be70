import { WS_E_INVALID_FORMAT, WS_E_NUMERIC_OVERFLOW } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { article, quoted } from "./lexical.js";

/**
 * The integer value types' lexical form (WsReadValue: "WS_INTxxx_VALUE_TYPE = sign? digits",
 * "WS_UINTxxx_VALUE_TYPE = digits", sign = "-" | "+"; leading and trailing white space is trimmed
 * by the caller), with the HRESULTs Windows gives for values out of range, as recorded by Wine's
 * conformance tests of WsReadType:
 *   int8 "-129", int16 "-32769"                         → WS_E_NUMERIC_OVERFLOW
 *   int32 "-2147483649", int64 "-9223372036854775809"    → WS_E_INVALID_FORMAT
 *   uint8 "256" and "-255", uint16 "65536", uint32 "4294967296" → WS_E_NUMERIC_OVERFLOW
 *   uint64 "18446744073709551616"                        → WS_E_INVALID_FORMAT
 *   uint8 "+255", "0xff", " ", "-", ""                   → WS_E_INVALID_FORMAT;  int8 "-0" → 0
 * That is: the text is converted to a wide type first (int32 for int8..int32, int64 for int64,
 * uint64 for the unsigned types) and a text outside the wide type is not a number of it
 * (WS_E_INVALID_FORMAT), while a number outside the narrower type overflows it
 * (WS_E_NUMERIC_OVERFLOW). Unsigned texts take no '+', but a '-': a negative number other than 0
 * overflows them.
 */

interface IntegerType {
  name: string;
  /** The type the text is read as first (see above). */
  wide: string;
  min: bigint;
  max: bigint;
  wideMin: bigint;
  wideMax: bigint;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const signed = (name: string, bits: bigint, wide: string, wideMin: bigint, wideMax: bigint): IntegerType => ({
  name,
  wide,
  min: -(2n ** (bits - 1n)),
  max: 2n ** (bits - 1n) - 1n,
  wideMin,
  wideMax,
});
const unsigned = (name: string, bits: bigint): IntegerType => ({
  name,
  wide: "uint64",
  min: 0n,
  max: 2n ** bits - 1n,
  wideMin: -UINT64_MAX,
  wideMax: UINT64_MAX,
});

const INT8 = signed("int8", 8n, "int32", INT32_MIN, INT32_MAX);
const INT16 = signed("int16", 16n, "int32", INT32_MIN, INT32_MAX);
const INT32 = signed("int32", 32n, "int32", INT32_MIN, INT32_MAX);
const INT64 = signed("int64", 64n, "int64", INT64_MIN, INT64_MAX);
const UINT8 = unsigned("uint8", 8n);
const UINT16 = unsigned("uint16", 16n);
const UINT32 = unsigned("uint32", 32n);
const UINT64 = unsigned("uint64", 64n);

/** More significant digits than any wide type holds: refused before building a big number. */
const MAX_DIGITS = 20;

function parse(text: string, type: IntegerType): bigint {
  const isUnsigned = type.min === 0n;
  let at = 0;
  const first = text.charCodeAt(0);
  if (first === 0x2d || (first === 0x2b && !isUnsigned)) at = 1;
  if (at === text.length)
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${quoted(text)} is not ${article(type.name)}: ${isUnsigned ? "digits" : "sign? digits"} were expected.`,
    );
  let significant = -1;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `${quoted(text)} is not ${article(type.name)}: ${isUnsigned ? "digits" : "sign? digits"} were expected.`,
      );
    }
    if (significant < 0 && c !== 0x30) significant = i;
  }
  if (significant >= 0 && text.length - significant > MAX_DIGITS) throw outOfWide(text, type);
  const value = BigInt(text.slice(at)) * (first === 0x2d ? -1n : 1n);
  if (value < type.wideMin || value > type.wideMax) throw outOfWide(text, type);
  if (value < type.min || value > type.max) {
    throw new WsError(WS_E_NUMERIC_OVERFLOW, `${quoted(text)} is outside the range of ${article(type.name)} (${type.min} to ${type.max}).`);
  }
  return value;
}

function outOfWide(text: string, type: IntegerType): WsError {
  return new WsError(
    WS_E_INVALID_FORMAT,
    `${quoted(text)} is not ${article(type.name)}: the number does not fit the ${type.wide} it is read as.`,
  );
}

export const parseInt8 = (text: string): number => Number(parse(text, INT8));
export const parseInt16 = (text: string): number => Number(parse(text, INT16));
export const parseInt32 = (text: string): number => Number(parse(text, INT32));
export const parseInt64 = (text: string): bigint => parse(text, INT64);
export const parseUint8 = (text: string): number => Number(parse(text, UINT8));
export const parseUint16 = (text: string): number => Number(parse(text, UINT16));
export const parseUint32 = (text: string): number => Number(parse(text, UINT32));
export const parseUint64 = (text: string): bigint => parse(text, UINT64);
