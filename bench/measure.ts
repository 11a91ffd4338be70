/**
 * Timing helpers. Each measurement runs a bounded loop several times after a warm-up and keeps
 * the median, so one GC pause or a busy second core does not decide the figure.
 */

export interface Measurement {
  name: string;
  nsPerOp: number;
}

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** ns per call of `body`, which runs `iterations` operations per call. */
export function measureSync(name: string, iterations: number, body: (iterations: number) => void): Measurement {
  body(Math.min(iterations, 100_000)); // warm-up: let the JIT optimise before timing
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    body(iterations);
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  return { name, nsPerOp: median(samples) };
}

export async function measureAsync(name: string, iterations: number, body: (iterations: number) => Promise<void>): Promise<Measurement> {
  await body(Math.min(iterations, 100_000));
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    await body(iterations);
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  return { name, nsPerOp: median(samples) };
}

/** A plain-text table for people: right-aligned numbers, one row per measurement. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
