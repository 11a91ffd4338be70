import { readFileSync } from "node:fs";

/** Reads a tab-separated table whose first line names the columns. */
export function readTsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8")
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => l.length > 0);
  const columns = (header ?? "").split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}
