import {
  ref,
  WS_CALL_PROPERTY_CALL_ID,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REQUEST,
  WS_E_OPERATION_ABANDONED,
  type WS_ERROR,
  type WS_HEAP,
  WS_HTTP_CHANNEL_BINDING,
  type WS_PROXY_PROPERTY,
  type WS_SERVICE_PROXY,
  WS_TCP_CHANNEL_BINDING,
  WsCreateError,
  WsCreateHeap,
  WsFreeError,
  WsFreeHeap,
} from "@wwsapi/core";
import { throwOnFailure, WsError } from "@wwsapi/core/internal";
import {
  WsAbandonCall,
  WsCallAsync,
  WsCloseServiceProxyAsync,
  WsCreateServiceProxy,
  WsFreeServiceProxy,
  WsOpenServiceProxyAsync,
} from "../gen/index.js";
import { type Contract, callArguments, type OperationSpecs, type ReplyOf, type RequestOf, structValue } from "./contract.js";

export interface ClientOptions {
  /** The service's address: http://… (WS_HTTP_CHANNEL_BINDING) or net.tcp://… (WS_TCP_CHANNEL_BINDING, a duplex session). */
  readonly url: string;
  readonly channelProperties?: readonly WS_CHANNEL_PROPERTY[];
  readonly proxyProperties?: readonly WS_PROXY_PROPERTY[];
  /** The heap each call's reply is read onto may hold at most this many bytes (default 1 MiB). */
  readonly maxReplySize?: number;
}

export interface CallOptions {
  /** Aborting it abandons the call (WsAbandonCall): the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** The client of a contract: one async method per operation, and the proxy's lifetime. */
export type Client<Ops extends OperationSpecs> = {
  readonly [K in keyof Ops]: (request: RequestOf<Ops[K]>, options?: CallOptions) => Promise<ReplyOf<Ops[K]>>;
} & {
  /** The service proxy the calls go through. */
  readonly proxy: WS_SERVICE_PROXY;
  /** Closes the proxy (waiting for the calls in flight) and frees it, when the client made it. */
  close(): Promise<void>;
};

let nextCallId = 1;

function newHeap(max: number): WS_HEAP {
  const heap = ref<WS_HEAP | null>(null);
  throwOnFailure(WsCreateHeap(max, 0, null, heap));
  return heap.value!;
}

function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  throwOnFailure(WsCreateError(null, error));
  return error.value!;
}

function createProxy(options: ClientOptions): WS_SERVICE_PROXY {
  const tcp = options.url.toLowerCase().startsWith("net.tcp:");
  const proxy = ref<WS_SERVICE_PROXY | null>(null);
  throwOnFailure(
    WsCreateServiceProxy(
      tcp ? WS_CHANNEL_TYPE_DUPLEX_SESSION : WS_CHANNEL_TYPE_REQUEST,
      tcp ? WS_TCP_CHANNEL_BINDING : WS_HTTP_CHANNEL_BINDING,
      null,
      options.proxyProperties ?? null,
      options.channelProperties ?? null,
      proxy,
    ),
  );
  return proxy.value!;
}

/**
 * A typed client: `const client = createClient({ url }, Calculator); const { AddResult } = await
 * client.Add({ a: 2, b: 3 }, { signal })`. Given options, the client makes its WS_SERVICE_PROXY and
 * opens it with the first call; given an open WS_SERVICE_PROXY, it uses it as it is. A failed call
 * rejects with the WsError of WsCall (a fault: WS_E_ENDPOINT_FAULT_RECEIVED, its reason as the
 * message).
 */
export function createClient<Ops extends OperationSpecs>(
  proxyOrOptions: WS_SERVICE_PROXY | ClientOptions,
  contract: Contract<Ops>,
): Client<Ops> {
  const owned = !("handleType" in proxyOrOptions);
  const options = owned ? (proxyOrOptions as ClientOptions) : null;
  const proxy = owned ? createProxy(options!) : (proxyOrOptions as WS_SERVICE_PROXY);
  const maxReplySize = options?.maxReplySize ?? 1 << 20;
  let opening: Promise<unknown> | null = owned ? null : Promise.resolve();
  const open = () => (opening ??= WsOpenServiceProxyAsync(proxy, { url: options!.url, headers: null, extensions: null, identity: null }));

  async function call(name: string, request: Record<string, unknown>, callOptions: CallOptions = {}): Promise<unknown> {
    const operation = contract.byName.get(name)!;
    const { signal } = callOptions;
    signal?.throwIfAborted();
    await open();
    const { args, outputs } = callArguments(operation, request);
    const heap = newHeap(maxReplySize);
    const error = newError();
    const callId = nextCallId++;
    nextCallId = nextCallId > 0xfffffffe ? 1 : nextCallId;
    const onAbort = () => WsAbandonCall(proxy, callId);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await WsCallAsync(proxy, operation.description, args, heap, [{ id: WS_CALL_PROPERTY_CALL_ID, value: callId }], error);
      return operation.spec.output == null
        ? undefined
        : structValue(
            operation.outputFields,
            outputs.map((output) => output.value),
          );
    } catch (thrown) {
      if (signal?.aborted && thrown instanceof WsError && thrown.hr === WS_E_OPERATION_ABANDONED) throw signal.reason;
      throw thrown;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      WsFreeError(error);
      WsFreeHeap(heap);
    }
  }

  const client: Record<string, unknown> = {
    proxy,
    async close() {
      if (!owned) return;
      if (opening !== null) await opening.catch(() => {});
      await WsCloseServiceProxyAsync(proxy).catch(() => {});
      WsFreeServiceProxy(proxy);
    },
  };
  for (const operation of contract.operations) {
    client[operation.name] = (request: Record<string, unknown>, callOptions?: CallOptions) => call(operation.name, request, callOptions);
  }
  return client as Client<Ops>;
}
