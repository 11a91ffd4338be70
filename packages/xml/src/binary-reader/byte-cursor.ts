import { invalidFormat } from "../binary/binary-errors.js";
import { readMultiByteInt31 } from "../binary/multi-byte-int31.js";
import { isUtf8 } from "../binary/text-encoding.js";

/**
 * A read position in a binary XML document. Every read checks that its bytes are there before it
 * touches them, and every length read from the input is checked against what is left before
 * anything is taken for it, so a hostile length costs nothing ([MC-NBFX] section 4). Errors name
 * the record being read, the byte it starts at and the byte that was missing.
 *
 * Byte runs (strings, Bytes/Chars text) are views into the input, as the text reader's strings are.
 */
export class ByteCursor {
  pos = 0;
  /** For the fixed-size numbers, made on the first (most records need none). */
  #dataView: DataView | null = null;
  /**
   * The input's ArrayBuffer and where its bytes start in it, to make views without subarray's
   * species lookup; null when the input is not a plain Uint8Array (a Buffer's views are Buffers).
   */
  readonly #buffer: ArrayBufferLike | null;
  readonly #base: number;

  constructor(readonly bytes: Uint8Array) {
    const plain = bytes.constructor === Uint8Array;
    this.#buffer = plain ? bytes.buffer : null;
    this.#base = plain ? bytes.byteOffset : 0;
  }

  /** A view of the input from `start` to `end` (both in range). */
  view(start: number, end: number): Uint8Array {
    return this.#buffer !== null ? new Uint8Array(this.#buffer, this.#base + start, end - start) : this.bytes.subarray(start, end);
  }

  get #view(): DataView {
    if (this.#dataView === null) this.#dataView = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.#dataView;
  }

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The next byte, not consumed; undefined at the end. */
  peek(): number | undefined {
    return this.bytes[this.pos];
  }

  /** Fails unless `count` more bytes are present; `record` starts at byte `start`. */
  need(count: number, record: string, start: number): void {
    const left = this.bytes.length - this.pos;
    if (left < count) throw invalidFormat(`truncated ${record} record`, start, `needs ${count} bytes at byte ${this.pos}, ${left} remain`);
  }

  /** Fails unless a length read from the input fits in what is left. */
  checkLength(length: number, record: string, start: number): void {
    const left = this.bytes.length - this.pos;
    if (length > left) {
      throw invalidFormat(
        `${record} record declares ${length} bytes past the end of the input`,
        start,
        `${left} remain at byte ${this.pos}`,
      );
    }
  }

  u8(record: string, start: number): number {
    this.need(1, record, start);
    return this.bytes[this.pos++]!;
  }

  i8(record: string, start: number): number {
    this.need(1, record, start);
    return this.#view.getInt8(this.pos++);
  }

  i16(record: string, start: number): number {
    this.need(2, record, start);
    const value = this.#view.getInt16(this.pos, true);
    this.pos += 2;
    return value;
  }

  u16(record: string, start: number): number {
    this.need(2, record, start);
    const value = this.#view.getUint16(this.pos, true);
    this.pos += 2;
    return value;
  }

  i32(record: string, start: number): number {
    this.need(4, record, start);
    const value = this.#view.getInt32(this.pos, true);
    this.pos += 4;
    return value;
  }

  i64(record: string, start: number): bigint {
    this.need(8, record, start);
    const value = this.#view.getBigInt64(this.pos, true);
    this.pos += 8;
    return value;
  }

  u64(record: string, start: number): bigint {
    this.need(8, record, start);
    const value = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    return value;
  }

  f32(record: string, start: number): number {
    this.need(4, record, start);
    const value = this.#view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  f64(record: string, start: number): number {
    this.need(8, record, start);
    const value = this.#view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** A MultiByteInt31 ([MC-NBFX] 2.1.2); `what` names the field. */
  int31(what: string): number {
    // One byte, the usual case, without the general reader's result object.
    const first = this.bytes[this.pos];
    if (first !== undefined && first < 0x80) {
      this.pos++;
      return first;
    }
    const { value, next } = readMultiByteInt31(this.bytes, this.pos, this.bytes.length, what);
    this.pos = next;
    return value;
  }

  /** `length` bytes as a view, after checking that they are there. */
  take(length: number, record: string, start: number): Uint8Array {
    this.checkLength(length, record, start);
    const value = this.view(this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  /** `length` bytes that must be well-formed UTF-8 ([MC-NBFX] 2.1.3, 2.2.3.13). */
  utf8(length: number, record: string, start: number): Uint8Array {
    const at = this.pos;
    this.checkLength(length, record, start);
    if (!isUtf8(this.bytes, at, at + length)) throw invalidFormat(`${record} record at byte ${start} holds malformed UTF-8`, at);
    this.pos = at + length;
    return this.view(at, at + length);
  }

  /** A String ([MC-NBFX] 2.1.3): a MultiByteInt31 byte count, then UTF-8. */
  string(record: string, start: number, what: string): Uint8Array {
    const length = this.stringLength(what);
    return this.utf8(length, record, start);
  }

  /** A String's MultiByteInt31 byte count; `what` names the string (the field is "`what` length"). */
  stringLength(what: string): number {
    const first = this.bytes[this.pos];
    if (first !== undefined && first < 0x80) {
      this.pos++;
      return first;
    }
    return this.int31(`${what} length`);
  }
}
