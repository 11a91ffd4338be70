import {
  type WS_DATETIME,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_NONE,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { fractionText } from "./format-timespan.js";
import { checkObject, invalidArgument } from "./value-checks.js";

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;
/** Ticks of 1970-01-01T00:00:00Z, JavaScript's epoch. */
const TICKS_AT_1970 = 621_355_968_000_000_000n;
/** Ticks of 1601-01-01T00:00:00Z, where Windows' time zone conversions (FILETIME) begin. */
const TICKS_AT_1601 = 504_911_232_000_000_000n;
/** "The largest representable value is 3155378975999999999" (WS_DATETIME). */
export const MAX_DATETIME_TICKS = 3_155_378_975_999_999_999n;
/** Days from 0000-03-01 (the start of the civil-from-days count below) to 0001-01-01. */
const DAYS_0000_03_01_TO_0001_01_01 = 306;

/**
 * The local time zone: minutes east of UTC at an instant given as milliseconds since 1970
 * (-480 for Pacific Standard Time). A parameter, so that tests can fix it.
 */
export type LocalOffset = (utcMilliseconds: number) => number;

/**
 * The zone of the process, with its daylight saving rules for the date. Windows converts with the
 * system's zone too; its rules for dates before a zone's recorded history can differ from the
 * IANA rules Node uses (for 1601, Windows applies today's standard offset; IANA the local mean
 * time, -07:52:58 in Los Angeles, rounded here to whole minutes).
 */
export const systemLocalOffset: LocalOffset = (utcMilliseconds) => -new Date(utcMilliseconds).getTimezoneOffset();

/** A WS_DATETIME argument: `ticks` an unsigned 64-bit bigint, `format` a number (its range is checked when it is written). */
export function checkDateTime(fn: string, what: string, value: unknown): WS_DATETIME {
  const d = checkObject(fn, what, value, "a WS_DATETIME");
  const { ticks, format } = d;
  if (typeof ticks !== "bigint" || BigInt.asUintN(64, ticks) !== ticks) {
    throw invalidArgument(fn, `${what}.ticks`, "a bigint in the unsigned 64-bit range", ticks);
  }
  if (typeof format !== "number") throw invalidArgument(fn, `${what}.format`, "a WS_DATETIME_FORMAT", format);
  return { ticks, format } as WS_DATETIME;
}

const pad = (n: number, width: number) => n.toString().padStart(width, "0");

/** "YYYY-MM-DDTHH:mm:ss[.fffffff]" of a tick count (proleptic Gregorian calendar). */
function dateTimeText(ticks: bigint): string {
  // Civil date from a day count (H. Hinnant's days-from-civil inverse), counted from 0000-03-01
  // so that leap days fall at the end of each year.
  const z = Number(ticks / TICKS_PER_DAY) + DAYS_0000_03_01_TO_0001_01_01;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const seconds = Number((ticks % TICKS_PER_DAY) / TICKS_PER_SECOND);
  const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${fractionText(ticks % TICKS_PER_SECOND)}`;
}

function offsetText(minutes: number): string {
  const magnitude = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(magnitude / 60), 2)}:${pad(magnitude % 60, 2)}`;
}

/**
 * WS_XML_DATETIME_TEXT, "a datetime formatted as an xsd:dateTime", in the WS_DATETIME_FORMAT of
 * the value (Windows, in the Wine tests: 0 ticks is "0001-01-01T00:00:00Z", "…+00:00" and
 * "0001-01-01T00:00:00" in the three formats; 1 tick "0001-01-01T00:00:00.0000001Z"; the
 * fraction has no trailing zeros, "…00:00:00.1"; the last tick "9999-12-31T23:59:59.9999999Z").
 *
 * - UTC: "a "Z" following the time".
 * - LOCAL: the ticks are a UTC instant, written as the local time "followed by "[+|-]hh:mm""
 *   (Windows in Pacific time: 2016-01-01T00:00:00Z is "2015-12-31T16:00:00-08:00"). "If the system
 *   is unable to convert the time to a local format … it will format the time as
 *   WS_DATETIME_FORMAT_UTC": what Windows then writes is the UTC time with "+00:00", for every
 *   instant before 1601-01-01 in UTC or local time ("0001-01-01T00:00:00+00:00",
 *   1601-01-01T07:00:00Z in Pacific time "1601-01-01T07:00:00+00:00", but 08:00Z is
 *   "1601-01-01T00:00:00-08:00"). A local time after 9999-12-31 is treated the same way.
 * - NONE: the time alone.
 *
 * Ticks past 9999-12-31T23:59:59.9999999 and a format outside the enumeration are
 * WS_E_INVALID_FORMAT (Windows).
 */
export function formatDateTime(fn: string, value: WS_DATETIME, localOffset: LocalOffset = systemLocalOffset): string {
  const { ticks, format } = value;
  if (ticks > MAX_DATETIME_TICKS) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${fn}: the WS_DATETIME of ${ticks} ticks is after 9999-12-31T23:59:59.9999999, the last one that can be written (${MAX_DATETIME_TICKS}).`,
    );
  }
  switch (format) {
    case WS_DATETIME_FORMAT_UTC:
      return `${dateTimeText(ticks)}Z`;
    case WS_DATETIME_FORMAT_NONE:
      return dateTimeText(ticks);
    case WS_DATETIME_FORMAT_LOCAL: {
      const offset = Math.round(localOffset(Number((ticks - TICKS_AT_1970) / 10_000n)));
      const local = ticks + BigInt(Number.isFinite(offset) ? offset : 0) * TICKS_PER_MINUTE;
      const convertible = Number.isFinite(offset) && ticks >= TICKS_AT_1601 && local >= TICKS_AT_1601 && local <= MAX_DATETIME_TICKS;
      return convertible ? dateTimeText(local) + offsetText(offset) : `${dateTimeText(ticks)}+00:00`;
    }
  }
  throw new WsError(WS_E_INVALID_FORMAT, `${fn}: ${format} is not a WS_DATETIME_FORMAT (UTC 0, LOCAL 1, NONE 2).`);
}
