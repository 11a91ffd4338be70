import {
  WS_ACTION_HEADER,
  type WS_ADDRESSING_VERSION,
  WS_E_INVALID_OPERATION,
  type WS_ENVELOPE_VERSION,
  type WS_HEAP,
  type WS_MESSAGE_DONE_CALLBACK,
  type WS_MESSAGE_STATE,
  WS_MESSAGE_STATE_DONE,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_INITIALIZED,
  WS_MESSAGE_STATE_READING,
  WS_MESSAGE_STATE_WRITING,
  type WS_XML_BUFFER,
  type WS_XML_NODE_POSITION,
  type WS_XML_READER,
  type WS_XML_READER_PROPERTY,
  type WS_XML_WRITER,
  type WS_XML_WRITER_PROPERTY,
} from "@wwsapi/core";
import { HandleBase, WsError } from "@wwsapi/core/internal";
import type { HeaderEntry } from "./header-entry.js";
import { standardHeaderText } from "./standard-headers.js";

const STATE_NAMES: Record<number, string> = {
  [WS_MESSAGE_STATE_EMPTY]: "WS_MESSAGE_STATE_EMPTY",
  [WS_MESSAGE_STATE_INITIALIZED]: "WS_MESSAGE_STATE_INITIALIZED",
  [WS_MESSAGE_STATE_READING]: "WS_MESSAGE_STATE_READING",
  [WS_MESSAGE_STATE_WRITING]: "WS_MESSAGE_STATE_WRITING",
  [WS_MESSAGE_STATE_DONE]: "WS_MESSAGE_STATE_DONE",
};

/** "WS_MESSAGE_STATE_READING", for messages. */
export const stateName = (state: number): string => STATE_NAMES[state] ?? `WS_MESSAGE_STATE ${state}`;

/** What WsCreateMessage / WsCreateMessageForChannel fixed for the message's lifetime. */
export interface MessageSettings {
  readonly envelopeVersion: WS_ENVELOPE_VERSION;
  readonly addressingVersion: WS_ADDRESSING_VERSION;
  readonly heapMaxSize: number;
  readonly heapTrimSize: number;
  readonly maxProcessedHeaders: number;
  readonly readerProperties: readonly WS_XML_READER_PROPERTY[];
  readonly writerProperties: readonly WS_XML_WRITER_PROPERTY[];
}

/** An HTTP header to send with the message (WsAddMappedHeader), as the channel core writes it. */
export interface MappedHeader {
  /** The header's name as the application gave it (HTTP header names are case-insensitive). */
  readonly name: string;
  readonly value: string;
}

/**
 * WS_MESSAGE: a SOAP envelope being built and written, or being read. It keeps its headers as
 * separate elements (HeaderEntry: a WS_XML_BUFFER each, on the message's heap) in document order,
 * and the body goes straight between the caller's WS_XML_WRITER / WS_XML_READER and the serializer.
 * The states and their transitions are WS_MESSAGE_STATE's:
 *
 *   EMPTY --WsInitializeMessage--> INITIALIZED --WsWriteEnvelopeStart--> WRITING --WsWriteEnvelopeEnd--> DONE
 *   EMPTY --WsReadEnvelopeStart--> READING --WsReadEnvelopeEnd--> DONE
 *   any --WsResetMessage--> EMPTY
 *
 * The channel core (packages/channels/src/channel/) uses the accessors documented below; they are
 * internal (exported from ./index.ts), not part of the flat API.
 */
