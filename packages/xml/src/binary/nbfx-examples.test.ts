import { describe, expect, it } from "vitest";
import { readRecords } from "./read-records.js";
import { recordTypeInfo, textTypeInfo } from "./record-types.js";
import type {
  ArrayItems,
  AttributeRecord,
  AttributeValue,
  DecodedRecord,
  DictionaryString,
  ElementRecord,
  NameString,
  NbfxRecord,
  TextRecord,
  TextValue,
  XmlnsRecord,
} from "./records.js";
import { decimalToString, uuidToString } from "./value-formats.js";
import { writeRecords } from "./write-records.js";

/*
 * The examples of [MC-NBFX]: every row of the table in section 3 (Structure Examples) and the
 * examples given with the definitions in section 2. Each is decoded to the records written here by
 * hand, rendered to the XML the document says the bytes stand for, and encoded back to the same
 * bytes.
 *
 * [MC-NBFX] alone does not say what dictionary ids mean (its section 1.7); the document prints id N
 * as "strN", and so does the renderer below, with the reader's `dictionary: "none"`. The XML is the
 * document's, with the blanks its table layout inserted taken out.
 */

// --- builders ------------------------------------------------------------------------------

const hex = (text: string) => Uint8Array.from(text.trim().split(/\s+/), (b) => Number.parseInt(b, 16));
const str = (id: number): DictionaryString => ({ dictionaryId: id });
const el = (name: NameString, prefix = ""): ElementRecord => ({ kind: "element", prefix, name });
const attr = (prefix: string, name: NameString, value: AttributeValue): AttributeRecord => ({ kind: "attribute", prefix, name, value });
const xmlns = (prefix: string, namespace: NameString): XmlnsRecord => ({ kind: "xmlns", prefix, namespace });
const txt = (value: TextValue, withEndElement = false): TextRecord => ({ kind: "text", ...value, withEndElement }) as TextRecord;
const end: NbfxRecord = { kind: "endElement" };
const abc = xmlns("pre", "http://abc");
const bytes0to7 = hex("00 01 02 03 04 05 06 07");
const uuid00ff = hex("00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
const uuid000f = hex("00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F");

function strip(records: readonly DecodedRecord[]): NbfxRecord[] {
  return records.map(({ offset: _offset, recordType: _recordType, ...record }) => record as NbfxRecord);
}

// --- XML rendering, following the character rules of [MC-NBFX] 2.2 ---------------------------

const nameText = (name: NameString) => (typeof name === "string" ? name : (name.text ?? `str${name.dictionaryId}`));
const qualified = (prefix: string, name: NameString) => (prefix === "" ? nameText(name) : `${prefix}:${nameText(name)}`);
const escapeContent = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** Shortest decimal digits that read back as the same float32 (2.2.3.9). */
function floatText(value: number): string {
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision));
    if (Math.fround(candidate) === value) return String(candidate);
  }
  return String(value);
}

const TICKS_PER_SECOND = 10_000_000n;
const UNIX_EPOCH_TICKS = 621355968000000000n;

function dateTimeText(ticks: bigint, kind: string): string {
  const seconds = (ticks - UNIX_EPOCH_TICKS) / TICKS_PER_SECOND;
  const fraction = (ticks - UNIX_EPOCH_TICKS) % TICKS_PER_SECOND;
  const text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = fraction === 0n ? "" : `.${fraction.toString().padStart(7, "0").replace(/0+$/, "")}`;
  return text + digits + (kind === "utc" ? "Z" : "");
}

/** TimeSpan as xs:duration, which is what the examples of section 3 show (see the report on 2.2.3.23). */
function durationText(ticks: bigint): string {
  const sign = ticks < 0n ? "-" : "";
  let rest = ticks < 0n ? -ticks : ticks;
  const fraction = rest % TICKS_PER_SECOND;
  rest /= TICKS_PER_SECOND;
  const [d, h, m, s] = [rest / 86400n, (rest / 3600n) % 24n, (rest / 60n) % 60n, rest % 60n];
  const secondsText = fraction === 0n ? `${s}` : `${s}.${fraction.toString().padStart(7, "0").replace(/0+$/, "")}`;
  const time = (h ? `${h}H` : "") + (m ? `${m}M` : "") + (s || fraction ? `${secondsText}S` : "");
  return `${sign}P${d ? `${d}D` : ""}${time ? `T${time}` : ""}`;
}

function valueText(value: TextValue): string {
  switch (value.textType) {
    case "zero":
      return "0";
    case "one":
      return "1";
    case "false":
      return "false";
    case "true":
      return "true";
    case "empty":
    case "startList":
    case "endList":
      return "";
    case "int8":
    case "int16":
    case "int32":
    case "int64":
    case "uint64":
      return String(value.value);
    case "float":
      return floatText(value.value);
    case "double":
      return String(value.value);
    case "decimal":
      return decimalToString(value.value);
    case "dateTime":
      return dateTimeText(value.value.ticks, value.value.kind);
    case "timeSpan":
      return durationText(value.value);
    case "chars8":
    case "chars16":
    case "chars32":
    case "unicodeChars8":
    case "unicodeChars16":
    case "unicodeChars32":
      return value.value;
    case "bytes8":
    case "bytes16":
    case "bytes32":
      return Buffer.from(value.value).toString("base64");
    case "dictionary":
      return nameText(value.value);
    case "uniqueId":
      return `urn:uuid:${uuidToString(value.value)}`;
    case "uuid":
      return uuidToString(value.value);
    case "bool":
      return String(value.value);
    case "qnameDictionary":
      return `${value.value.prefix}:${nameText(value.value.name)}`;
  }
}

