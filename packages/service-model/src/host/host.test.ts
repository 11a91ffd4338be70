import {
  E_FAIL,
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_MESSAGE,
  type WS_OPERATION_CONTEXT,
  WS_OPERATION_CONTEXT_PROPERTY_HOST_USER_STATE,
  WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE,
  WS_S_ASYNC,
  type WS_SERVICE_CONTRACT,
  WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY,
  type WS_SERVICE_HOST,
  WS_SERVICE_HOST_ABORT,
  WS_SERVICE_HOST_STATE_CLOSED,
  WS_SERVICE_HOST_STATE_FAULTED,
  WS_SERVICE_HOST_STATE_OPEN,
  WS_SERVICE_PROPERTY_HOST_STATE,
  WS_SERVICE_PROPERTY_HOST_USER_STATE,
  type WS_SERVICE_PROXY,
  WsFreeHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  AddOperation,
  BINDINGS,
  type Binding,
  calculatorContract,
  cleanupAfterEach,
  EchoOperation,
  hostFor,
  listeningUrl,
  methodTable,
  NotifyOperation,
  newError,
  newHeap,
  OPERATIONS,
  openedHost,
  openedProxy,
  type Service,
} from "../calculator.test-support.js";
import {
  WsAbortServiceHost,
  WsCall,
  WsCallAsync,
  WsCloseServiceHost,
  WsCloseServiceHostAsync,
  WsGetOperationContextProperty,
  WsGetServiceHostProperty,
  WsOpenServiceHostAsync,
  WsRegisterOperationForCancel,
  WsResetServiceHost,
} from "../index.js";

const cleanup = cleanupAfterEach();

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most 2 s) until `done()` holds: the network and a loaded machine set the pace, not a fixed delay. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await settle(10);
}

async function openHost(
  binding: Binding,
  service: Service,
  contract?: WS_SERVICE_CONTRACT,
  properties: Parameters<typeof hostFor>[3] = [],
): Promise<WS_SERVICE_HOST> {
  return openedHost(cleanup, hostFor(binding, service, [], properties, contract ?? calculatorContract(service)));
}

const openProxy = (binding: Binding, host: WS_SERVICE_HOST): Promise<WS_SERVICE_PROXY> => openedProxy(cleanup, binding, host);

function heap() {
  const h = newHeap();
  cleanup.push(() => WsFreeHeap(h));
  return h;
}

function hostState(host: WS_SERVICE_HOST): unknown {
  const value = ref<unknown>(null);
  expect(WsGetServiceHostProperty(host, WS_SERVICE_PROPERTY_HOST_STATE, value)).toBe(S_OK);
  return value.value;
}

/** Calls Add(1, 2), which must fail with WS_E_ENDPOINT_FAULT_RECEIVED: the fault's reason (the error's first string). */
async function faultReasonOfAdd(proxy: WS_SERVICE_PROXY): Promise<string> {
  const error = newError();
  await expect(WsCallAsync(proxy, AddOperation, [1, 2, ref(0)], heap(), null, error)).rejects.toMatchObject({
    hr: WS_E_ENDPOINT_FAULT_RECEIVED,
  });
  const reason = ref("");
  expect(WsGetErrorString(error, 0, reason)).toBe(S_OK);
  return reason.value;
}

/** Starts a WsCall whose completions are recorded. */
function startCall(proxy: WS_SERVICE_PROXY, args: unknown[], outcomes: number[], operation = AddOperation): number {
  const context: WS_ASYNC_CONTEXT = { callback: (hr: number) => outcomes.push(hr), callbackState: null };
  return WsCall(proxy, operation, args, heap(), null, context);
}

describe.each(BINDINGS)("the service host over $name", (binding) => {
  it("answers 32 concurrent calls", async () => {
    const service: Service = { notified: [], delay: 40 };
    const host = await openHost(binding, service);
    const proxy = await openProxy(binding, host);
    const sums = Array.from({ length: 32 }, () => ref(0));
    const results = await Promise.all(sums.map((sum, i) => WsCallAsync(proxy, AddOperation, [i, 1000, sum], heap(), null)));
    expect(results).toEqual(Array(32).fill(S_OK));
    expect(sums.map((sum) => sum.value)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1000));
    // The host served them side by side (one accepted channel per HTTP request), not one after another.
    if (binding.scheme === "http") expect(service.maxRunning).toBeGreaterThan(1);
  });

  it("turns an operation that throws into a fault, and goes on serving", async () => {
    const service: Service = { notified: [], delay: 0 };
    const table = {
      ...methodTable(service),
      Add: () => {
        throw new Error("boom");
      },
    };
    const host = await openHost(binding, service, {
      contractDescription: { operations: OPERATIONS },
      defaultMessageHandlerCallback: null,
      methodTable: table,
    });
    const proxy = await openProxy(binding, host);
    // WS_MINIMAL_FAULT_DISCLOSURE (the default): the reason says that it failed, not why.
    expect(await faultReasonOfAdd(proxy)).toBe("The server was unable to process the request due to an internal error.");
    const echoed = ref("");
    expect(await WsCallAsync(proxy, EchoOperation, ["still here", echoed], heap(), null)).toBe(S_OK);
    expect(echoed.value).toBe("still here");
  });

  it("answers an action no operation has with a fault naming it", async () => {
    const service: Service = { notified: [], delay: 0 };
    const contract: WS_SERVICE_CONTRACT = {
      contractDescription: { operations: [EchoOperation] },
      defaultMessageHandlerCallback: null,
      methodTable: [methodTable(service).Echo],
    };
    const host = await openHost(binding, service, contract);
    const proxy = await openProxy(binding, host);
    expect(await faultReasonOfAdd(proxy)).toBe('The action "http://tempuri.org/ICalculator/Add" is not supported by this endpoint.');
  });
});

