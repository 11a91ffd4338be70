import { writeMultiByteInt31 } from "../binary/multi-byte-int31.js";

/**
 * An append-only little-endian byte buffer that grows by doubling: what the text writer builds tags
 * and values in, and what the binary encoder writes records to. Values are checked before they reach
 * it, so it does no range checks of its own.
 */
export class ByteWriter {
  #bytes: Uint8Array;
  #view: DataView;
  #length = 0;

  constructor(initialCapacity = 256) {
    this.#bytes = new Uint8Array(initialCapacity);
    this.#view = new DataView(this.#bytes.buffer);
  }

  get length(): number {
    return this.#length;
  }

  #reserve(count: number): number {
    const at = this.#length;
    const needed = at + count;
    if (needed > this.#bytes.length) {
      let capacity = this.#bytes.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.#bytes.subarray(0, at));
      this.#bytes = grown;
      this.#view = new DataView(grown.buffer);
    }
    this.#length = needed;
    return at;
  }

  // Every write reserves first and only then reads #bytes/#view: reserving may replace them, and in
  // `this.#view.setUint16(this.#reserve(2), v)` the old view would be read before the call.

  u8(value: number): void {
    const at = this.#reserve(1);
    this.#bytes[at] = value;
  }

  u16(value: number): void {
    const at = this.#reserve(2);
    this.#view.setUint16(at, value, true);
  }

  i16(value: number): void {
    const at = this.#reserve(2);
    this.#view.setInt16(at, value, true);
  }

  u32(value: number): void {
    const at = this.#reserve(4);
    this.#view.setUint32(at, value, true);
  }

  i32(value: number): void {
    const at = this.#reserve(4);
    this.#view.setInt32(at, value, true);
  }

  i64(value: bigint): void {
    const at = this.#reserve(8);
    this.#view.setBigInt64(at, value, true);
  }

  u64(value: bigint): void {
    const at = this.#reserve(8);
    this.#view.setBigUint64(at, value, true);
  }

  f32(value: number): void {
    const at = this.#reserve(4);
    this.#view.setFloat32(at, value, true);
  }

  f64(value: number): void {
    const at = this.#reserve(8);
    this.#view.setFloat64(at, value, true);
  }

  bytes(value: Uint8Array): void {
    const at = this.#reserve(value.length);
    this.#bytes.set(value, at);
  }

  multiByteInt31(value: number): void {
    // Reserve the longest form, then give back what the value did not use.
    const at = this.#reserve(5);
    this.#length = writeMultiByteInt31(this.#bytes, at, value);
  }

  /** Appends ASCII text (markup such as `</` or `&amp;`). */
  ascii(text: string): void {
    const at = this.#reserve(text.length);
    for (let i = 0; i < text.length; i++) this.#bytes[at + i] = text.charCodeAt(i);
  }

  /** What was written, as a view that stays valid until the next write. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** A copy of what was written, exactly `length` bytes. */
  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}
