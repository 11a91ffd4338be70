import {
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_DICTIONARY,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
} from "@wwsapi/core";
import { soapDictionary } from "./drive.js";
import { ascii, hex, type MalformedCase } from "./malformed-case.js";

/*
 * The binary corpus ([MC-NBFX] records, [MC-NBFS]/[MC-NBFSE] dictionary strings), each with the
 * exact HRESULT and the message the binary reader gives ("binary XML: what was wrong at byte B
 * (detail)"). Most inputs sit inside `<t>`: ShortElement "t" is bytes 0-2 (40 01 74), so the
 * record under test starts at byte 3. "soap" cases are read with the [MC-NBFS] dictionary that
 * WsGetDictionary(WS_ENCODING_XML_BINARY_1) returns as the staticDictionary.
 */

const INVALID = WS_E_INVALID_FORMAT;
const QUOTA = WS_E_QUOTA_EXCEEDED;
const property = (id: number, value: unknown): WS_XML_READER_PROPERTY => ({ id, value }) as WS_XML_READER_PROPERTY;

/** A case on hex bytes, read with no dictionary. */
const bin = (name: string, bytes: string, hr: number, ...message: string[]): MalformedCase => ({ name, input: hex(bytes), hr, message });
/** The same, read with the [MC-NBFS] static dictionary. */
const soap = (name: string, bytes: string, hr: number, ...message: string[]): MalformedCase => ({
  ...bin(name, bytes, hr, ...message),
  dictionaries: "soap",
});
/** The record `record` (hex) inside `<t>`, then EndElement. */
const inT = (record: string) => `40 01 74 ${record}`;

const hexByte = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

// --- unknown record types ([MC-NBFX] 2.1.1 leaves these bytes reserved) ---------------------

const RESERVED = [0x00, ...Array.from({ length: 8 }, (_, i) => 0x78 + i), 0xa5, 0xa7, ...Array.from({ length: 0x42 }, (_, i) => 0xbe + i)];

const unknownRecords: MalformedCase[] = [
  ...RESERVED.map((b) =>
    bin(
      `record type ${hexByte(b)} in an element`,
      inT(`${b.toString(16)} 01`),
      INVALID,
      `binary XML: unknown record type ${hexByte(b)} at byte 3`,
    ),
  ),
  ...[0x00, 0x7f, 0xa5, 0xff].map((b) =>
    bin(`record type ${hexByte(b)} first`, `${b.toString(16)}`, INVALID, `binary XML: unknown record type ${hexByte(b)} at byte 0`),
  ),
  ...[0x00, 0x7f, 0xbe].map((b) =>
    bin(
      `record type ${hexByte(b)} as an attribute value`,
      inT(`04 01 61 ${b.toString(16)} 01`),
      INVALID,
      `unknown record type ${hexByte(b)} where the value of the ShortAttribute record at byte 3 should be at byte 6 (expected a text record)`,
    ),
  ),
  bin(
    "record type 0xFF in a list",
    "40 01 65 A4 FF A6 01",
    INVALID,
    "unknown record type 0xFF inside the list opened at byte 3 at byte 4 (a list holds text records only)",
  ),
  bin("record type 0x78 after a good text record", inT("B5 FF 78"), INVALID, "unknown record type 0x78 at byte 5"),
];

// --- lengths: past the end, negative, past 2^31-1 ------------------------------------------

