import {
  WS_E_ENDPOINT_ACCESS_DENIED,
  WS_E_ENDPOINT_FAILURE,
  WS_E_ENDPOINT_NOT_AVAILABLE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_ENDPOINT_TOO_BUSY,
  WS_E_QUOTA_EXCEEDED,
} from "@wwsapi/core";

/**
 * The framing faults: the URIs a receiver puts in a Fault Record ([MC-NMF] 2.2.5) before it closes
 * the session, what each decoding or sequencing error answers with, and what a received fault means
 * to the side that gets it.
 *
 * "The namespace for faults in the following table is
 * http://schemas.microsoft.com/ws/2006/05/framing/faults/" and a fault is that namespace followed
 * by the fault name, for example ".../faults/UnsupportedMode" (2.2.5). The fifteen names are those
 * of the document's table, as WCF's authors also list them; WCF's source spells twelve of them
 * (all but EndpointAccessDenied, EndpointPaused and InvalidRecordSequence). MaxMessageSizeExceededFault
 * really ends in "Fault".
 */

export const FRAMING_FAULT_NAMESPACE = "http://schemas.microsoft.com/ws/2006/05/framing/faults/";

const fault = <Name extends string>(name: Name) => `${FRAMING_FAULT_NAMESPACE}${name}` as const;

export const FramingFault = {
  /** The endpoint named by the Via exists, but dispatching the connection to it failed. */
  ConnectionDispatchFailed: fault("ConnectionDispatchFailed"),
  /** "The Envelope Encoding Record that was sent is not supported by the endpoint." */
  ContentTypeInvalid: fault("ContentTypeInvalid"),
  /** The Extensible Encoding Record (or, in WCF, the upgrade protocol name) exceeded the receiver's quota. */
  ContentTypeTooLong: fault("ContentTypeTooLong"),
  /** "The endpoint that is referenced by the Via Record cannot be accessed." */
  EndpointAccessDenied: fault("EndpointAccessDenied"),
  /** "The endpoint that is referenced by the Via Record cannot be found." */
  EndpointNotFound: fault("EndpointNotFound"),
  /** The endpoint named by the Via exists but is paused. */
  EndpointPaused: fault("EndpointPaused"),
  /** The endpoint named by the Via exists but is unavailable. */
  EndpointUnavailable: fault("EndpointUnavailable"),
  /** A record arrived that is not valid where it is: an unknown record type or a record out of sequence. */
  InvalidRecordSequence: fault("InvalidRecordSequence"),
  /** An envelope is larger than the receiver accepts. */
  MaxMessageSizeExceededFault: fault("MaxMessageSizeExceededFault"),
  /** The receiver is too busy to accept the session. */
  ServerTooBusy: fault("ServerTooBusy"),
  /** The service behind the Via could not be activated. */
  ServiceActivationFailed: fault("ServiceActivationFailed"),
  /** The Mode Record names a mode the receiver does not support. */
  UnsupportedMode: fault("UnsupportedMode"),
  /** The Version Record names a version the receiver does not support. */
  UnsupportedVersion: fault("UnsupportedVersion"),
  /** The Upgrade Request Record names an upgrade the receiver does not support. */
  UpgradeInvalid: fault("UpgradeInvalid"),
  /** The Via is longer than the receiver accepts. */
  ViaTooLong: fault("ViaTooLong"),
} as const;
export type FramingFaultValue = (typeof FramingFault)[keyof typeof FramingFault];

/**
 * Why a framing stream was refused: every FramingError (framing-error.ts) carries one of these, and
 * the kind alone decides the fault to send back.
 */
export type FramingErrorKind =
  /** A record type octet [MC-NMF] does not define. */
  | "unknown-record-type"
  /** A defined record where the session does not allow it (session-state.ts). */
  | "unexpected-record"
  /** A Version Record other than 1.0. */
  | "unsupported-version"
  /** A Mode Record value that is not a mode, or a mode this session does not speak. */
  | "unsupported-mode"
  /** A reserved Known Encoding value, or an encoding the endpoint does not accept. */
  | "content-type-invalid"
  /** A record size ([MC-NMF] 2.2.2) longer than five octets or beyond 32 bits. */
  | "malformed-size"
  /** A size of 0 where the document says it "MUST NOT be set to 0". */
  | "empty-record"
  /** A Via, content type, upgrade name or fault that is not UTF-8. */
  | "invalid-utf8"
  /** A Via longer than the maximum Via size. */
  | "via-too-long"
  /** An Extensible Encoding content type or upgrade protocol name longer than the maximum content type size. */
  | "content-type-too-long"
  /** An envelope larger than the maximum buffered message size. */
  | "message-too-large"
  /** A received fault string longer than the maximum fault size. */
  | "fault-too-long"
  /** The stream ended inside a record. */
  | "truncated"
  /** The stream ended between records where the session expected more. */
  | "disconnected"
  /** The peer sent a Fault Record. */
  | "fault-received"
  /** The Via names no endpoint of this listener. */
  | "endpoint-not-found"
  /** An Upgrade Request this side cannot perform. */
  | "upgrade-invalid";

