import { E_NOTIMPL, WS_E_ENDPOINT_DISCONNECTED, WS_E_ENDPOINT_NOT_FOUND, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { faultName, hresultForReceivedFault } from "./fault-strings.js";
import { FramingError, faultToSend, invalidArgument, invalidOperation } from "./framing-error.js";
import {
  type DecodedFramingRecord,
  type EndRecord,
  type EnvelopeEncodingRecord,
  type FaultRecord,
  FRAMING_MAJOR_VERSION,
  FRAMING_MINOR_VERSION,
  FramingMode,
  type FramingRecord,
  hexByte,
  KnownEncoding,
  RECORD_NAMES,
  type SizedEnvelopeRecord,
} from "./records.js";

/**
 * The two sides of a Duplex mode session ([MC-NMF] duplex-stream-a / duplex-stream-b, the mode of
 * buffered net.tcp) as pure state machines: they are told what was received and what the caller
 * wants to send, and say what is allowed, what to answer and when the session is over. No I/O.
 *
 *   initiator (client)                          receiver (server)
 *   Version 1.0, Mode Duplex, Via,
 *   Envelope Encoding, Preamble End  ------>    validates each, then
 *                                    <------    Preamble Ack (or a Fault Record, and closes)
 *   Sized Envelope*                  <----->    Sized Envelope*
 *   End                              <----->    End
 *
 * Either side may send End first, and keeps receiving until the other's End. A record that is not
 * allowed where it arrives fails the session with a FramingError ("unexpected-record"); so does a
 * Fault Record from the peer ("fault-received", with the HRESULT the fault stands for), after which
 * [MC-NMF] 3.1.4 says "the session MUST be closed". A failed session rethrows its error.
 *
 * Only the receiver ever sends a fault: the initiator's stream (protocol-stream-a in WCF's grammar)
 * has no fault record. `faultFor(error)` gives the Fault Record to write before closing: the
 * server's is the error's fault (fault-strings.ts), the client's is always undefined.
 *
 * Not implemented: stream upgrades (Upgrade Request/Response, for SSL/TLS and Negotiate security);
 * a server answers an Upgrade Request with UpgradeInvalid and E_NOTIMPL, and a client never asks.
 */

/** What the caller does after a received record was accepted. */
export type SessionStep =
  /** Nothing: the record was part of the preamble. */
  | { readonly action: "none" }
  /** The client's preamble was acknowledged: messages may flow. */
  | { readonly action: "open" }
  /** Write these records (the server's Preamble Ack); the session is open. */
  | { readonly action: "reply"; readonly records: readonly FramingRecord[] }
  /** A message arrived. */
  | { readonly action: "message"; readonly payload: Uint8Array }
  /** The peer sent End: no more messages will come. `closed` when this side had ended too. */
  | { readonly action: "end"; readonly closed: boolean };

const NONE: SessionStep = { action: "none" };
const OPEN: SessionStep = { action: "open" };

/** Where both sides are once the preamble is done. */
type Established = "open" | "local-ended" | "peer-ended" | "closed" | "failed";

export type ClientSessionState = "start" | "awaiting-ack" | Established;
export type ServerSessionState =
  | "awaiting-version"
  | "awaiting-mode"
  | "awaiting-via"
  | "awaiting-encoding"
  | "awaiting-preamble-end"
  | Established;

export interface ClientSessionOptions {
  /** The Via: the URI of the endpoint, as the channel was opened with it (net.tcp://host:port/path). */
  readonly via: string;
  /** How the messages are encoded. Default: Known Encoding 0x08, binary with in-band dictionary (WS_ENCODING_XML_BINARY_SESSION_1). */
  readonly encoding?: EnvelopeEncodingRecord;
}

export interface ServerSessionOptions {
  /** Whether this listener has an endpoint for the Via; if not, the client gets EndpointNotFound. */
  readonly acceptVia: (via: string) => boolean;
  /** Whether the endpoint reads this encoding; if not, the client gets ContentTypeInvalid. */
  readonly acceptEncoding: (encoding: EnvelopeEncodingRecord) => boolean;
}

/** What both sides share once the preamble is done: messages, End, failure. */
abstract class DuplexSession<State extends string> {
  protected abstract readonly side: "client" | "server";
  protected abstract readonly peer: "client" | "server";
  #failure: Error | undefined;
  protected current: State | Established;

  protected constructor(initial: State) {
    this.current = initial;
  }

  get state(): State | Established {
    return this.current;
  }

  /** A message for the peer, allowed once the session is open and until this side has sent End. */
  sendMessage(payload: Uint8Array): SizedEnvelopeRecord {
    this.throwIfFailed();
    if (this.current !== "open" && this.current !== "peer-ended") {
      throw invalidOperation(`the ${this.side} cannot send a message in state ${this.current}`);
    }
    if (!(payload instanceof Uint8Array) || payload.length === 0) {
      throw invalidArgument(`a message is a non-empty Uint8Array (the size of a Sized Envelope Record "MUST NOT be set to 0")`);
    }
    return { type: "sized-envelope", payload };
  }

  /** This side's End Record: no more messages from it. The session is closed once both have sent End. */
  end(): EndRecord {
    this.throwIfFailed();
    if (this.current === "open") this.current = "local-ended";
    else if (this.current === "peer-ended") this.current = "closed";
    else throw invalidOperation(`the ${this.side} cannot send End in state ${this.current}`);
    return { type: "end" };
  }

  /**
   * The peer closed the connection at a record boundary (the reader's finish() returned cleanly).
   * Once either side has sent End that is the end of the session, not an error: Mono's net.tcp
   * server answers a client's End by closing, without an End of its own, and a peer that sent its
   * End has nothing more to say. Before that the connection was lost: WS_E_ENDPOINT_DISCONNECTED.
   */
  peerClosed(offset: number): void {
    this.throwIfFailed();
    if (this.current === "local-ended" || this.current === "peer-ended" || this.current === "closed") {
      this.current = "closed";
      return;
    }
    this.fail(
      new FramingError(
        WS_E_ENDPOINT_DISCONNECTED,
        "disconnected",
        offset,
        `the ${this.peer} closed the connection in state ${this.current}`,
      ),
    );
  }

  /** The Fault Record to write before closing because of `error`, if this side sends one. */
  abstract faultFor(error: unknown): FaultRecord | undefined;

  /** Records allowed after the preamble, in both directions. */
  protected receiveEstablished(record: DecodedFramingRecord): SessionStep {
    const state = this.current;
    if (state === "open" || state === "local-ended") {
      switch (record.type) {
        case "sized-envelope":
          return { action: "message", payload: record.payload };
        case "end":
          this.current = state === "open" ? "peer-ended" : "closed";
          return { action: "end", closed: this.current === "closed" };
      }
    }
    return this.unexpected(record);
  }

  protected faultReceived(record: DecodedFramingRecord & FaultRecord): never {
    return this.fail(
      new FramingError(
        hresultForReceivedFault(record.fault),
        "fault-received",
        record.offset,
        `the ${this.peer} sent the fault ${faultName(record.fault)} (${record.fault}) in state ${this.current}`,
      ),
    );
  }

  protected unexpected(record: DecodedFramingRecord, why = ""): never {
    return this.fail(
      new FramingError(
        WS_E_INVALID_FORMAT,
        "unexpected-record",
        record.offset,
        `a ${RECORD_NAMES[record.type]} from the ${this.peer} is not allowed in state ${this.current}${why}`,
      ),
    );
  }

  protected fail(error: Error): never {
    this.#failure = error;
    this.current = "failed";
    throw error;
  }

  protected throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }
}