const lengths: MalformedCase[] = [
  bin(
    "a name length past the end",
    "40 05 61 62",
    INVALID,
    "ShortElement record declares 5 bytes past the end of the input at byte 0 (2 remain at byte 2)",
  ),
  bin(
    "Chars8 length past the end",
    inT("98 05 61"),
    INVALID,
    "Chars8Text record declares 5 bytes past the end of the input at byte 3 (1 remain at byte 5)",
  ),
  bin(
    "Chars16 length 65535",
    inT("9A FF FF 61"),
    INVALID,
    "Chars16Text record declares 65535 bytes past the end of the input at byte 3 (1 remain at byte 6)",
  ),
  bin(
    "Chars32 length 2^31-1",
    inT("9C FF FF FF 7F 61"),
    INVALID,
    "Chars32Text record declares 2147483647 bytes past the end of the input at byte 3 (1 remain at byte 8)",
  ),
  bin(
    "Chars32WithEndElement length 2^31-1",
    inT("9D FF FF FF 7F"),
    INVALID,
    "Chars32TextWithEndElement record declares 2147483647 bytes past the end of the input at byte 3 (0 remain at byte 8)",
  ),
  bin("Chars32 length -1", inT("9C FF FF FF FF"), INVALID, "Chars32Text record at byte 3 has a negative length -1 at byte 4"),
  bin("Chars32 length -2^31", inT("9C 00 00 00 80"), INVALID, "Chars32Text record at byte 3 has a negative length -2147483648 at byte 4"),
  bin(
    "Bytes8 length past the end",
    inT("9E 10 00"),
    INVALID,
    "Bytes8Text record declares 16 bytes past the end of the input at byte 3 (1 remain at byte 5)",
  ),
  bin(
    "Bytes16 length past the end",
    inT("A1 00 01"),
    INVALID,
    "Bytes16TextWithEndElement record declares 256 bytes past the end of the input at byte 3 (0 remain at byte 6)",
  ),
  bin(
    "Bytes32 length 2^31-1",
    inT("A2 FF FF FF 7F"),
    INVALID,
    "Bytes32Text record declares 2147483647 bytes past the end of the input at byte 3",
  ),
  bin("Bytes32 length -1", inT("A3 FF FF FF FF"), INVALID, "Bytes32TextWithEndElement record at byte 3 has a negative length -1 at byte 4"),
  bin(
    "UnicodeChars8 length past the end",
    inT("B6 08 41 00"),
    INVALID,
    "UnicodeChars8Text record declares 8 bytes past the end of the input at byte 3 (2 remain at byte 5)",
  ),
  bin(
    "UnicodeChars32 length 2^31-1",
    inT("BA FF FF FF 7F"),
    INVALID,
    "UnicodeChars32Text record declares 2147483647 bytes past the end of the input at byte 3",
  ),
  bin("UnicodeChars8 odd length", inT("B6 03 41 00 42 01"), INVALID, "UnicodeChars8Text record at byte 3 holds malformed UTF-16 at byte 5"),
  bin(
    "a comment length 2^31-1",
    "02 FF FF FF FF 07",
    INVALID,
    "Comment record declares 2147483647 bytes past the end of the input at byte 0 (0 remain at byte 6)",
  ),
  bin(
    "a name length 2^31-1",
    "40 FF FF FF FF 07",
    INVALID,
    "ShortElement record declares 2147483647 bytes past the end of the input at byte 0 (0 remain at byte 6)",
  ),
  // MultiByteInt31 ([MC-NBFX] 2.1.2): at most 5 bytes, and the fifth holds only bits 28-30.
  soap(
    "a MultiByteInt31 id of 5 bytes past 2^31-1",
    "42 FF FF FF FF 0F 01",
    INVALID,
    "dictionary string id is larger than 2^31-1 at byte 5 (fifth byte 15 uses bits above the 31-bit range)",
  ),
  bin(
    "a MultiByteInt31 length of exactly 2^31",
    "40 80 80 80 80 08",
    INVALID,
    "name length is larger than 2^31-1 at byte 5 (fifth byte 8 uses bits above the 31-bit range)",
  ),
  bin("a MultiByteInt31 length FF FF FF FF 7F", "40 FF FF FF FF 7F", INVALID, "name length is larger than 2^31-1 at byte 5"),
  bin("a MultiByteInt31 of 6 bytes", "40 80 80 80 80 80 01 61", INVALID, "name length continues into a sixth byte at byte 5"),
  bin("a MultiByteInt31 cut after 1 byte", "40 81", INVALID, "truncated name length at byte 2 (1 of up to 5 bytes present)"),
  bin("a MultiByteInt31 cut after 4 bytes", "40 81 82 83 84", INVALID, "truncated name length at byte 5 (4 of up to 5 bytes present)"),
  bin("a comment length cut short", "02 FF", INVALID, "truncated comment text length at byte 2 (1 of up to 5 bytes present)"),
  bin(
    "an Array length past 2^31-1",
    "40 01 61 03 40 01 76 01 8D FF FF FF FF 0F 01",
    INVALID,
    "Array length is larger than 2^31-1 at byte 13",
  ),
  bin(
    "an Array length of 0",
    "40 01 61 03 40 01 76 01 8D 00 01",
    INVALID,
    "Array record with a length of 0 at byte 9 (the length MUST NOT be zero)",
  ),
  bin(
    "an Array of 3 Int32 with 2 present",
    "40 01 61 03 40 01 76 01 8D 03 01 00 00 00 02 00 00 00",
    INVALID,
    "Array record declares 12 bytes past the end of the input at byte 3 (8 remain at byte 10)",
  ),
  bin(
    "an Array of 2^31-1 Decimals",
    "40 01 61 03 40 01 76 01 95 FF FF FF FF 07",
    INVALID,
    "Array record declares 34359738352 bytes past the end of the input at byte 3",
  ),
  // Fixed-size values cut short.
  bin("Int32Text cut short", inT("8C 15 CD"), INVALID, "truncated Int32Text record at byte 3 (needs 4 bytes at byte 4, 2 remain)"),
  bin(
    "Int64Text cut short",
    inT("8F 00 00 00"),
    INVALID,
    "truncated Int64TextWithEndElement record at byte 3 (needs 8 bytes at byte 4, 3 remain)",
  ),
  bin(
    "DecimalText cut short",
    inT("95 00 00"),
    INVALID,
    "truncated DecimalTextWithEndElement record at byte 3 (needs 16 bytes at byte 4, 2 remain)",
  ),
  bin(
    "UuidText cut short",
    inT("B1 00 11"),
    INVALID,
    "UuidTextWithEndElement record declares 16 bytes past the end of the input at byte 3 (2 remain at byte 4)",
  ),
  bin(
    "DateTimeText cut short",
    inT("97 00"),
    INVALID,
    "truncated DateTimeTextWithEndElement record at byte 3 (needs 8 bytes at byte 4, 1 remain)",
  ),
  bin("BoolText with no byte", inT("B5"), INVALID, "truncated BoolTextWithEndElement record at byte 3 (needs 1 bytes at byte 4, 0 remain)"),
];