/**
 * The fault a receiver sends for each error before closing, or undefined for none.
 *
 * - Version, mode, Via, content type and message size problems have their own fault in the table,
 *   and WCF sends exactly these (UnsupportedVersion, UnsupportedMode, ViaTooLong,
 *   ContentTypeTooLong, MaxMessageSizeExceededFault; EndpointNotFound and ContentTypeInvalid from
 *   its listener; UpgradeInvalid for an upgrade it is not configured for).
 * - Everything else that makes the bytes not a valid record sequence gets InvalidRecordSequence:
 *   [MC-NMF] 3.1.4.2 says "a Fault Record MAY be sent to indicate that an unexpected record type has
 *   been received", and that is the table's fault for it.
 * - No fault answers a fault: 3.1.4.2 only allows one "If the record type is not Fault Record", and a
 *   fault longer than the quota is still a fault.
 * - No fault when the stream ended (truncated, disconnected): the peer has closed its side.
 */
export const FAULT_FOR_ERROR: Readonly<Record<FramingErrorKind, FramingFaultValue | undefined>> = {
  "unknown-record-type": FramingFault.InvalidRecordSequence,
  "unexpected-record": FramingFault.InvalidRecordSequence,
  "unsupported-version": FramingFault.UnsupportedVersion,
  "unsupported-mode": FramingFault.UnsupportedMode,
  "content-type-invalid": FramingFault.ContentTypeInvalid,
  "malformed-size": FramingFault.InvalidRecordSequence,
  "empty-record": FramingFault.InvalidRecordSequence,
  "invalid-utf8": FramingFault.InvalidRecordSequence,
  "via-too-long": FramingFault.ViaTooLong,
  "content-type-too-long": FramingFault.ContentTypeTooLong,
  "message-too-large": FramingFault.MaxMessageSizeExceededFault,
  "fault-too-long": undefined,
  truncated: undefined,
  disconnected: undefined,
  "fault-received": undefined,
  "endpoint-not-found": FramingFault.EndpointNotFound,
  "upgrade-invalid": FramingFault.UpgradeInvalid,
};

/**
 * The HRESULT a side reports when the peer sends it a fault: the WWSAPI error that says the same
 * thing (WS_E_ENDPOINT_NOT_FOUND "there is not an endpoint listening at the particular URI", ...).
 * A fault with no closer match, including faults outside the table, is WS_E_ENDPOINT_FAILURE,
 * "General endpoint failures".
 */
export function hresultForReceivedFault(faultString: string): number {
  switch (faultString) {
    case FramingFault.EndpointNotFound:
      return WS_E_ENDPOINT_NOT_FOUND;
    case FramingFault.EndpointUnavailable:
    case FramingFault.EndpointPaused:
      return WS_E_ENDPOINT_NOT_AVAILABLE;
    case FramingFault.EndpointAccessDenied:
      return WS_E_ENDPOINT_ACCESS_DENIED;
    case FramingFault.ServerTooBusy:
      return WS_E_ENDPOINT_TOO_BUSY;
    case FramingFault.MaxMessageSizeExceededFault:
    case FramingFault.ViaTooLong:
    case FramingFault.ContentTypeTooLong:
      return WS_E_QUOTA_EXCEEDED;
    default:
      return WS_E_ENDPOINT_FAILURE;
  }
}

/** "the remote endpoint refused the Via (fault EndpointNotFound)": a fault's name for messages. */
export function faultName(faultString: string): string {
  return faultString.startsWith(FRAMING_FAULT_NAMESPACE) ? faultString.slice(FRAMING_FAULT_NAMESPACE.length) : faultString;
}
