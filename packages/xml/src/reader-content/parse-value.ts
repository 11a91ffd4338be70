import {
  E_INVALIDARG,
  WS_BOOL_VALUE_TYPE,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
  WS_DURATION_VALUE_TYPE,
  WS_FLOAT_VALUE_TYPE,
  WS_GUID_VALUE_TYPE,
  WS_INT8_VALUE_TYPE,
  WS_INT16_VALUE_TYPE,
  WS_INT32_VALUE_TYPE,
  WS_INT64_VALUE_TYPE,
  WS_TIMESPAN_VALUE_TYPE,
  WS_UINT8_VALUE_TYPE,
  WS_UINT16_VALUE_TYPE,
  WS_UINT32_VALUE_TYPE,
  WS_UINT64_VALUE_TYPE,
  type WS_VALUE_TYPE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { parseBool } from "./parse-bool.js";
import { parseDateTime } from "./parse-datetime.js";
import { parseDecimal } from "./parse-decimal.js";
import { parseDuration } from "./parse-duration.js";
import { parseDouble, parseFloat32 } from "./parse-float.js";
import { parseGuid } from "./parse-guid.js";
import { parseInt8, parseInt16, parseInt32, parseInt64, parseUint8, parseUint16, parseUint32, parseUint64 } from "./parse-integer.js";
import { parseTimeSpan } from "./parse-timespan.js";

/**
 * The lexical parser of each WS_VALUE_TYPE, and the name of its C type for messages. Values take
 * the TypeScript forms of spec/README.md: numbers up to 32 bits, bigint for 64-bit integers,
 * boolean for BOOL, DECIMAL, WS_DATETIME, WS_TIMESPAN and WS_DURATION structs, a GUID's 16 bytes.
 */
export const VALUE_PARSERS: Readonly<Record<WS_VALUE_TYPE, { name: string; parse: (text: string) => unknown }>> = {
  [WS_BOOL_VALUE_TYPE]: { name: "BOOL", parse: parseBool },
  [WS_INT8_VALUE_TYPE]: { name: "INT8", parse: parseInt8 },
  [WS_INT16_VALUE_TYPE]: { name: "INT16", parse: parseInt16 },
  [WS_INT32_VALUE_TYPE]: { name: "INT32", parse: parseInt32 },
  [WS_INT64_VALUE_TYPE]: { name: "INT64", parse: parseInt64 },
  [WS_UINT8_VALUE_TYPE]: { name: "UINT8", parse: parseUint8 },
  [WS_UINT16_VALUE_TYPE]: { name: "UINT16", parse: parseUint16 },
  [WS_UINT32_VALUE_TYPE]: { name: "UINT32", parse: parseUint32 },
  [WS_UINT64_VALUE_TYPE]: { name: "UINT64", parse: parseUint64 },
  [WS_FLOAT_VALUE_TYPE]: { name: "float", parse: parseFloat32 },
  [WS_DOUBLE_VALUE_TYPE]: { name: "double", parse: parseDouble },
  [WS_DECIMAL_VALUE_TYPE]: { name: "DECIMAL", parse: parseDecimal },
  [WS_DATETIME_VALUE_TYPE]: { name: "WS_DATETIME", parse: parseDateTime },
  [WS_TIMESPAN_VALUE_TYPE]: { name: "WS_TIMESPAN", parse: parseTimeSpan },
  [WS_GUID_VALUE_TYPE]: { name: "GUID", parse: parseGuid },
  [WS_DURATION_VALUE_TYPE]: { name: "WS_DURATION", parse: parseDuration },
};

/** The parser of `valueType` (the flat API has checked that it is a WS_VALUE_TYPE). */
export function valueParser(functionName: string, valueType: WS_VALUE_TYPE): { name: string; parse: (text: string) => unknown } {
  const parser = VALUE_PARSERS[valueType];
  if (parser === undefined) throw new WsError(E_INVALIDARG, `${functionName}: ${valueType} is not a WS_VALUE_TYPE.`);
  return parser;
}
