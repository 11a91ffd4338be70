import { invalidArgument } from "./value-checks.js";

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;

const two = (n: bigint | number) => n.toString().padStart(2, "0");

/** Seven digits of a fraction of a second in ticks, trailing zeros dropped, with its point; "" for none. */
export function fractionText(ticks: bigint): string {
  return ticks === 0n ? "" : `.${ticks.toString().padStart(7, "0").replace(/0+$/, "")}`;
}

/**
 * WS_XML_TIMESPAN_TEXT (WS_TIMESPAN, WS_TIMESPAN_VALUE_TYPE): "a time span formatted as the text
 * "[+|-][d?.]HH:mm:ss[.fffffff]"", d the days, HH 0-23, mm and ss 0-59, "fffffff … up to 7
 * decimal digits representing the fraction of a second". [MC-NBFX] 2.2.3.23 gives the same form
 * for the TimeSpanText record, with "no trailing zeros" in the fraction, the day part only when
 * it is not zero, and the range -10675199.02:48:05.4775808 to 10675199.02:48:05.4775807.
 * A "-" marks a negative span; a positive one has no sign.
 */
export function formatTimeSpan(ticks: bigint): string {
  const magnitude = ticks < 0n ? -ticks : ticks;
  const days = magnitude / TICKS_PER_DAY;
  const seconds = (magnitude % TICKS_PER_DAY) / TICKS_PER_SECOND;
  const time = `${two(seconds / 3600n)}:${two((seconds / 60n) % 60n)}:${two(seconds % 60n)}`;
  return `${ticks < 0n ? "-" : ""}${days > 0n ? `${days}.` : ""}${time}${fractionText(magnitude % TICKS_PER_SECOND)}`;
}

/** WS_TIMESPAN's ticks, a signed 64-bit count of 100 ns. */
export function checkTimeSpanTicks(fn: string, what: string, value: unknown): bigint {
  if (typeof value === "bigint" && BigInt.asIntN(64, value) === value) return value;
  throw invalidArgument(fn, what, "a bigint in the signed 64-bit range", value);
}
