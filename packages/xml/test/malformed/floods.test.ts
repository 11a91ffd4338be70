import { describe, it } from "vitest";
import { binaryFloods, textFloods } from "./generators.js";
import type { MalformedCase } from "./malformed-case.js";
import { checkCase, checkKnownBug } from "./run-case.js";

/*
 * Floods and bombs: deep nesting, attribute and namespace floods, entity bombs, huge declared
 * lengths. Each must end in its exact HRESULT (the quota error, or S_OK for the controls read
 * with a raised quota) within its time budget and with bounded heap growth; the readers are
 * iterative, so 10,000 or 1,000,000 levels cost no stack. A flood with a known cost bug gets a
 * second test, `it.fails`, that checks its budget.
 */

const rows = (cases: readonly MalformedCase[]) => cases.map((c) => [c.name, c] as const);
const bugRows = (cases: readonly MalformedCase[]) => cases.filter((c) => c.bug !== undefined).map((c) => [c.name, c.bug, c] as const);

describe("text floods and bombs", () => {
  it.each(rows(textFloods))("%s", (_name, c) => checkCase(c, "text"), 20_000);
  it.fails.each(bugRows(textFloods))("%s, all checks (BUG: %s)", (_name, _bug, c) => checkKnownBug(c, "text"), 20_000);
});

describe("binary floods", () => {
  it.each(rows(binaryFloods))("%s", (_name, c) => checkCase(c, "binary"), 20_000);
  it.fails.each(bugRows(binaryFloods))("%s, all checks (BUG: %s)", (_name, _bug, c) => checkKnownBug(c, "binary"), 20_000);
});
