/**
 * The typed model of [MC-NMF] (.NET Message Framing Protocol) records: one object per record on the
 * wire, in wire order, so that a decoded sequence encodes back to the same bytes (write-records.ts).
 *
 * Every record starts with one record type octet (the values below, [MC-NMF] 2.2.1 and WCF's
 * FramingRecordType). Some have fixed data (Version: two octets, Mode and Known Encoding: one), some
 * a size (2.2.2, record-size.ts) and that many octets, some nothing at all. The Unsized Envelope is
 * the odd one: data chunks, each with its own size, ended by a zero octet.
 *
 * Strings (Via, content type, upgrade protocol, fault) are UTF-8 on the wire and JavaScript strings
 * here. Payloads are Uint8Arrays the record owns: the reader copies them out of the socket chunks,
 * so a caller may keep a record after feeding more input.
 */

/** The record type octets ([MC-NMF] 2.2.1). */
export const RecordType = {
  Version: 0x00,
  Mode: 0x01,
  Via: 0x02,
  KnownEncoding: 0x03,
  ExtensibleEncoding: 0x04,
  UnsizedEnvelope: 0x05,
  SizedEnvelope: 0x06,
  End: 0x07,
  Fault: 0x08,
  UpgradeRequest: 0x09,
  UpgradeResponse: 0x0a,
  PreambleAck: 0x0b,
  PreambleEnd: 0x0c,
} as const;
export type RecordTypeValue = (typeof RecordType)[keyof typeof RecordType];

/** The version this implementation speaks and accepts: 1.0 ([MC-NMF] 2.2.3.1 "MUST set this field to 0x01" / "0x00"). */
export const FRAMING_MAJOR_VERSION = 1;
export const FRAMING_MINOR_VERSION = 0;

/**
 * The Mode Record values ([MC-NMF] 2.2.3.2). net.tcp uses Duplex for buffered transfer and
 * Singleton Unsized for streamed transfer; Simplex and Singleton Sized are the MSMQ modes.
 */
export const FramingMode = {
  SingletonUnsized: 0x01,
  Duplex: 0x02,
  Simplex: 0x03,
  SingletonSized: 0x04,
} as const;
export type FramingModeValue = (typeof FramingMode)[keyof typeof FramingMode];

/**
 * The Known Encoding Record values ([MC-NMF] 2.2.3.4.1; 0x09-0xFF are reserved). The names follow
 * the document's table; BinarySession (0x08, [MC-NBFSE]) is what WS_ENCODING_XML_BINARY_SESSION_1,
 * the default encoding of a TCP channel, is announced as.
 */
export const KnownEncoding = {
  Soap11Utf8: 0x00,
  Soap11Utf16: 0x01,
  Soap11UnicodeLittleEndian: 0x02,
  Soap12Utf8: 0x03,
  Soap12Utf16: 0x04,
  Soap12UnicodeLittleEndian: 0x05,
  Mtom: 0x06,
  Binary: 0x07,
  BinarySession: 0x08,
} as const;
export type KnownEncodingValue = (typeof KnownEncoding)[keyof typeof KnownEncoding];

/**
 * The content type each known encoding stands for, as WCF spells it when it turns a Known Encoding
 * Record into a content type (its FramingEncodingString). A server compares an Extensible Encoding
 * Record's content type against these when it accepts either form of the same encoding.
 */
export const KNOWN_ENCODING_CONTENT_TYPES: Readonly<Record<KnownEncodingValue, string>> = {
  [KnownEncoding.Soap11Utf8]: "text/xml; charset=utf-8",
  [KnownEncoding.Soap11Utf16]: "text/xml; charset=utf16",
  [KnownEncoding.Soap11UnicodeLittleEndian]: "text/xml; charset=unicodeFFFE",
  [KnownEncoding.Soap12Utf8]: "application/soap+xml; charset=utf-8",
  [KnownEncoding.Soap12Utf16]: "application/soap+xml; charset=utf16",
  [KnownEncoding.Soap12UnicodeLittleEndian]: "application/soap+xml; charset=unicodeFFFE",
  [KnownEncoding.Mtom]: "multipart/related",
  [KnownEncoding.Binary]: "application/soap+msbin1",
  [KnownEncoding.BinarySession]: "application/soap+msbinsession1",
};

/** Version Record (0x00, [MC-NMF] 2.2.3.1): the first record of every session. */
export interface VersionRecord {
  readonly type: "version";
  readonly major: number;
  readonly minor: number;
}

/** Mode Record (0x01, 2.2.3.2). */
export interface ModeRecord {
  readonly type: "mode";
  readonly mode: FramingModeValue;
}

/** Via Record (0x02, 2.2.3.3): the URI the messages are for. Never empty ("MUST NOT be set to 0"). */
export interface ViaRecord {
  readonly type: "via";
  readonly via: string;
}

/** Known Encoding Record (0x03, 2.2.3.4.1). */
export interface KnownEncodingRecord {
  readonly type: "known-encoding";
  readonly encoding: KnownEncodingValue;
}

/** Extensible Encoding Record (0x04, 2.2.3.4.2): a MIME content type. Never empty. */
export interface ExtensibleEncodingRecord {
  readonly type: "extensible-encoding";
  readonly contentType: string;
}

