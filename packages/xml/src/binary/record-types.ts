/**
 * The record types of [MC-NBFX] 2.1.1 (table 1) and 2.2: every byte value a record can start with,
 * its name as the document writes it, and the shape of what follows. The reader dispatches on this
 * table; the writer uses the functions at the end to choose the record type WCF chooses for a
 * given prefix and name.
 *
 * Bytes not in the table (0x00, 0x78-0x7F, 0xA5, 0xA7, 0xBE-0xFF) are reserved: a document that
 * uses one is malformed.
 */

/** The record types with a fixed byte value (the A..Z ranges are given by their first and last). */
export const RecordType = {
  EndElement: 0x01,
  Comment: 0x02,
  Array: 0x03,
  ShortAttribute: 0x04,
  Attribute: 0x05,
  ShortDictionaryAttribute: 0x06,
  DictionaryAttribute: 0x07,
  ShortXmlnsAttribute: 0x08,
  XmlnsAttribute: 0x09,
  ShortDictionaryXmlnsAttribute: 0x0a,
  DictionaryXmlnsAttribute: 0x0b,
  PrefixDictionaryAttributeA: 0x0c,
  PrefixDictionaryAttributeZ: 0x25,
  PrefixAttributeA: 0x26,
  PrefixAttributeZ: 0x3f,
  ShortElement: 0x40,
  Element: 0x41,
  ShortDictionaryElement: 0x42,
  DictionaryElement: 0x43,
  PrefixDictionaryElementA: 0x44,
  PrefixDictionaryElementZ: 0x5d,
  PrefixElementA: 0x5e,
  PrefixElementZ: 0x77,
  ZeroText: 0x80,
  OneText: 0x82,
  FalseText: 0x84,
  TrueText: 0x86,
  Int8Text: 0x88,
  Int16Text: 0x8a,
  Int32Text: 0x8c,
  Int64Text: 0x8e,
  FloatText: 0x90,
  DoubleText: 0x92,
  DecimalText: 0x94,
  DateTimeText: 0x96,
  Chars8Text: 0x98,
  Chars16Text: 0x9a,
  Chars32Text: 0x9c,
  Bytes8Text: 0x9e,
  Bytes16Text: 0xa0,
  Bytes32Text: 0xa2,
  StartListText: 0xa4,
  EndListText: 0xa6,
  EmptyText: 0xa8,
  DictionaryText: 0xaa,
  UniqueIdText: 0xac,
  TimeSpanText: 0xae,
  UuidText: 0xb0,
  UInt64Text: 0xb2,
  BoolText: 0xb4,
  UnicodeChars8Text: 0xb6,
  UnicodeChars16Text: 0xb8,
  UnicodeChars32Text: 0xba,
  QNameDictionaryText: 0xbc,
} as const;

/** What a text record holds ([MC-NBFX] 2.2.3), named after the record without "Text". */
export type TextType =
  | "zero"
  | "one"
  | "false"
  | "true"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "float"
  | "double"
  | "decimal"
  | "dateTime"
  | "chars8"
  | "chars16"
  | "chars32"
  | "bytes8"
  | "bytes16"
  | "bytes32"
  | "startList"
  | "endList"
  | "empty"
  | "dictionary"
  | "uniqueId"
  | "timeSpan"
  | "uuid"
  | "uint64"
  | "bool"
  | "unicodeChars8"
  | "unicodeChars16"
  | "unicodeChars32"
  | "qnameDictionary";

export interface TextTypeInfo {
  readonly textType: TextType;
  /** The record's name in the document, such as "Int32Text". */
  readonly name: string;
  /** The record type byte; the WithEndElement variant is this plus one (when it exists). */
  readonly recordType: number;
  /**
   * Whether a *TextWithEndElement variant exists. StartListText and EndListText have none: their
   * odd neighbours 0xA5 and 0xA7 are reserved.
   */
  readonly hasWithEndElement: boolean;
}

function text(textType: TextType, name: string, recordType: number, hasWithEndElement = true): TextTypeInfo {
  return { textType, name, recordType, hasWithEndElement };
}

