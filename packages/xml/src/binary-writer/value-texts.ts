import {
  type DECIMAL,
  WS_BOOL_VALUE_TYPE,
  type WS_DATETIME,
  WS_DATETIME_VALUE_TYPE,
  WS_DECIMAL_VALUE_TYPE,
  WS_DOUBLE_VALUE_TYPE,
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
  type WS_XML_TEXT,
} from "@wwsapi/core";
import {
  boolText,
  dateTimeText,
  decimalText,
  doubleText,
  floatText,
  guidText,
  int64Text,
  timeSpanText,
  uint64Text,
} from "../binary-reader/text-values.js";

/**
 * The WS_XML_TEXT of a WsWriteValue / WsWriteArray value, which the binary sink turns into a typed
 * record (text-records.ts): the same value as the corresponding text type. The value has been
 * checked already (formatValue). Every integer type becomes an INT64 text (UINT64 a UINT64 text),
 * since the record is chosen by the value, not by the type. WS_DURATION_VALUE_TYPE has no record of
 * its own in [MC-NBFX]: undefined, and its characters are written.
 */
export function valueText(valueType: WS_VALUE_TYPE, value: unknown): WS_XML_TEXT | undefined {
  switch (valueType) {
    case WS_BOOL_VALUE_TYPE:
      return boolText(value === true || (typeof value === "number" && value !== 0));
    case WS_INT8_VALUE_TYPE:
    case WS_INT16_VALUE_TYPE:
    case WS_INT32_VALUE_TYPE:
    case WS_UINT8_VALUE_TYPE:
    case WS_UINT16_VALUE_TYPE:
    case WS_UINT32_VALUE_TYPE:
      return int64Text(BigInt(value as number));
    case WS_INT64_VALUE_TYPE:
      return int64Text(value as bigint);
    case WS_UINT64_VALUE_TYPE:
      return uint64Text(value as bigint);
    case WS_FLOAT_VALUE_TYPE:
      return floatText(value as number);
    case WS_DOUBLE_VALUE_TYPE:
      return doubleText(value as number);
    case WS_DECIMAL_VALUE_TYPE:
      return decimalText(value as DECIMAL);
    case WS_DATETIME_VALUE_TYPE:
      return dateTimeText(value as WS_DATETIME);
    case WS_TIMESPAN_VALUE_TYPE:
      return timeSpanText((value as { ticks: bigint }).ticks);
    case WS_GUID_VALUE_TYPE:
      return guidText(value as Uint8Array);
  }
  return undefined;
}
