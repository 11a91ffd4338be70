import { type ChildProcess, fork } from "node:child_process";
import { Agent, createServer as createHttpServer, request as httpRequest } from "node:http";
import { connect, createServer as createNetServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { table } from "./measure.js";

/**
 * What the network benches share: the raw baselines (a node:http server returning a fixed reply,
 * a plain keep-alive node:http client, a node:net server echoing length-prefixed frames and its
 * raw client), a bounded load runner that records every call's latency, autocannon with a fixed
 * request count, servers run in a child process, and a count of the bytes a client's sockets
 * carried.
 *
 * Servers run in a child process of their own, so that on a two-core machine the client under
 * test and the server each have a core (as they would have on two machines), and so that a
 * server's resident memory is its own. Everything listens on 127.0.0.1, port 0.
 */

// ---------------------------------------------------------------------------------------------
// Load: a fixed number of calls over `concurrency` lanes, each lane waiting for its call's reply.

export interface LoadResult {
  name: string;
  calls: number;
  concurrency: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time the server process spent per call (µs), when the server ran in a child. */
  serverCpuUs?: number;
  /** CPU time this process (the client) spent per call (µs); not for autocannon, whose own cost it would be. */
  clientCpuUs?: number;
}

/**
 * CPU µs per call, client and server together (the server alone under autocannon): on a shared
 * machine whose load comes and goes, a steadier measure than calls/s, which the goals are stated in.
 */
export const cpuPerCall = (r: LoadResult) => (r.clientCpuUs ?? 0) + (r.serverCpuUs ?? 0);

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `calls` calls of `call(lane)`, `concurrency` at a time (lane i makes its calls one after the
 * other); every call's latency is kept. A failed call fails the run: a benchmark that counted
 * errors as requests would flatter the slow side.
 */
export async function runLoad(
  name: string,
  calls: number,
  concurrency: number,
  call: (lane: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies = new Float64Array(calls);
  let next = 0;
  const lane = async (index: number) => {
    while (next < calls) {
      const i = next++;
      const start = process.hrtime.bigint();
      await call(index);
      latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort();
  return {
    name,
    calls,
    concurrency,
    perSecond: calls / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    clientCpuUs: (cpu.user + cpu.system) / calls,
  };
}

/** autocannon against `url` with a fixed request count; a non-2xx reply or error fails the run. */
export async function autocannonLoad(
  name: string,
  options: { url: string; body: string | Buffer; headers: Record<string, string>; calls: number; connections: number },
): Promise<LoadResult> {
  const start = process.hrtime.bigint();
  let last = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: "POST",
        body: options.body,
        headers: options.headers,
        connections: options.connections,
        amount: options.calls,
        pipelining: 1,
        timeout: 10,
        // autocannon ends a run on its next sample tick (1 s by default): a short tick, and our own clock below.
        sampleInt: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", () => {
      last = process.hrtime.bigint();
    });
  });
  const seconds = Number(last - start) / 1e9;
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${name}: ${failed} of ${result.requests.total} requests failed (errors, timeouts or non-2xx)`);
  return {
    name,
    calls: result.requests.total,
    concurrency: options.connections,
    // Our own clock, to the last response: autocannon's duration runs to its next tick.
    perSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

// ---------------------------------------------------------------------------------------------
// Servers in a child process.

/** A server started by a factory: what the client needs to reach it, and how to stop it. */
export interface StartedServer {
  info: Record<string, unknown>;
  close(): Promise<void>;
}
export type ServerFactory = (arg: unknown) => Promise<StartedServer>;

export interface ServerSample {
  cpuUs: number;
  rssBytes: number;
  /** The highest resident memory seen (sampled every 20 ms). */
  peakRssBytes: number;
}

export interface ChildServer {
  info: Record<string, unknown>;
  /** The child's CPU time so far and its resident memory now. */
  sample(): Promise<ServerSample>;
  stop(): Promise<void>;
}

const SERVE_FLAG = "--bench-serve";
const SELF = fileURLToPath(import.meta.url);

function ask<T>(child: ChildProcess, message: Record<string, unknown>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server child: no answer to ${what} within 60 s`)), 60_000);
    const onMessage = (answer: { type: string; error?: string }) => {
      if (answer.type !== what) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      if (answer.error !== undefined) reject(new Error(answer.error));
      else resolve(answer as T);
    };
    child.on("message", onMessage);
    if (Object.keys(message).length > 0) child.send(message);
  });
}

/**
 * Runs `factory` (an export of `module`, a file URL) in a child process with the same loader
 * flags as this one (tsx), and waits until it listens.
 */