/** The initiator of a Duplex session: the client of a net.tcp channel. */
export class ClientDuplexSession extends DuplexSession<ClientSessionState> {
  protected readonly side = "client";
  protected readonly peer = "server";
  readonly #via: string;
  readonly #encoding: EnvelopeEncodingRecord;

  constructor(options: ClientSessionOptions) {
    super("start");
    if (typeof options.via !== "string" || options.via.length === 0)
      throw invalidArgument("the Via of a session must be a non-empty string");
    this.#via = options.via;
    this.#encoding = options.encoding ?? { type: "known-encoding", encoding: KnownEncoding.BinarySession };
  }

  /** The preamble, written first on a new connection: Version 1.0, Mode Duplex, Via, Envelope Encoding, Preamble End. */
  start(): FramingRecord[] {
    this.throwIfFailed();
    if (this.current !== "start") throw invalidOperation(`the client sends its preamble once, not in state ${this.current}`);
    this.current = "awaiting-ack";
    return [
      { type: "version", major: FRAMING_MAJOR_VERSION, minor: FRAMING_MINOR_VERSION },
      { type: "mode", mode: FramingMode.Duplex },
      { type: "via", via: this.#via },
      this.#encoding,
      { type: "preamble-end" },
    ];
  }

  /** A record from the server. */
  receive(record: DecodedFramingRecord): SessionStep {
    this.throwIfFailed();
    // "preamble-response = preamble-ack-record-type | fault-message", and a fault may end the session later too.
    if (record.type === "fault") return this.faultReceived(record);
    if (this.current === "awaiting-ack") {
      if (record.type === "preamble-ack") {
        this.current = "open";
        return OPEN;
      }
      return this.unexpected(record, " (the server must answer the preamble with a Preamble Ack or a Fault Record)");
    }
    return this.receiveEstablished(record);
  }

  /** Always undefined: the initiator never sends a fault, it closes. */
  faultFor(_error: unknown): undefined {
    return undefined;
  }
}

/** The receiver of a Duplex session: the listener side of a net.tcp channel. */
export class ServerDuplexSession extends DuplexSession<ServerSessionState> {
  protected readonly side = "server";
  protected readonly peer = "client";
  readonly #options: ServerSessionOptions;
  #via: string | undefined;
  #encoding: EnvelopeEncodingRecord | undefined;

