import { WS_E_INVALID_FORMAT, type WS_TIMESPAN } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";

const FORM = /^([+-]?)(?:([0-9]+)\.)?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;
const TICKS_PER_SECOND = 10_000_000n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** 10675199 days is the most an int64 of ticks holds; longer day counts are refused before building a big number. */
const MAX_DAY_DIGITS = 8;

/**
 * WS_TIMESPAN_VALUE_TYPE: sign? (digits ".")? hh ":" mm ":" ss ("." d7)? (WsReadValue's grammar),
 * hh 00-23, mm and ss 00-59 in two digits each, one to seven fraction digits (ticks of 100 ns).
 * A WS_TIMESPAN is "a signed 64-bit time interval in 100 nanosecond units": a span beyond it
 * (further than 10675199.02:48:05.4775807 either way, the range [MC-NBFX] gives TimeSpanText) is
 * refused with WS_E_INVALID_FORMAT, as Windows refuses int64 text beyond int64.
 */
export function parseTimeSpan(text: string): WS_TIMESPAN {
  const match = FORM.exec(text);
  const invalid = (why: string) => new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a timespan: ${why}.`);
  if (match === null) throw invalid('sign? (days ".")? hh:mm:ss(.fffffff)? was expected');
  const days = (match[2] ?? "0").replace(/^0+(?=.)/, "");
  const [hours, minutes, seconds] = [Number(match[3]), Number(match[4]), Number(match[5])];
  if (hours > 23) throw invalid("the hours must be from 00 to 23");
  if (minutes > 59 || seconds > 59) throw invalid("the minutes and seconds must be from 00 to 59");
  if (days.length > MAX_DAY_DIGITS) throw invalid("it is beyond the range of a WS_TIMESPAN");
  const magnitude =
    (((BigInt(days) * 24n + BigInt(hours)) * 60n + BigInt(minutes)) * 60n + BigInt(seconds)) * TICKS_PER_SECOND +
    BigInt((match[6] ?? "").padEnd(7, "0"));
  const ticks = match[1] === "-" ? -magnitude : magnitude;
  if (ticks < INT64_MIN || ticks > INT64_MAX) throw invalid("it is beyond the range of a WS_TIMESPAN");
  return { ticks };
}
