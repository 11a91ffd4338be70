import { ref, S_OK, type WS_DURATION, type WS_DURATION_DESCRIPTION } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { invalidFormat, type ReadContext } from "./read-context.js";

/**
 * The order of WS_DURATIONs for WS_DURATION_DESCRIPTION's minValue and maxValue. With a `comparer`
 * the application's WS_DURATION_COMPARISON_CALLBACK decides ("-1 if duration1 is less than
 * duration2, 0 if duration1 is equal to duration2, 1 if duration1 is greater than duration2";
 * "If the function cannot compare the specified durations, it should return WS_E_INVALID_FORMAT").
 * Without one the docs define no order; wwsapi-ts uses XML Schema's partial order of xs:duration:
 * months and the fixed part (days to ticks) are compared, and a month counts between 28 and 31
 * days, so that "P1M" and "P30D" cannot be compared (WS_E_INVALID_FORMAT, as the callback would).
 */

const TICKS_PER_DAY = 864_000_000_000n;

function parts(d: WS_DURATION): { months: bigint; ticks: bigint } {
  const sign = d.negative ? -1n : 1n;
  const months = BigInt(d.years) * 12n + BigInt(d.months);
  const seconds = ((BigInt(d.days) * 24n + BigInt(d.hours)) * 60n + BigInt(d.minutes)) * 60n + BigInt(d.seconds);
  const ticks = (seconds * 1000n + BigInt(d.milliseconds)) * 10_000n + BigInt(d.ticks);
  return { months: sign * months, ticks: sign * ticks };
}

/** -1, 0 or 1; undefined when the two cannot be ordered. */
export function compareDurations(a: WS_DURATION, b: WS_DURATION): number | undefined {
  const x = parts(a);
  const y = parts(b);
  const months = x.months - y.months;
  const ticks = x.ticks - y.ticks;
  // The difference lies between ticks + months·28 days and ticks + months·31 days.
  const low = ticks + months * (months >= 0n ? 28n : 31n) * TICKS_PER_DAY;
  const high = ticks + months * (months >= 0n ? 31n : 28n) * TICKS_PER_DAY;
  if (months === 0n && ticks === 0n) return 0;
  if (low > 0n) return 1;
  if (high < 0n) return -1;
  return undefined;
}

function compare(ctx: ReadContext, description: WS_DURATION_DESCRIPTION, a: WS_DURATION, b: WS_DURATION, what: string): number {
  if (typeof description.comparer === "function") {
    const result = ref(0);
    const hr = description.comparer(a, b, result, null);
    if (hr !== S_OK)
      throw new WsError(hr, `${ctx.fn}: the WS_DURATION_COMPARISON_CALLBACK of ${what} failed (HRESULT 0x${(hr >>> 0).toString(16)}).`);
    return result.value;
  }
  const order = compareDurations(a, b);
  if (order === undefined)
    throw invalidFormat(
      ctx,
      `${what} cannot be compared with the bounds of its WS_DURATION_DESCRIPTION (xs:duration is partially ordered)`,
    );
  return order;
}

/** A duration outside minValue to maxValue is WS_E_INVALID_FORMAT. */
export function checkDurationRange(ctx: ReadContext, description: WS_DURATION_DESCRIPTION, value: WS_DURATION, what: string): void {
  if (
    compare(ctx, description, value, description.minValue, what) < 0 ||
    compare(ctx, description, value, description.maxValue, what) > 0
  ) {
    throw invalidFormat(ctx, `${what} is outside the minValue to maxValue of its WS_DURATION_DESCRIPTION`);
  }
}