describe("the service host over net.tcp", () => {
  const binding = BINDINGS[3]!;

  it("serves several sessions side by side, each session's calls in order", async () => {
    const service: Service = { notified: [], delay: 40 };
    const host = await openHost(binding, service);
    const proxies = await Promise.all([0, 1, 2, 3].map(() => openProxy(binding, host)));
    const sums = proxies.map(() => [ref(0), ref(0)]);
    const results = await Promise.all(
      proxies.flatMap((proxy, p) => sums[p]!.map((sum, i) => WsCallAsync(proxy, AddOperation, [p * 10, i, sum], heap(), null))),
    );
    expect(results).toEqual(Array(8).fill(S_OK));
    expect(sums.map((pair) => pair.map((sum) => sum.value))).toEqual([
      [0, 1],
      [10, 11],
      [20, 21],
      [30, 31],
    ]);
    // One operation at a time per session (WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY 1), sessions in parallel.
    expect(service.maxRunning).toBeGreaterThan(1);
    expect(service.maxRunning).toBeLessThanOrEqual(4);
  });
});

describe("the service host over HTTP", () => {
  const binding = BINDINGS[0]!;

  it("hands unknown actions to the default message handler, with the operation context", async () => {
    const service: Service = { notified: [], delay: 0 };
    const seen: { message: unknown; userState: unknown }[] = [];
    const contract: WS_SERVICE_CONTRACT = {
      contractDescription: { operations: [EchoOperation] },
      defaultMessageHandlerCallback: (context: WS_OPERATION_CONTEXT, _a: WS_ASYNC_CONTEXT | null, _e: WS_ERROR | null) => {
        const message = ref<unknown>(null);
        const userState = ref<unknown>(null);
        expect(WsGetOperationContextProperty(context, WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE, message)).toBe(S_OK);
        expect(WsGetOperationContextProperty(context, WS_OPERATION_CONTEXT_PROPERTY_HOST_USER_STATE, userState)).toBe(S_OK);
        seen.push({ message: message.value, userState: userState.value });
        return S_OK;
      },
      methodTable: [methodTable(service).Echo],
    };
    const host = await openHost(binding, service, contract, [{ id: WS_SERVICE_PROPERTY_HOST_USER_STATE, value: "the host's state" }]);
    const proxy = await openProxy(binding, host);
    // A one-way message of an action the contract lacks: the handler takes it, HTTP answers 202.
    expect(await WsCallAsync(proxy, NotifyOperation, ["to the handler"], heap(), null)).toBe(S_OK);
    await waitFor(() => seen.length > 0);
    expect(seen).toHaveLength(1);
    expect((seen[0]!.message as WS_MESSAGE).handleType).toBe("WS_MESSAGE");
    expect(seen[0]!.userState).toBe("the host's state");
  });

  it("answers a request it cannot read with a SOAP fault (HTTP 500), and goes on serving", async () => {
    const service: Service = { notified: [], delay: 0 };
    const host = await openHost(binding, service);
    const url = listeningUrl(host, binding);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/soap+xml; charset=utf-8" },
      body: "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body>",
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/soap\+xml; charset=utf-8/);
    const fault = await response.text();
    expect(fault).toContain("<s:Fault>");
    expect(fault).toContain("<s:Value>s:Receiver</s:Value>");
    const proxy = await openProxy(binding, host);
    const sum = ref(0);
    expect(await WsCallAsync(proxy, AddOperation, [2, 3, sum], heap(), null)).toBe(S_OK);
    expect(sum.value).toBe(5);
  });

  it("refuses a default message handler with WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY above 1", () => {
    const service: Service = { notified: [], delay: 0 };
    const contract: WS_SERVICE_CONTRACT = { contractDescription: null, defaultMessageHandlerCallback: () => S_OK, methodTable: null };
    expect(() => hostFor(binding, service, [{ id: WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY, value: 2 }], [], contract)).toThrow(
      `WsCreateServiceHost: ${E_INVALIDARG}`,
    );
  });

  it("keeps its states: open twice, reset while open, abort, close, reset", async () => {
    const service: Service = { notified: [], delay: 0 };
    const host = await openHost(binding, service);
    expect(hostState(host)).toBe(WS_SERVICE_HOST_STATE_OPEN);
    await expect(WsOpenServiceHostAsync(host)).rejects.toMatchObject({ hr: WS_E_INVALID_OPERATION });
    expect(WsResetServiceHost(host)).toBe(WS_E_INVALID_OPERATION);
    expect(WsCloseServiceHost(host, null)).toBe(WS_E_INVALID_OPERATION);
    expect(WsAbortServiceHost(host)).toBe(S_OK);
    expect(hostState(host)).toBe(WS_SERVICE_HOST_STATE_FAULTED);
    expect(await WsCloseServiceHostAsync(host)).toBe(S_OK);
    expect(hostState(host)).toBe(WS_SERVICE_HOST_STATE_CLOSED);
    expect(WsResetServiceHost(host)).toBe(S_OK);
    expect(await WsOpenServiceHostAsync(host)).toBe(S_OK);
    const proxy = await openProxy(binding, host);
    const sum = ref(0);
    expect(await WsCallAsync(proxy, AddOperation, [20, 22, sum], heap(), null)).toBe(S_OK);
    expect(sum.value).toBe(42);
    expect(WsGetServiceHostProperty(host, 99 as never, ref<unknown>(null))).toBe(E_INVALIDARG);
  });

  /** A contract whose Add waits until cancelled, having registered for cancellation. */
  function cancellable(events: string[]): WS_SERVICE_CONTRACT {
    const service: Service = { notified: [], delay: 0 };
    const table = {
      ...methodTable(service),
      Add: (
        context: WS_OPERATION_CONTEXT,
        _a: number,
        _b: number,
        _r: Ref<number>,
        asyncContext: WS_ASYNC_CONTEXT | null,
        _e: WS_ERROR | null,
      ): HRESULT => {
        const hr = WsRegisterOperationForCancel(
          context,
          (reason, state) => {
            events.push(`cancel ${reason} ${state}`);
            (asyncContext!.callback as (hr: HRESULT) => void)(E_FAIL);
          },
          (state) => events.push(`free ${state}`),
          "op-1",
        );
        expect(hr).toBe(S_OK);
        events.push("registered");
        return WS_S_ASYNC;
      },
    };
    return { contractDescription: { operations: OPERATIONS }, defaultMessageHandlerCallback: null, methodTable: table };
  }

  it("calls the cancel callback when the host is aborted while the operation runs, then the free-state callback", async () => {
    const events: string[] = [];
    const host = await openHost(binding, { notified: [], delay: 0 }, cancellable(events));
    const proxy = await openProxy(binding, host);
    const outcomes: number[] = [];
    expect(startCall(proxy, [1, 2, ref(0)], outcomes)).toBe(WS_S_ASYNC);
    await waitFor(() => events.length > 0);
    expect(events).toEqual(["registered"]);
    expect(WsAbortServiceHost(host)).toBe(S_OK);
    await waitFor(() => outcomes.length > 0);
    expect(events).toEqual(["registered", `cancel ${WS_SERVICE_HOST_ABORT} op-1`, "free op-1"]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]! < 0).toBe(true);
  });

  it("WsCloseServiceHost tells running operations (cancel callback) and waits for their replies", async () => {
    const events: string[] = [];
    const host = await openHost(binding, { notified: [], delay: 0 }, cancellable(events));
    const proxy = await openProxy(binding, host);
    const error = newError();
    const call = WsCallAsync(proxy, AddOperation, [1, 2, ref(0)], heap(), null, error);
    await waitFor(() => events.length > 0);
    const closed = await WsCloseServiceHostAsync(host);
    expect(closed).toBe(S_OK);
    expect(events).toEqual(["registered", `cancel ${WS_SERVICE_HOST_ABORT} op-1`, "free op-1"]);
    // The operation failed when cancelled; the host still answered it (with a fault) before closing.
    await expect(call).rejects.toMatchObject({ hr: WS_E_ENDPOINT_FAULT_RECEIVED });
  });

  it("WsCloseServiceHost waits for calls in flight, and every racing call completes exactly once", async () => {
    const service: Service = { notified: [], delay: 80 };
    const host = await openHost(binding, service);
    const proxy = await openProxy(binding, host);
    const outcomes: number[] = [];
    const sums = Array.from({ length: 8 }, () => ref(0));
    for (const [i, sum] of sums.entries()) expect(startCall(proxy, [i, 1, sum], outcomes)).toBe(WS_S_ASYNC);
    await waitFor(() => (service.started ?? 0) >= 8);
    expect(service.started).toBe(8);
    expect(await WsCloseServiceHostAsync(host)).toBe(S_OK);
    // Every reply went out before the close completed; the client reads them as they come.
    await waitFor(() => outcomes.length >= 8);
    expect(outcomes).toEqual(Array(8).fill(S_OK));
    expect(sums.map((s) => s.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Calls after the close find no listener; each still completes exactly once, with a failure.
    const late: number[] = [];
    for (let i = 0; i < 4; i++) expect(startCall(proxy, [i, 1, ref(0)], late)).toBe(WS_S_ASYNC);
    await waitFor(() => late.length >= 4);
    await settle(20);
    expect(late).toHaveLength(4);
    expect(late.every((hr) => hr < 0)).toBe(true);
  });
});