// --- dictionary strings ------------------------------------------------------------------------

/** A caller's dynamic dictionary with one string. */
const oneString: WS_XML_DICTIONARY = { guid: new Uint8Array(16), strings: [], isConst: true };
oneString.strings = [{ bytes: new TextEncoder().encode("only"), dictionary: oneString, id: 0 }];

/**
 * WsGetDictionary's dictionary: the 487 strings of [MC-NBFS] and the one Windows 10 added (id
 * 0x3CE; see static-dictionary-object.ts), so 488 strings and ids up to 0x3CE.
 */
const SIZE = soapDictionary().strings.length;
const END = SIZE * 2; // the first even id past the table
const mbi31 = (value: number) => {
  const out: string[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push(((rest & 0x7f) | 0x80).toString(16));
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest.toString(16));
  return out.join(" ");
};
const pastTable = (at: number) =>
  `dictionary string id ${END} is not in the staticDictionary at byte ${at} (it would be string ${SIZE}; the dictionary has ${SIZE})`;

const dictionaries: MalformedCase[] = [
  soap("the first id past the static table", `42 ${mbi31(END)} 01`, INVALID, pastTable(1)),
  soap(
    "id 2^31-2",
    `42 ${mbi31(2 ** 31 - 2)} 01`,
    INVALID,
    `dictionary string id 2147483646 is not in the staticDictionary at byte 1 (it would be string 1073741823; the dictionary has ${SIZE})`,
  ),
  soap(
    "an odd id without a dynamicDictionary",
    "42 03 01",
    INVALID,
    "dictionary string id 3 refers to the dynamicDictionary, but WS_XML_READER_BINARY_ENCODING gives none at byte 1 (odd ids are dynamic strings)",
  ),
  bin(
    "an even id without a staticDictionary",
    "42 02 01",
    INVALID,
    "dictionary string id 2 refers to the staticDictionary, but WS_XML_READER_BINARY_ENCODING gives none at byte 1 (even ids are static strings)",
  ),
  {
    ...bin(
      "an odd id past the dynamicDictionary",
      "42 03 01",
      INVALID,
      "dictionary string id 3 is not in the dynamicDictionary at byte 1 (it would be string 1; the dictionary has 1)",
    ),
    dictionaries: { dynamicDictionary: oneString },
  },
  { ...bin("the dynamicDictionary's string 0 (control)", "42 01 01", S_OK), dictionaries: { dynamicDictionary: oneString } },
  soap("a DictionaryText id past the table", inT(`AA ${mbi31(END)} 01`), INVALID, pastTable(4)),
  soap("a ShortDictionaryXmlnsAttribute id past the table", inT(`0A ${mbi31(END)} 01`), INVALID, pastTable(4)),
  soap("a DictionaryXmlnsAttribute id past the table", inT(`0B 01 70 ${mbi31(END)} 01`), INVALID, pastTable(6)),
  soap("a ShortDictionaryAttribute name past the table", inT(`06 ${mbi31(END)} 98 00 01`), INVALID, pastTable(4)),
  soap("a PrefixDictionaryElement name past the table", `56 ${mbi31(END)} 01`, INVALID, pastTable(1)),
  soap("a QNameDictionaryText name past the table", inT(`09 01 62 01 78 BC 01 ${mbi31(END)} 01`), INVALID, pastTable(10)),
  soap(
    "a QNameDictionaryText prefix 26",
    inT("BC 1A 02 01"),
    INVALID,
    "QNameDictionaryText record at byte 3 has prefix 26 at byte 4 (the prefix MUST be 0 to 25 (a to z))",
  ),
  soap("a QNameDictionaryText prefix not declared", inT("BC 01 02 01"), INVALID, 'the prefix "b" is not declared at byte 4'),
  soap("the Windows 10 addition, id 0x3CE (control)", `42 ${mbi31(0x3ce)} 01`, S_OK),
  soap("a truncated dictionary id", "42", INVALID, "truncated dictionary string id at byte 1 (0 of up to 5 bytes present)"),
  soap(
    "the [MC-NBFS] example (control)",
    "56 02 0B 01 61 06 0B 01 73 04 56 08 44 0A 1E 00 82 99 06 61 63 74 69 6F 6E 01 56 0E 40 09 49 6E 76 65 6E 74 6F 72 79 81 01 01",
    S_OK,
  ),
];