/** Every text record type in byte order. */
export const TEXT_TYPES: readonly TextTypeInfo[] = [
  text("zero", "ZeroText", RecordType.ZeroText),
  text("one", "OneText", RecordType.OneText),
  text("false", "FalseText", RecordType.FalseText),
  text("true", "TrueText", RecordType.TrueText),
  text("int8", "Int8Text", RecordType.Int8Text),
  text("int16", "Int16Text", RecordType.Int16Text),
  text("int32", "Int32Text", RecordType.Int32Text),
  text("int64", "Int64Text", RecordType.Int64Text),
  text("float", "FloatText", RecordType.FloatText),
  text("double", "DoubleText", RecordType.DoubleText),
  text("decimal", "DecimalText", RecordType.DecimalText),
  text("dateTime", "DateTimeText", RecordType.DateTimeText),
  text("chars8", "Chars8Text", RecordType.Chars8Text),
  text("chars16", "Chars16Text", RecordType.Chars16Text),
  text("chars32", "Chars32Text", RecordType.Chars32Text),
  text("bytes8", "Bytes8Text", RecordType.Bytes8Text),
  text("bytes16", "Bytes16Text", RecordType.Bytes16Text),
  text("bytes32", "Bytes32Text", RecordType.Bytes32Text),
  text("startList", "StartListText", RecordType.StartListText, false),
  text("endList", "EndListText", RecordType.EndListText, false),
  text("empty", "EmptyText", RecordType.EmptyText),
  text("dictionary", "DictionaryText", RecordType.DictionaryText),
  text("uniqueId", "UniqueIdText", RecordType.UniqueIdText),
  text("timeSpan", "TimeSpanText", RecordType.TimeSpanText),
  text("uuid", "UuidText", RecordType.UuidText),
  text("uint64", "UInt64Text", RecordType.UInt64Text),
  text("bool", "BoolText", RecordType.BoolText),
  text("unicodeChars8", "UnicodeChars8Text", RecordType.UnicodeChars8Text),
  text("unicodeChars16", "UnicodeChars16Text", RecordType.UnicodeChars16Text),
  text("unicodeChars32", "UnicodeChars32Text", RecordType.UnicodeChars32Text),
  text("qnameDictionary", "QNameDictionaryText", RecordType.QNameDictionaryText),
];

const TEXT_BY_TYPE: ReadonlyMap<TextType, TextTypeInfo> = new Map(TEXT_TYPES.map((t) => [t.textType, t]));

/** The table entry of a text type. */
export function textTypeInfo(textType: TextType): TextTypeInfo | undefined {
  return TEXT_BY_TYPE.get(textType);
}

/** The value types an Array record can hold ([MC-NBFX] 2.3.3): the *TextWithEndElement record types listed there. */
export type ArrayItemType = "bool" | "int16" | "int32" | "int64" | "float" | "double" | "decimal" | "dateTime" | "timeSpan" | "uuid";

export interface ArrayItemTypeInfo {
  readonly itemType: ArrayItemType;
  /** The record type byte written in the Array record: always a *TextWithEndElement type. */
  readonly recordType: number;
  /** Bytes a value takes in the Data field. */
  readonly size: number;
}

/** The table of [MC-NBFX] 2.3.3, in the document's order. */
export const ARRAY_ITEM_TYPES: readonly ArrayItemTypeInfo[] = [
  { itemType: "bool", recordType: RecordType.BoolText + 1, size: 1 },
  { itemType: "int16", recordType: RecordType.Int16Text + 1, size: 2 },
  { itemType: "int32", recordType: RecordType.Int32Text + 1, size: 4 },
  { itemType: "int64", recordType: RecordType.Int64Text + 1, size: 8 },
  { itemType: "float", recordType: RecordType.FloatText + 1, size: 4 },
  { itemType: "double", recordType: RecordType.DoubleText + 1, size: 8 },
  { itemType: "decimal", recordType: RecordType.DecimalText + 1, size: 16 },
  { itemType: "dateTime", recordType: RecordType.DateTimeText + 1, size: 8 },
  { itemType: "timeSpan", recordType: RecordType.TimeSpanText + 1, size: 8 },
  { itemType: "uuid", recordType: RecordType.UuidText + 1, size: 16 },
];