function attributeValueText(value: AttributeValue): string {
  return "list" in value ? value.list.map(valueText).join(" ") : valueText(value);
}

function arrayValueTexts(items: ArrayItems): string[] {
  switch (items.itemType) {
    case "bool":
    case "int16":
    case "int32":
    case "int64":
    case "double":
      return items.values.map(String);
    case "float":
      return items.values.map(floatText);
    case "timeSpan":
      return items.values.map(durationText);
    case "decimal":
      return items.values.map(decimalToString);
    case "uuid":
      return items.values.map(uuidToString);
    case "dateTime":
      return items.values.map((v) => dateTimeText(v.ticks, v.kind));
  }
}

/** The characters a record sequence stands for ([MC-NBFX] 2: the concatenation of each record's characters). */
function toXml(records: readonly NbfxRecord[]): string {
  let xml = "";
  let startTagOpen = false;
  let inList = false;
  let listFirst = true;
  const open: string[] = [];
  const closeStartTag = () => {
    if (startTagOpen) xml += ">";
    startTagOpen = false;
  };
  const attributesText = (attributes: readonly NbfxRecord[]) =>
    attributes
      .map((a) =>
        a.kind === "xmlns"
          ? ` ${a.prefix === "" ? "xmlns" : `xmlns:${a.prefix}`}="${escapeAttribute(nameText(a.namespace))}"`
          : a.kind === "attribute"
            ? ` ${qualified(a.prefix, a.name)}="${escapeAttribute(attributeValueText(a.value))}"`
            : "",
      )
      .join("");
  for (const record of records) {
    switch (record.kind) {
      case "element":
        closeStartTag();
        xml += `<${qualified(record.prefix, record.name)}`;
        open.push(qualified(record.prefix, record.name));
        startTagOpen = true;
        break;
      case "attribute":
      case "xmlns":
        xml += attributesText([record]);
        break;
      case "text":
        closeStartTag();
        if (record.textType === "startList") {
          inList = true;
          listFirst = true;
        } else if (record.textType === "endList") {
          inList = false;
        } else {
          if (inList && !listFirst) xml += " ";
          listFirst = false;
          xml += escapeContent(valueText(record));
        }
        if (record.withEndElement) xml += `</${open.pop()}>`;
        break;
      case "endElement":
        closeStartTag();
        xml += `</${open.pop()}>`;
        break;
      case "comment":
        closeStartTag();
        xml += `<!--${record.text}-->`;
        break;
      case "array": {
        closeStartTag();
        const name = qualified(record.element.prefix, record.element.name);
        for (const value of arrayValueTexts(record.items)) xml += `<${name}${attributesText(record.attributes)}>${value}</${name}>`;
        break;
      }
    }
  }
  closeStartTag();
  return xml;
}

/** The record type bytes used anywhere in a decoded sequence, including inside attribute values and arrays. */
function typesUsed(records: readonly DecodedRecord[]): Set<number> {
  const types = new Set<number>();
  const addValue = (value: AttributeValue) => {
    if ("list" in value) {
      types.add(0xa4).add(0xa6);
      for (const item of value.list) types.add(textTypeInfo(item.textType)!.recordType);
    } else {
      types.add(textTypeInfo(value.textType)!.recordType);
    }
  };
  for (const record of records) {
    types.add(record.recordType);
    if (record.kind === "attribute") addValue(record.value);
    if (record.kind === "array") {
      for (const a of record.attributes) if (a.kind === "attribute") addValue(a.value);
      types.add(
        {
          bool: 0xb5,
          int16: 0x8b,
          int32: 0x8d,
          int64: 0x8f,
          float: 0x91,
          double: 0x93,
          decimal: 0x95,
          dateTime: 0x97,
          timeSpan: 0xaf,
          uuid: 0xb1,
        }[record.items.itemType],
      );
    }
  }
  return types;
}

// --- the examples --------------------------------------------------------------------------

interface Example {
  /** The record the row illustrates, and its record type byte (the document's "Type" column). */
  readonly record: string;
  readonly type: number;
  readonly bytes: string;
  readonly xml: string;
  readonly records: readonly NbfxRecord[];
}

const doc = el("doc");
const attrA = (value: AttributeValue) => [doc, attr("", "a", value), end];
const strAttr = (id: number, value: TextValue) => [doc, attr("", str(id), value), end];

