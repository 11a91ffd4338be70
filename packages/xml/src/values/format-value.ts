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
import { describeValue, WsError } from "@wwsapi/core/internal";
import { checkDateTime, formatDateTime, type LocalOffset } from "./format-datetime.js";
import { checkDecimal, formatDecimal } from "./format-decimal.js";
import { checkDuration, formatDuration } from "./format-duration.js";
import { formatGuid } from "./format-guid.js";
import { formatBool, formatDouble, formatFloat, formatInteger } from "./format-number.js";
import { checkTimeSpanTicks, formatTimeSpan } from "./format-timespan.js";
import { checkBool, checkGuid, checkInteger, checkInteger64, checkNumber, checkObject } from "./value-checks.js";

/**
 * The text of a WS_VALUE_TYPE value (WsWriteValue, WsWriteArray): the same text as the
 * corresponding WS_XML_TEXT (a GUID as WS_XML_TEXT_TYPE_GUID, without "urn:uuid:"; Windows writes
 * WS_GUID_TYPE as "00000000-0000-0000-0000-000000000000"). 8 and 16-bit integers and unsigned
 * 32-bit ones are written in base 10 like the others (Windows: "-128", "65535", "4294967295").
 * `what` names the value in messages. A missing value is E_INVALIDARG (Windows, for NULL).
 */
export function formatValue(fn: string, valueType: WS_VALUE_TYPE, value: unknown, what: string, localOffset: LocalOffset): string {
  if (value === null || value === undefined) throw new WsError(E_INVALIDARG, `${fn}: ${what} is missing (${describeValue(value)}).`);
  switch (valueType) {
    case WS_BOOL_VALUE_TYPE:
      return formatBool(checkBool(fn, what, value));
    case WS_INT8_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 8, true));
    case WS_INT16_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 16, true));
    case WS_INT32_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 32, true));
    case WS_INT64_VALUE_TYPE:
      return formatInteger(checkInteger64(fn, what, value, true));
    case WS_UINT8_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 8, false));
    case WS_UINT16_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 16, false));
    case WS_UINT32_VALUE_TYPE:
      return formatInteger(checkInteger(fn, what, value, 32, false));
    case WS_UINT64_VALUE_TYPE:
      return formatInteger(checkInteger64(fn, what, value, false));
    case WS_FLOAT_VALUE_TYPE:
      return formatFloat(checkNumber(fn, what, value));
    case WS_DOUBLE_VALUE_TYPE:
      return formatDouble(checkNumber(fn, what, value));
    case WS_DECIMAL_VALUE_TYPE:
      return formatDecimal(checkDecimal(fn, what, value));
    case WS_DATETIME_VALUE_TYPE:
      return formatDateTime(fn, checkDateTime(fn, what, value), localOffset);
    case WS_TIMESPAN_VALUE_TYPE:
      return formatTimeSpan(checkTimeSpanTicks(fn, `${what}.ticks`, checkObject(fn, what, value, "a WS_TIMESPAN").ticks));
    case WS_GUID_VALUE_TYPE:
      return formatGuid(checkGuid(fn, what, value));
    case WS_DURATION_VALUE_TYPE:
      return formatDuration(checkDuration(fn, what, value));
  }
  throw new WsError(E_INVALIDARG, `${fn}: ${describeValue(valueType)} is not a WS_VALUE_TYPE.`);
}
