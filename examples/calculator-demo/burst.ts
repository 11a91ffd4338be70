/**
 * A short bounded burst: `call` again and again, `inFlight` at a time, until `maxCalls` calls have
 * completed or `maxMs` milliseconds have passed, whichever comes first. Both bounds are checked
 * before each call starts, so the burst ends at most one call per worker after its time is up.
 */
export interface BurstLimits {
  readonly maxCalls: number;
  readonly maxMs: number;
  /** How many calls run at once (default 1: each call waits for the previous one's reply). */
  readonly inFlight?: number;
}

export interface BurstResult {
  readonly calls: number;
  readonly ms: number;
  readonly perSecond: number;
}

export async function burst(call: () => Promise<unknown>, limits: BurstLimits): Promise<BurstResult> {
  const started = performance.now();
  let begun = 0;
  let calls = 0;
  const worker = async () => {
    while (begun < limits.maxCalls && performance.now() - started < limits.maxMs) {
      begun++;
      await call();
      calls++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limits.inFlight ?? 1) }, worker));
  const ms = performance.now() - started;
  return { calls, ms, perSecond: ms > 0 ? (calls * 1000) / ms : 0 };
}
