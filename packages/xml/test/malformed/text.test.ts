import { describe, it } from "vitest";
import { textTruncations } from "./generators.js";
import type { MalformedCase } from "./malformed-case.js";
import { checkCase, checkKnownBug } from "./run-case.js";
import { textCases } from "./text-cases.js";

/*
 * WS_XML_READER over malformed text: each case must come back as exactly its HRESULT, from
 * WsSetInput or WsReadNode, without anything escaping the flat API. Cases with a known bug get a
 * second test, `it.fails`, that checks everything.
 */

const rows = (cases: readonly MalformedCase[]) => cases.map((c) => [c.name, c] as const);
const bugRows = (cases: readonly MalformedCase[]) => cases.filter((c) => c.bug !== undefined).map((c) => [c.name, c.bug, c] as const);

describe("text corpus", () => {
  it.each(rows(textCases))("%s", (_name, c) => checkCase(c, "text"));
  it.fails.each(bugRows(textCases))("%s, all checks (BUG: %s)", (_name, _bug, c) => checkKnownBug(c, "text"));
});

describe("text: every truncation of a SOAP envelope", () => {
  const cases = textTruncations();
  it.each(rows(cases))("%s", (_name, c) => checkCase(c, "text"));
  it.fails.each(bugRows(cases))("%s, all checks (BUG: %s)", (_name, _bug, c) => checkKnownBug(c, "text"));
});
