import {
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REQUEST,
  type WS_ERROR,
  type WS_HEAP,
  WS_HTTP_CHANNEL_BINDING,
  type WS_OPERATION_DESCRIPTION,
  type WS_PROXY_PROPERTY,
  type WS_SERVICE_PROXY,
  WS_TCP_CHANNEL_BINDING,
  WsCreateError,
  WsCreateHeap,
  WsFreeError,
  WsFreeHeap,
} from "@wwsapi/core";
import {
  WsAbortServiceProxy,
  WsCallAsync,
  WsCloseServiceProxyAsync,
  WsCreateServiceProxy,
  WsFreeServiceProxy,
  WsOpenServiceProxyAsync,
} from "@wwsapi/service-model";
import { type CallFailure, CHANNEL_WIRES, type ChannelProperty, failureOf } from "../channels/channel-client.js";

/**
 * A service proxy for the tests: WsCreateServiceProxy (a request channel over HTTP with the wire's
 * channel properties, or a duplex session over net.tcp), WsOpenServiceProxyAsync, and WsCallAsync
 * with an operation description, its input values and one Ref per output, on a fresh heap and
 * WS_ERROR. A failed call rejects with a ProxyCallError: the HRESULT, the error strings and the
 * received fault (WsGetFaultErrorProperty), as channels/channel-client.ts reads them.
 */

/** The wires of channels/channel-client.ts, plus net.tcp (the channel's defaults: binary session encoding). */
export const PROXY_WIRES = { ...CHANNEL_WIRES, tcp: [] } as const satisfies Record<string, readonly ChannelProperty[]>;
export type ProxyWire = keyof typeof PROXY_WIRES;

export class ProxyCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(`0x${(failure.hr >>> 0).toString(16)}: ${failure.strings.join(" / ")}`);
  }
}

export class CalcProxy {
  private constructor(readonly proxy: WS_SERVICE_PROXY) {}

  /** Creates and opens a proxy on `url`; frees it again when the open fails. */
  static async open(url: string, wire: ProxyWire, proxyProperties: readonly WS_PROXY_PROPERTY[] = []): Promise<CalcProxy> {
    const proxy = CalcProxy.create(wire, proxyProperties);
    try {
      await WsOpenServiceProxyAsync(proxy, { url, headers: null, extensions: null, identity: null });
    } catch (error) {
      WsFreeServiceProxy(proxy);
      throw error;
    }
    return new CalcProxy(proxy);
  }

  static create(wire: ProxyWire, proxyProperties: readonly WS_PROXY_PROPERTY[] = []): WS_SERVICE_PROXY {
    const tcp = wire === "tcp";
    const created = ref<WS_SERVICE_PROXY | null>(null);
    const properties = PROXY_WIRES[wire];
    const hr = WsCreateServiceProxy(
      tcp ? WS_CHANNEL_TYPE_DUPLEX_SESSION : WS_CHANNEL_TYPE_REQUEST,
      tcp ? WS_TCP_CHANNEL_BINDING : WS_HTTP_CHANNEL_BINDING,
      null,
      proxyProperties.length === 0 ? null : proxyProperties,
      properties.length === 0 ? null : (properties as never),
      created,
    );
    if (hr !== S_OK) throw new Error(`WsCreateServiceProxy returned 0x${(hr >>> 0).toString(16)}`);
    return created.value!;
  }

  /**
   * WsCallAsync(operation, [...inputs, ...one Ref per output]): resolves the outputs' values (copied
   * off the heap), or rejects with a ProxyCallError.
   */
  async call(operation: WS_OPERATION_DESCRIPTION, inputs: readonly unknown[]): Promise<unknown[]> {
    const outputCount = operation.parameterDescription.length - inputs.length;
    const outputs: Ref<unknown>[] = Array.from({ length: outputCount }, () => ref<unknown>(null));
    const heap = ref<WS_HEAP | null>(null);
    WsCreateHeap(1 << 20, 0, null, heap);
    const error = ref<WS_ERROR | null>(null);
    WsCreateError(null, error);
    try {
      try {
        await WsCallAsync(this.proxy, operation, [...inputs, ...outputs], heap.value!, null, error.value);
      } catch (thrown) {
        const hr = (thrown as { hr?: number }).hr;
        if (typeof hr !== "number") throw thrown;
        throw new ProxyCallError(failureOf(hr, error.value!));
      }
      return structuredClone(outputs.map((output) => output.value));
    } finally {
      WsFreeHeap(heap.value!);
      WsFreeError(error.value!);
    }
  }

  /** The call's failure (it must fail). */
  async failure(operation: WS_OPERATION_DESCRIPTION, inputs: readonly unknown[]): Promise<CallFailure> {
    try {
      await this.call(operation, inputs);
    } catch (error) {
      if (error instanceof ProxyCallError) return error.failure;
      throw error;
    }
    throw new Error("the call succeeded");
  }

  /** WsCloseServiceProxyAsync, whose outcome is the caller's to see. */
  closeInOrder(): Promise<HRESULT> {
    return WsCloseServiceProxyAsync(this.proxy);
  }

  /** For cleanup: closes in order when it can, else aborts; then frees the proxy. */
  async close(): Promise<void> {
    try {
      await WsCloseServiceProxyAsync(this.proxy);
    } catch {
      WsAbortServiceProxy(this.proxy);
    }
    WsFreeServiceProxy(this.proxy);
  }
}
