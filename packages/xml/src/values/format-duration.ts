import type { WS_DURATION } from "@wwsapi/core";
import { fractionText } from "./format-timespan.js";
import { checkBool, checkObject, invalidArgument } from "./value-checks.js";

/** WS_DURATION's fields, checked: ULONG counts, "milliseconds … must be less than 1000", "ticks … must be less than 10000". */
export function checkDuration(fn: string, what: string, value: unknown): WS_DURATION {
  const d = checkObject(fn, what, value, "a WS_DURATION");
  const field = (name: string, limit = 2 ** 32) => {
    const v = d[name];
    if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < limit) return v;
    throw invalidArgument(fn, `${what}.${name}`, `an integer from 0 to ${limit - 1}`, v);
  };
  return {
    negative: checkBool(fn, `${what}.negative`, d.negative),
    years: field("years"),
    months: field("months"),
    days: field("days"),
    hours: field("hours"),
    minutes: field("minutes"),
    seconds: field("seconds"),
    milliseconds: field("milliseconds", 1000),
    ticks: field("ticks", 10000),
  };
}

/**
 * WS_DURATION (WS_DURATION_VALUE_TYPE) "Represents a xsd:duration data type": the XML Schema
 * lexical form "-PnYnMnDTnHnMnS" with the fields that are zero left out and the seconds'
 * fraction (milliseconds and ticks, seven digits) without trailing zeros, "PT1H2M3.5S".
 * Not documented, and not seen from Windows: the text of a zero duration; it is "PT0S" here,
 * the canonical zero of XML Schema 1.1, and a zero duration has no sign.
 */
export function formatDuration(value: WS_DURATION): string {
  const fraction = BigInt(value.milliseconds) * 10_000n + BigInt(value.ticks);
  let date = "";
  if (value.years !== 0) date += `${value.years}Y`;
  if (value.months !== 0) date += `${value.months}M`;
  if (value.days !== 0) date += `${value.days}D`;
  let time = "";
  if (value.hours !== 0) time += `${value.hours}H`;
  if (value.minutes !== 0) time += `${value.minutes}M`;
  if (value.seconds !== 0 || fraction !== 0n) time += `${value.seconds}${fractionText(fraction)}S`;
  if (date === "" && time === "") return "PT0S";
  return `${value.negative ? "-" : ""}P${date}${time === "" ? "" : `T${time}`}`;
}