// --- records out of place and document rules -----------------------------------------------------

const structure: MalformedCase[] = [
  bin(
    "an attribute record first",
    "04 01 61 98 00",
    INVALID,
    "ShortAttribute record that does not follow an element or attribute record at byte 0",
  ),
  bin(
    "an xmlns record first",
    "08 01 78",
    INVALID,
    "ShortXmlnsAttribute record that does not follow an element or attribute record at byte 0",
  ),
  bin(
    "an xmlns record after text",
    inT("99 01 61 09 01 70 01 78"),
    INVALID,
    "XmlnsAttribute record that does not follow an element or attribute record at byte 6",
  ),
  bin("an EndElement first", "01", INVALID, "EndElement record with no open element to close at byte 0"),
  bin("a WithEndElement text first", "81", INVALID, "ZeroTextWithEndElement record with no open element to close at byte 0"),
  bin("one EndElement too many", "40 01 74 01 01", INVALID, "EndElement record with no open element to close at byte 4"),
  bin(
    "a WithEndElement record as an attribute value",
    inT("04 01 61 99 01 62 01"),
    INVALID,
    "Chars8TextWithEndElement record in the value of the ShortAttribute record at byte 3 at byte 6",
  ),
  bin(
    "an element as an attribute value",
    inT("04 01 61 40 01 62 01"),
    INVALID,
    "ShortElement record where the value of the ShortAttribute record at byte 3 should be at byte 6 (expected a text record)",
  ),
  bin("an attribute with no value", inT("04 01 61"), INVALID, "truncated ShortAttribute record at byte 3 (its value is missing at byte 6)"),
  bin(
    "a second root",
    "40 01 61 01 40 01 62 01",
    INVALID,
    "a second root element (only one is allowed unless WS_XML_READER_PROPERTY_ALLOW_FRAGMENT is set) at byte 4",
  ),
  bin("text before the root", "98 01 78 40 01 61 01", INVALID, "text outside the root element at byte 0"),
  bin("typed text after the root", "40 01 61 01 8C 01 00 00 00", INVALID, "text outside the root element at byte 4"),
  bin("white space around the root (control)", "98 01 20 40 01 61 01 98 02 0D 0A", S_OK),
  bin("elements left open", "40 01 61 40 01 62 01", INVALID, "the input ends with 1 element(s) still open at byte 7"),
  bin("no root: empty input", "", INVALID, "the document has no root element at byte 0"),
  bin("no root: a comment only", "02 01 63", INVALID, "the document has no root element at byte 3"),
  bin("an EndListText alone", "40 01 65 A6 01", INVALID, "EndListText without a StartListText at byte 3"),
  bin("a list never closed", "40 01 65 A4 86", INVALID, "list opened at byte 3 is not closed by an EndListText at byte 5"),
  bin("a list in a list", "40 01 65 A4 A4 A6 A6 01", INVALID, "StartListText record inside the list opened at byte 3 at byte 4"),
  bin(
    "an element in a list",
    "40 01 65 A4 40 01 61 01 A6 01",
    INVALID,
    "ShortElement record inside the list opened at byte 3 at byte 4 (a list holds text records only)",
  ),
  bin(
    "a WithEndElement record in a list",
    "40 01 65 A4 87 A6 01",
    INVALID,
    "TrueTextWithEndElement record inside the list opened at byte 3 at byte 4",
  ),
  bin(
    "an Array of text",
    "40 01 61 03 99 01 61 01",
    INVALID,
    "Array record at byte 3 does not start with an element record at byte 4 (found 0x99)",
  ),
  bin(
    "an Array without its EndElement",
    "40 01 61 03 40 01 76 8D 01 00 00 00 00 01",
    INVALID,
    "Array record at byte 3 needs an EndElement record after its element at byte 7 (found 0x8D)",
  ),
  bin(
    "an Array of Int32Text (not WithEndElement)",
    "40 01 61 03 40 01 76 01 8C 01 00 00 00 00 01",
    INVALID,
    "record type 0x8C is not one an Array record may hold at byte 8",
  ),
  bin(
    "an Array of Chars8",
    "40 01 61 03 40 01 76 01 99 01 00 01",
    INVALID,
    "record type 0x99 is not one an Array record may hold at byte 8",
  ),
  bin("an Array cut before its element", "03", INVALID, "truncated Array record at byte 0 (needs 1 bytes at byte 1, 0 remain)"),
];

