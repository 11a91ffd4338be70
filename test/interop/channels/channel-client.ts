import {
  WsAbortChannel,
  WsCloseChannelAsync,
  WsCreateChannel,
  WsCreateMessageForChannel,
  WsFreeChannel,
  WsFreeMessage,
  WsGetFaultErrorProperty,
  WsGetHeader,
  WsOpenChannelAsync,
  WsRequestReplyAsync,
} from "@wwsapi/channels";
import {
  type HRESULT,
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_CHANNEL,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  type WS_CHANNEL_TYPE,
  WS_ENCODING_XML_BINARY_1,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  type WS_ERROR,
  type WS_FAULT,
  type WS_FAULT_CODE,
  WS_FAULT_ERROR_PROPERTY_ACTION,
  WS_FAULT_ERROR_PROPERTY_FAULT,
  type WS_HEADER_TYPE,
  type WS_HEAP,
  type WS_MESSAGE,
  type WS_MESSAGE_DESCRIPTION,
  WS_MESSAGE_ID_HEADER,
  WS_READ_OPTIONAL_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_RELATES_TO_HEADER,
  WS_WRITE_REQUIRED_VALUE,
  WS_WSZ_TYPE,
  type WS_XML_STRING,
  WsCreateError,
  WsCreateHeap,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorString,
} from "@wwsapi/core";

/**
 * A client of the Calculator written with the channel functions only: WsCreateChannel,
 * WsOpenChannelAsync, WsCreateMessageForChannel, WsRequestReplyAsync, WsCloseChannelAsync, and for
 * faults WsGetErrorString / WsGetFaultErrorProperty on the call's WS_ERROR.
 */

export type ChannelProperty = { readonly id: number; readonly value: unknown };

/** How a channel is set up for each peer endpoint (the channel properties; the rest default). */
export const CHANNEL_WIRES = {
  /** BasicHttpBinding: SOAP 1.1, addressing by the transport (SOAPAction), text. */
  basic: [
    { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
    { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
  ],
  /** WSHttpBinding: the channel's defaults, SOAP 1.2 + WS-Addressing 1.0, text. */
  ws: [],
  /** SOAP 1.2 without WS-Addressing (spyne's and node-soap's /calc12). */
  soap12: [{ id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT }],
  /** CustomBinding(BinaryMessageEncoding, HTTP): SOAP 1.2 + WS-Addressing 1.0, application/soap+msbin1. */
  binary: [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }],
} as const satisfies Record<string, readonly ChannelProperty[]>;
export type ChannelWire = keyof typeof CHANNEL_WIRES;

const fromUtf8 = new TextDecoder();
export const text = (s: WS_XML_STRING | null | undefined): string => (s == null ? "" : fromUtf8.decode(s.bytes));

/** A WS_ERROR's strings (WsGetErrorString 0..n). */
export function errorStrings(error: WS_ERROR): string[] {
  const strings: string[] = [];
  for (let i = 0; i < 16; i++) {
    const s = ref("");
    if (WsGetErrorString(error, i, s) !== S_OK) break;
    strings.push(s.value);
  }
  return strings;
}

/** A fault as the tests compare it: codes as {ns}local, reasons' texts. */
export interface ReadableFault {
  readonly codes: string[];
  readonly reasons: string[];
}

function codes(code: WS_FAULT_CODE | null): string[] {
  const out: string[] = [];
  for (let c = code, i = 0; c !== null && i < 8; c = c.subCode, i++) out.push(`{${text(c.value.ns)}}${text(c.value.localName)}`);
  return out;
}

/** What a failed call left on its WS_ERROR. */
export interface CallFailure {
  readonly hr: HRESULT;
  readonly strings: string[];
  /** WS_FAULT_ERROR_PROPERTY_FAULT, when the failure is a received fault. */
  readonly fault: ReadableFault | null;
  /** WS_FAULT_ERROR_PROPERTY_ACTION. */
  readonly action: string | null;
}

export function failureOf(hr: HRESULT, error: WS_ERROR): CallFailure {
  const fault = ref<unknown>(null);
  const action = ref<unknown>(null);
  const hasFault = WsGetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_FAULT, fault) === S_OK && fault.value != null;
  const hasAction = WsGetFaultErrorProperty(error, WS_FAULT_ERROR_PROPERTY_ACTION, action) === S_OK && action.value != null;
  const f = fault.value as WS_FAULT | null;
  return {
    hr,
    strings: errorStrings(error),
    fault: hasFault && f !== null ? { codes: codes(f.code), reasons: f.reasons.map((r) => r.text) } : null,
    action: hasAction ? text(action.value as WS_XML_STRING) : null,
  };
}