/** The two forms of the Envelope Encoding Record (2.2.3.4). */
export type EnvelopeEncodingRecord = KnownEncodingRecord | ExtensibleEncodingRecord;

/**
 * Unsized Envelope Record (0x05, 2.2.4.2): one message in data chunks, each of a non-zero size, then
 * a 0x00 terminator. Singleton Unsized mode (streamed net.tcp) sends messages this way. `chunks`
 * keeps the chunk boundaries so that the record re-encodes to the same bytes.
 */
export interface UnsizedEnvelopeRecord {
  readonly type: "unsized-envelope";
  readonly chunks: readonly Uint8Array[];
}

/** Sized Envelope Record (0x06, 2.2.4.1): one whole message. Never empty ("MUST NOT be set to 0"). */
export interface SizedEnvelopeRecord {
  readonly type: "sized-envelope";
  readonly payload: Uint8Array;
}

/** End Record (0x07): no more records will follow from this side. */
export interface EndRecord {
  readonly type: "end";
}

/** Fault Record (0x08, 2.2.5): a fault URI (fault-strings.ts); the session closes after it. */
export interface FaultRecord {
  readonly type: "fault";
  readonly fault: string;
}

/** Upgrade Request Record (0x09, 2.2.3.5): the name of a stream upgrade, such as "application/ssl-tls". */
export interface UpgradeRequestRecord {
  readonly type: "upgrade-request";
  readonly protocol: string;
}

/** Upgrade Response Record (0x0A, 2.2.3.6): the receiver agrees to the upgrade. No data. */
export interface UpgradeResponseRecord {
  readonly type: "upgrade-response";
}

/** Preamble Ack Record (0x0B): the receiver accepts the preamble. No data. */
export interface PreambleAckRecord {
  readonly type: "preamble-ack";
}

/** Preamble End Record (0x0C, 2.2.3.7): the end of the message properties. No data. */
export interface PreambleEndRecord {
  readonly type: "preamble-end";
}

export type FramingRecord =
  | VersionRecord
  | ModeRecord
  | ViaRecord
  | KnownEncodingRecord
  | ExtensibleEncodingRecord
  | UnsizedEnvelopeRecord
  | SizedEnvelopeRecord
  | EndRecord
  | FaultRecord
  | UpgradeRequestRecord
  | UpgradeResponseRecord
  | PreambleAckRecord
  | PreambleEndRecord;

export type FramingRecordKind = FramingRecord["type"];

/** A record as the reader returns it: with the stream offset of its record type octet, for diagnostics. */
export type DecodedFramingRecord = FramingRecord & { readonly offset: number };

/** The record type octet of each kind of record. */
export const RECORD_TYPE_OF: Readonly<Record<FramingRecordKind, RecordTypeValue>> = {
  version: RecordType.Version,
  mode: RecordType.Mode,
  via: RecordType.Via,
  "known-encoding": RecordType.KnownEncoding,
  "extensible-encoding": RecordType.ExtensibleEncoding,
  "unsized-envelope": RecordType.UnsizedEnvelope,
  "sized-envelope": RecordType.SizedEnvelope,
  end: RecordType.End,
  fault: RecordType.Fault,
  "upgrade-request": RecordType.UpgradeRequest,
  "upgrade-response": RecordType.UpgradeResponse,
  "preamble-ack": RecordType.PreambleAck,
  "preamble-end": RecordType.PreambleEnd,
};

/** The names the document gives the records, for messages: "Sized Envelope Record". */
export const RECORD_NAMES: Readonly<Record<FramingRecordKind, string>> = {
  version: "Version Record",
  mode: "Mode Record",
  via: "Via Record",
  "known-encoding": "Known Encoding Record",
  "extensible-encoding": "Extensible Encoding Record",
  "unsized-envelope": "Unsized Envelope Record",
  "sized-envelope": "Sized Envelope Record",
  end: "End Record",
  fault: "Fault Record",
  "upgrade-request": "Upgrade Request Record",
  "upgrade-response": "Upgrade Response Record",
  "preamble-ack": "Preamble Ack Record",
  "preamble-end": "Preamble End Record",
};

const KIND_BY_TYPE: ReadonlyMap<number, FramingRecordKind> = new Map(
  (Object.entries(RECORD_TYPE_OF) as [FramingRecordKind, RecordTypeValue][]).map(([kind, type]) => [type, kind]),
);

/** The kind of record a record type octet starts, or undefined for an octet [MC-NMF] does not define. */
export function recordKindOf(recordType: number): FramingRecordKind | undefined {
  return KIND_BY_TYPE.get(recordType);
}

export function isFramingMode(value: number): value is FramingModeValue {
  return value >= FramingMode.SingletonUnsized && value <= FramingMode.SingletonSized;
}

export function isKnownEncoding(value: number): value is KnownEncodingValue {
  return value >= KnownEncoding.Soap11Utf8 && value <= KnownEncoding.BinarySession;
}

/** Two-digit upper-case hex, the way the document writes octets: 0x0B. */
export function hexByte(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, "0")}`;
}