// --- names and namespaces ----------------------------------------------------------------

const names: MalformedCase[] = [
  bin("an undeclared element prefix", "6D 01 74 01", INVALID, 'the prefix "p" is not declared at byte 0'),
  bin("an undeclared attribute prefix", inT("35 01 61 98 00 01"), INVALID, 'the prefix "p" is not declared at byte 3'),
  bin("an empty element name", "40 00 01", INVALID, "ShortElement record with an empty name at byte 1"),
  bin("an empty prefix in an Element record", "41 00 01 74 01", INVALID, "Element record with an empty prefix at byte 1"),
  bin("an empty attribute name", inT("04 00 98 00 01"), INVALID, "ShortAttribute record with an empty name at byte 4"),
  bin(
    "an element named xmlns",
    `40 05 ${ascii("xmlns")} 01`,
    INVALID,
    'ShortElement record with the name "xmlns" at byte 1 (namespace declarations have their own records)',
  ),
  bin(
    "an element prefixed xmlns",
    `41 05 ${ascii("xmlns")} 01 74 01`,
    INVALID,
    'Element record with the prefix "xmlns" at byte 1 (namespace declarations have their own records)',
  ),
  bin(
    "an attribute named xmlns",
    inT(`04 05 ${ascii("xmlns")} 98 00 01`),
    INVALID,
    'ShortAttribute record with the name "xmlns" at byte 4',
  ),
  bin(
    "an xmlns record declaring xmlns",
    inT(`09 05 ${ascii("xmlns")} 01 78 01`),
    INVALID,
    'XmlnsAttribute record with the prefix "xmlns" at byte 4',
  ),
  bin("a repeated attribute", inT("04 01 61 98 00 04 01 61 86 01"), INVALID, "an attribute is repeated at byte 8"),
  bin("a repeated declaration", inT("09 01 70 01 61 09 01 70 01 61 01"), INVALID, "an attribute is repeated at byte 8"),
  bin(
    "a prefix bound to the empty namespace",
    inT("09 01 70 00 01"),
    INVALID,
    'the prefix "p" cannot be bound to the empty namespace at byte 3',
  ),
  bin(
    "xml bound to another namespace",
    inT(`09 03 ${ascii("xml")} 03 ${ascii("urn")} 01`),
    INVALID,
    'the prefix "xml" cannot be bound to another namespace at byte 3',
  ),
  bin(
    "the xmlns namespace declared",
    inT(`08 1D ${ascii("http://www.w3.org/2000/xmlns/")} 01`),
    INVALID,
    "no prefix may be bound to the xmlns namespace at byte 3",
  ),
  bin("xmlns='' undeclares the default namespace (control)", "40 01 61 08 01 78 40 01 62 08 00 01 01", S_OK),
];

