import { channelsImplementation as channels } from "@wwsapi/channels/internal";
import { ref, type WS_CHANNEL, type WS_MESSAGE, WS_S_END, WS_SERVICE_CHANNEL_FAULTED, WS_SERVICE_HOST_STATE_OPEN } from "@wwsapi/core";
import { completion, INTERNAL_ASYNC } from "../call/completion.js";
import { OperationContextObject } from "../operation-context/index.js";
import { answerUnreadableRequest, dispatch } from "./dispatch.js";
import type { EndpointRuntime, ServiceHostObject } from "./host-object.js";
import { invokeCallback } from "./invoke-callback.js";

/**
 * The accept loops of an endpoint: WS_SERVICE_ENDPOINT_PROPERTY_MAX_ACCEPTING_CHANNELS of them
 * ("the maximum number of concurrent channels service host will have actively accepting new
 * connections for a given endpoint"), each taking the next channel (an HTTP request, a net.tcp
 * session) and handing it to serveChannel while it accepts the next, as long as fewer than
 * WS_SERVICE_ENDPOINT_PROPERTY_MAX_CHANNELS channels are being served.
 */
export function startAccepting(host: ServiceHostObject, runtime: EndpointRuntime): void {
  for (let i = 0; i < runtime.settings.maxAcceptingChannels; i++) host.track(acceptLoop(host, runtime));
}

function waitForSlot(runtime: EndpointRuntime): Promise<void> {
  if (runtime.served.size < runtime.settings.maxChannels) return Promise.resolve();
  return new Promise<void>((resolve) => runtime.slotWaiters.push(resolve));
}

async function acceptLoop(host: ServiceHostObject, runtime: EndpointRuntime): Promise<void> {
  const listener = runtime.listener!;
  while (host.state === WS_SERVICE_HOST_STATE_OPEN) {
    await waitForSlot(runtime);
    if (host.state !== WS_SERVICE_HOST_STATE_OPEN) return;
    const channel = ref<WS_CHANNEL | null>(null);
    channels.WsCreateChannelForListener(listener, runtime.channelProperties, channel, null);
    const accepted = channel.value!;
    runtime.accepting.add(accepted);
    try {
      await completion(channels.WsAcceptChannel(listener, accepted, INTERNAL_ASYNC, null));
    } catch {
      // The listener was closed or aborted (or failed): this loop is over.
      runtime.accepting.delete(accepted);
      channels.WsFreeChannel(accepted);
      return;
    }
    runtime.accepting.delete(accepted);
    if (host.state !== WS_SERVICE_HOST_STATE_OPEN) {
      channels.WsAbortChannel(accepted, null);
      channels.WsFreeChannel(accepted);
      return;
    }
    host.track(serveChannel(host, runtime, accepted));
  }
}

/** A counting semaphore: WS_SERVICE_ENDPOINT_PROPERTY_MAX_CONCURRENCY operations at a time on one channel. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(count: number) {
    this.#free = count;
  }
  take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  give(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#free++;
  }
}

/**
 * Serves one accepted channel: the accept callback (WS_SERVICE_ENDPOINT_PROPERTY_ACCEPT_CHANNEL_CALLBACK,
 * which may set the channel's user state), then request after request until the channel has no more
 * (an HTTP channel carries one request; a session ends when the client closes it), then the close
 * callback and the channel's close.
 */
async function serveChannel(host: ServiceHostObject, runtime: EndpointRuntime, channel: WS_CHANNEL): Promise<void> {
  runtime.served.add(channel);
  const { settings } = runtime;
  const scope = {
    channel,
    listener: runtime.listener!,
    contract: runtime.endpoint.contract?.contractDescription ?? null,
    endpointAddress: runtime.endpoint.address,
    hostUserState: host.settings.hostUserState,
    channelUserState: null as unknown,
    inputMessage: null,
    outputMessage: null,
    heap: null,
  };
  try {
    const accept = settings.acceptChannelCallback;
    if (accept !== null) {
      const state = ref<unknown>(null);
      const context = new OperationContextObject(scope);
      const hr = await invokeCallback("WS_SERVICE_ACCEPT_CHANNEL_CALLBACK", null, (asyncContext) =>
        accept(context as never, state, asyncContext, null),
      );
      context.finish();
      if (hr < 0) {
        channels.WsAbortChannel(channel, null);
        return;
      }
      scope.channelUserState = state.value;
    }
    const slots = new Slots(settings.maxConcurrency);
    const running = new Set<Promise<void>>();
    while (host.state === WS_SERVICE_HOST_STATE_OPEN) {
      await slots.take();
      const request = newRequest(channel, runtime);
      let hr: number;
      runtime.waiting.add(channel);
      try {
        hr = await completion(channels.WsReadMessageStart(channel, request, INTERNAL_ASYNC, null));
      } catch (thrown) {
        await answerUnreadableRequest(host, runtime, channel, request, thrown);
        channels.WsFreeMessage(request);
        slots.give();
        cancelOperationsOf(host, channel);
        break;
      } finally {
        runtime.waiting.delete(channel);
      }
      if (hr === WS_S_END) {
        channels.WsFreeMessage(request);
        slots.give();
        break;
      }
      const operation = dispatch(host, runtime, channel, request, scope.channelUserState).finally(() => {
        channels.WsFreeMessage(request);
        slots.give();
      });
      running.add(operation);
      host.inFlight.add(operation);
      // dispatch() answers its own failures with faults; should it reject anyway, the operation is
      // forgotten the same way and the rejection does not go unhandled.
      const forget = () => {
        running.delete(operation);
        host.inFlight.delete(operation);
      };
      operation.then(forget, forget);
    }
    await Promise.allSettled([...running]);
  } finally {
    const close = settings.closeChannelCallback;
    if (close !== null) {
      const context = new OperationContextObject(scope);
      await invokeCallback("WS_SERVICE_CLOSE_CHANNEL_CALLBACK", null, (asyncContext) => close(context as never, asyncContext));
      context.finish();
    }
    try {
      await completion(channels.WsCloseChannel(channel, INTERNAL_ASYNC, null));
    } catch {
      // A close that fails (or a channel in no state to close) is torn down instead.
      channels.WsAbortChannel(channel, null);
    }
    channels.WsFreeChannel(channel);
    runtime.served.delete(channel);
    runtime.releaseSlot();
  }
}

function newRequest(channel: WS_CHANNEL, runtime: EndpointRuntime): WS_MESSAGE {
  const message = ref<WS_MESSAGE | null>(null);
  channels.WsCreateMessageForChannel(channel, runtime.settings.messageProperties?.properties ?? null, message, null);
  return message.value!;
}

/** The channel failed under its operations: "WS_SERVICE_CHANNEL_FAULTED". */
function cancelOperationsOf(host: ServiceHostObject, channel: WS_CHANNEL): void {
  for (const context of host.operations) if (context.scope.channel === channel) context.cancel(WS_SERVICE_CHANNEL_FAULTED);
}
