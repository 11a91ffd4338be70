import { asyncExecuteBench } from "./async-execute.bench.js";
import { channelsHttpBench } from "./channels-http.bench.js";
import { channelsNetTcpBench } from "./channels-nettcp.bench.js";
import { flatApiBench } from "./flat-api.bench.js";
import { type Measurement, table } from "./measure.js";
import { serializationBench } from "./serialization.bench.js";
import { serviceModelBench } from "./service-model.bench.js";
import { binaryReaderBench } from "./xml-binary-reader.bench.js";
import { xmlReaderBench } from "./xml-reader.bench.js";
import { streamMemoryBench } from "./xml-stream-memory.bench.js";
import { xmlWriterBench } from "./xml-writer.bench.js";

/**
 * `pnpm bench`: every figure is measured in this run, and every goal is a ratio against an
 * alternative measured beside it. Reported, never gating CI.
 */
const flat = await flatApiBench();
const chains = await asyncExecuteBench();
const xml = xmlReaderBench();
binaryReaderBench();
streamMemoryBench();
xmlWriterBench();
await serializationBench();
const by = (list: Measurement[], prefix: string) => list.find((m) => m.name.startsWith(prefix))!.nsPerOp;

const fmt = (ns: number) => ns.toFixed(1);
console.log(`wwsapi-ts benchmarks — Node ${process.version}, ${process.arch}\n`);
console.log(
  table(
    ["operation", "ns/op", "ops/s"],
    [...flat, ...chains].map((m) => [m.name, fmt(m.nsPerOp), Math.round(1e9 / m.nsPerOp).toLocaleString("en-US")]),
  ),
);

const syncFlat = by(flat, "async-capable flat function");
const adapter = by(flat, "Promise adapter");
// The adapter's goal: awaiting it costs no more than awaiting the value the flat call returns.
const awaitValue = by(flat, "await of the flat call's value");
const awaitConstant = by(flat, "await of a resolved value");
const plain = by(flat, "plain function call");
const executeStep = by(chains, "WsAsyncExecute step");
const awaitStep = by(chains, "async/await loop step");

const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
console.log("\nGoals");
console.log(
  table(
    ["goal", "measured", "result"],
    [
      [
        "sync flat path (guard included) under 25 ns/call",
        `${fmt(syncFlat)} ns (${(syncFlat / plain).toFixed(1)}x a plain call)`,
        verdict(syncFlat < 25),
      ],
      [
        "Promise adapter of a sync completion no slower than await of the flat call's value",
        `${(adapter / awaitValue).toFixed(2)}x the await`,
        verdict(adapter <= awaitValue * 1.05),
      ],
      ["(reference) the same adapter against await of a constant", `${(adapter / awaitConstant).toFixed(2)}x the await`, "info"],
      [
        "WsAsyncExecute at least 2x the steps/s of the await loop",
        `${(awaitStep / executeStep).toFixed(1)}x the steps/s`,
        verdict(awaitStep / executeStep >= 2),
      ],
    ],
  ),
);

console.log("\nXML text reader: one SOAP message, every node visited");
const ourXml = xml[0]!.nsPerOp;
console.log(
  table(
    ["reader", "µs/message", "MB/s", "its time / ours"],
    xml.map((m) => [
      m.name,
      (m.nsPerOp / 1000).toFixed(1),
      ((m.bytes / m.nsPerOp) * 1000).toFixed(1),
      `${(m.nsPerOp / ourXml).toFixed(2)}x`,
    ]),
  ),
);

// The network benches (issues #5, #6, #7): servers in child processes, each bench prints its own tables and goals.
await channelsHttpBench();
await channelsNetTcpBench();
await serviceModelBench();
