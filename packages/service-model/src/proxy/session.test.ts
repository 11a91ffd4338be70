import {
  ref,
  S_OK,
  WS_CALL_PROPERTY_CALL_ID,
  WS_E_OPERATION_ABANDONED,
  WS_E_OPERATION_TIMED_OUT,
  WS_PROXY_PROPERTY_CALL_TIMEOUT,
  WS_PROXY_PROPERTY_STATE,
  type WS_SERVICE_HOST,
  type WS_SERVICE_PROXY,
  WS_SERVICE_PROXY_STATE_FAULTED,
  WS_SERVICE_PROXY_STATE_OPEN,
  WsFreeHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  AddOperation,
  BINDINGS,
  cleanupAfterEach,
  EchoOperation,
  hostFor,
  newHeap,
  openedHost,
  openedProxy,
  proxyFor,
  type Service,
} from "../calculator.test-support.js";
import { WsAbandonCall, WsAbortServiceHost, WsCallAsync, WsGetServiceProxyProperty } from "../index.js";

const TCP = BINDINGS[3]!;
const cleanup = cleanupAfterEach();

async function connect(
  service: Service,
  proxyProperties: Parameters<typeof proxyFor>[1] = [],
): Promise<{ host: WS_SERVICE_HOST; proxy: WS_SERVICE_PROXY }> {
  const host = await openedHost(cleanup, hostFor(TCP, service));
  const proxy = await openedProxy(cleanup, TCP, host, proxyFor(TCP, proxyProperties));
  return { host, proxy };
}

function heap() {
  const h = newHeap();
  cleanup.push(() => WsFreeHeap(h));
  return h;
}

const state = (proxy: WS_SERVICE_PROXY) => {
  const value = ref<unknown>(null);
  WsGetServiceProxyProperty(proxy, WS_PROXY_PROPERTY_STATE, value);
  return value.value;
};

describe("a service proxy on a net.tcp session", () => {
  it("times a slow call out", async () => {
    const service: Service = { notified: [], delay: 400 };
    const { proxy } = await connect(service, [{ id: WS_PROXY_PROPERTY_CALL_TIMEOUT, value: 100 }]);
    const sum = ref(0);
    await expect(WsCallAsync(proxy, AddOperation, [1, 2, sum], heap(), null)).rejects.toMatchObject({ hr: WS_E_OPERATION_TIMED_OUT });
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_OPEN);
  });

  it("answers the call after an abandoned one with its own reply", async () => {
    const service: Service = { notified: [], delay: 300 };
    const { proxy } = await connect(service);
    const sum = ref(0);
    const abandoned = WsCallAsync(proxy, AddOperation, [1, 2, sum], heap(), [{ id: WS_CALL_PROPERTY_CALL_ID, value: 5 }]);
    expect(WsAbandonCall(proxy, 5)).toBe(S_OK);
    await expect(abandoned).rejects.toMatchObject({ hr: WS_E_OPERATION_ABANDONED });
    service.delay = 0;
    // The abandoned call's exchange goes on ("the actual I/O … is not canceled") until its late
    // AddResponse has come and been dropped; Echo, on the same session, then gets its own EchoResponse.
    const echoed = ref("");
    expect(await WsCallAsync(proxy, EchoOperation, ["after", echoed], heap(), null)).toBe(S_OK);
    expect(echoed.value).toBe("after");
    expect(sum.value).toBe(0);
  });

  it("faults when the session fails under a call", async () => {
    const service: Service = { notified: [], delay: 200 };
    const { host, proxy } = await connect(service);
    const call = WsCallAsync(proxy, AddOperation, [1, 2, ref(0)], heap(), null);
    for (let i = 0; i < 200 && (service.started ?? 0) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(WsAbortServiceHost(host)).toBe(S_OK);
    await expect(call).rejects.toMatchObject({ hr: expect.any(Number) });
    expect(state(proxy)).toBe(WS_SERVICE_PROXY_STATE_FAULTED);
  });
});
