import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_CHANNEL,
  type WS_CONTRACT_DESCRIPTION,
  WS_E_INVALID_OPERATION,
  type WS_ENDPOINT_ADDRESS,
  type WS_ERROR,
  type WS_HEAP,
  type WS_LISTENER,
  type WS_MESSAGE,
  type WS_OPERATION_CANCEL_CALLBACK,
  type WS_OPERATION_CONTEXT,
  WS_OPERATION_CONTEXT_PROPERTY_CHANNEL,
  WS_OPERATION_CONTEXT_PROPERTY_CHANNEL_USER_STATE,
  WS_OPERATION_CONTEXT_PROPERTY_CONTRACT_DESCRIPTION,
  WS_OPERATION_CONTEXT_PROPERTY_ENDPOINT_ADDRESS,
  WS_OPERATION_CONTEXT_PROPERTY_HEAP,
  WS_OPERATION_CONTEXT_PROPERTY_HOST_USER_STATE,
  type WS_OPERATION_CONTEXT_PROPERTY_ID,
  WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE,
  WS_OPERATION_CONTEXT_PROPERTY_LISTENER,
  WS_OPERATION_CONTEXT_PROPERTY_OUTPUT_MESSAGE,
  type WS_OPERATION_FREE_STATE_CALLBACK,
  type WS_SERVICE_CANCEL_REASON,
} from "@wwsapi/core";
import { describeValue, HandleBase, WsError } from "@wwsapi/core/internal";

/** What the service host tells an operation context about the exchange it serves. */
export interface OperationScope {
  readonly channel: WS_CHANNEL;
  readonly listener: WS_LISTENER;
  readonly contract: WS_CONTRACT_DESCRIPTION | null;
  readonly endpointAddress: WS_ENDPOINT_ADDRESS;
  readonly hostUserState: unknown;
  readonly channelUserState: unknown;
  readonly inputMessage: WS_MESSAGE | null;
  readonly outputMessage: WS_MESSAGE | null;
  readonly heap: WS_HEAP | null;
}

interface CancelRegistration {
  readonly cancel: WS_OPERATION_CANCEL_CALLBACK;
  readonly freeState: WS_OPERATION_FREE_STATE_CALLBACK | null;
  readonly state: unknown;
}

/**
 * WS_OPERATION_CONTEXT: "supplied by the service host to service operations and callbacks"; it has
 * no create or free function. It lives for one operation (or one channel, for the accept and
 * close callbacks) and keeps the operation's cancellation registration.
 */
export class OperationContextObject extends HandleBase<"WS_OPERATION_CONTEXT", "single"> {
  #registration: CancelRegistration | null = null;
  #cancelled: WS_SERVICE_CANCEL_REASON | null = null;
  #done = false;

  constructor(readonly scope: OperationScope) {
    super("WS_OPERATION_CONTEXT", "single");
  }

