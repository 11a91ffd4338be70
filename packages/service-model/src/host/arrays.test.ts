import {
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_NON_RPC_LITERAL_OPERATION,
  type WS_OPERATION_DESCRIPTION,
  WS_PARAMETER_TYPE_ARRAY,
  WS_PARAMETER_TYPE_ARRAY_COUNT,
  WS_PARAMETER_TYPE_NORMAL,
  type WS_SERVICE_CONTRACT,
  WsFreeHeap,
} from "@wwsapi/core";
import { typed } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import { BINDINGS, hostFor, newHeap, openProxyOn, proxyFor } from "../calculator.test-support.js";
import { xmlText } from "../call/xml-text.js";
import {
  WsCallAsync,
  WsCloseServiceHostAsync,
  WsCloseServiceProxyAsync,
  WsFreeServiceHost,
  WsFreeServiceProxy,
  WsOpenServiceHostAsync,
} from "../index.js";

const { struct, element, array, int32, string } = typed;
const NS = "urn:arrays";
const NONE = 0xffff;
const Sum = struct("Sum", NS, { values: array(int32, "int", { wrapper: "values" }), label: element(string, "label") });
const SumResponse = struct("SumResponse", NS, {
  total: element(int32, "total"),
  doubled: array(int32, "int", { wrapper: "doubled" }),
  label: element(string, "label"),
});

/** Sum(const int* values, ULONG count, WCHAR** label /in-out/, int* total, int** doubled, ULONG* doubledCount). */
const SumOperation: WS_OPERATION_DESCRIPTION = {
  versionInfo: 1,
  inputMessageDescription: { action: xmlText("urn:arrays/Sum"), bodyElementDescription: Sum.element },
  outputMessageDescription: { action: xmlText("urn:arrays/SumResponse"), bodyElementDescription: SumResponse.element },
  inputMessageOptions: 0,
  outputMessageOptions: 0,
  parameterDescription: [
    { parameterType: WS_PARAMETER_TYPE_ARRAY, inputMessageIndex: 0, outputMessageIndex: NONE },
    { parameterType: WS_PARAMETER_TYPE_ARRAY_COUNT, inputMessageIndex: 0, outputMessageIndex: NONE },
    { parameterType: WS_PARAMETER_TYPE_NORMAL, inputMessageIndex: 1, outputMessageIndex: 2 },
    { parameterType: WS_PARAMETER_TYPE_NORMAL, inputMessageIndex: NONE, outputMessageIndex: 0 },
    { parameterType: WS_PARAMETER_TYPE_ARRAY, inputMessageIndex: NONE, outputMessageIndex: 1 },
    { parameterType: WS_PARAMETER_TYPE_ARRAY_COUNT, inputMessageIndex: NONE, outputMessageIndex: 1 },
  ] as WS_OPERATION_DESCRIPTION["parameterDescription"],
  stubCallback: (context, frame, callback, asyncContext, error) =>
    (callback as (...args: unknown[]) => HRESULT)(context, ...(frame as unknown[]), asyncContext, error),
  style: WS_NON_RPC_LITERAL_OPERATION,
};

const seenCounts: number[] = [];
const contract: WS_SERVICE_CONTRACT = {
  contractDescription: { operations: [SumOperation] },
  defaultMessageHandlerCallback: null,
  methodTable: {
    Sum: (
      _c: unknown,
      values: readonly number[],
      count: number,
      label: Ref<string>,
      total: Ref<number>,
      doubled: Ref<readonly number[]>,
      doubledCount: Ref<number>,
    ) => {
      seenCounts.push(count);
      total.value = values.reduce((a, b) => a + b, 0);
      doubled.value = values.map((v) => v * 2);
      doubledCount.value = values.length;
      label.value = `${label.value}!`;
      return S_OK;
    },
  },
};

describe("array and in-out parameters end to end", () => {
  it("sends an array with its count and an in-out value, and gets arrays back with their counts", async () => {
    const binding = BINDINGS[0]!;
    const host = hostFor(binding, { notified: [], delay: 0 }, [], [], contract);
    expect(await WsOpenServiceHostAsync(host)).toBe(S_OK);
    const proxy = proxyFor(binding);
    expect(await openProxyOn(proxy, host, binding)).toBe(S_OK);
    const heap = newHeap();
    const label = ref("sum");
    const total = ref(0);
    const doubled = ref<readonly number[]>([]);
    const doubledCount = ref(0);
    expect(await WsCallAsync(proxy, SumOperation, [[1, 2, 3, 4], 4, label, total, doubled, doubledCount], heap, null)).toBe(S_OK);
    expect([label.value, total.value, [...doubled.value], doubledCount.value]).toEqual(["sum!", 10, [2, 4, 6, 8], 4]);
    expect(seenCounts).toEqual([4]);
    await WsCloseServiceProxyAsync(proxy);
    WsFreeServiceProxy(proxy);
    await WsCloseServiceHostAsync(host);
    WsFreeServiceHost(host);
    WsFreeHeap(heap);
  });
});
