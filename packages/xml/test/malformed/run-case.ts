import { expect } from "vitest";
import { type BinaryDictionaries, type Outcome, readBinary, readText, soapDictionary } from "./drive.js";
import type { MalformedCase } from "./malformed-case.js";

export type Encoding = "text" | "binary";

let soap: BinaryDictionaries | undefined;

function dictionariesOf(c: MalformedCase): BinaryDictionaries {
  if (c.dictionaries === "soap") {
    soap ??= { staticDictionary: soapDictionary() };
    return soap;
  }
  return c.dictionaries ?? {};
}

/** Reads the case's input with the reader of `encoding`, timing it and measuring the heap it leaves grown. */
export function run(c: MalformedCase, encoding: Encoding): { outcome: Outcome; ms: number; heapMB: number } {
  const input = typeof c.input === "function" ? c.input() : c.input;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const outcome =
    encoding === "text" ? readText(input, c.properties ?? null, c.charSet) : readBinary(input, dictionariesOf(c), c.properties ?? null);
  const ms = performance.now() - start;
  // Without --expose-gc this counts garbage too: an upper bound of what the read kept.
  gc?.();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return { outcome, ms, heapMB };
}

/**
 * The test of one case: nothing escapes the flat API, the HRESULT is exact, floods stay within
 * their budget, and the message holds every expected fragment. A case that records a known bug
 * is checked here for its HRESULT only; `checkKnownBug`, under it.fails, checks the rest.
 */
export function checkCase(c: MalformedCase, encoding: Encoding): void {
  const result = run(c, encoding);
  checkHresult(c, result.outcome);
  if (c.bug === undefined) checkTheRest(c, result);
}

/** The whole check of a case with a known bug: expected to fail until the bug is fixed. */
export function checkKnownBug(c: MalformedCase, encoding: Encoding): void {
  const result = run(c, encoding);
  checkHresult(c, result.outcome);
  checkTheRest(c, result);
}

function checkHresult(c: MalformedCase, outcome: Outcome): void {
  expect(outcome.thrown, "an exception escaped the flat API").toBeUndefined();
  // The message rides along so that a wrong HRESULT shows what the reader said.
  expect({ hr: outcome.hr, message: outcome.message }).toMatchObject({ hr: c.hr });
}

function checkTheRest(c: MalformedCase, { outcome, ms, heapMB }: ReturnType<typeof run>): void {
  if (c.budget !== undefined) {
    expect(ms, "milliseconds").toBeLessThan(c.budget.ms);
    expect(heapMB, "heap growth in MB").toBeLessThan(c.budget.heapMB);
  }
  for (const fragment of c.message ?? []) expect(outcome.message).toContain(fragment);
  if (c.positionAtMost !== undefined) {
    const position = /\(byte (\d+)\)|at byte (\d+)/.exec(outcome.message);
    expect(position, `a position in ${JSON.stringify(outcome.message)}`).not.toBeNull();
    expect(Number(position![1] ?? position![2])).toBeLessThanOrEqual(c.positionAtMost);
  }
}
