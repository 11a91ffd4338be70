import type { ArrayItemType, TextType } from "./record-types.js";

/**
 * The typed model of [MC-NBFX] records: one object per record on the wire, in wire order, so that a
 * decoded sequence encodes back to the same bytes. Two consequences:
 *
 * - Attribute and xmlns records are separate entries that follow their element, as on the wire
 *   (the document nests them inside the element record, but each has its own record type byte).
 * - A *TextWithEndElement record stays one entry with `withEndElement: true`; the reader does not
 *   invent the EndElement it implies. Consumers treat it as text followed by an end element.
 *
 * Which of the Short/Prefix-letter/general forms of an element or attribute record is used is not
 * stored: it follows from the prefix and from whether the name is a dictionary string, the way WCF
 * chooses it (record-types.ts). Decoded records also carry the record type byte they were read
 * from, for diagnostics; the writer ignores it.
 *
 * JavaScript types of text values:
 * - Int8/Int16/Int32, Float, Double: number. Int64, UInt64, TimeSpan (100 ns ticks): bigint.
 * - Chars8/16/32: string decoded from UTF-8; UnicodeChars8/16/32: string decoded from UTF-16LE.
 * - Bytes8/16/32: Uint8Array.
 * - Decimal, UniqueId, Uuid: the 16 bytes exactly as on the wire (Uint8Array). Decimal is the
 *   [MS-OAUT] 2.2.26 DECIMAL (reserved, scale, sign, Hi32, Lo64); the UUIDs are the GUID layout
 *   (Data1..Data3 little-endian). value-formats.ts converts them to text and numbers.
 * - DateTime: { ticks, kind }: 100 ns ticks since 0001-01-01 and the 2-bit TZ field.
 * - Bool: boolean. Dictionary: a DictionaryString. QNameDictionary: { prefix letter, DictionaryString }.
 */

/**
 * A string given by its dictionary id ([MC-NBFX] 2.1.4). In a SOAP document an even id is in the
 * [MC-NBFS] static dictionary and an odd id in the session's [MC-NBFSE] string table. The reader
 * always keeps the id, and adds the text when it knows it; the writer uses only the id.
 */
export interface DictionaryString {
  readonly dictionaryId: number;
  readonly text?: string;
}

/** A name or namespace: written out as a String, or referred to through a DictionaryString. */
export type NameString = string | DictionaryString;

/** The 2-bit TZ field of DateTimeText ([MC-NBFX] 2.2.3.12): 0 unspecified, 1 UTC, 2 local. */
export type DateTimeKind = "unspecified" | "utc" | "local";

export interface DateTimeValue {
  /** 100-nanosecond intervals since 0001-01-01T00:00:00, below 3155378976000000000 (year 10000). */
  readonly ticks: bigint;
  readonly kind: DateTimeKind;
}

export interface QNameDictionaryValue {
  /** A single lower-case letter, a to z. */
  readonly prefix: string;
  readonly name: DictionaryString;
}

/** The content of a text record, by record type. Records without a payload have no `value`. */
export type TextValue =
  | { readonly textType: "zero" | "one" | "false" | "true" | "empty" | "startList" | "endList" }
  | { readonly textType: "int8" | "int16" | "int32" | "float" | "double"; readonly value: number }
  | { readonly textType: "int64" | "uint64" | "timeSpan"; readonly value: bigint }
  | { readonly textType: "decimal" | "uniqueId" | "uuid"; readonly value: Uint8Array }
  | { readonly textType: "dateTime"; readonly value: DateTimeValue }
  | {
      readonly textType: "chars8" | "chars16" | "chars32" | "unicodeChars8" | "unicodeChars16" | "unicodeChars32";
      readonly value: string;
    }
  | { readonly textType: "bytes8" | "bytes16" | "bytes32"; readonly value: Uint8Array }
  | { readonly textType: "dictionary"; readonly value: DictionaryString }
  | { readonly textType: "bool"; readonly value: boolean }
  | { readonly textType: "qnameDictionary"; readonly value: QNameDictionaryValue };

// Keeps TextValue and TextType in step: a text type missing from TextValue fails to compile here.
type MissingTextTypes = Exclude<TextType, TextValue["textType"]>;
const _allTextTypesModelled: MissingTextTypes extends never ? true : false = true;
void _allTextTypesModelled;

/**
 * An attribute value: one text record, or a StartListText ... EndListText run of text records
 * ([MC-NBFX] 2.2.3.19; the list records themselves are implied by `list`).
 */
export type AttributeValue = TextValue | { readonly list: readonly TextValue[] };

/** An element start ([MC-NBFX] 2.2.1). `prefix` is "" for none. */
export interface ElementRecord {
  readonly kind: "element";
  readonly prefix: string;
  readonly name: NameString;
}

/** An attribute other than a namespace declaration ([MC-NBFX] 2.2.2.1-2.2.2.4, 2.2.2.9, 2.2.2.10). */
export interface AttributeRecord {
  readonly kind: "attribute";
  readonly prefix: string;
  readonly name: NameString;
  readonly value: AttributeValue;
}

/** A namespace declaration, xmlns="..." (prefix "") or xmlns:p="..." ([MC-NBFX] 2.2.2.5-2.2.2.8). */
export interface XmlnsRecord {
  readonly kind: "xmlns";
  readonly prefix: string;
  readonly namespace: NameString;
}

/** Element content or, inside a list, one list item ([MC-NBFX] 2.2.3). */
export type TextRecord = TextValue & {
  readonly kind: "text";
  /** The *TextWithEndElement variant: this text also closes the current element. */
  readonly withEndElement: boolean;
};

export interface EndElementRecord {
  readonly kind: "endElement";
}

export interface CommentRecord {
  readonly kind: "comment";
  readonly text: string;
}

/** The values of an Array record, typed by the record type it names ([MC-NBFX] 2.3.3). */
export type ArrayItems =
  | { readonly itemType: "bool"; readonly values: readonly boolean[] }
  | { readonly itemType: "int16" | "int32" | "float" | "double"; readonly values: readonly number[] }
  | { readonly itemType: "int64" | "timeSpan"; readonly values: readonly bigint[] }
  | { readonly itemType: "decimal" | "uuid"; readonly values: readonly Uint8Array[] }
  | { readonly itemType: "dateTime"; readonly values: readonly DateTimeValue[] };

type MissingArrayTypes = Exclude<ArrayItemType, ArrayItems["itemType"]>;
const _allArrayTypesModelled: MissingArrayTypes extends never ? true : false = true;
void _allArrayTypesModelled;

/**
 * An Array record ([MC-NBFX] 2.3.3): the element (with its attributes) repeated once per value, each
 * repetition holding one value and closed at once.
 */
export interface ArrayRecord {
  readonly kind: "array";
  readonly element: ElementRecord;
  readonly attributes: readonly (AttributeRecord | XmlnsRecord)[];
  readonly items: ArrayItems;
}

/** One record of a binary XML document. */
export type NbfxRecord = ElementRecord | AttributeRecord | XmlnsRecord | TextRecord | EndElementRecord | CommentRecord | ArrayRecord;

/** A record as the reader returns it: where it starts in the input, and the record type byte found there. */
export type DecodedRecord = NbfxRecord & {
  readonly offset: number;
  readonly recordType: number;
};