  register(fn: string, registration: CancelRegistration): void {
    if (this.#done)
      throw new WsError(
        WS_E_INVALID_OPERATION,
        `${fn}: the operation has completed; "It is only valid to call this API when the service operation is executing."`,
      );
    if (this.#registration !== null)
      throw new WsError(WS_E_INVALID_OPERATION, `${fn}: the operation is already registered for cancellation.`);
    this.#registration = registration;
    // "the runtime may call on the callback WS_OPERATION_CANCEL_CALLBACK as soon as the WsRegisterOperationForCancel is called."
    if (this.#cancelled !== null) this.#notify(this.#cancelled);
  }

  /** The host is aborted or closed, or the channel faulted, while the operation runs: the cancel callback runs once. */
  cancel(reason: WS_SERVICE_CANCEL_REASON): void {
    if (this.#done || this.#cancelled !== null) return;
    this.#cancelled = reason;
    if (this.#registration !== null) this.#notify(reason);
  }

  get cancelled(): boolean {
    return this.#cancelled !== null;
  }

  /** The operation completed: the free-state callback runs (once), and the context is no longer valid. */
  finish(): void {
    if (this.#done) return;
    this.#done = true;
    const registration = this.#registration;
    this.#registration = null;
    if (registration?.freeState != null) guardCallback(() => registration.freeState!(registration.state));
  }

  #notify(reason: WS_SERVICE_CANCEL_REASON): void {
    const registration = this.#registration!;
    guardCallback(() => registration.cancel(reason, registration.state));
  }
}

/** An application callback that throws is its bug: surfaced as an uncaught exception, never inside the host's bookkeeping. */
function guardCallback(run: () => void): void {
  try {
    run();
  } catch (thrown) {
    process.nextTick(() => {
      throw thrown;
    });
  }
}

export const operationContextObject = (context: unknown): OperationContextObject => context as OperationContextObject;

/** WsGetOperationContextProperty: the context's channel, contract, states, messages and heap (WS_OPERATION_CONTEXT_PROPERTY_ID). */
export function WsGetOperationContextProperty(
  context: WS_OPERATION_CONTEXT,
  id: WS_OPERATION_CONTEXT_PROPERTY_ID,
  value: Ref<unknown>,
  _error: WS_ERROR | null,
): HRESULT {
  const { scope } = operationContextObject(context);
  const values: Readonly<Record<number, unknown>> = {
    [WS_OPERATION_CONTEXT_PROPERTY_CHANNEL]: scope.channel,
    [WS_OPERATION_CONTEXT_PROPERTY_CONTRACT_DESCRIPTION]: scope.contract,
    [WS_OPERATION_CONTEXT_PROPERTY_HOST_USER_STATE]: scope.hostUserState,
    [WS_OPERATION_CONTEXT_PROPERTY_CHANNEL_USER_STATE]: scope.channelUserState,
    [WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE]: scope.inputMessage,
    [WS_OPERATION_CONTEXT_PROPERTY_OUTPUT_MESSAGE]: scope.outputMessage,
    [WS_OPERATION_CONTEXT_PROPERTY_HEAP]: scope.heap,
    [WS_OPERATION_CONTEXT_PROPERTY_LISTENER]: scope.listener,
    [WS_OPERATION_CONTEXT_PROPERTY_ENDPOINT_ADDRESS]: scope.endpointAddress,
  };
  if (!(id in values))
    throw new WsError(E_INVALIDARG, `WsGetOperationContextProperty: ${describeValue(id)} is not a WS_OPERATION_CONTEXT_PROPERTY_ID.`);
  const found = values[id];
  if (
    found === null &&
    (id === WS_OPERATION_CONTEXT_PROPERTY_INPUT_MESSAGE ||
      id === WS_OPERATION_CONTEXT_PROPERTY_OUTPUT_MESSAGE ||
      id === WS_OPERATION_CONTEXT_PROPERTY_HEAP)
  ) {
    throw new WsError(
      E_INVALIDARG,
      `WsGetOperationContextProperty: this context (a channel's, not an operation's) has no ${id === WS_OPERATION_CONTEXT_PROPERTY_HEAP ? "heap" : "message"}.`,
    );
  }
  value.value = found;
  return S_OK;
}

/**
 * WsRegisterOperationForCancel: "A service operation can use this function to register for a
 * cancel notification. It is only valid to call this API when the service operation is executing."
 * The cancel callback runs when the host is aborted (WS_SERVICE_HOST_ABORT) or closed while the
 * operation runs, or its channel faults (WS_SERVICE_CHANNEL_FAULTED); the free-state callback runs
 * once the operation has completed.
 */
export function WsRegisterOperationForCancel(
  context: WS_OPERATION_CONTEXT,
  cancelCallback: WS_OPERATION_CANCEL_CALLBACK,
  freestateCallback: WS_OPERATION_FREE_STATE_CALLBACK | null,
  userState: unknown,
  _error: WS_ERROR | null,
): HRESULT {
  const fn = "WsRegisterOperationForCancel";
  if (typeof cancelCallback !== "function")
    throw new WsError(E_INVALIDARG, `${fn}: cancelCallback must be a function, not ${describeValue(cancelCallback)}.`);
  if (freestateCallback !== null && typeof freestateCallback !== "function") {
    throw new WsError(E_INVALIDARG, `${fn}: freestateCallback must be a function or null, not ${describeValue(freestateCallback)}.`);
  }
  operationContextObject(context).register(fn, { cancel: cancelCallback, freeState: freestateCallback, state: userState });
  return S_OK;
}