const ARRAY_BY_RECORD_TYPE: ReadonlyMap<number, ArrayItemTypeInfo> = new Map(ARRAY_ITEM_TYPES.map((a) => [a.recordType, a]));
const ARRAY_BY_ITEM_TYPE: ReadonlyMap<ArrayItemType, ArrayItemTypeInfo> = new Map(ARRAY_ITEM_TYPES.map((a) => [a.itemType, a]));

/** The array value type written as `recordType`, or undefined when an Array record may not use it. */
export function arrayItemTypeByRecordType(recordType: number): ArrayItemTypeInfo | undefined {
  return ARRAY_BY_RECORD_TYPE.get(recordType);
}

export function arrayItemTypeInfo(itemType: ArrayItemType): ArrayItemTypeInfo | undefined {
  return ARRAY_BY_ITEM_TYPE.get(itemType);
}

/** How a record's prefix is written: absent, as a String, or by the record type itself (a single letter a-z). */
export type PrefixForm = "none" | "string" | "letter";
/** How a record's name (or an xmlns record's namespace) is written: a String or a DictionaryString. */
export type NameForm = "string" | "dictionary";

export type RecordShape =
  | { readonly category: "endElement" }
  | { readonly category: "comment" }
  | { readonly category: "array" }
  | { readonly category: "element"; readonly prefix: PrefixForm; readonly name: NameForm; readonly letter?: string }
  | { readonly category: "attribute"; readonly prefix: PrefixForm; readonly name: NameForm; readonly letter?: string }
  | { readonly category: "xmlns"; readonly prefix: Exclude<PrefixForm, "letter">; readonly name: NameForm }
  | { readonly category: "text"; readonly textType: TextType; readonly withEndElement: boolean };

