import { type WS_DURATION, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";
import { parseUint32 } from "./parse-integer.js";

const FORM = /^([+-]?)P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]+))?S)?)?$/;
const FIELDS = ["years", "months", "days", "hours", "minutes", "seconds"] as const;

/**
 * WS_DURATION_VALUE_TYPE: the xsd:duration form of WsReadValue's grammar, sign? "P" (digits "Y")?
 * (digits "M")? (digits "D")? ("T" (digits "H")? (digits "M")? (digits ("." digits)? "S")?)?, with
 * at least one part, and at least one after a "T". Each count is a ULONG of WS_DURATION; a count
 * beyond it is refused as a uint32 is (WS_E_NUMERIC_OVERFLOW, or WS_E_INVALID_FORMAT beyond 64
 * bits). The fraction of a second becomes milliseconds ("must be less than 1000") and ticks
 * ("must be less than 10000"), so it has at most seven digits, as a dateTime's fraction does.
 */
export function parseDuration(text: string): WS_DURATION {
  const match = FORM.exec(text);
  const invalid = (why: string) => new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a duration: ${why}.`);
  if (match === null) throw invalid('sign? "P" nY? nM? nD? ("T" nH? nM? n(.n)?S?)? was expected');
  const counts = [match[2], match[3], match[4], match[6], match[7], match[8]];
  if (counts.every((c) => c === undefined)) throw invalid("it has no part");
  if (match[5] !== undefined && match[6] === undefined && match[7] === undefined && match[8] === undefined)
    throw invalid('"T" is not followed by any part');
  const fraction = match[9] ?? "";
  if (fraction.length > 7) throw invalid("the seconds have more than seven fraction digits (a WS_DURATION holds ticks of 100 ns)");
  const duration: WS_DURATION = {
    negative: match[1] === "-",
    years: 0,
    months: 0,
    days: 0,
    hours: 0,
    minutes: 0,
    seconds: 0,
    milliseconds: 0,
    ticks: 0,
  };
  FIELDS.forEach((field, i) => {
    const count = counts[i];
    if (count === undefined) return;
    try {
      duration[field] = parseUint32(count);
    } catch (thrown) {
      throw new WsError((thrown as WsError).hr, `${quoted(text)} is not a duration: its ${field} do not fit a ULONG.`);
    }
  });
  const ticks = Number(fraction.padEnd(7, "0"));
  duration.milliseconds = Math.floor(ticks / 10_000);
  duration.ticks = ticks % 10_000;
  return duration;
}