export async function serveInChild(module: string, factory: string, arg: unknown = null): Promise<ChildServer> {
  // WWSAPI_BENCH_CPU_PROF=<dir>: each server child writes a V8 CPU profile there (node --cpu-prof) when it exits.
  const profileDir = process.env.WWSAPI_BENCH_CPU_PROF;
  const execArgv = profileDir
    ? [...process.execArgv, "--cpu-prof", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${factory}-${Date.now()}.cpuprofile`]
    : process.execArgv;
  const child = fork(SELF, [SERVE_FLAG, module, factory, JSON.stringify(arg)], { execArgv, stdio: "inherit" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const { info } = await ask<{ info: Record<string, unknown> }>(child, {}, "ready");
  return {
    info,
    sample: () => ask<ServerSample>(child, { type: "sample" }, "sample"),
    async stop() {
      if (child.exitCode === null && child.connected) await ask(child, { type: "stop" }, "stopped").catch(() => child.kill());
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

async function childMain(): Promise<void> {
  const [, , , module, factory, arg] = process.argv;
  const send = (message: Record<string, unknown>) => process.send!(message);
  const stray = strayRejections();
  process.on("exit", (code) => {
    if (code !== 0) console.log(`[bench server child ${factory}, pid ${process.pid}, exited with code ${code}]`);
  });
  let server: StartedServer;
  try {
    const exports = (await import(module!)) as Record<string, ServerFactory>;
    server = await exports[factory!]!(JSON.parse(arg!));
  } catch (thrown) {
    send({ type: "ready", error: `${factory}: ${(thrown as Error).stack ?? thrown}` });
    return;
  }
  // The peak resident memory, sampled: getrusage's maxRSS would not do, since Linux keeps across
  // fork and exec the parent's peak (the bench process's, after its XML benches).
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  sampler.unref();
  process.on("message", async (message: { type: string }) => {
    if (message.type === "sample") {
      const cpu = process.cpuUsage();
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      send({ type: "sample", cpuUs: cpu.user + cpu.system, rssBytes: rss, peakRssBytes: peak });
    } else if (message.type === "stop") {
      await server.close().catch(() => {});
      await stray.report(`server child ${factory}`);
      send({ type: "stopped" });
    }
  });
  send({ type: "ready", info: server.info });
}

/**
 * Counts the promise rejections nobody handled, and the exceptions nobody caught (a rejection the
 * library rethrows from a callback), while a bench runs, instead of letting the first one end the
 * process (Node's default): such an error inside the library under test is a bug to report, and
 * the bench's other figures are still worth having. `report` waits a little for late ones (a
 * connection torn down after its bench), prints the count and the first stack, and restores
 * Node's behaviour.
 */
export function strayRejections(): { report(where: string): Promise<void> } {
  let count = 0;
  let first = "";
  const onStray = (reason: unknown) => {
    if (count++ === 0) first = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  };
  process.on("unhandledRejection", onStray);
  process.on("uncaughtException", onStray);
  return {
    async report(where) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      process.off("unhandledRejection", onStray);
      process.off("uncaughtException", onStray);
      if (count > 0)
        console.log(
          `\n!! ${where}: ${count} unhandled rejection(s) or uncaught exception(s) from the code under test; the first:\n${first}\n`,
        );
    },
  };
}

// Not a top-level await: the factory's module imports this one, which must finish evaluating first.
if (process.argv[2] === SERVE_FLAG && process.send !== undefined) void childMain();

/** Runs `load` against a child server and adds the server's CPU time per call. */
export async function withServerCpu(server: ChildServer, load: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = await server.sample();
  const result = await load();
  const after = await server.sample();
  return { ...result, serverCpuUs: (after.cpuUs - before.cpuUs) / result.calls };
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP: a node:http server with a fixed reply, and a plain keep-alive node:http client.

/** A node:http server that reads each request's body and answers 200 with `reply` (the ceiling of any HTTP server here). */
export const rawHttpServer: ServerFactory = async (arg) => {
  const { reply, contentType } = arg as { reply: string; contentType: string };
  const body = Buffer.from(reply, "utf8");
  const server = createHttpServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    request.on("data", () => {});
    request.on("end", () => {
      response.writeHead(200, { "content-type": contentType, "content-length": body.length });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    info: { url: `http://127.0.0.1:${port}/echo` },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** A plain node:http keep-alive client: POSTs `body`, reads the whole reply, fails on a non-200. */
export function plainHttpClient(url: string, body: Buffer, headers: Record<string, string>, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL(url);
  const allHeaders = { ...headers, "content-length": String(body.length) };
  const post = () =>
    new Promise<Buffer>((resolve, reject) => {
      const request = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: allHeaders },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            response.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${response.statusCode}`)),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  return { post, close: () => agent.destroy() };
}

// ---------------------------------------------------------------------------------------------
// Raw TCP: length-prefixed frames (a 4-byte big-endian length, then the bytes), echoed.

/** Splits a stream into length-prefixed frames; at most `maxFrame` bytes a frame. */
function frameReader(maxFrame: number, onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    // Each pass consumes at least one whole frame, so the loop ends.
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > maxFrame) throw new Error(`frame of ${length} bytes, more than ${maxFrame}`);
      if (pending.length < 4 + length) break;
      onFrame(pending.subarray(0, 4 + length));
      pending = pending.subarray(4 + length);
    }
  };
}

const MAX_FRAME = 1 << 20;

/** A node:net server that echoes every length-prefixed frame it reads. */
export const rawTcpEchoServer: ServerFactory = async () => {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.on(
      "data",
      frameReader(MAX_FRAME, (frame) => socket.write(frame)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    info: { port: (server.address() as { port: number }).port },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

/** One raw TCP session: sends a frame and resolves when the echo is back, one at a time. */
export async function rawTcpSession(port: number): Promise<{ call(frame: Buffer): Promise<Buffer>; close(): void }> {
  const socket = connect({ host: "127.0.0.1", port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let waiting: ((frame: Buffer) => void) | null = null;
  socket.on(
    "data",
    frameReader(MAX_FRAME, (frame) => {
      const resolve = waiting;
      waiting = null;
      resolve?.(frame);
    }),
  );
  return {
    call: (frame) =>
      new Promise<Buffer>((resolve, reject) => {
        if (waiting !== null) reject(new Error("one frame at a time per session"));
        waiting = resolve;
        socket.write(frame);
      }),
    close: () => socket.destroy(),
  };
}

/** A frame of `size` bytes of payload behind its 4-byte length. */
export function frameOf(size: number): Buffer {
  const frame = Buffer.alloc(4 + size, 0x61);
  frame.writeUInt32BE(size, 0);
  return frame;
}

// ---------------------------------------------------------------------------------------------
// Bytes on the wire: every client socket this process opens while `body` runs, read and written.

/**
 * A TCP proxy on 127.0.0.1 that forwards to `port` and counts the bytes each way: what a client
 * that connects through it puts on the wire (HTTP heads, [MC-NMF] framing and all). A proxy rather
 * than the client's own sockets, because an HTTP client may reuse a pooled connection opened
 * before the count began.
 */
export async function countingProxy(
  port: number,
): Promise<{ port: number; sent: () => number; received: () => number; close(): Promise<void> }> {
  let sent = 0;
  let received = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    const upstream = connect({ host: "127.0.0.1", port, noDelay: true });
    client.setNoDelay(true);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on("data", (chunk: Buffer) => {
      sent += chunk.length;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      received += chunk.length;
      client.write(chunk);
    });
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    sent: () => sent,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface WireBytes {
  /** Per call once the connection or session is up. */
  sentPerCall: number;
  receivedPerCall: number;
  /** What the first call costs beyond that (connection setup: net.tcp's preamble, and its dictionary strings). */
  setup: number;
}

/**
 * Bytes on the wire per call of a client that `open(port)` connects to a counting proxy in front
 * of `serverPort`: one call on a fresh client, then 1 + `calls` on another; the difference is the
 * steady cost per call, the rest of the first the setup.
 */
export async function wireBytesPerCall(
  serverPort: number,
  open: (port: number) => Promise<{ call(): Promise<unknown>; close(): Promise<unknown> | unknown }>,
  calls = 100,
): Promise<WireBytes> {
  const run = async (n: number) => {
    const proxy = await countingProxy(serverPort);
    try {
      const client = await open(proxy.port);
      for (let i = 0; i < n; i++) await client.call();
      await client.close();
      return { sent: proxy.sent(), received: proxy.received() };
    } finally {
      await proxy.close();
    }
  };
  const one = await run(1);
  const many = await run(1 + calls);
  const sentPerCall = (many.sent - one.sent) / calls;
  const receivedPerCall = (many.received - one.received) / calls;
  return { sentPerCall, receivedPerCall, setup: one.sent + one.received - sentPerCall - receivedPerCall };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

export const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

/** The rows of a load table: calls/s, p50, p99 and the server's CPU per call. */
export function loadTable(results: readonly (LoadResult | Unavailable)[]): string {
  return table(
    ["client -> server", "conc.", "calls/s", "p50 ms", "p99 ms", "client CPU µs/call", "server CPU µs/call"],
    results.map((r) =>
      "unavailable" in r
        ? [r.name, "", "", "", "", "", `not available yet (${r.unavailable})`]
        : [
            r.name,
            String(r.concurrency),
            Math.round(r.perSecond).toLocaleString("en-US"),
            r.p50Ms.toFixed(2),
            r.p99Ms.toFixed(2),
            r.clientCpuUs === undefined ? "-" : r.clientCpuUs.toFixed(0),
            r.serverCpuUs === undefined ? "-" : r.serverCpuUs.toFixed(0),
          ],
    ),
  );
}

/** A row whose subject has not landed yet. */
export interface Unavailable {
  name: string;
  unavailable: string;
}

/** The first line of what a failed start threw: the reason a row is not available yet. */
export const reasonOf = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown)).split("\n")[0]!;

/**
 * Runs each subject `rounds` times, interleaved (one run of each, then the next round, every
 * other round backwards) so that load on a shared machine slows all alike; keeps each one's
 * median by calls/s.
 */
export async function interleaved(subjects: readonly (() => Promise<LoadResult>)[], rounds = 3): Promise<LoadResult[]> {
  const runs: LoadResult[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const i = round % 2 === 0 ? k : subjects.length - 1 - k;
      runs[i]!.push(await subjects[i]!());
    }
  }
  return runs.map(medianResult);
}

/** The median of `rounds` results (by calls/s), the runs of the subjects interleaved by the caller. */
export function medianResult(results: readonly LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.perSecond - b.perSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}
