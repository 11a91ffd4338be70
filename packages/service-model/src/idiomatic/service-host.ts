import type { ListenerObject } from "@wwsapi/channels/internal";
import {
  E_FAIL,
  type HRESULT,
  ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  type WS_ERROR,
  WS_FULL_FAULT_DISCLOSURE,
  WS_HTTP_CHANNEL_BINDING,
  WS_MINIMAL_FAULT_DISCLOSURE,
  type WS_OPERATION_CONTEXT,
  WS_S_ASYNC,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_ENDPOINT_PROPERTY,
  type WS_SERVICE_HOST,
  WS_SERVICE_PROPERTY_FAULT_DISCLOSURE,
  WS_TCP_CHANNEL_BINDING,
  WsAddErrorString,
} from "@wwsapi/core";
import { throwOnFailure, WsError } from "@wwsapi/core/internal";
import {
  WsAbortServiceHost,
  WsCloseServiceHostAsync,
  WsCreateServiceHost,
  WsFreeServiceHost,
  WsOpenServiceHostAsync,
  WsRegisterOperationForCancel,
} from "../gen/index.js";
import {
  type AnyStruct,
  type Contract,
  type ContractOperation,
  type OperationSpec,
  type OperationSpecs,
  type ReplyOf,
  type RequestOf,
  structValue,
} from "./contract.js";

/** What a handler learns of its call. */
export interface OperationCall {
  /** Aborted when the host is aborted or closed while the handler runs (WsRegisterOperationForCancel). */
  readonly signal: AbortSignal;
  /** The WS_OPERATION_CONTEXT, for WsGetOperationContextProperty. */
  readonly context: WS_OPERATION_CONTEXT;
}

/** What a handler returns: the reply's value, or nothing for a one-way operation. */
// biome-ignore lint/suspicious/noConfusingVoidType: a one-way handler is a function that returns nothing, which TypeScript types as void.
export type HandlerResult<O extends OperationSpec> = O["output"] extends AnyStruct ? ReplyOf<O> : void;

/** One handler per operation: the request's value in, the reply's value (or nothing, one-way) out. */
export type Handlers<Ops extends OperationSpecs> = {
  readonly [K in keyof Ops]: (request: RequestOf<Ops[K]>, call: OperationCall) => HandlerResult<Ops[K]> | Promise<HandlerResult<Ops[K]>>;
};

export interface ServiceHostOptions {
  /** WS_SERVICE_PROPERTY_FAULT_DISCLOSURE: "full" sends a failed handler's message as the fault's reason; "minimal" (the default) a generic one. */
  readonly faultDisclosure?: "full" | "minimal";
  readonly channelProperties?: readonly WS_CHANNEL_PROPERTY[];
  readonly endpointProperties?: readonly WS_SERVICE_ENDPOINT_PROPERTY[];
}

/** The method-table entry of one operation: frame → handler → frame, completing asynchronously. */
function adapter(operation: ContractOperation, handler: (request: unknown, call: OperationCall) => unknown) {
  const inputs = operation.inputFields.length;
  return (
    context: WS_OPERATION_CONTEXT,
    frame: readonly unknown[],
    asyncContext: WS_ASYNC_CONTEXT | null,
    error: WS_ERROR | null,
  ): HRESULT => {
    const request = structValue(operation.inputFields, frame.slice(0, inputs));
    const aborter = new AbortController();
    WsRegisterOperationForCancel(context, () => aborter.abort(new Error("the service host was aborted or closed")), null, null);
    const complete = (hr: HRESULT) =>
      (asyncContext!.callback as (hr: HRESULT, model: number, state: unknown) => void)(hr, 0, asyncContext!.callbackState);
    // A WsError keeps its HRESULT and strings; any other throw is E_FAIL with its message as the fault's reason.
    const fail = (thrown: unknown) => {
      const failure = thrown instanceof WsError ? thrown : new WsError(E_FAIL, thrown instanceof Error ? thrown.message : String(thrown));
      if (error !== null) for (const text of [...failure.strings].reverse()) WsAddErrorString(error, text);
      complete(failure.hr < 0 ? failure.hr : E_FAIL);
    };
    Promise.resolve()
      .then(() => handler(request, { signal: aborter.signal, context }))
      .then((reply) => {
        const value = (reply ?? {}) as Record<string, unknown>;
        operation.outputFields.forEach((field, i) => {
          (frame[inputs + i] as { value: unknown }).value = value[field.offset] ?? null;
        });
        complete(S_OK);
      }, fail);
    return WS_S_ASYNC;
  };
}

