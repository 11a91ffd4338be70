import {
  hresultName,
  ref,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_PROPERTY,
  type WS_CHANNEL_TYPE,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  type WS_SERVICE_PROXY,
  WsError,
} from "@wwsapi/core";
import {
  createClient,
  WsAbortServiceProxy,
  WsCloseServiceProxyAsync,
  WsCreateServiceProxy,
  WsFreeServiceProxy,
  WsOpenServiceProxyAsync,
} from "@wwsapi/service-model";
import { type BurstLimits, type BurstResult, burst } from "./burst.js";
import { Calculator } from "./contract.js";
import type { ByteCounts, CountingRelay } from "./counting-relay.js";

/**
 * One endpoint exercised through a service proxy: open, Add, Echo, EchoBytes, Divide by zero (a
 * fault), a burst of Add calls, close; each step printed with the bytes it put on the wire each way,
 * as the counting relay in front of the endpoint saw them.
 *
 * The proxy is made and opened with the flat API (WsCreateServiceProxy, WsOpenServiceProxy) so that
 * the session's setup (net.tcp's preamble) is counted apart from the first call; the calls go
 * through the typed client (`createClient(proxy, Calculator)`), whose methods take and return the
 * contract's struct values.
 */

export interface Endpoint {
  /** A short name for the summary's column, e.g. "HTTP text". */
  readonly name: string;
  /** What the endpoint is, e.g. "HTTP, SOAP 1.2 + WS-Addressing 1.0, text". */
  readonly title: string;
  /** The address the client calls: the relay's. */
  readonly url: string;
  readonly channelType: WS_CHANNEL_TYPE;
  readonly binding: WS_CHANNEL_BINDING;
  readonly channelProperties?: readonly WS_CHANNEL_PROPERTY[];
  readonly relay: CountingRelay;
  /** Why Divide is not called on this endpoint, when it is not. */
  readonly skipFault?: string;
}

/** One printed step: what was called, what came back, and its bytes on the wire. */
export interface Step {
  readonly label: string;
  readonly outcome: string;
  readonly bytes: ByteCounts;
  /** False when the step failed in a way the demo did not mean to show. */
  readonly ok: boolean;
}

export interface EndpointReport {
  readonly endpoint: Endpoint;
  readonly steps: readonly Step[];
  readonly burst: (BurstResult & { readonly bytesPerCall: ByteCounts }) | null;
  readonly ok: boolean;
}

export const ECHO_TEXT = "hello, wire: é 世 😀 <&>";
export const ECHO_BYTES = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7) % 256);

const quote = (text: string) => JSON.stringify(text);
const describeFailure = (thrown: unknown) =>
  thrown instanceof WsError ? `${hresultName(thrown.hr)}: ${thrown.message}` : thrown instanceof Error ? thrown.message : String(thrown);
const inBytes = (n: number) => `${n.toLocaleString("en-US")} B`;
const bytesColumns = ({ request, reply }: ByteCounts) => `${inBytes(request).padStart(9)} ${inBytes(reply).padStart(9)}`;

