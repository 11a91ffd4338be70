import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { INFINITE, startTimeout } from "./timeouts.js";

describe("startTimeout", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires once after the given time, not before", () => {
    const fired = vi.fn();
    startTimeout(1000, fired);
    vi.advanceTimersByTime(999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("never fires for INFINITE, and starts no timer", () => {
    const fired = vi.fn();
    startTimeout(INFINITE, fired);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(0x7fffffff);
    expect(fired).not.toHaveBeenCalled();
  });

  it("waits the whole time for delays beyond Node's 2^31 - 1 ms limit", () => {
    const fired = vi.fn();
    const ms = 3_000_000_000;
    startTimeout(ms, fired);
    vi.advanceTimersByTime(ms - 1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("is cancelled by the function it returns, also between steps of a long wait", () => {
    const fired = vi.fn();
    startTimeout(10, fired)();
    const cancelLong = startTimeout(3_000_000_000, fired);
    vi.advanceTimersByTime(0x7fffffff + 5);
    cancelLong();
    vi.advanceTimersByTime(3_000_000_000);
    expect(fired).not.toHaveBeenCalled();
  });
});
