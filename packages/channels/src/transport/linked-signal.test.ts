import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { OperationScope } from "../http/operation-scope.js";
import { LinkedSignal, linkSignals } from "./linked-signal.js";

/**
 * The replacement for AbortSignal.any (which leaks on Node 20, nodejs/node#55351): what a linked
 * signal leaves on its parents is counted, not timed or measured.
 */

const abortListeners = (signal: AbortSignal): number => getEventListeners(signal, "abort").length;

describe("linkSignals", () => {
  it("leaves no listener on a long-lived parent after 20,000 operations' link and dispose", () => {
    const session = new AbortController();
    for (let i = 0; i < 20_000; i++) {
      const call = new AbortController();
      const linked = linkSignals(call.signal, session.signal);
      // Every few operations end by an abort of their own (a timeout), the rest normally.
      if (i % 7 === 0) call.abort(new Error(`operation ${i}`));
      linked.dispose();
    }
    expect(abortListeners(session.signal)).toBe(0);
  });

  it("holds exactly one listener per parent while linked", () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkSignals(a.signal, b.signal);
    expect([abortListeners(a.signal), abortListeners(b.signal)]).toEqual([1, 1]);
    linked.dispose();
    linked.dispose(); // idempotent
    expect([abortListeners(a.signal), abortListeners(b.signal)]).toEqual([0, 0]);
  });

  it("aborts with the first parent's reason, unchanged, and then lets go of the other parents", () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = linkSignals(a.signal, b.signal);
    const reason = new Error("the channel was aborted");
    b.abort(reason);
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe(reason);
    expect(abortListeners(a.signal)).toBe(0);
    a.abort(new Error("later"));
    expect(linked.signal.reason).toBe(reason);
  });

  it("is aborted at once, with that reason, when a parent already is, and adds no listener", () => {
    const live = new AbortController();
    const reason = { code: 42 }; // not an Error: passed through as it is
    const linked = new LinkedSignal([live.signal, AbortSignal.abort(reason)]);
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe(reason);
    expect(abortListeners(live.signal)).toBe(0);
  });

  it("abort() ends the child only, not its parents", () => {
    const parent = new AbortController();
    const linked = linkSignals(parent.signal);
    const reason = new Error("timed out");
    linked.abort(reason);
    expect(linked.signal.reason).toBe(reason);
    expect(parent.signal.aborted).toBe(false);
    expect(abortListeners(parent.signal)).toBe(0);
  });
});

describe("OperationScope over a transport's long-lived teardown signal", () => {
  it("leaves no listener on either outer signal after 20,000 scopes", () => {
    const call = new AbortController();
    const torn = new AbortController();
    for (let i = 0; i < 20_000; i++) {
      const scope = new OperationScope(call.signal, torn.signal);
      scope.phase(60_000, "an operation");
      scope.dispose();
    }
    expect([abortListeners(call.signal), abortListeners(torn.signal)]).toEqual([0, 0]);
  });

  it("passes the outer signal's reason through", () => {
    const call = new AbortController();
    const torn = new AbortController();
    const scope = new OperationScope(call.signal, torn.signal);
    const reason = new Error("torn down");
    torn.abort(reason);
    expect(() => scope.throwIfAborted()).toThrow(reason);
    scope.dispose();
  });
});
