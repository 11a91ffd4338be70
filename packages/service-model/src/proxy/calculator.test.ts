import { WsGetFaultErrorProperty } from "@wwsapi/channels";
import {
  ref,
  S_OK,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  type WS_FAULT,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  WS_FULL_FAULT_DISCLOSURE,
  type WS_SERVICE_HOST,
  WS_SERVICE_PROPERTY_FAULT_DISCLOSURE,
  type WS_SERVICE_PROXY,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorString,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";
import {
  AddOperation,
  BINDINGS,
  EchoBytesOperation,
  EchoOperation,
  FailOperation,
  hostFor,
  NotifyOperation,
  newError,
  newHeap,
  openProxyOn,
  proxyFor,
  type Service,
} from "../calculator.test-support.js";
import {
  WsCallAsync,
  WsCloseServiceHostAsync,
  WsCloseServiceProxyAsync,
  WsFreeServiceHost,
  WsFreeServiceProxy,
  WsOpenServiceHostAsync,
} from "../index.js";

const opened: { host: WS_SERVICE_HOST; proxy: WS_SERVICE_PROXY }[] = [];

afterEach(async () => {
  for (const { host, proxy } of opened.splice(0)) {
    await WsCloseServiceProxyAsync(proxy).catch(() => {});
    WsFreeServiceProxy(proxy);
    await WsCloseServiceHostAsync(host).catch(() => {});
    WsFreeServiceHost(host);
  }
});

const DATA = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);

describe.each(BINDINGS)("the Calculator contract over $name", (binding) => {
  async function connect(service: Service = { notified: [], delay: 0 }) {
    const host = hostFor(binding, service, [], [{ id: WS_SERVICE_PROPERTY_FAULT_DISCLOSURE, value: WS_FULL_FAULT_DISCLOSURE }]);
    expect(await WsOpenServiceHostAsync(host)).toBe(S_OK);
    const proxy = proxyFor(binding);
    opened.push({ host, proxy });
    expect(await openProxyOn(proxy, host, binding)).toBe(S_OK);
    return { host, proxy, service };
  }

  it("answers Add, Echo and EchoBytes", async () => {
    const { proxy } = await connect();
    const heap = newHeap();
    const sum = ref(0);
    expect(await WsCallAsync(proxy, AddOperation, [2, 3, sum], heap, null)).toBe(S_OK);
    expect(sum.value).toBe(5);
    const echoed = ref("");
    expect(await WsCallAsync(proxy, EchoOperation, ["hello é世 <&>", echoed], heap, null)).toBe(S_OK);
    expect(echoed.value).toBe("hello é世 <&>");
    const bytes = ref<Uint8Array>(new Uint8Array(0));
    expect(await WsCallAsync(proxy, EchoBytesOperation, [DATA, bytes], heap, null)).toBe(S_OK);
    expect(Buffer.from(bytes.value).equals(Buffer.from(DATA))).toBe(true);
    WsFreeHeap(heap);
  });

  it("surfaces a stub's failure as WS_E_ENDPOINT_FAULT_RECEIVED with the fault on the WS_ERROR", async () => {
    const { proxy } = await connect();
    const heap = newHeap();
    const error = newError();
    await expect(WsCallAsync(proxy, FailOperation, ["no division by zero"], heap, null, error)).rejects.toMatchObject({
      hr: WS_E_ENDPOINT_FAULT_RECEIVED,
    });
    const first = ref("");
    expect(WsGetErrorString(error, 0, first)).toBe(S_OK);
    expect(first.value).toBe("no division by zero");
    const fault = ref<unknown>(null);
    expect(WsGetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault)).toBe(S_OK);
    expect((fault.value as WS_FAULT).reasons[0]!.text).toBe("no division by zero");
    WsFreeError(error);
    WsFreeHeap(heap);
  });

  it("delivers one-way operations", async () => {
    const { proxy, service } = await connect();
    const heap = newHeap();
    expect(await WsCallAsync(proxy, NotifyOperation, ["ping"], heap, null)).toBe(S_OK);
    const sum = ref(0);
    // A two-way call after it: over a session it is answered after the one-way message was served.
    expect(await WsCallAsync(proxy, AddOperation, [1, 1, sum], heap, null)).toBe(S_OK);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.notified).toEqual(["ping"]);
    WsFreeHeap(heap);
  });
});
