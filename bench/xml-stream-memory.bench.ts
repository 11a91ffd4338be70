import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  type HRESULT,
  type Ref,
  ref,
  WS_CHARSET_UTF8,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_STREAM,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
} from "@wwsapi/core";
import { WsCreateReader, WsFillReader, WsGetReaderNode, WsReadNode, WsSetInput } from "@wwsapi/xml";
import { ordersFor, ordersResponseParts } from "./xml-reader.bench.js";

/**
 * The 20 MB response read from a WS_XML_READER_STREAM_INPUT whose read callback makes the
 * document as it goes (so the document itself is never in memory): how much resident memory the
 * reader adds. Measured in a child process (a fresh heap, the figure not blurred by the other
 * benches), after a full collection: the peak RSS while reading less the RSS before. Goal: less
 * than 64 MB.
 */

const STREAM_BUFFER = 64 * 1024;
const MB = 1024 * 1024;

export interface StreamMemoryResult {
  bytes: number;
  nodes: number;
  milliseconds: number;
  baselineMB: number;
  peakExtraMB: number;
}

/** Runs in the child: reads the document, sampling RSS every 4096 nodes. */
function measureInChild(): StreamMemoryResult {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const encoder = new TextEncoder();
  const parts = ordersResponseParts(ordersFor(20 * MB));
  let pending = new Uint8Array(0);
  let at = 0;
  let bytes = 0;
  const readCallback = (_state: unknown, buffer: Uint8Array, actualSize: Ref<number>): HRESULT => {
    let filled = 0;
    while (filled < buffer.length) {
      if (at === pending.length) {
        const next = parts.next();
        if (next.done === true) break;
        pending = encoder.encode(next.value);
        at = 0;
      }
      const n = Math.min(buffer.length - filled, pending.length - at);
      buffer.set(pending.subarray(at, at + n), filled);
      at += n;
      filled += n;
    }
    bytes += filled;
    actualSize.value = filled;
    return 0;
  };
  const reader = ref<WS_XML_READER | null>(null);
  WsCreateReader([{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: STREAM_BUFFER }] as never, reader);
  const r = reader.value!;
  const encoding = { encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never;
  const input = { inputType: WS_XML_READER_INPUT_TYPE_STREAM, readCallback, readCallbackState: null } as never;
  if (WsSetInput(r, encoding, input, null) !== 0) throw new Error("WsSetInput failed");
  gc();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const node = ref<WS_XML_NODE | null>(null);
  let nodes = 0;
  const start = process.hrtime.bigint();
  do {
    // Refill when less than half the buffer is left: a node of this document is far smaller.
    let hr = WsFillReader(r, STREAM_BUFFER / 2, null);
    if (hr === 0) hr = WsReadNode(r);
    if (hr !== 0) throw new Error(`reading failed at node ${nodes}: 0x${(hr >>> 0).toString(16)}`);
    WsGetReaderNode(r, node);
    if (++nodes % 4096 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  } while (node.value!.nodeType !== WS_XML_NODE_TYPE_EOF);
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { bytes, nodes, milliseconds, baselineMB: baseline / MB, peakExtraMB: (peak - baseline) / MB };
}

/** The measurement, from a child process running this file. */
export function streamMemoryResult(): StreamMemoryResult {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--child"], {
    encoding: "utf8",
    maxBuffer: MB,
  });
  if (child.status !== 0) throw new Error(`the stream memory bench failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as StreamMemoryResult;
}

export function streamMemoryLine(result: StreamMemoryResult): string {
  return (
    `${(result.bytes / MB).toFixed(1)} MB read from a stream (${result.nodes.toLocaleString("en-US")} nodes, ` +
    `${STREAM_BUFFER / 1024} KB stream buffer) in ${result.milliseconds.toFixed(0)} ms: ` +
    `peak RSS ${result.peakExtraMB.toFixed(1)} MB above the ${result.baselineMB.toFixed(1)} MB before reading`
  );
}

/** What main.ts calls: the figure and the goal (less than 64 MB of extra resident memory). */
export function streamMemoryBench(): StreamMemoryResult {
  const result = streamMemoryResult();
  console.log(`XML text reader from a stream — Node ${process.version}\n${streamMemoryLine(result)}`);
  console.log(`goal: less than 64 MB of extra RSS: ${result.peakExtraMB < 64 ? "met" : "NOT met"}\n`);
  return result;
}

// `tsx --conditions=@wwsapi/source bench/xml-stream-memory.bench.ts` runs this bench alone (`--child`: the measuring process).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === "--child") console.log(JSON.stringify(measureInChild()));
  else streamMemoryBench();
}
