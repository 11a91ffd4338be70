import { arrayItemTypeByRecordType, RecordType, recordTypeInfo, type TextType } from "../binary/record-types.js";

/** What binaryNodeExtent finds at a place in a binary document. */
export interface BinaryExtent {
  /** Where the bytes of the next node end; -1 when they are not all buffered. */
  end: number;
  /**
   * Nodes the binary reader gives after this one without reading a byte: the END_ELEMENT of a
   * *TextWithEndElement record, the rest of an Array record's element, text and end element per value.
   */
  followers: number;
}

const INCOMPLETE: BinaryExtent = { end: -1, followers: 0 };

/** Thrown inside the scan when a record runs past the buffered bytes. */
const OUT_OF_BYTES = Symbol("out of bytes");

/** Fixed payload sizes of text records ([MC-NBFX] 2.2.3); absent: a length-prefixed or other form. */
const FIXED: Partial<Record<TextType, number>> = {
  zero: 0,
  one: 0,
  false: 0,
  true: 0,
  empty: 0,
  endList: 0,
  int8: 1,
  bool: 1,
  int16: 2,
  int32: 4,
  float: 4,
  int64: 8,
  uint64: 8,
  double: 8,
  timeSpan: 8,
  dateTime: 8,
  decimal: 16,
  uniqueId: 16,
  uuid: 16,
};

/**
 * The extent of the next node of a binary document ([MC-NBFX] records) in `bytes` from `at`: how a
 * stream reader knows that a node is buffered before it lets the binary reader read it, so that
 * the reader never starts a node it cannot finish (node-extent.ts does this for text). An element
 * is its record with all its attribute and xmlns records, and the type byte of the record after
 * them must be there too (the reader looks at it to know the attributes have ended) unless the
 * data has `ended`. A text record is one node (a list, up to its EndListText); an Array record is
 * read whole. What is not a record this can measure (a reserved byte, an overlong length) is
 * reported as buffered: the binary reader reads it and says what is wrong.
 */
export function binaryNodeExtent(bytes: Uint8Array, at: number, ended: boolean): BinaryExtent {
  const scan = new Scan(bytes, at);
  try {
    return scan.node(ended);
  } catch (thrown) {
    if (thrown === OUT_OF_BYTES) return ended ? { end: bytes.length, followers: 0 } : INCOMPLETE;
    throw thrown;
  }
}

class Scan {
  constructor(
    private readonly bytes: Uint8Array,
    private pos: number,
  ) {}

  node(ended: boolean): BinaryExtent {
    const start = this.pos;
    const info = recordTypeInfo(this.u8());
    const malformed = { end: start + 1, followers: 0 };
    if (info === undefined) return malformed;
    const shape = info.shape;
    switch (shape.category) {
      case "endElement":
        return { end: this.pos, followers: 0 };
      case "comment":
        this.string();
        return { end: this.pos, followers: 0 };
      case "element":
        if (shape.prefix === "string") this.string();
        this.name(shape.name);
        this.attributes();
        // The reader peeks at the byte after the attributes; at the end of the data there is none.
        if (this.pos >= this.bytes.length && !ended) throw OUT_OF_BYTES;
        return { end: this.pos, followers: 0 };
      case "text":
        if (!this.text(shape.textType)) return malformed;
        return { end: this.pos, followers: shape.withEndElement ? 1 : 0 };
      case "array": {
        const element = recordTypeInfo(this.u8());
        if (element === undefined || element.shape.category !== "element") return malformed;
        if (element.shape.prefix === "string") this.string();
        this.name(element.shape.name);
        this.attributes();
        if (this.u8() !== RecordType.EndElement) return malformed;
        const itemType = arrayItemTypeByRecordType(this.u8());
        const count = this.int31();
        if (itemType === undefined || count <= 0) return malformed;
        this.skip(count * itemType.size);
        // The reader gives the first value's element now, then its text and end, then the others.
        return { end: this.pos, followers: count * 3 - 1 };
      }
      default:
        return malformed;
    }
  }

  /** Attribute and xmlns records, up to the first record that is neither (or the end of the bytes). */
  private attributes(): void {
    for (;;) {
      const type = this.bytes[this.pos];
      if (type === undefined) return;
      const info = recordTypeInfo(type);
      if (info === undefined) return;
      const shape = info.shape;
      if (shape.category === "attribute") {
        this.pos++;
        if (shape.prefix === "string") this.string();
        this.name(shape.name);
        const value = recordTypeInfo(this.u8());
        if (value === undefined || value.shape.category !== "text" || !this.text(value.shape.textType)) return;
      } else if (shape.category === "xmlns") {
        this.pos++;
        if (shape.prefix === "string") this.string();
        this.name(shape.name);
      } else {
        return;
      }
    }
  }

  /** Skips a text record's payload (its type byte read); false for what is not a payload. */
  private text(textType: TextType): boolean {
    const fixed = FIXED[textType];
    if (fixed !== undefined) {
      this.skip(fixed);
      return true;
    }
    switch (textType) {
      case "chars8":
      case "bytes8":
      case "unicodeChars8":
        this.skip(this.u8());
        return true;
      case "chars16":
      case "bytes16":
      case "unicodeChars16":
        this.need(2);
        this.skip(this.bytes[this.pos++]! | (this.bytes[this.pos++]! << 8));
        return true;
      case "chars32":
      case "bytes32":
      case "unicodeChars32": {
        this.need(4);
        const b = this.bytes;
        const length = b[this.pos]! | (b[this.pos + 1]! << 8) | (b[this.pos + 2]! << 16) | (b[this.pos + 3]! << 24);
        this.pos += 4;
        if (length < 0) return false;
        this.skip(length);
        return true;
      }
      case "dictionary":
        this.int31();
        return true;
      case "qnameDictionary":
        this.skip(1);
        this.int31();
        return true;
      case "startList":
        for (;;) {
          const item = recordTypeInfo(this.u8());
          if (item === undefined || item.shape.category !== "text") return false;
          if (item.shape.textType === "endList") return true;
          if (!this.text(item.shape.textType)) return false;
        }
      default:
        return false;
    }
  }

  private name(form: "string" | "dictionary"): void {
    if (form === "string") this.string();
    else this.int31();
  }

  /** A String ([MC-NBFX] 2.1.2): a MultiByteInt31 length and that many bytes. */
  private string(): void {
    this.skip(this.int31());
  }

  /** A MultiByteInt31 ([MC-NBFX] 2.1.1); a sixth byte or more reads as 0 (the reader refuses it). */
  private int31(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      value += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return value;
    }
    return 0;
  }

  private u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  private skip(count: number): void {
    this.need(count);
    this.pos += count;
  }

  private need(count: number): void {
    if (this.pos + count > this.bytes.length) throw OUT_OF_BYTES;
  }
}
