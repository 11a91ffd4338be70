import {
  E_NOTIMPL,
  ref,
  S_OK,
  WS_CHANNEL_TYPE_REPLY,
  WS_E_QUOTA_EXCEEDED,
  type WS_HEAP,
  WS_HTTP_BINDING_TEMPLATE_TYPE,
  WS_HTTP_CHANNEL_BINDING,
  WS_HTTP_SSL_BINDING_TEMPLATE_TYPE,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_HOST,
  WsCreateHeap,
  WsFreeHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { AddOperation, BINDINGS, calculatorContract, listeningUrl, newHeap, proxyFor } from "../calculator.test-support.js";
import {
  WsCallAsync,
  WsCloseServiceHostAsync,
  WsCloseServiceProxyAsync,
  WsCreateServiceEndpointFromTemplate,
  WsCreateServiceHost,
  WsFreeServiceHost,
  WsFreeServiceProxy,
  WsOpenServiceHostAsync,
  WsOpenServiceProxyAsync,
} from "../index.js";

describe("WsCreateServiceEndpointFromTemplate", () => {
  it("makes an HTTP endpoint a host serves", async () => {
    const heap = newHeap();
    const contract = calculatorContract({ notified: [], delay: 0 });
    const endpoint = ref<WS_SERVICE_ENDPOINT | null>(null);
    expect(
      WsCreateServiceEndpointFromTemplate(
        WS_CHANNEL_TYPE_REPLY,
        null,
        "http://127.0.0.1:0/calculator",
        contract,
        null,
        heap,
        WS_HTTP_BINDING_TEMPLATE_TYPE,
        { channelProperties: { properties: [] } },
        null,
        endpoint,
      ),
    ).toBe(S_OK);
    expect(endpoint.value!.channelBinding).toBe(WS_HTTP_CHANNEL_BINDING);
    expect(endpoint.value!.address.url).toBe("http://127.0.0.1:0/calculator");
    const host = ref<WS_SERVICE_HOST | null>(null);
    expect(WsCreateServiceHost([endpoint.value!], null, host)).toBe(S_OK);
    expect(await WsOpenServiceHostAsync(host.value!)).toBe(S_OK);
    const proxy = proxyFor(BINDINGS[0]!);
    expect(
      await WsOpenServiceProxyAsync(proxy, {
        url: listeningUrl(host.value!, BINDINGS[0]!),
        headers: null,
        extensions: null,
        identity: null,
      }),
    ).toBe(S_OK);
    const sum = ref(0);
    expect(await WsCallAsync(proxy, AddOperation, [40, 2, sum], heap, null)).toBe(S_OK);
    expect(sum.value).toBe(42);
    await WsCloseServiceProxyAsync(proxy);
    WsFreeServiceProxy(proxy);
    await WsCloseServiceHostAsync(host.value!);
    WsFreeServiceHost(host.value!);
    WsFreeHeap(heap);
  });

  it("refuses the security templates (E_NOTIMPL) and charges the endpoint on the heap", () => {
    const contract = calculatorContract({ notified: [], delay: 0 });
    const endpoint = ref<WS_SERVICE_ENDPOINT | null>(null);
    const small = ref<WS_HEAP | null>(null);
    expect(WsCreateHeap(64, 0, null, small)).toBe(S_OK);
    expect(
      WsCreateServiceEndpointFromTemplate(
        WS_CHANNEL_TYPE_REPLY,
        null,
        "https://127.0.0.1:0/x",
        contract,
        null,
        small.value!,
        WS_HTTP_SSL_BINDING_TEMPLATE_TYPE,
        null,
        null,
        endpoint,
      ),
    ).toBe(E_NOTIMPL);
    // 96 bytes of WS_SERVICE_ENDPOINT and the URL do not fit in 64.
    expect(
      WsCreateServiceEndpointFromTemplate(
        WS_CHANNEL_TYPE_REPLY,
        null,
        "http://127.0.0.1:0/x",
        contract,
        null,
        small.value!,
        WS_HTTP_BINDING_TEMPLATE_TYPE,
        null,
        null,
        endpoint,
      ),
    ).toBe(WS_E_QUOTA_EXCEEDED);
    WsFreeHeap(small.value!);
  });
});
