import { E_INVALIDARG, WS_E_INVALID_FORMAT, WS_E_INVALID_OPERATION, WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { FAULT_FOR_ERROR, type FramingErrorKind, type FramingFaultValue } from "./fault-strings.js";

/**
 * The error of the framing layer: a WsError (so the channel can throw it as it is) that also says
 * which FramingErrorKind it is, at which stream offset, and therefore which fault the receiver
 * should send before closing (`fault`, from fault-strings.ts). Every message starts with
 * "net.tcp framing" and names the byte offset, counted from the first byte of the connection:
 * `net.tcp framing: unknown record type 0x0D at byte 44`.
 */
const FRAMING_ERROR_BRAND: unique symbol = Symbol.for("@wwsapi/channels.FramingError") as never;

export class FramingError extends WsError {
  readonly kind: FramingErrorKind;
  /** The stream offset of the octet the problem was found at. */
  readonly offset: number;
  readonly [FRAMING_ERROR_BRAND] = true;

  constructor(hr: number, kind: FramingErrorKind, offset: number, message: string) {
    super(hr, `net.tcp framing: ${message} at byte ${offset}`);
    this.name = "FramingError";
    this.kind = kind;
    this.offset = offset;
  }

  /** The fault to send the peer before closing, or undefined when none should be sent. */
  get fault(): FramingFaultValue | undefined {
    return FAULT_FOR_ERROR[this.kind];
  }

  // WsError recognises its instances by a brand; a FramingError needs its own, or every WsError
  // would pass `instanceof FramingError`.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [FRAMING_ERROR_BRAND]?: unknown })[FRAMING_ERROR_BRAND] === true;
  }
}

/** Bytes that break [MC-NMF]: WS_E_INVALID_FORMAT. */
export function formatError(kind: FramingErrorKind, offset: number, message: string): FramingError {
  return new FramingError(WS_E_INVALID_FORMAT, kind, offset, message);
}

/** A well-formed size above a limit of this side: WS_E_QUOTA_EXCEEDED, refused before anything is buffered. */
export function quotaError(kind: FramingErrorKind, offset: number, message: string): FramingError {
  return new FramingError(WS_E_QUOTA_EXCEEDED, kind, offset, message);
}

/** The fault to send for any error the framing layer threw; undefined for none or for other errors. */
export function faultToSend(error: unknown): FramingFaultValue | undefined {
  return error instanceof FramingError ? error.fault : undefined;
}

/** A record the caller asked to write that [MC-NMF] cannot carry: E_INVALIDARG, the caller's mistake. */
export function invalidRecord(message: string): WsError {
  return new WsError(E_INVALIDARG, `net.tcp framing writer: ${message}`);
}

/** An argument of the framing layer's own API that is out of range (a limit, an option): E_INVALIDARG. */
export function invalidArgument(message: string): WsError {
  return new WsError(E_INVALIDARG, `net.tcp framing: ${message}`);
}

/** A call the framing object's state does not allow (sending after End, resuming what is not paused): WS_E_INVALID_OPERATION. */
export function invalidOperation(message: string): WsError {
  return new WsError(WS_E_INVALID_OPERATION, `net.tcp framing: ${message}`);
}
