import type { EndpointReport } from "./exercise.js";

/**
 * The bytes on the wire side by side: one row per call, one column per endpoint, "request + reply"
 * in bytes, and the burst's calls per second. The rows are the calls every endpoint made (the
 * labels are the same text on each), in the order of the first endpoint.
 */
export function printSummary(reports: readonly EndpointReport[], print: (line: string) => void): void {
  if (reports.length === 0) return;
  const labels = reports[0]!.steps.map((step) => step.label).filter((label) => !label.startsWith("WsCreate"));
  const cell = (report: EndpointReport, label: string) => {
    const step = report.steps.find((s) => s.label === label);
    return step === undefined ? "-" : `${step.bytes.request} + ${step.bytes.reply}`;
  };
  const rows: string[][] = labels.map((label) => [label.replace(/\(".*"\)$/, '("…")'), ...reports.map((r) => cell(r, label))]);
  rows.push([
    "burst: Add, per call",
    ...reports.map((r) => (r.burst === null ? "-" : `${r.burst.bytesPerCall.request} + ${r.burst.bytesPerCall.reply}`)),
  ]);
  rows.push(["burst: calls/s", ...reports.map((r) => (r.burst === null ? "-" : Math.round(r.burst.perSecond).toLocaleString("en-US")))]);
  const header = ["bytes on the wire (request + reply)", ...reports.map((r) => r.endpoint.name)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((text, i) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join("   ");
  print(line(header));
  for (const row of rows) print(line(row));
}
