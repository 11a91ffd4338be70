import {
  ref,
  S_OK,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_ENDPOINT_FAULT_RECEIVED,
  WS_HTTP_CHANNEL_BINDING,
  WS_PROXY_PROPERTY_STATE,
  type WS_SERVICE_PROXY,
  WS_SERVICE_PROXY_STATE_OPEN,
} from "@wwsapi/core";
import { typed } from "@wwsapi/xml";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  WsCloseServiceProxyAsync,
  WsCreateServiceProxy,
  WsFreeServiceProxy,
  WsGetServiceProxyProperty,
  WsOpenServiceProxyAsync,
} from "../index.js";
import { type Client, contract, createClient, type Handlers, ServiceHost } from "./index.js";

const { struct, element, optional, nillable, int32, string, bytes } = typed;
const TEMPURI = "http://tempuri.org/";

/** The Calculator contract as WCF's schema has it (calc.xsd0.xsd: every parameter minOccurs="0"). */
const Calculator = contract("ICalculator", TEMPURI, {
  Add: {
    input: struct("Add", TEMPURI, { a: optional(element(int32, "a")), b: optional(element(int32, "b")) }),
    output: struct("AddResponse", TEMPURI, { AddResult: optional(element(int32, "AddResult")) }),
  },
  Echo: {
    input: struct("Echo", TEMPURI, { text: optional(nillable(element(string, "text"))) }),
    output: struct("EchoResponse", TEMPURI, { EchoResult: optional(nillable(element(string, "EchoResult"))) }),
  },
  EchoBytes: {
    input: struct("EchoBytes", TEMPURI, { data: optional(element(bytes, "data")) }),
    output: struct("EchoBytesResponse", TEMPURI, { EchoBytesResult: optional(element(bytes, "EchoBytesResult")) }),
  },
  Divide: {
    input: struct("Divide", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") }),
    output: struct("DivideResponse", TEMPURI, { DivideResult: element(int32, "DivideResult") }),
  },
  Slow: {
    input: struct("Slow", TEMPURI, { ms: element(int32, "ms") }),
    output: struct("SlowResponse", TEMPURI, {}),
  },
  Notify: { input: struct("Notify", TEMPURI, { text: element(string, "text") }) },
});

const notified: string[] = [];
const handlers: Handlers<typeof Calculator.specs> = {
  async Add({ a, b }) {
    return { AddResult: (a ?? 0) + (b ?? 0) };
  },
  Echo({ text }) {
    return { EchoResult: text ?? null };
  },
  EchoBytes({ data }) {
    return data === undefined ? {} : { EchoBytesResult: data };
  },
  Divide({ a, b }) {
    if (b === 0) throw new Error("division by zero");
    return { DivideResult: Math.trunc(a / b) };
  },
  async Slow({ ms }, { signal }) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return {};
  },
  Notify({ text }) {
    notified.push(text);
  },
};

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(urls: string[]) {
  const host = new ServiceHost(Calculator, handlers, { faultDisclosure: "full" });
  cleanup.push(() => host.close());
  const listening = await host.listen(...urls);
  return { host, listening };
}

function client(url: string): Client<typeof Calculator.specs> {
  const c = createClient({ url }, Calculator);
  cleanup.push(() => c.close());
  return c;
}

describe("the typed client and ServiceHost", () => {
  it("infers the request and reply types from the typed descriptions", () => {
    const c = {} as Client<typeof Calculator.specs>;
    expectTypeOf(c.Add).parameter(0).toEqualTypeOf<{ a?: number | undefined; b?: number | undefined }>();
    expectTypeOf(c.Add).returns.toEqualTypeOf<Promise<{ AddResult?: number | undefined }>>();
    expectTypeOf(c.Notify).returns.toEqualTypeOf<Promise<undefined>>();
  });

  it("calls Add, Echo and EchoBytes over HTTP, and answers a handler's throw with a fault", async () => {
    const { listening } = await start(["http://127.0.0.1:0/calculator"]);
    expect(listening[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calculator$/);
    const c = client(listening[0]!);
    expect(await c.Add({ a: 2, b: 3 })).toEqual({ AddResult: 5 });
    expect(await c.Add({ a: 2 })).toEqual({ AddResult: 2 });
    expect(await c.Echo({ text: "hello é世 <&>" })).toEqual({ EchoResult: "hello é世 <&>" });
    const data = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
    const echoed = await c.EchoBytes({ data });
    expect(Buffer.from(echoed.EchoBytesResult!).equals(Buffer.from(data))).toBe(true);
    expect(await c.EchoBytes({})).toEqual({});
    expect(await c.Divide({ a: 7, b: 2 })).toEqual({ DivideResult: 3 });
    await expect(c.Divide({ a: 1, b: 0 })).rejects.toMatchObject({ hr: WS_E_ENDPOINT_FAULT_RECEIVED, message: "division by zero" });
    await c.Notify({ text: "one way" });
    for (let i = 0; i < 100 && notified.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(notified).toContain("one way");
  });

  it("uses a WS_SERVICE_PROXY the application opened, and leaves it open", async () => {
    const { listening } = await start(["http://127.0.0.1:0/calculator"]);
    const proxy = ref<WS_SERVICE_PROXY | null>(null);
    expect(WsCreateServiceProxy(WS_CHANNEL_TYPE_REQUEST, WS_HTTP_CHANNEL_BINDING, null, null, null, proxy)).toBe(S_OK);
    cleanup.push(async () => WsFreeServiceProxy(proxy.value!));
    expect(await WsOpenServiceProxyAsync(proxy.value!, { url: listening[0]!, headers: null, extensions: null, identity: null })).toBe(S_OK);
    const c = createClient(proxy.value!, Calculator);
    expect(c.proxy).toBe(proxy.value);
    expect(await c.Add({ a: 20, b: 22 })).toEqual({ AddResult: 42 });
    await c.close();
    const state = ref<unknown>(null);
    expect(WsGetServiceProxyProperty(proxy.value!, WS_PROXY_PROPERTY_STATE, state)).toBe(S_OK);
    expect(state.value).toBe(WS_SERVICE_PROXY_STATE_OPEN);
    await WsCloseServiceProxyAsync(proxy.value!);
  });

  it("abandons a call when its signal aborts", async () => {
    const { listening } = await start(["http://127.0.0.1:0/calculator"]);
    const c = client(listening[0]!);
    const controller = new AbortController();
    const call = c.Slow({ ms: 300 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("no longer needed")), 20);
    await expect(call).rejects.toThrow("no longer needed");
    expect(await c.Add({ a: 1, b: 1 })).toEqual({ AddResult: 2 });
  });

  it("listens on HTTP and net.tcp with one call", async () => {
    const { listening } = await start(["http://127.0.0.1:0/calculator", "net.tcp://127.0.0.1:0/calculator"]);
    expect(listening).toHaveLength(2);
    expect(await client(listening[0]!).Add({ a: 1, b: 2 })).toEqual({ AddResult: 3 });
    expect(await client(listening[1]!).Add({ a: 3, b: 4 })).toEqual({ AddResult: 7 });
  });
});
