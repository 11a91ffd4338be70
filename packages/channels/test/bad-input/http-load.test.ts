import type { Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { WS_E_INVALID_FORMAT, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { afterEach, expect, it } from "vitest";
import {
  addEnvelope,
  good,
  openHandles,
  post,
  rawConnect,
  readUntilClose,
  type Service,
  SOAP12_TYPE,
  startService,
  until,
} from "./support.js";

/**
 * Many connections and many bad requests against one HTTP listener on 127.0.0.1: idle connections
 * do not stop it from serving, they are closed with it, and a burst of bad requests leaves the heap
 * where it was.
 */

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(): Promise<Service> {
  const service = await startService([], { receiveTimeout: 10_000, accepting: 8 });
  cleanup.push(() => service.close());
  return service;
}

it("1,000 idle connections opened at once: others are served meanwhile, and all are closed when the listener closes", async () => {
  const before = openHandles();
  const service = await serve();
  const idle: Socket[] = await Promise.all(Array.from({ length: 1000 }, () => rawConnect(service.url)));
  cleanup.push(() => {
    for (const socket of idle) socket.destroy();
  });
  const closed = idle.map((socket) => readUntilClose(socket, 20_000));
  for (let i = 0; i < 5; i++) await good(service.url, "1.2", i, 1);
  expect(service.outcomes).toHaveLength(5);
  await service.close();
  const results = await Promise.all(closed);
  // The server closed every one of them without a byte.
  expect(results.filter((r) => r.closed && r.text === "")).toHaveLength(1000);
  for (const socket of idle) socket.destroy();
  await until(() => openHandles() <= before);
}, 60_000);

/**
 * node's gc, for a precise heap measure: `--expose-gc` set at run time with v8.setFlagsFromString
 * and the `gc` function taken from a new context, where V8 installs it (the flag only applies to
 * contexts made after it is set). This runs in the test's own worker, with no special config.
 */
function exposedGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

async function heapAfterGc(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** One of five bad requests, by turn: oversize, wrong type, malformed, wrong SOAP version, two Actions. */
function badRequest(url: string, i: number): Promise<{ status: number }> {
  switch (i % 5) {
    case 0:
      return post(url, "x".repeat(70_000), { "content-type": SOAP12_TYPE });
    case 1:
      return post(url, addEnvelope({ to: url }), { "content-type": "text/plain" });
    case 2:
      return post(url, "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body>", { "content-type": SOAP12_TYPE });
    case 3:
      return post(url, addEnvelope({ soap: "1.1", to: url }), { "content-type": SOAP12_TYPE });
    default: {
      const action = `<a:Action>http://tempuri.org/ICalculator/Add</a:Action>`;
      return post(url, addEnvelope({ headers: action + action }), { "content-type": SOAP12_TYPE });
    }
  }
}

it("the heap returns to its baseline after a burst of 200 bad requests (< 10 MB above it, after gc)", async () => {
  const gc = exposedGc();
  const service = await serve();
  // Warm up (code paths compiled, pools made), then the baseline.
  for (let i = 0; i < 20; i++) await badRequest(service.url, i);
  const baseline = await heapAfterGc(gc);
  const statuses: number[] = [];
  for (let batch = 0; batch < 20; batch++) {
    const responses = await Promise.all(Array.from({ length: 10 }, (_, j) => badRequest(service.url, batch * 10 + j)));
    statuses.push(...responses.map((r) => r.status));
  }
  expect(statuses.filter((s) => s === 413)).toHaveLength(40);
  expect(statuses.filter((s) => s === 500)).toHaveLength(160);
  await good(service.url);
  const bad = service.outcomes.filter((o) => o.hr !== null);
  expect(bad.filter((o) => o.hr === WS_E_QUOTA_EXCEEDED)).toHaveLength(44);
  expect(bad.filter((o) => o.hr === WS_E_INVALID_FORMAT)).toHaveLength(176);
  const after = await heapAfterGc(gc);
  expect(after - baseline).toBeLessThan(10 * 1024 * 1024);
}, 60_000);
