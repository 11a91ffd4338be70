/** WWSAPI's "no time limit" for a ULONG timeout in milliseconds (INFINITE). */
export const INFINITE = 0xffffffff;

/**
 * Node's timers take at most 2^31 - 1 ms: a longer delay is replaced by 1 ms (with a warning), so a
 * WWSAPI timeout of, say, 3,000,000,000 ms would fire at once. Longer waits are made of steps.
 */
const MAX_TIMER_DELAY = 0x7fffffff;

/**
 * Calls `onTimeout` once `ms` milliseconds have passed, unless the returned function is called
 * first. INFINITE never fires (and starts no timer). With `keepAlive` false the timer does not keep
 * the process alive by itself (for timeouts of operations on sockets, which do).
 */
export function startTimeout(ms: number, onTimeout: () => void, keepAlive = true): () => void {
  if (ms === INFINITE) return noTimer;
  let timer: NodeJS.Timeout;
  const arm = (remaining: number) => {
    timer = setTimeout(
      () => (remaining > MAX_TIMER_DELAY ? arm(remaining - MAX_TIMER_DELAY) : onTimeout()),
      Math.min(remaining, MAX_TIMER_DELAY),
    );
    if (!keepAlive) timer.unref();
  };
  arm(ms);
  return () => clearTimeout(timer);
}

function noTimer(): void {}