/** Every row of the table in [MC-NBFX] section 3, in the document's order. */
const SECTION_3: readonly Example[] = [
  { record: "EndElement", type: 0x01, bytes: "40 03 64 6F 63 01", xml: "<doc></doc>", records: [doc, end] },
  {
    record: "Comment",
    type: 0x02,
    bytes: "02 07 63 6F 6D 6D 65 6E 74",
    xml: "<!--comment-->",
    records: [{ kind: "comment", text: "comment" }],
  },
  {
    record: "Array",
    type: 0x03,
    bytes: "03 40 03 61 72 72 01 8B 03 33 33 88 88 DD DD",
    xml: "<arr>13107</arr><arr>-30584</arr><arr>-8739</arr>",
    records: [{ kind: "array", element: el("arr"), attributes: [], items: { itemType: "int16", values: [13107, -30584, -8739] } }],
  },
  {
    record: "ShortAttribute",
    type: 0x04,
    bytes: "40 03 64 6F 63 04 04 61 74 74 72 84 01",
    xml: '<doc attr="false"></doc>',
    records: [doc, attr("", "attr", { textType: "false" }), end],
  },
  {
    record: "Attribute",
    type: 0x05,
    bytes: "40 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 05 03 70 72 65 04 61 74 74 72 84 01",
    xml: '<doc xmlns:pre="http://abc" pre:attr="false"></doc>',
    records: [doc, abc, attr("pre", "attr", { textType: "false" }), end],
  },
  {
    record: "ShortDictionaryAttribute",
    type: 0x06,
    bytes: "40 03 64 6F 63 06 08 86 01",
    xml: '<doc str8="true"></doc>',
    records: strAttr(8, { textType: "true" }),
  },
  {
    record: "DictionaryAttribute",
    type: 0x07,
    bytes: "40 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 07 03 70 72 65 00 86 01",
    xml: '<doc xmlns:pre="http://abc" pre:str0="true"></doc>',
    records: [doc, abc, attr("pre", str(0), { textType: "true" }), end],
  },
  {
    record: "ShortXmlnsAttribute",
    type: 0x08,
    bytes: "40 03 64 6F 63 08 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<doc xmlns="http://abc"></doc>',
    records: [doc, xmlns("", "http://abc"), end],
  },
  {
    record: "XmlnsAttribute",
    type: 0x09,
    bytes: "40 03 64 6F 63 09 01 70 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<doc xmlns:p="http://abc"></doc>',
    records: [doc, xmlns("p", "http://abc"), end],
  },
  {
    record: "ShortDictionaryXmlnsAttribute",
    type: 0x0a,
    bytes: "40 03 64 6F 63 0A 04 01",
    xml: '<doc xmlns="str4"></doc>',
    records: [doc, xmlns("", str(4)), end],
  },
  {
    record: "DictionaryXmlnsAttribute",
    type: 0x0b,
    bytes: "40 03 64 6F 63 0B 01 70 04 01",
    xml: '<doc xmlns:p="str4"></doc>',
    records: [doc, xmlns("p", str(4)), end],
  },
  {
    record: "PrefixDictionaryAttributeF",
    type: 0x11,
    bytes: "40 03 64 6F 63 09 01 66 0A 68 74 74 70 3A 2F 2F 61 62 63 11 0B 98 05 68 65 6C 6C 6F 01",
    xml: '<doc xmlns:f="http://abc" f:str11="hello"></doc>',
    records: [doc, xmlns("f", "http://abc"), attr("f", str(11), { textType: "chars8", value: "hello" }), end],
  },
  {
    record: "PrefixDictionaryAttributeX",
    type: 0x23,
    bytes: "40 03 64 6F 63 09 01 78 0A 68 74 74 70 3A 2F 2F 61 62 63 23 15 98 05 77 6F 72 6C 64 01",
    xml: '<doc xmlns:x="http://abc" x:str21="world"></doc>',
    records: [doc, xmlns("x", "http://abc"), attr("x", str(21), { textType: "chars8", value: "world" }), end],
  },
  {
    record: "PrefixAttributeK",
    type: 0x30,
    bytes: "40 03 64 6F 63 09 01 6B 0A 68 74 74 70 3A 2F 2F 61 62 63 30 04 61 74 74 72 86 01",
    xml: '<doc xmlns:k="http://abc" k:attr="true"></doc>',
    records: [doc, xmlns("k", "http://abc"), attr("k", "attr", { textType: "true" }), end],
  },
  {
    record: "PrefixAttributeZ",
    type: 0x3f,
    bytes: "40 03 64 6F 63 09 01 7A 0A 68 74 74 70 3A 2F 2F 61 62 63 3F 03 61 62 63 98 03 78 79 7A 01",
    xml: '<doc xmlns:z="http://abc" z:abc="xyz"></doc>',
    records: [doc, xmlns("z", "http://abc"), attr("z", "abc", { textType: "chars8", value: "xyz" }), end],
  },
  { record: "ShortElement", type: 0x40, bytes: "40 03 64 6F 63 01", xml: "<doc></doc>", records: [doc, end] },
  {
    record: "Element",
    type: 0x41,
    bytes: "41 03 70 72 65 03 64 6F 63 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<pre:doc xmlns:pre="http://abc"></pre:doc>',
    records: [el("doc", "pre"), abc, end],
  },
  { record: "ShortDictionaryElement", type: 0x42, bytes: "42 0E 01", xml: "<str14></str14>", records: [el(str(14)), end] },
  {
    record: "DictionaryElement",
    type: 0x43,
    bytes: "43 03 70 72 65 0E 09 03 70 72 65 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<pre:str14 xmlns:pre="http://abc"></pre:str14>',
    records: [el(str(14), "pre"), abc, end],
  },
  {
    record: "PrefixDictionaryElementA",
    type: 0x44,
    bytes: "44 0A 09 01 61 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<a:str10 xmlns:a="http://abc"></a:str10>',
    records: [el(str(10), "a"), xmlns("a", "http://abc"), end],
  },
  {
    record: "PrefixDictionaryElementS",
    type: 0x56,
    bytes: "56 26 09 01 73 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<s:str38 xmlns:s="http://abc"></s:str38>',
    records: [el(str(38), "s"), xmlns("s", "http://abc"), end],
  },
  {
    record: "PrefixElementA",
    type: 0x5e,
    bytes: "5E 05 68 65 6C 6C 6F 09 01 61 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<a:hello xmlns:a="http://abc"></a:hello>',
    records: [el("hello", "a"), xmlns("a", "http://abc"), end],
  },
  {
    record: "PrefixElementS",
    type: 0x70,
    bytes: "70 09 4D 79 4D 65 73 73 61 67 65 09 01 73 0A 68 74 74 70 3A 2F 2F 61 62 63 01",
    xml: '<s:MyMessage xmlns:s="http://abc"></s:MyMessage>',
    records: [el("MyMessage", "s"), xmlns("s", "http://abc"), end],
  },
  {
    record: "ZeroText",
    type: 0x80,
    bytes: "40 03 64 6F 63 06 A0 03 80 01",
    xml: '<doc str416="0"></doc>',
    records: strAttr(416, { textType: "zero" }),
  },
  {
    record: "ZeroTextWithEndElement",
    type: 0x81,
    bytes: "40 03 61 62 63 81",
    xml: "<abc>0</abc>",
    records: [el("abc"), txt({ textType: "zero" }, true)],
  },
  {
    record: "OneText",
    type: 0x82,
    bytes: "40 03 64 6F 63 06 00 82 01",
    xml: '<doc str0="1"></doc>',
    records: strAttr(0, { textType: "one" }),
  },
  {
    record: "OneTextWithEndElement",
    type: 0x83,
    bytes: "40 03 61 62 63 83",
    xml: "<abc>1</abc>",
    records: [el("abc"), txt({ textType: "one" }, true)],
  },
  {
    record: "FalseText",
    type: 0x84,
    bytes: "40 03 64 6F 63 06 00 84 01",
    xml: '<doc str0="false"></doc>',
    records: strAttr(0, { textType: "false" }),
  },
  {
    record: "FalseTextWithEndElement",
    type: 0x85,
    bytes: "40 03 61 62 63 85",
    xml: "<abc>false</abc>",
    records: [el("abc"), txt({ textType: "false" }, true)],
  },
  {
    record: "TrueText",
    type: 0x86,
    bytes: "40 03 64 6F 63 06 00 86 01",
    xml: '<doc str0="true"></doc>',
    records: strAttr(0, { textType: "true" }),
  },
  {
    record: "TrueTextWithEndElement",
    type: 0x87,
    bytes: "40 03 61 62 63 87",
    xml: "<abc>true</abc>",
    records: [el("abc"), txt({ textType: "true" }, true)],
  },
  {
    record: "Int8Text",
    type: 0x88,
    bytes: "40 03 64 6F 63 06 EC 01 88 DE 01",
    xml: '<doc str236="-34"></doc>',
    records: strAttr(236, { textType: "int8", value: -34 }),
  },
  {
    record: "Int8TextWithEndElement",
    type: 0x89,
    bytes: "42 9A 01 89 7F",
    xml: "<str154>127</str154>",
    records: [el(str(154)), txt({ textType: "int8", value: 127 }, true)],
  },
  {
    record: "Int16Text",
    type: 0x8a,
    bytes: "40 03 64 6F 63 06 EC 01 8A 00 80 01",
    xml: '<doc str236="-32768"></doc>',
    records: strAttr(236, { textType: "int16", value: -32768 }),
  },
  {
    record: "Int16TextWithEndElement",
    type: 0x8b,
    bytes: "42 9A 01 8B FF 7F",
    xml: "<str154>32767</str154>",
    records: [el(str(154)), txt({ textType: "int16", value: 32767 }, true)],
  },
  {
    record: "Int32Text",
    type: 0x8c,
    bytes: "40 03 64 6F 63 06 EC 01 8C 15 CD 5B 07 01",
    xml: '<doc str236="123456789"></doc>',
    records: strAttr(236, { textType: "int32", value: 123456789 }),
  },
  {
    record: "Int32TextWithEndElement",
    type: 0x8d,
    bytes: "42 9A 01 8D FF FF FF 7F",
    xml: "<str154>2147483647</str154>",
    records: [el(str(154)), txt({ textType: "int32", value: 2147483647 }, true)],
  },
  {
    record: "Int64Text",
    type: 0x8e,
    bytes: "40 03 64 6F 63 06 EC 01 8E 00 00 00 80 00 00 00 00 01",
    xml: '<doc str236="2147483648"></doc>',
    records: strAttr(236, { textType: "int64", value: 2147483648n }),
  },
  {
    record: "Int64TextWithEndElement",
    type: 0x8f,
    bytes: "42 9A 01 8F 00 00 00 00 00 01 00 00",
    xml: "<str154>1099511627776</str154>",
    records: [el(str(154)), txt({ textType: "int64", value: 1099511627776n }, true)],
  },
  {
    record: "FloatText",
    type: 0x90,
    bytes: "40 03 64 6F 63 04 01 61 90 CD CC 8C 3F 01",
    xml: '<doc a="1.1"></doc>',
    records: attrA({ textType: "float", value: Math.fround(1.1) }),
  },
  {
    record: "FloatTextWithEndElement",
    type: 0x91,
    bytes: "40 05 50 72 69 63 65 91 CD CC 01 42",
    xml: "<Price>32.45</Price>",
    records: [el("Price"), txt({ textType: "float", value: Math.fround(32.45) }, true)],
  },
  {
    // 0x4005BF0A8B145774 is 2.71828182845905 (not Math.E, which is ...769).
    record: "DoubleText",
    type: 0x92,
    bytes: "40 03 64 6F 63 04 01 61 92 74 57 14 8B 0A BF 05 40 01",
    xml: '<doc a="2.71828182845905"></doc>',
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the document's value, which is not the constant (it differs in the last bits).
    records: attrA({ textType: "double", value: 2.71828182845905 }),
  },
  {
    record: "DoubleTextWithEndElement",
    type: 0x93,
    bytes: "40 02 50 49 93 11 2D 44 54 FB 21 09 40",
    xml: "<PI>3.14159265358979</PI>",
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the document's value, which is not the constant (it differs in the last bits).
    records: [el("PI"), txt({ textType: "double", value: 3.14159265358979 }, true)],
  },
  {
    record: "DecimalText",
    type: 0x94,
    bytes: "40 03 64 6F 63 04 03 69 6E 74 94 00 00 06 00 00 00 00 00 80 2D 4E 00 00 00 00 00 01",
    xml: '<doc int="5.123456"></doc>',
    records: [doc, attr("", "int", { textType: "decimal", value: hex("00 00 06 00 00 00 00 00 80 2D 4E 00 00 00 00 00") }), end],
  },
  {
    record: "DecimalTextWithEndElement",
    type: 0x95,
    bytes: "40 08 4D 61 78 56 61 6C 75 65 95 00 00 00 00 FF FF FF FF FF FF FF FF FF FF FF FF",
    xml: "<MaxValue>79228162514264337593543950335</MaxValue>",
    records: [el("MaxValue"), txt({ textType: "decimal", value: hex("00 00 00 00 FF FF FF FF FF FF FF FF FF FF FF FF") }, true)],
  },
  {
    record: "DateTimeText",
    type: 0x96,
    bytes: "40 03 64 6F 63 06 6E 96 FF 3F 37 F4 75 28 CA 2B 01",
    xml: '<doc str110="9999-12-31T23:59:59.9999999"></doc>',
    records: strAttr(110, { textType: "dateTime", value: { ticks: 3155378975999999999n, kind: "unspecified" } }),
  },
  {
    record: "DateTimeTextWithEndElement",
    type: 0x97,
    bytes: "42 6C 97 00 40 8E F9 5B 47 C8 08",
    xml: "<str108>2006-05-17T00:00:00</str108>",
    records: [el(str(108)), txt({ textType: "dateTime", value: { ticks: 0x08c8475bf98e4000n, kind: "unspecified" } }, true)],
  },
  {
    record: "Chars8Text",
    type: 0x98,
    bytes: "40 03 64 6F 63 98 05 68 65 6C 6C 6F 01",
    xml: "<doc>hello</doc>",
    records: [doc, txt({ textType: "chars8", value: "hello" }), end],
  },
  {
    record: "Chars8TextWithEndElement",
    type: 0x99,
    bytes: "40 01 61 99 05 68 65 6C 6C 6F",
    xml: "<a>hello</a>",
    records: [el("a"), txt({ textType: "chars8", value: "hello" }, true)],
  },
  {
    record: "Chars16Text",
    type: 0x9a,
    bytes: "40 03 64 6F 63 9A 05 00 68 65 6C 6C 6F 01",
    xml: "<doc>hello</doc>",
    records: [doc, txt({ textType: "chars16", value: "hello" }), end],
  },
  {
    record: "Chars16TextWithEndElement",
    type: 0x9b,
    bytes: "40 01 61 9B 05 00 68 65 6C 6C 6F",
    xml: "<a>hello</a>",
    records: [el("a"), txt({ textType: "chars16", value: "hello" }, true)],
  },
  {
    record: "Chars32Text",
    type: 0x9c,
    bytes: "40 03 64 6F 63 9C 05 00 00 00 68 65 6C 6C 6F 01",
    xml: "<doc>hello</doc>",
    records: [doc, txt({ textType: "chars32", value: "hello" }), end],
  },
  {
    record: "Chars32TextWithEndElement",
    type: 0x9d,
    bytes: "40 01 61 9D 05 00 00 00 68 65 6C 6C 6F",
    xml: "<a>hello</a>",
    records: [el("a"), txt({ textType: "chars32", value: "hello" }, true)],
  },
  {
    record: "Bytes8Text",
    type: 0x9e,
    bytes: "40 03 64 6F 63 9E 08 00 01 02 03 04 05 06 07 01",
    xml: "<doc>AAECAwQFBgc=</doc>",
    records: [doc, txt({ textType: "bytes8", value: bytes0to7 }), end],
  },
  {
    record: "Bytes8TextWithEndElement",
    type: 0x9f,
    bytes: "40 06 42 61 73 65 36 34 9F 08 00 01 02 03 04 05 06 07",
    xml: "<Base64>AAECAwQFBgc=</Base64>",
    records: [el("Base64"), txt({ textType: "bytes8", value: bytes0to7 }, true)],
  },
  {
    record: "Bytes16Text",
    type: 0xa0,
    bytes: "40 03 64 6F 63 A0 08 00 00 01 02 03 04 05 06 07 01",
    xml: "<doc>AAECAwQFBgc=</doc>",
    records: [doc, txt({ textType: "bytes16", value: bytes0to7 }), end],
  },
  {
    record: "Bytes16TextWithEndElement",
    type: 0xa1,
    bytes: "40 06 42 61 73 65 36 34 A1 08 00 00 01 02 03 04 05 06 07",
    xml: "<Base64>AAECAwQFBgc=</Base64>",
    records: [el("Base64"), txt({ textType: "bytes16", value: bytes0to7 }, true)],
  },
  {
    record: "Bytes32Text",
    type: 0xa2,
    bytes: "40 03 64 6F 63 A2 08 00 00 00 00 01 02 03 04 05 06 07 01",
    xml: "<doc>AAECAwQFBgc=</doc>",
    records: [doc, txt({ textType: "bytes32", value: bytes0to7 }), end],
  },
  {
    record: "Bytes32TextWithEndElement",
    type: 0xa3,
    bytes: "40 06 42 61 73 65 36 34 A3 08 00 00 00 00 01 02 03 04 05 06 07",
    xml: "<Base64>AAECAwQFBgc=</Base64>",
    records: [el("Base64"), txt({ textType: "bytes32", value: bytes0to7 }, true)],
  },
  {
    record: "StartListText",
    type: 0xa4,
    bytes: "40 03 64 6F 63 04 01 61 A4 88 7B 98 05 68 65 6C 6C 6F 86 A6 01",
    xml: '<doc a="123 hello true"></doc>',
    records: attrA({
      list: [{ textType: "int8", value: 123 }, { textType: "chars8", value: "hello" }, { textType: "true" }],
    }),
  },
  {
    record: "EndListText",
    type: 0xa6,
    bytes: "40 03 64 6F 63 04 01 61 A4 88 7B 98 05 68 65 6C 6C 6F 86 A6 01",
    xml: '<doc a="123 hello true"></doc>',
    records: attrA({
      list: [{ textType: "int8", value: 123 }, { textType: "chars8", value: "hello" }, { textType: "true" }],
    }),
  },
  {
    record: "EmptyText",
    type: 0xa8,
    bytes: "40 03 64 6F 63 04 01 61 A8 01",
    xml: '<doc a=""></doc>',
    records: attrA({ textType: "empty" }),
  },
  {
    record: "EmptyTextWithEndElement",
    type: 0xa9,
    bytes: "40 03 64 6F 63 A9",
    xml: "<doc></doc>",
    records: [doc, txt({ textType: "empty" }, true)],
  },
  {
    record: "DictionaryText",
    type: 0xaa,
    bytes: "40 03 64 6F 63 04 02 6E 73 AA 38 01",
    xml: '<doc ns="str56"></doc>',
    records: [doc, attr("", "ns", { textType: "dictionary", value: str(56) }), end],
  },
  {
    record: "DictionaryTextWithEndElement",
    type: 0xab,
    bytes: "40 04 54 79 70 65 AB C4 01",
    xml: "<Type>str196</Type>",
    records: [el("Type"), txt({ textType: "dictionary", value: str(196) }, true)],
  },
  {
    record: "UniqueIdText",
    type: 0xac,
    bytes: "40 03 64 6F 63 AC 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 01",
    xml: "<doc>urn:uuid:33221100-5544-7766-8899-aabbccddeeff</doc>",
    records: [doc, txt({ textType: "uniqueId", value: uuid00ff }), end],
  },
  {
    record: "UniqueIdTextWithEndElement",
    type: 0xad,
    bytes: "42 1A AD 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF",
    xml: "<str26>urn:uuid:33221100-5544-7766-8899-aabbccddeeff</str26>",
    records: [el(str(26)), txt({ textType: "uniqueId", value: uuid00ff }, true)],
  },
  {
    record: "TimeSpanText",
    type: 0xae,
    bytes: "40 03 64 6F 63 AE 00 C4 F5 32 FF FF FF FF 01",
    xml: "<doc>-PT5M44S</doc>",
    records: [doc, txt({ textType: "timeSpan", value: -3_440_000_000n }), end],
  },
  {
    record: "TimeSpanTextWithEndElement",
    type: 0xaf,
    bytes: "42 94 07 AF 00 B0 8E F0 1B 00 00 00",
    xml: "<str916>PT3H20M</str916>",
    records: [el(str(916)), txt({ textType: "timeSpan", value: 120_000_000_000n }, true)],
  },
  {
    record: "UuidText",
    type: 0xb0,
    bytes: "40 03 64 6F 63 B0 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 01",
    xml: "<doc>03020100-0504-0706-0809-0a0b0c0d0e0f</doc>",
    records: [doc, txt({ textType: "uuid", value: uuid000f }), end],
  },
  {
    record: "UuidTextWithEndElement",
    type: 0xb1,
    bytes: "40 02 49 44 B1 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F",
    xml: "<ID>03020100-0504-0706-0809-0a0b0c0d0e0f</ID>",
    records: [el("ID"), txt({ textType: "uuid", value: uuid000f }, true)],
  },
  {
    record: "UInt64Text",
    type: 0xb2,
    bytes: "40 03 64 6F 63 B2 FF FF FF FF FF FF FF FF 01",
    xml: "<doc>18446744073709551615</doc>",
    records: [doc, txt({ textType: "uint64", value: 18446744073709551615n }), end],
  },
  {
    record: "UInt64TextWithEndElement",
    type: 0xb3,
    bytes: "42 9A 01 B3 FE FF FF FF FF FF FF FF",
    xml: "<str154>18446744073709551614</str154>",
    records: [el(str(154)), txt({ textType: "uint64", value: 18446744073709551614n }, true)],
  },
  {
    record: "BoolText",
    type: 0xb4,
    bytes: "40 03 64 6F 63 B4 01 01",
    xml: "<doc>true</doc>",
    records: [doc, txt({ textType: "bool", value: true }), end],
  },
  {
    record: "BoolTextWithEndElement",
    type: 0xb5,
    bytes: "03 40 03 61 72 72 01 B5 05 01 00 01 00 01",
    xml: "<arr>true</arr><arr>false</arr><arr>true</arr><arr>false</arr><arr>true</arr>",
    records: [{ kind: "array", element: el("arr"), attributes: [], items: { itemType: "bool", values: [true, false, true, false, true] } }],
  },
  {
    record: "UnicodeChars8Text",
    type: 0xb6,
    bytes: "40 03 64 6F 63 04 01 75 B6 06 75 00 6E 00 69 00 01",
    xml: '<doc u="uni"></doc>',
    records: [doc, attr("", "u", { textType: "unicodeChars8", value: "uni" }), end],
  },
  {
    record: "UnicodeChars8TextWithEndElement",
    type: 0xb7,
    bytes: "40 01 55 B7 06 75 00 6E 00 69 00",
    xml: "<U>uni</U>",
    records: [el("U"), txt({ textType: "unicodeChars8", value: "uni" }, true)],
  },
  {
    record: "UnicodeChars16Text",
    type: 0xb8,
    bytes: "40 03 64 6F 63 04 03 75 31 36 B8 08 00 75 00 6E 00 69 00 32 00 01",
    xml: '<doc u16="uni2"></doc>',
    records: [doc, attr("", "u16", { textType: "unicodeChars16", value: "uni2" }), end],
  },
  {
    record: "UnicodeChars16TextWithEndElement",
    type: 0xb9,
    bytes: "40 03 55 31 36 B9 08 00 75 00 6E 00 69 00 32 00",
    xml: "<U16>uni2</U16>",
    records: [el("U16"), txt({ textType: "unicodeChars16", value: "uni2" }, true)],
  },
  {
    // The length is 4 bytes (04 00 00 00), although 2.2.3.29 says MultiByteInt31: see read-records.ts.
    record: "UnicodeChars32Text",
    type: 0xba,
    bytes: "40 03 64 6F 63 04 03 75 33 32 BA 04 00 00 00 33 00 32 00 01",
    xml: '<doc u32="32"></doc>',
    records: [doc, attr("", "u32", { textType: "unicodeChars32", value: "32" }), end],
  },
  {
    record: "UnicodeChars32TextWithEndElement",
    type: 0xbb,
    bytes: "40 03 55 33 32 BB 04 00 00 00 33 00 32 00",
    xml: "<U32>32</U32>",
    records: [el("U32"), txt({ textType: "unicodeChars32", value: "32" }, true)],
  },
  {
    record: "QNameDictionaryText",
    type: 0xbc,
    bytes: "40 03 64 6F 63 06 F0 06 BC 08 8E 07 01",
    xml: '<doc str880="i:str910"></doc>',
    records: strAttr(880, { textType: "qnameDictionary", value: { prefix: "i", name: str(910) } }),
  },
  {
    record: "QNameDictionaryTextWithEndElement",
    type: 0xbd,
    bytes: "40 04 54 79 70 65 BD 12 90 07",
    xml: "<Type>s:str912</Type>",
    records: [el("Type"), txt({ textType: "qnameDictionary", value: { prefix: "s", name: str(912) } }, true)],
  },
];

