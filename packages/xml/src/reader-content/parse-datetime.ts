import {
  type WS_DATETIME,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";

const FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;
const TICKS_PER_SECOND = 10_000_000n;
/** "The largest representable value is 3155378975999999999" (WS_DATETIME). */
const MAX_TICKS = 3_155_378_975_999_999_999n;
/** The largest time zone offset, in minutes (Windows accepts "+13:59" and refuses "+14:01" and "+15:00"). */
const MAX_OFFSET_MINUTES = 14 * 60;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** Days from 0001-01-01 to y-m-d in the proleptic Gregorian calendar. */
function dayNumber(y: number, m: number, d: number): number {
  const before = y - 1;
  const leapDays = Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400);
  return before * 365 + leapDays + DAYS_BEFORE_MONTH[m - 1]! + (m > 2 && isLeapYear(y) ? 1 : 0) + d - 1;
}

/**
 * WS_DATETIME_VALUE_TYPE: yyyy "-" MM "-" dd "T" hh ":" mm ":" ss ("." d7)? tz?, tz = "Z" | sign
 * hh ":" mm (WsReadValue's grammar; its "MM = 1-31" is the day's range). Fields have fixed widths
 * ("01-01-01T00:00:00Z" is refused), the year is 0001-9999, the day must exist in its month (leap
 * years by the Gregorian rules: 2000-02-29 is a date, 1900-02-29 is not), and the fraction has one
 * to seven digits (ticks of 100 ns). As Wine's conformance tests record of Windows:
 * - "T24:00:00" is accepted as the end of the day (the next day's 00:00:00); "24:00:01" is not;
 * - "Z" gives WS_DATETIME_FORMAT_UTC; an offset gives WS_DATETIME_FORMAT_LOCAL with the ticks of
 *   the same instant in UTC ("0001-01-01T00:00:00-00:01" is 600000000 ticks), offsets up to 14:00
 *   ("+13:60", "+14:01" and "+15:00" are refused); no zone gives WS_DATETIME_FORMAT_NONE with the
 *   ticks as written (WS_DATETIME_FORMAT_NONE: "no timezone is implied");
 * - the instant must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.9999999Z:
 *   "0001-01-01T00:00:00+00:01" and "9999-12-31T24:00:00-00:01" are refused,
 *   "9999-12-31T24:00:00+00:01" is accepted.
 */
function invalidDateTime(text: string, why: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a dateTime: ${why}.`);
}

export function parseDateTime(text: string): WS_DATETIME {
  const match = FORM.exec(text);
  if (match === null) {
    throw new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a dateTime: yyyy-MM-ddThh:mm:ss(.fffffff)?(Z|±hh:mm)? was expected.`);
  }
  // Field by field rather than slice().map(): this runs for every dateTime read.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const fraction = match[7] === undefined ? 0n : BigInt(match[7].padEnd(7, "0"));
  if (year < 1) throw invalidDateTime(text, "the year must be from 0001 to 9999");
  if (month < 1 || month > 12) throw invalidDateTime(text, "the month must be from 01 to 12");
  if (day < 1 || day > daysInMonth(year, month)) throw invalidDateTime(text, `${year}-${match[2]} has no day ${match[3]}`);
  const endOfDay = hour === 24 && minute === 0 && second === 0 && fraction === 0n;
  if (hour > 23 && !endOfDay) throw invalidDateTime(text, "the hour must be from 00 to 23 (or 24:00:00, the end of the day)");
  if (minute > 59) throw invalidDateTime(text, "the minutes must be from 00 to 59");
  if (second > 59) throw invalidDateTime(text, "the seconds must be from 00 to 59");
  const seconds = dayNumber(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  let ticks = BigInt(seconds) * TICKS_PER_SECOND + fraction;
  const zone = match[8];
  let format: WS_DATETIME["format"] = WS_DATETIME_FORMAT_NONE;
  if (zone === "Z") format = WS_DATETIME_FORMAT_UTC;
  else if (zone !== undefined) {
    const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    if (Number(zone.slice(4, 6)) > 59 || offsetMinutes > MAX_OFFSET_MINUTES)
      throw invalidDateTime(text, "the time zone offset must be from -14:00 to +14:00");
    // The time is local to the zone; UTC is that time minus the offset.
    ticks -= BigInt(zone[0] === "-" ? -offsetMinutes : offsetMinutes) * 60n * TICKS_PER_SECOND;
    format = WS_DATETIME_FORMAT_LOCAL;
  }
  if (ticks < 0n || ticks > MAX_TICKS) throw invalidDateTime(text, "it is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.9999999Z");
  return { ticks, format };
}