  constructor(options: ServerSessionOptions) {
    super("awaiting-version");
    this.#options = options;
  }

  /** The Via the client sent, once accepted. */
  get via(): string | undefined {
    return this.#via;
  }

  /** The Envelope Encoding Record the client sent, once accepted. */
  get encoding(): EnvelopeEncodingRecord | undefined {
    return this.#encoding;
  }

  /** A record from the client. */
  receive(record: DecodedFramingRecord): SessionStep {
    this.throwIfFailed();
    // The client's stream has no fault record, but one still ends the session ([MC-NMF] 3.1.4.11 "If
    // the record type is a Fault Record, the session MUST be closed"), and is never answered with a
    // fault (3.1.4.2 allows one only "If the record type is not Fault Record").
    if (record.type === "fault") return this.faultReceived(record);
    switch (this.current) {
      case "awaiting-version":
        if (record.type !== "version") return this.unexpected(record, " (a session starts with a Version Record)");
        // The reader refuses other versions already; records built by hand are checked here.
        if (record.major !== FRAMING_MAJOR_VERSION || record.minor !== FRAMING_MINOR_VERSION) {
          return this.fail(
            new FramingError(
              WS_E_INVALID_FORMAT,
              "unsupported-version",
              record.offset,
              `unsupported version ${record.major}.${record.minor}`,
            ),
          );
        }
        this.current = "awaiting-mode";
        return NONE;
      case "awaiting-mode":
        if (record.type !== "mode") return this.unexpected(record, " (the Mode Record follows the Version Record)");
        if (record.mode !== FramingMode.Duplex) {
          return this.fail(
            new FramingError(
              WS_E_INVALID_FORMAT,
              "unsupported-mode",
              record.offset,
              `mode ${hexByte(record.mode)} is not supported by a duplex session (only Duplex, 0x02)`,
            ),
          );
        }
        this.current = "awaiting-via";
        return NONE;
      case "awaiting-via":
        if (record.type !== "via") return this.unexpected(record, " (the Via Record follows the Mode Record)");
        if (!this.#options.acceptVia(record.via)) {
          return this.fail(
            new FramingError(WS_E_ENDPOINT_NOT_FOUND, "endpoint-not-found", record.offset, `no endpoint listens at the Via ${record.via}`),
          );
        }
        this.#via = record.via;
        this.current = "awaiting-encoding";
        return NONE;
      case "awaiting-encoding":
        if (record.type !== "known-encoding" && record.type !== "extensible-encoding") {
          return this.unexpected(record, " (the Envelope Encoding Record follows the Via Record)");
        }
        if (!this.#options.acceptEncoding(record)) {
          const what =
            record.type === "known-encoding" ? `known encoding ${hexByte(record.encoding)}` : `content type ${record.contentType}`;
          return this.fail(
            new FramingError(WS_E_INVALID_FORMAT, "content-type-invalid", record.offset, `the endpoint does not accept the ${what}`),
          );
        }
        this.#encoding = record;
        this.current = "awaiting-preamble-end";
        return NONE;
      case "awaiting-preamble-end":
        if (record.type === "upgrade-request") {
          return this.fail(
            new FramingError(
              E_NOTIMPL,
              "upgrade-invalid",
              record.offset,
              `the stream upgrade ${record.protocol} is not implemented yet (no transport security on net.tcp)`,
            ),
          );
        }
        if (record.type !== "preamble-end") return this.unexpected(record, " (the preamble ends with a Preamble End Record)");
        this.current = "open";
        return { action: "reply", records: [{ type: "preamble-ack" }] };
      default:
        return this.receiveEstablished(record);
    }
  }

  /**
   * A fault this server sends of its own accord (ServerTooBusy, EndpointUnavailable, ...) before it
   * closes: allowed until this side has sent End. The session has failed afterwards.
   */
  sendFault(fault: string): FaultRecord {
    this.throwIfFailed();
    if (this.current === "local-ended" || this.current === "closed") {
      throw invalidOperation(`the server cannot send a fault in state ${this.current}`);
    }
    if (typeof fault !== "string" || fault.length === 0) throw invalidArgument("a fault is a non-empty URI");
    this.current = "failed";
    return { type: "fault", fault };
  }

  /** The Fault Record for an error of this session or of the reader of the client's bytes. */
  faultFor(error: unknown): FaultRecord | undefined {
    const fault = faultToSend(error);
    return fault === undefined ? undefined : { type: "fault", fault };
  }
}