function checkExample(example: { bytes: string; xml: string; records: readonly NbfxRecord[] }): DecodedRecord[] {
  const input = hex(example.bytes);
  const decoded = readRecords(input, { dictionary: "none" });
  expect(strip(decoded)).toEqual(example.records);
  expect(toXml(decoded)).toBe(example.xml);
  expect(writeRecords(decoded)).toEqual(input);
  // The hand-written records encode to the same bytes too.
  expect(writeRecords(example.records)).toEqual(input);
  return decoded;
}

describe("[MC-NBFX] section 3, Structure Examples: decoded, rendered and re-encoded", () => {
  it("has a row for every record type but the A-Z ranges, which it samples", () => {
    const covered = new Set(SECTION_3.map((e) => e.type));
    for (let type = 0; type < 256; type++) {
      const info = recordTypeInfo(type);
      if (info === undefined || /^Prefix(Dictionary)?(Attribute|Element)[A-Z]$/.test(info.name)) continue;
      expect(covered.has(type), info.name).toBe(true);
    }
  });

  for (const example of SECTION_3) {
    it(`${example.record} (0x${example.type.toString(16).toUpperCase().padStart(2, "0")}): ${example.xml}`, () => {
      const decoded = checkExample(example);
      expect(recordTypeInfo(example.type)?.name).toBe(example.record);
      expect(typesUsed(decoded).has(example.type)).toBe(true);
      // Offsets: each record starts where the previous one ended.
      expect(decoded[0]?.offset).toBe(0);
      expect(decoded.map((r) => r.offset)).toEqual([...decoded.map((r) => r.offset)].sort((a, b) => a - b));
    });
  }
});