function endpointFor(
  url: string,
  contract: Contract<OperationSpecs>,
  methodTable: unknown[],
  options: ServiceHostOptions,
): WS_SERVICE_ENDPOINT {
  const tcp = url.toLowerCase().startsWith("net.tcp:");
  return {
    address: { url, headers: null, extensions: null, identity: null },
    channelBinding: tcp ? WS_TCP_CHANNEL_BINDING : WS_HTTP_CHANNEL_BINDING,
    channelType: tcp ? WS_CHANNEL_TYPE_DUPLEX_SESSION : WS_CHANNEL_TYPE_REPLY,
    securityDescription: null,
    contract: {
      contractDescription: { operations: contract.operations.map((op) => op.description) },
      defaultMessageHandlerCallback: null,
      methodTable,
    },
    authorizationCallback: null,
    properties: options.endpointProperties ?? [],
    channelProperties: { properties: options.channelProperties ?? [] },
  };
}

/**
 * A service host for one contract with typed handlers:
 * `const host = new ServiceHost(Calculator, { async Add({ a, b }) { return { AddResult: a + b } } });
 * const [url] = await host.listen("http://127.0.0.1:0/calculator", "net.tcp://127.0.0.1:0/calculator")`.
 * A handler that throws answers with a fault (its message as the reason with faultDisclosure "full").
 */
export class ServiceHost<Ops extends OperationSpecs> {
  #host: WS_SERVICE_HOST | null = null;
  #urls: string[] = [];
  readonly #methodTable: unknown[];

  constructor(
    readonly contract: Contract<Ops>,
    handlers: Handlers<Ops>,
    readonly options: ServiceHostOptions = {},
  ) {
    this.#methodTable = contract.operations.map((operation) => {
      const handler = (handlers as Record<string, unknown>)[operation.name];
      if (typeof handler !== "function") throw new TypeError(`ServiceHost: no handler for ${contract.name}.${operation.name}`);
      return adapter(operation, handler.bind(handlers) as (request: unknown, call: OperationCall) => unknown);
    });
  }

  /** The WS_SERVICE_HOST, once listening. */
  get handle(): WS_SERVICE_HOST | null {
    return this.#host;
  }

  /** The URLs listened on, with the ports the system chose for port 0. */
  get urls(): readonly string[] {
    return this.#urls;
  }

  /** Listens on every URL with one WsOpenServiceHost; resolves to the URLs as listened on. */
  async listen(...urls: string[]): Promise<readonly string[]> {
    if (this.#host !== null) throw new TypeError("ServiceHost: already listening; close() first");
    const endpoints = urls.map((url) =>
      endpointFor(url, this.contract as unknown as Contract<OperationSpecs>, this.#methodTable, this.options),
    );
    const disclosure = this.options.faultDisclosure === "full" ? WS_FULL_FAULT_DISCLOSURE : WS_MINIMAL_FAULT_DISCLOSURE;
    const host = ref<WS_SERVICE_HOST | null>(null);
    throwOnFailure(WsCreateServiceHost(endpoints, [{ id: WS_SERVICE_PROPERTY_FAULT_DISCLOSURE, value: disclosure }], host));
    try {
      await WsOpenServiceHostAsync(host.value!);
    } catch (thrown) {
      WsFreeServiceHost(host.value!);
      throw thrown;
    }
    this.#host = host.value!;
    this.#urls = urls.map((url, i) => {
      const listener = (this.#host as unknown as { endpoints: { listener: ListenerObject }[] }).endpoints[i]!.listener;
      const port = (listener.transport as unknown as { port?: number } | null)?.port;
      return port === undefined ? url : url.replace(/^([a-z.]+:\/\/(?:\[[^\]]*\]|[^/:?#]*))(?::\d*)?/i, `$1:${port}`);
    });
    return this.#urls;
  }

  /** Stops listening: running handlers are told (their signal aborts) and their replies awaited. */
  async close(): Promise<void> {
    const host = this.#host;
    if (host === null) return;
    this.#host = null;
    this.#urls = [];
    try {
      await WsCloseServiceHostAsync(host);
    } finally {
      WsFreeServiceHost(host);
    }
  }

  /** Aborts the host: running handlers' signals abort, pending I/O ends. */
  abort(): void {
    if (this.#host !== null) WsAbortServiceHost(this.#host);
  }
}