// --- text values outside their ranges --------------------------------------------------------

const values: MalformedCase[] = [
  bin(
    "decimal scale 29",
    inT("95 00 00 1D 00 00 00 00 00 00 00 00 00 00 00 00 00"),
    INVALID,
    "DecimalTextWithEndElement record at byte 3 has decimal scale 29 at byte 4 (the scale MUST be 0 to 28)",
  ),
  bin(
    "decimal sign 0x01",
    inT("95 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00"),
    INVALID,
    "has decimal sign 0x01 at byte 4 (the sign MUST be 0x00 or 0x80)",
  ),
  bin(
    "DateTime TZ 3",
    inT("97 00 00 00 00 00 00 00 C0"),
    INVALID,
    "DateTimeTextWithEndElement record at byte 3 has TZ 3 at byte 4 (TZ MUST be 0, 1 or 2)",
  ),
  bin(
    "DateTime past year 9999",
    inT("97 00 40 37 F4 75 28 CA 2B"),
    INVALID,
    "DateTimeTextWithEndElement record at byte 3 is past 9999-12-31T23:59:59.9999999 at byte 4",
  ),
  bin(
    "an Array DateTime with TZ 3",
    "40 01 61 03 40 01 76 01 97 01 00 00 00 00 00 00 00 C0 01",
    INVALID,
    "Array record at byte 3 has TZ 3 at byte 10 (TZ MUST be 0, 1 or 2)",
  ),
];

// --- invalid UTF-8, surrogates, control characters -----------------------------------------

/** Chars8TextWithEndElement holding `seq` (hex): the record at byte 3, its bytes at byte 5. */
const chars8 = (name: string, seq: string) =>
  bin(
    name,
    inT(`99 ${(seq.split(" ").length).toString(16)} ${seq}`),
    INVALID,
    "Chars8TextWithEndElement record at byte 3 holds malformed UTF-8 at byte 5",
  );
const UTF16 = "UnicodeChars8TextWithEndElement record at byte 3 holds malformed UTF-16 at byte 5";