describe("[MC-NBFX] section 2, the examples given with the definitions", () => {
  it("2.1.3 String: 'abc' is 03 61 62 63 (in a ShortElement name)", () => {
    checkExample({ bytes: "40 03 61 62 63 01", xml: "<abc></abc>", records: [el("abc"), end] });
  });

  it('2.2.1.1 ShortElement: <element xmlns="http://tempuri.org">', () => {
    checkExample({
      bytes: "40 07 65 6C 65 6D 65 6E 74 08 12 68 74 74 70 3A 2F 2F 74 65 6D 70 75 72 69 2E 6F 72 67 01",
      xml: '<element xmlns="http://tempuri.org"></element>',
      records: [el("element"), xmlns("", "http://tempuri.org"), end],
    });
  });

  it('2.2.1.2 Element: <prefix:element xmlns:prefix="http://tempuri.org">', () => {
    checkExample({
      bytes:
        "41 06 70 72 65 66 69 78 07 65 6C 65 6D 65 6E 74 09 06 70 72 65 66 69 78 12 68 74 74 70 3A 2F 2F 74 65 6D 70 75 72 69 2E 6F 72 67 01",
      xml: '<prefix:element xmlns:prefix="http://tempuri.org"></prefix:element>',
      records: [el("element", "prefix"), xmlns("prefix", "http://tempuri.org"), end],
    });
  });

  it('2.2.2.1, 2.2.2.2, 2.2.2.10: attr="value", prefix:attr="value", x:attr="value"', () => {
    const value: TextValue = { textType: "chars8", value: "value" };
    checkExample({
      bytes:
        "40 01 65 04 04 61 74 74 72 98 05 76 61 6C 75 65 05 06 70 72 65 66 69 78 04 61 74 74 72 98 05 76 61 6C 75 65 3D 04 61 74 74 72 98 05 76 61 6C 75 65 01",
      xml: '<e attr="value" prefix:attr="value" x:attr="value"></e>',
      records: [el("e"), attr("", "attr", value), attr("prefix", "attr", value), attr("x", "attr", value), end],
    });
  });

  it('2.2.2.6 XmlnsAttribute: xmlns:ENV="http://tempuri.org"', () => {
    checkExample({
      bytes: "40 01 65 09 03 45 4E 56 12 68 74 74 70 3A 2F 2F 74 65 6D 70 75 72 69 2E 6F 72 67 01",
      xml: '<e xmlns:ENV="http://tempuri.org"></e>',
      records: [el("e"), xmlns("ENV", "http://tempuri.org"), end],
    });
  });

  it("2.2.3.5-2.2.3.8 and 2.2.3.25: the extreme integers", () => {
    checkExample({
      bytes: "40 01 65 88 80 8A 00 80 8C 00 00 00 80 8E 00 00 00 00 00 00 00 80 B2 FF FF FF FF FF FF FF FF 01",
      xml: "<e>-128-32768-2147483648-922337203685477580818446744073709551615</e>",
      records: [
        el("e"),
        txt({ textType: "int8", value: -128 }),
        txt({ textType: "int16", value: -32768 }),
        txt({ textType: "int32", value: -2147483648 }),
        txt({ textType: "int64", value: -9223372036854775808n }),
        txt({ textType: "uint64", value: 18446744073709551615n }),
        end,
      ],
    });
  });

  it("2.2.3.9: float 0x3F8CCCCD is 1.1", () => {
    checkExample({
      bytes: "40 01 65 91 CD CC 8C 3F",
      xml: "<e>1.1</e>",
      records: [el("e"), txt({ textType: "float", value: Math.fround(1.1) }, true)],
    });
  });

  it("2.2.3.13 and 2.2.3.27: the letters 0x41 0x42 0x43 in UTF-8 and UTF-16 (the document prints them 'abc'; they are 'ABC')", () => {
    checkExample({
      bytes: "40 01 65 98 03 41 42 43 B7 06 41 00 42 00 43 00",
      xml: "<e>ABCABC</e>",
      records: [el("e"), txt({ textType: "chars8", value: "ABC" }), txt({ textType: "unicodeChars8", value: "ABC" }, true)],
    });
  });

  it("2.2.3.13.1: Chars8Text may hold characters that XML escapes, and U+0000", () => {
    const decoded = checkExample({
      bytes: "40 01 65 99 06 22 26 3C 3E 27 00",
      xml: "<e>\"&amp;&lt;&gt;'\u0000</e>",
      records: [el("e"), txt({ textType: "chars8", value: "\"&<>'\u0000" }, true)],
    });
    expect(decoded[1]).toMatchObject({ value: "\"&<>'\u0000" });
  });

  it("2.2.3.16: Bytes8Text {01 02 03} is AQID and {FF} is /w==", () => {
    checkExample({
      bytes: "40 01 65 9E 03 01 02 03 9F 01 FF",
      xml: "<e>AQID/w==</e>",
      records: [el("e"), txt({ textType: "bytes8", value: hex("01 02 03") }), txt({ textType: "bytes8", value: hex("FF") }, true)],
    });
  });

  it("2.2.3.19: StartListText TrueText FalseText ZeroText OneText EndListText is 'true false 0 1'", () => {
    checkExample({
      bytes: "40 01 65 A4 86 84 80 82 A6 01",
      xml: "<e>true false 0 1</e>",
      records: [
        el("e"),
        txt({ textType: "startList" }),
        txt({ textType: "true" }),
        txt({ textType: "false" }),
        txt({ textType: "zero" }),
        txt({ textType: "one" }),
        txt({ textType: "endList" }),
        end,
      ],
    });
  });

  it("2.2.3.26: BoolText 0 is false", () => {
    checkExample({ bytes: "40 01 65 B5 00", xml: "<e>false</e>", records: [el("e"), txt({ textType: "bool", value: false }, true)] });
  });

  it("2.2.3.30: QNameDictionaryText with prefix 1 is 'b:...'", () => {
    checkExample({
      bytes: "40 01 65 BD 01 0A",
      xml: "<e>b:str10</e>",
      records: [el("e"), txt({ textType: "qnameDictionary", value: { prefix: "b", name: str(10) } }, true)],
    });
  });

  it("2.2.3.31: ShortElement(value) Chars8TextWithEndElement(123) is <value>123</value>", () => {
    checkExample({
      bytes: "40 05 76 61 6C 75 65 99 03 31 32 33",
      xml: "<value>123</value>",
      records: [el("value"), txt({ textType: "chars8", value: "123" }, true)],
    });
  });

  it("2.3.3 Array: <item xmlns='http://tempuri.org'> with Int32TextWithEndElement values 1, 2, 3", () => {
    checkExample({
      bytes:
        "03 40 04 69 74 65 6D 08 12 68 74 74 70 3A 2F 2F 74 65 6D 70 75 72 69 2E 6F 72 67 01 8D 03 01 00 00 00 02 00 00 00 03 00 00 00",
      xml: '<item xmlns="http://tempuri.org">1</item><item xmlns="http://tempuri.org">2</item><item xmlns="http://tempuri.org">3</item>',
      records: [
        {
          kind: "array",
          element: el("item"),
          attributes: [xmlns("", "http://tempuri.org")],
          items: { itemType: "int32", values: [1, 2, 3] },
        },
      ],
    });
  });

  it("section 3 closing example: ShortElement, Int32Text(1234), FalseText, EndElement is <element>1234false</element>", () => {
    checkExample({
      bytes: "40 07 65 6C 65 6D 65 6E 74 8C D2 04 00 00 84 01",
      xml: "<element>1234false</element>",
      records: [el("element"), txt({ textType: "int32", value: 1234 }), txt({ textType: "false" }), end],
    });
  });
});