export interface RecordTypeInfo {
  readonly type: number;
  /** The name the document gives the record, such as "PrefixDictionaryElementS" or "Chars8TextWithEndElement". */
  readonly name: string;
  readonly shape: RecordShape;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function buildTable(): Array<RecordTypeInfo | undefined> {
  const table: Array<RecordTypeInfo | undefined> = new Array(256).fill(undefined);
  const put = (type: number, name: string, shape: RecordShape) => {
    table[type] = { type, name, shape };
  };
  put(RecordType.EndElement, "EndElement", { category: "endElement" });
  put(RecordType.Comment, "Comment", { category: "comment" });
  put(RecordType.Array, "Array", { category: "array" });
  put(RecordType.ShortAttribute, "ShortAttribute", { category: "attribute", prefix: "none", name: "string" });
  put(RecordType.Attribute, "Attribute", { category: "attribute", prefix: "string", name: "string" });
  put(RecordType.ShortDictionaryAttribute, "ShortDictionaryAttribute", { category: "attribute", prefix: "none", name: "dictionary" });
  put(RecordType.DictionaryAttribute, "DictionaryAttribute", { category: "attribute", prefix: "string", name: "dictionary" });
  put(RecordType.ShortXmlnsAttribute, "ShortXmlnsAttribute", { category: "xmlns", prefix: "none", name: "string" });
  put(RecordType.XmlnsAttribute, "XmlnsAttribute", { category: "xmlns", prefix: "string", name: "string" });
  put(RecordType.ShortDictionaryXmlnsAttribute, "ShortDictionaryXmlnsAttribute", { category: "xmlns", prefix: "none", name: "dictionary" });
  put(RecordType.DictionaryXmlnsAttribute, "DictionaryXmlnsAttribute", { category: "xmlns", prefix: "string", name: "dictionary" });
  put(RecordType.ShortElement, "ShortElement", { category: "element", prefix: "none", name: "string" });
  put(RecordType.Element, "Element", { category: "element", prefix: "string", name: "string" });
  put(RecordType.ShortDictionaryElement, "ShortDictionaryElement", { category: "element", prefix: "none", name: "dictionary" });
  put(RecordType.DictionaryElement, "DictionaryElement", { category: "element", prefix: "string", name: "dictionary" });
  for (let i = 0; i < 26; i++) {
    const letter = LETTERS[i]!;
    const upper = letter.toUpperCase();
    put(RecordType.PrefixDictionaryAttributeA + i, `PrefixDictionaryAttribute${upper}`, {
      category: "attribute",
      prefix: "letter",
      name: "dictionary",
      letter,
    });
    put(RecordType.PrefixAttributeA + i, `PrefixAttribute${upper}`, { category: "attribute", prefix: "letter", name: "string", letter });
    put(RecordType.PrefixDictionaryElementA + i, `PrefixDictionaryElement${upper}`, {
      category: "element",
      prefix: "letter",
      name: "dictionary",
      letter,
    });
    put(RecordType.PrefixElementA + i, `PrefixElement${upper}`, { category: "element", prefix: "letter", name: "string", letter });
  }
  for (const t of TEXT_TYPES) {
    put(t.recordType, t.name, { category: "text", textType: t.textType, withEndElement: false });
    if (t.hasWithEndElement)
      put(t.recordType + 1, `${t.name}WithEndElement`, { category: "text", textType: t.textType, withEndElement: true });
  }
  return table;
}

const TABLE = buildTable();

/** The table entry of a record type byte, or undefined for a reserved byte. */
export function recordTypeInfo(type: number): RecordTypeInfo | undefined {
  return TABLE[type];
}

/** Every defined record type, in byte order. */
export const RECORD_TYPES: readonly RecordTypeInfo[] = TABLE.filter((t): t is RecordTypeInfo => t !== undefined);

/** The index of a single lower-case letter prefix (a = 0 ... z = 25), or -1 for any other prefix. */
export function prefixLetterIndex(prefix: string): number {
  if (prefix.length !== 1) return -1;
  const code = prefix.charCodeAt(0);
  return code >= 0x61 && code <= 0x7a ? code - 0x61 : -1;
}

/** The prefix a letter index stands for (QNameDictionaryText and the A..Z ranges). */
export function prefixLetter(index: number): string {
  return LETTERS[index]!;
}

/**
 * The element record type for a prefix and a name form, as WCF chooses it: no prefix gives the Short
 * form, a single lower-case letter the PrefixElement/PrefixDictionaryElement range, anything else
 * the general form that spells the prefix out.
 */
export function elementRecordTypeFor(prefix: string, name: NameForm): number {
  const letter = prefixLetterIndex(prefix);
  if (name === "dictionary") {
    if (prefix === "") return RecordType.ShortDictionaryElement;
    return letter >= 0 ? RecordType.PrefixDictionaryElementA + letter : RecordType.DictionaryElement;
  }
  if (prefix === "") return RecordType.ShortElement;
  return letter >= 0 ? RecordType.PrefixElementA + letter : RecordType.Element;
}

/** The attribute record type for a prefix and a name form (same choice as for elements). */
export function attributeRecordTypeFor(prefix: string, name: NameForm): number {
  const letter = prefixLetterIndex(prefix);
  if (name === "dictionary") {
    if (prefix === "") return RecordType.ShortDictionaryAttribute;
    return letter >= 0 ? RecordType.PrefixDictionaryAttributeA + letter : RecordType.DictionaryAttribute;
  }
  if (prefix === "") return RecordType.ShortAttribute;
  return letter >= 0 ? RecordType.PrefixAttributeA + letter : RecordType.Attribute;
}

/** The xmlns record type: there is no single-letter range for namespace declarations. */
export function xmlnsRecordTypeFor(prefix: string, namespace: NameForm): number {
  if (namespace === "dictionary") return prefix === "" ? RecordType.ShortDictionaryXmlnsAttribute : RecordType.DictionaryXmlnsAttribute;
  return prefix === "" ? RecordType.ShortXmlnsAttribute : RecordType.XmlnsAttribute;
}