const characters: MalformedCase[] = [
  chars8("overlong C0 80", "C0 80"),
  chars8("overlong C1 BF", "C1 BF"),
  chars8("overlong E0 80 AF", "E0 80 AF"),
  chars8("overlong F0 80 80 80", "F0 80 80 80"),
  chars8("lone continuation 80", "80"),
  chars8("lone continuation BF BF", "BF BF"),
  chars8("lead byte F5", "F5 80 80 80"),
  chars8("lead byte F8", "F8 88 80 80 80"),
  chars8("lead byte FF", "FF"),
  chars8("U+110000 as F4 90 80 80", "F4 90 80 80"),
  chars8("C3 cut short", "C3"),
  chars8("E2 82 cut short", "E2 82"),
  chars8("F0 9F 98 then ASCII", "F0 9F 98 41"),
  chars8("UTF-8 surrogate ED A0 80", "ED A0 80"),
  chars8("UTF-8 surrogate ED BF BF", "ED BF BF"),
  chars8("CESU-8 pair ED A0 BD ED B8 80", "ED A0 BD ED B8 80"),
  bin("malformed UTF-8 in an element name", "40 02 C3 28 01", INVALID, "ShortElement record at byte 0 holds malformed UTF-8 at byte 2"),
  bin("malformed UTF-8 in a prefix", "41 01 FF 01 74 01", INVALID, "Element record at byte 0 holds malformed UTF-8 at byte 2"),
  bin(
    "malformed UTF-8 in an attribute value",
    inT("04 01 61 98 01 80 01"),
    INVALID,
    "Chars8Text record at byte 6 holds malformed UTF-8 at byte 8",
  ),
  bin(
    "malformed UTF-8 in a namespace",
    inT("08 02 ED A0 01"),
    INVALID,
    "ShortXmlnsAttribute record at byte 3 holds malformed UTF-8 at byte 5",
  ),
  bin("malformed UTF-8 in a comment", "02 02 C0 80 40 01 61 01", INVALID, "Comment record at byte 0 holds malformed UTF-8 at byte 2"),
  bin("an unpaired high surrogate in UnicodeChars8", inT("B7 02 00 D8"), INVALID, UTF16),
  bin("an unpaired low surrogate in UnicodeChars8", inT("B7 02 00 DC"), INVALID, UTF16),
  bin("a surrogate pair in the wrong order", inT("B7 04 00 DE 3D D8"), INVALID, UTF16),
  bin("a high surrogate then a letter", inT("B7 04 3D D8 41 00"), INVALID, UTF16),
  bin("a surrogate pair in UnicodeChars8 (control)", inT("B7 04 3D D8 00 DE"), S_OK),
  // [MC-NBFX] text records carry characters, not markup: the binary reader takes C0 controls and
  // U+FFFE as they are (binary-node-source.ts; [MC-NBFX] 2.2.3.13.1 allows any character), so
  // these are controls that pin that decision.
  bin("U+0000 and U+0001 in Chars8 (control)", inT("99 02 00 01"), S_OK),
  bin("U+FFFE in Chars8 (control)", inT("99 03 EF BF BE"), S_OK),
];

// --- quotas at their boundaries (the floods are in generators.ts) ------------------------------

const nested = (depth: number) => `${"40 01 61 ".repeat(depth)}${"01 ".repeat(depth)}`;
/** `levels` nested ShortElements "e", 9 bytes each with their XmlnsAttribute: level i declares the letter (i mod 26) as "u" + a capital. */
const declarationsPerLevel = (levels: number) =>
  Array.from(
    { length: levels },
    (_, i) => `40 01 65 09 01 ${(0x61 + (i % 26)).toString(16)} 02 75 ${(0x41 + Math.floor(i / 26)).toString(16)}`,
  ).join(" ") + " 01".repeat(levels);

const quotas: MalformedCase[] = [
  bin("depth 32 (control)", nested(32), S_OK),
  bin("depth 33", nested(33), QUOTA, "binary XML: the element nesting goes deeper than 32 at byte 96 (WS_XML_READER_PROPERTY_MAX_DEPTH)"),
  {
    ...bin("depth 3 with MAX_DEPTH 2", nested(3), QUOTA, "deeper than 2 at byte 6"),
    properties: [property(WS_XML_READER_PROPERTY_MAX_DEPTH, 2)],
  },
  {
    ...bin(
      "33 declarations over 33 levels under MAX_DEPTH 40",
      declarationsPerLevel(33),
      QUOTA,
      "more than 32 namespace declarations in scope at byte 291 (WS_XML_READER_PROPERTY_MAX_NAMESPACES)",
    ),
    properties: [property(WS_XML_READER_PROPERTY_MAX_DEPTH, 40)],
  },
  { ...bin("32 declarations over 32 levels (control)", declarationsPerLevel(32), S_OK) },
  {
    ...bin(
      "2 declarations with MAX_NAMESPACES 1",
      inT("09 01 70 01 78 09 01 71 01 79 01"),
      QUOTA,
      "more than 1 namespace declarations in scope at byte 8",
    ),
    properties: [property(WS_XML_READER_PROPERTY_MAX_NAMESPACES, 1)],
  },
];

export const binaryCases: readonly MalformedCase[] = [
  ...unknownRecords,
  ...lengths,
  ...dictionaries,
  ...structure,
  ...names,
  ...values,
  ...characters,
  ...quotas,
];
