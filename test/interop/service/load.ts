import { WS_E_ENDPOINT_FAULT_RECEIVED } from "@wwsapi/core";
import { ADD_OPERATION, DIVIDE_OPERATION, DIVISION_BY_ZERO, ECHO_BYTES_OPERATION, ECHO_OPERATION } from "./calculator.js";
import { CalcProxy, type ProxyWire } from "./proxy.js";

/**
 * Many clients at once against our host: each client is its own service proxy (its own channels,
 * or its own net.tcp session) making a fixed number of calls one after another, all clients side by
 * side. Every call has its own values, so that a reply given to the wrong call, a lost call or a
 * call served twice shows: the answers are checked one by one, and the host's record of what it
 * served is compared, as a multiset, with what the clients asked.
 */

export interface LoadPlan {
  readonly url: string;
  readonly wire: ProxyWire;
  readonly clients: number;
  readonly callsPerClient: number;
  /** Distinguishes the values of several plans run together. */
  readonly tag?: number;
}

export interface LoadOutcome {
  /** Calls that got the right answer (a Divide by zero: the host's fault, reason and all). */
  readonly answered: number;
  /** Every call that got something else, with what it got. */
  readonly wrong: string[];
  /** What the host's method table should have recorded, one entry per call. */
  readonly expectedServed: string[];
  /** The most calls in flight at once, over all clients. */
  readonly maxInFlight: number;
}

/** Call j of client c: Divide(c, 0) every tenth call (a fault), else Add, Echo or EchoBytes with values of its own. */
function planCall(tag: number, c: number, j: number) {
  const id = tag * 100_000 + c * 1000 + j;
  if (j % 10 === 9) return { kind: "divide", id, served: `Divide(${id},0)` } as const;
  if (j % 3 === 1) {
    const text = `call ${id}: é世😀 <&>`;
    return { kind: "echo", id, text, served: "Echo" } as const;
  }
  if (j % 3 === 2) {
    const data = Uint8Array.from({ length: 1 + (id % 512) }, (_, i) => (id + i) % 256);
    return { kind: "bytes", id, data, served: `EchoBytes(${data.length})` } as const;
  }
  return { kind: "add", id, served: `Add(${id},${j})` } as const;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

export async function runLoad(plan: LoadPlan): Promise<LoadOutcome> {
  const tag = plan.tag ?? 0;
  const wrong: string[] = [];
  const expectedServed: string[] = [];
  let answered = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const proxies = await Promise.all(Array.from({ length: plan.clients }, () => CalcProxy.open(plan.url, plan.wire)));
  try {
    await Promise.all(
      proxies.map(async (proxy, c) => {
        for (let j = 0; j < plan.callsPerClient; j++) {
          const call = planCall(tag, c, j);
          expectedServed.push(call.served);
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            switch (call.kind) {
              case "add": {
                const [sum] = await proxy.call(ADD_OPERATION, [call.id, j]);
                if (sum === call.id + j) answered++;
                else wrong.push(`Add(${call.id},${j}) = ${String(sum)}`);
                break;
              }
              case "echo": {
                const [text] = await proxy.call(ECHO_OPERATION, [call.text]);
                if (text === call.text) answered++;
                else wrong.push(`Echo(${JSON.stringify(call.text)}) = ${JSON.stringify(text)}`);
                break;
              }
              case "bytes": {
                const [data] = await proxy.call(ECHO_BYTES_OPERATION, [call.data]);
                if (data instanceof Uint8Array && sameBytes(data, call.data)) answered++;
                else wrong.push(`EchoBytes(${call.data.length} bytes) for call ${call.id} came back different`);
                break;
              }
              case "divide": {
                const failure = await proxy.failure(DIVIDE_OPERATION, [call.id, 0]);
                const right =
                  failure.hr === WS_E_ENDPOINT_FAULT_RECEIVED &&
                  failure.fault?.reasons.length === 1 &&
                  failure.fault.reasons[0] === DIVISION_BY_ZERO;
                if (right) answered++;
                else wrong.push(`Divide(${call.id},0) failed with ${JSON.stringify(failure)}`);
                break;
              }
            }
          } catch (thrown) {
            wrong.push(`call ${call.id} (${call.kind}): ${(thrown as Error).message}`);
          } finally {
            inFlight--;
          }
        }
      }),
    );
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
  return { answered, wrong, expectedServed, maxInFlight };
}