export async function exercise(endpoint: Endpoint, limits: BurstLimits, print: (line: string) => void): Promise<EndpointReport> {
  const { relay } = endpoint;
  const steps: Step[] = [];
  print(`${endpoint.title}\n  ${endpoint.url} (through the counting relay, to 127.0.0.1:${relay.targetPort})`);
  print(`  ${"request".padStart(9)} ${"reply".padStart(9)}`);

  /**
   * Runs one step and records it with the bytes the relay counted meanwhile: `show` prints its
   * value, `check` says whether the value is the right one, and with `fault` the step is meant to
   * fail with a received fault (WS_E_ENDPOINT_FAULT_RECEIVED, the fault's reason as the message).
   */
  async function step<T>(
    label: string,
    work: () => Promise<T>,
    how: { show: (value: T) => string; check?: (value: T) => boolean; fault?: boolean },
  ): Promise<boolean> {
    const before = relay.counts();
    let text: string;
    let ok: boolean;
    try {
      const value = await work();
      ok = how.fault !== true && (how.check?.(value) ?? true);
      text = `${how.show(value)}${ok ? "" : how.fault === true ? " (WRONG: a fault was expected)" : " (WRONG)"}`;
    } catch (thrown) {
      ok = how.fault === true && thrown instanceof WsError && thrown.hr === WS_E_ENDPOINT_FAULT_RECEIVED;
      text = ok
        ? `fault: ${quote((thrown as WsError).message)} (${hresultName((thrown as WsError).hr)})`
        : `FAILED ${describeFailure(thrown)}`;
    }
    const after = relay.counts();
    const bytes = { request: after.request - before.request, reply: after.reply - before.reply };
    steps.push({ label, outcome: text, bytes, ok });
    print(`  ${bytesColumns(bytes)}  ${label} ${text}`);
    return ok;
  }

  const proxy = ref<WS_SERVICE_PROXY | null>(null);
  const created = await step(
    "WsCreateServiceProxy",
    async () => {
      // The flat functions return their failure as an HRESULT; only the Promise adapters reject.
      const hr = WsCreateServiceProxy(endpoint.channelType, endpoint.binding, null, null, endpoint.channelProperties ?? [], proxy);
      if (hr < 0) throw new WsError(hr, `WsCreateServiceProxy returned ${hresultName(hr)}`);
      return hr;
    },
    { show: hresultName },
  );
  if (!created || proxy.value === null) return { endpoint, steps, burst: null, ok: false };
  const handle = proxy.value;
  let burstReport: EndpointReport["burst"] = null;
  let closed = false;
  try {
    const address = { url: endpoint.url, headers: null, extensions: null, identity: null };
    if (!(await step("WsOpenServiceProxy", () => WsOpenServiceProxyAsync(handle, address), { show: hresultName }))) {
      return { endpoint, steps, burst: null, ok: false };
    }
    const client = createClient(handle, Calculator);
    await step("Add(2, 3)", () => client.Add({ a: 2, b: 3 }), { show: (r) => `= ${r.AddResult}`, check: (r) => r.AddResult === 5 });
    await step(`Echo(${quote(ECHO_TEXT)})`, () => client.Echo({ text: ECHO_TEXT }), {
      show: (r) => `= ${quote(r.EchoResult)}`,
      check: (r) => r.EchoResult === ECHO_TEXT,
    });
    await step(`EchoBytes(${ECHO_BYTES.length} bytes)`, () => client.EchoBytes({ data: ECHO_BYTES }), {
      show: (r) =>
        `= ${r.EchoBytesResult.length} bytes back, ${Buffer.from(r.EchoBytesResult).equals(ECHO_BYTES) ? "identical" : "different"}`,
      check: (r) => Buffer.from(r.EchoBytesResult).equals(ECHO_BYTES),
    });
    if (endpoint.skipFault === undefined) {
      await step("Divide(7, 0)", () => client.Divide({ a: 7, b: 0 }), { show: (r) => `= ${r.DivideResult}`, fault: true });
    } else {
      print(`  ${" ".repeat(19)}  Divide(7, 0) not called: ${endpoint.skipFault}`);
    }

    const before = relay.counts();
    const addOneAndTwo = async () => {
      const { AddResult } = await client.Add({ a: 1, b: 2 });
      if (AddResult !== 3) throw new Error(`Add(1, 2) answered ${AddResult}`);
    };
    const result = await burst(addOneAndTwo, limits).catch((thrown: unknown) => {
      print(`  burst FAILED ${describeFailure(thrown)}`);
      return null;
    });
    if (result !== null && result.calls > 0) {
      const after = relay.counts();
      const bytesPerCall = {
        request: Math.round((after.request - before.request) / result.calls),
        reply: Math.round((after.reply - before.reply) / result.calls),
      };
      burstReport = { ...result, bytesPerCall };
      print(
        `  ${bytesColumns(bytesPerCall)}  burst: ${result.calls.toLocaleString("en-US")} × Add in ${(result.ms / 1000).toFixed(2)} s ` +
          `= ${Math.round(result.perSecond).toLocaleString("en-US")} calls/s (${limits.inFlight ?? 1} in flight; bytes per call)`,
      );
    }
    closed = await step("WsCloseServiceProxy", () => WsCloseServiceProxyAsync(handle), { show: hresultName });
  } finally {
    // A proxy that did not close cleanly is aborted first, so that freeing it leaves no socket behind.
    if (!closed) WsAbortServiceProxy(handle);
    WsFreeServiceProxy(handle);
  }
  const ok = steps.every((s) => s.ok) && burstReport !== null;
  return { endpoint, steps, burst: burstReport, ok };
}