export class ChannelCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(`0x${(failure.hr >>> 0).toString(16)}: ${failure.strings.join(" / ")}`);
  }
}

/** The addressing headers of one exchange: the request's wsa:MessageID and the reply's wsa:RelatesTo (null when absent). */
export interface Correlation {
  messageId?: string | null;
  relatesTo?: string | null;
}

/** A standard header as text (WsGetHeader, WS_WSZ_TYPE), or null when the message has none. */
function header(message: WS_MESSAGE, type: WS_HEADER_TYPE): string | null {
  const value = ref<unknown>(null);
  const hr = WsGetHeader(message, type, WS_WSZ_TYPE, WS_READ_OPTIONAL_POINTER, null, value);
  if (hr !== S_OK) throw new Error(`WsGetHeader returned 0x${(hr >>> 0).toString(16)}`);
  return value.value as string | null;
}

/** One request channel, opened on `url`; `close()` closes (or aborts) and frees it. */
export class CalcChannel {
  private constructor(readonly channel: WS_CHANNEL) {}

  static async open(type: WS_CHANNEL_TYPE, binding: number, url: string, properties: readonly ChannelProperty[]): Promise<CalcChannel> {
    const created = ref<WS_CHANNEL | null>(null);
    const hr = WsCreateChannel(type, binding as never, properties.length === 0 ? null : (properties as never), null, created);
    if (hr !== S_OK) throw new Error(`WsCreateChannel returned 0x${(hr >>> 0).toString(16)}`);
    const channel = created.value!;
    try {
      await WsOpenChannelAsync(channel, { url, headers: null, extensions: null, identity: null });
    } catch (error) {
      WsFreeChannel(channel);
      throw error;
    }
    return new CalcChannel(channel);
  }

  /**
   * WsRequestReplyAsync with fresh messages and heap: resolves the reply's body value, or rejects
   * with a ChannelCallError carrying the HRESULT, the error strings and the received fault.
   */
  async call<T>(request: WS_MESSAGE_DESCRIPTION, body: unknown, reply: WS_MESSAGE_DESCRIPTION, correlation?: Correlation): Promise<T> {
    const requestMessage = this.#message();
    const replyMessage = this.#message();
    const heap = ref<WS_HEAP | null>(null);
    WsCreateHeap(1 << 20, 0, null, heap);
    const error = ref<WS_ERROR | null>(null);
    WsCreateError(null, error);
    try {
      const value = ref<unknown>(null);
      try {
        await WsRequestReplyAsync(
          this.channel,
          requestMessage,
          request,
          WS_WRITE_REQUIRED_VALUE,
          body,
          replyMessage,
          reply,
          WS_READ_REQUIRED_VALUE,
          heap.value,
          value,
          error.value,
        );
      } catch (thrown) {
        const hr = (thrown as { hr?: number }).hr;
        if (typeof hr !== "number") throw thrown;
        throw new ChannelCallError(failureOf(hr, error.value!));
      }
      if (correlation !== undefined) {
        correlation.messageId = header(requestMessage, WS_MESSAGE_ID_HEADER);
        correlation.relatesTo = header(replyMessage, WS_RELATES_TO_HEADER);
      }
      // Values on the heap are copied out before it goes.
      return structuredClone(value.value) as T;
    } finally {
      WsFreeMessage(requestMessage);
      WsFreeMessage(replyMessage);
      WsFreeHeap(heap.value!);
      WsFreeError(error.value!);
    }
  }

  /** The call's failure (it must fail). */
  async failure(request: WS_MESSAGE_DESCRIPTION, body: unknown, reply: WS_MESSAGE_DESCRIPTION): Promise<CallFailure> {
    try {
      await this.call(request, body, reply);
    } catch (error) {
      if (error instanceof ChannelCallError) return error.failure;
      throw error;
    }
    throw new Error("the call succeeded");
  }

  #message(): WS_MESSAGE {
    const message = ref<WS_MESSAGE | null>(null);
    const hr = WsCreateMessageForChannel(this.channel, null, message);
    if (hr !== S_OK) throw new Error(`WsCreateMessageForChannel returned 0x${(hr >>> 0).toString(16)}`);
    return message.value!;
  }

  /** WsCloseChannelAsync: the orderly close, whose failure is the caller's to see. */
  closeInOrder(): Promise<HRESULT> {
    return WsCloseChannelAsync(this.channel);
  }

  /** For cleanup: closes in order when it can, else aborts; then frees the channel. */
  async close(): Promise<void> {
    try {
      await WsCloseChannelAsync(this.channel);
    } catch {
      WsAbortChannel(this.channel);
    }
    WsFreeChannel(this.channel);
  }
}
