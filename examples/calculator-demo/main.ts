import { parseArgs } from "node:util";
import { DEFAULT_BURST, runDemo } from "./demo.js";

/**
 * `pnpm demo [--peer self|wcf] [--calls N] [--seconds S] [--in-flight K]`. The options are parsed
 * with node:util's parseArgs: the repository depends on no CLI parsing library.
 */
const { values } = parseArgs({
  options: {
    peer: { type: "string", default: "self" },
    calls: { type: "string", default: String(DEFAULT_BURST.maxCalls) },
    seconds: { type: "string", default: String(DEFAULT_BURST.maxMs / 1000) },
    "in-flight": { type: "string", default: String(DEFAULT_BURST.inFlight ?? 1) },
  },
});

const positive = (name: string, text: string) => {
  const value = Number(text);
  if (!(value > 0)) throw new TypeError(`--${name} takes a positive number, not ${JSON.stringify(text)}`);
  return value;
};
if (values.peer !== "self" && values.peer !== "wcf") throw new TypeError(`--peer is "self" or "wcf", not ${JSON.stringify(values.peer)}`);

const result = await runDemo({
  peer: values.peer,
  burst: {
    maxCalls: Math.floor(positive("calls", values.calls)),
    maxMs: positive("seconds", values.seconds) * 1000,
    inFlight: Math.floor(positive("in-flight", values["in-flight"])),
  },
});
// Not process.exit(): the process must end because nothing is left open.
if (!result.ok) process.exitCode = 1;
