import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  WS_E_INVALID_OPERATION,
  type WS_ERROR,
  type WS_OPERATION_CONTEXT,
  WS_OPERATION_CONTEXT_PROPERTY_CHANNEL,
  WS_OPERATION_CONTEXT_PROPERTY_CHANNEL_USER_STATE,
  WS_OPERATION_CONTEXT_PROPERTY_CONTRACT_DESCRIPTION,
  WS_OPERATION_CONTEXT_PROPERTY_HEAP,
  WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE,
  WS_OPERATION_CONTEXT_PROPERTY_OUTPUT_MESSAGE,
  type WS_SERVICE_CONTRACT,
  WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK,
  WS_SERVICE_ENDPOINT_PROPERTY_CLOSE_CHANNEL_CALLBACK,
  WsFreeHeap,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  AddOperation,
  BINDINGS,
  cleanupAfterEach,
  hostFor,
  methodTable,
  newHeap,
  OPERATIONS,
  openedHost,
  openedProxy,
} from "../calculator.test-support.js";
import { WsCallAsync, WsGetOperationContextProperty, WsRegisterOperationForCancel } from "../index.js";

const cleanup = cleanupAfterEach();

const property = (context: WS_OPERATION_CONTEXT, id: number) => {
  const value = ref<unknown>(null);
  const hr = WsGetOperationContextProperty(context, id as never, value);
  return hr === S_OK ? value.value : hr;
};

describe("WS_OPERATION_CONTEXT", () => {
  it("tells an operation its channel, contract, messages, heap and channel state; one cancel registration", async () => {
    const binding = BINDINGS[0]!;
    const seen: Record<string, unknown> = {};
    const service = { notified: [], delay: 0 };
    const table = {
      ...methodTable(service),
      Add: (
        context: WS_OPERATION_CONTEXT,
        a: number,
        b: number,
        result: Ref<number>,
        _a: WS_ASYNC_CONTEXT | null,
        _e: WS_ERROR | null,
      ): HRESULT => {
        seen.channel = (property(context, WS_OPERATION_CONTEXT_PROPERTY_CHANNEL) as { handleType: string }).handleType;
        seen.contract = property(context, WS_OPERATION_CONTEXT_PROPERTY_CONTRACT_DESCRIPTION);
        seen.input = (property(context, WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE) as { handleType: string }).handleType;
        seen.output = (property(context, WS_OPERATION_CONTEXT_PROPERTY_OUTPUT_MESSAGE) as { handleType: string }).handleType;
        seen.heap = (property(context, WS_OPERATION_CONTEXT_PROPERTY_HEAP) as { handleType: string }).handleType;
        seen.channelState = property(context, WS_OPERATION_CONTEXT_PROPERTY_CHANNEL_USER_STATE);
        seen.unknown = property(context, 42);
        seen.first = WsRegisterOperationForCancel(context, () => {}, null, null);
        seen.second = WsRegisterOperationForCancel(context, () => {}, null, null);
        result.value = a + b;
        return S_OK;
      },
    };
    const contract: WS_SERVICE_CONTRACT = {
      contractDescription: { operations: OPERATIONS },
      defaultMessageHandlerCallback: null,
      methodTable: table,
    };
    const events: string[] = [];
    const host = hostFor(
      binding,
      service,
      [
        {
          id: WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK,
          value: {
            callback: (_c: WS_OPERATION_CONTEXT, channelState: Ref<unknown>) => {
              events.push("accept");
              channelState.value = "channel-state";
              return S_OK;
            },
          },
        },
        {
          id: WS_SERVICE_ENDPOINT_PROPERTY_CLOSE_CHANNEL_CALLBACK,
          value: {
            callback: () => {
              events.push("close");
              return S_OK;
            },
          },
        },
      ],
      [],
      contract,
    );
    await openedHost(cleanup, host);
    const proxy = await openedProxy(cleanup, binding, host);
    const heap = newHeap();
    cleanup.push(() => WsFreeHeap(heap));
    const sum = ref(0);
    expect(await WsCallAsync(proxy, AddOperation, [4, 5, sum], heap, null)).toBe(S_OK);
    expect(sum.value).toBe(9);
    expect(seen).toEqual({
      channel: "WS_CHANNEL",
      contract: { operations: OPERATIONS },
      input: "WS_MESSAGE",
      output: "WS_MESSAGE",
      heap: "WS_HEAP",
      channelState: "channel-state",
      unknown: E_INVALIDARG,
      first: S_OK,
      second: WS_E_INVALID_OPERATION,
    });
    for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(["accept", "close"]);
  });
});
