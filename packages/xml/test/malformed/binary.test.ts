import { describe, it } from "vitest";
import { binaryCases } from "./binary-cases.js";
import { binaryTruncations } from "./generators.js";
import type { MalformedCase } from "./malformed-case.js";
import { checkCase, checkKnownBug } from "./run-case.js";

/*
 * WS_XML_READER over malformed binary XML ([MC-NBFX]): each case must come back as exactly its
 * HRESULT from WsReadNode, with the byte offset in the message, and nothing may escape the flat
 * API. Cases with a known bug get a second test, `it.fails`, that checks everything.
 */

const rows = (cases: readonly MalformedCase[]) => cases.map((c) => [c.name, c] as const);
const bugRows = (cases: readonly MalformedCase[]) => cases.filter((c) => c.bug !== undefined).map((c) => [c.name, c.bug, c] as const);

describe("binary corpus", () => {
  it.each(rows(binaryCases))("%s", (_name, c) => checkCase(c, "binary"));
  it.fails.each(bugRows(binaryCases))("%s, all checks (BUG: %s)", (_name, _bug, c) => checkKnownBug(c, "binary"));
});

describe("binary: every truncation of a SOAP envelope", () => {
  it.each(rows(binaryTruncations()))("%s", (_name, c) => checkCase(c, "binary"));
});