export class MessageObject extends HandleBase<"WS_MESSAGE", "single"> {
  /** The message's WS_MESSAGE_STATE. */
  state: WS_MESSAGE_STATE = WS_MESSAGE_STATE_EMPTY;
  /** The headers in document order. */
  headers: HeaderEntry[] = [];
  /** WS_MESSAGE_PROPERTY_IS_ADDRESSED: WsAddressMessage ran (or the message was received). */
  isAddressed = false;
  /** WS_MESSAGE_PROPERTY_IS_FAULT: the body's first element is a SOAP Fault (received), or a fault message was initialized. */
  isFault = false;
  /** The writer of WsWriteEnvelopeStart while WRITING (WS_MESSAGE_PROPERTY_BODY_WRITER). */
  writer: WS_XML_WRITER | null = null;
  /** The reader of WsReadEnvelopeStart while READING (WS_MESSAGE_PROPERTY_BODY_READER). */
  reader: WS_XML_READER | null = null;
  /** WsWriteEnvelopeStart's / WsReadEnvelopeStart's doneCallback, called once the message is done with the writer or reader. */
  done: { callback: WS_MESSAGE_DONE_CALLBACK; state: unknown } | null = null;
  /** The envelope as a WS_XML_BUFFER (WS_MESSAGE_PROPERTY_HEADER_BUFFER), built on demand, dropped when the headers change. */
  envelopeBuffer: WS_XML_BUFFER | null = null;
  /** The position of the Header element in envelopeBuffer (WS_MESSAGE_PROPERTY_HEADER_POSITION). */
  headerPosition: WS_XML_NODE_POSITION | null = null;
  /** The header each element of envelopeBuffer stands for, by the position's node (WsMarkHeaderAsUnderstood). */
  readonly headerNodes = new Map<unknown, HeaderEntry>();
  /** HTTP headers to send (WsAddMappedHeader), by lower-case name; several values per name in the order added. */
  readonly mappedHeaders = new Map<string, MappedHeader[]>();
  /** HTTP headers the channel received with this message (lower-case names), for WsGetMappedHeader. */
  receivedHttpHeaders: ReadonlyMap<string, string> | null = null;

  constructor(
    readonly settings: MessageSettings,
    /** The message's own heap (WS_MESSAGE_PROPERTY_HEAP): headers, buffers, values read from headers. */
    readonly heap: WS_HEAP,
  ) {
    super("WS_MESSAGE", "single");
  }

  /** The message's WS_ENVELOPE_VERSION. */
  get envelopeVersion(): WS_ENVELOPE_VERSION {
    return this.settings.envelopeVersion;
  }

  /** The message's WS_ADDRESSING_VERSION. */
  get addressingVersion(): WS_ADDRESSING_VERSION {
    return this.settings.addressingVersion;
  }

  /**
   * The Action header's value, or null when the message has none: the channel core puts it in
   * SOAPAction (SOAP 1.1) or the `action` parameter of the content type (SOAP 1.2). Reads the
   * header element's text; throws WsError(WS_E_INVALID_FORMAT) if the header is malformed.
   */
  get action(): string | null {
    return standardHeaderText(this, WS_ACTION_HEADER, "the message's Action");
  }

  /** The HTTP headers to send (WsAddMappedHeader), as [name, value] pairs in the order added. */
  get mappedHeadersToSend(): readonly MappedHeader[] {
    return [...this.mappedHeaders.values()].flat();
  }

  /**
   * Gives the message the HTTP headers received with it (names in lower case), which
   * WsGetMappedHeader reads. The channel core calls this before or right after WsReadEnvelopeStart.
   */
  setReceivedHttpHeaders(headers: ReadonlyMap<string, string>): void {
    this.receivedHttpHeaders = headers;
  }

  /** Drops the envelope buffer so that the next WS_MESSAGE_PROPERTY_HEADER_BUFFER rebuilds it. */
  headersChanged(): void {
    this.envelopeBuffer = null;
    this.headerPosition = null;
    this.headerNodes.clear();
  }

  /** Throws WS_E_INVALID_OPERATION when the message is empty: what "any state but WS_MESSAGE_STATE_EMPTY" allows. */
  expectNotEmpty(fn: string): void {
    this.expectState(fn, WS_MESSAGE_STATE_INITIALIZED, WS_MESSAGE_STATE_READING, WS_MESSAGE_STATE_WRITING, WS_MESSAGE_STATE_DONE);
  }

  /** Throws WS_E_INVALID_OPERATION unless the message is in one of `states`. */
  expectState(fn: string, ...states: WS_MESSAGE_STATE[]): void {
    if (states.includes(this.state)) return;
    throw new WsError(
      WS_E_INVALID_OPERATION,
      `${fn}: the message is in ${stateName(this.state)}; this call needs ${states.map(stateName).join(" or ")}.`,
    );
  }
}
