import { writeMultiByteInt31 } from "../binary/multi-byte-int31.js";

const encoder = new TextEncoder();
/**
 * Where floats and 64-bit integers are laid out before they are copied in: one DataView for the
 * module, as a DataView per ByteWriter costs as much to make as the buffer (the binary encoder
 * makes a ByteWriter per record). 16- and 32-bit integers are shifted into place directly.
 */
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

/**
 * An append-only little-endian byte buffer that grows by doubling: what the text writer builds tags
 * and values in, and what the binary encoder writes records to. Values are checked before they reach
 * it, so it does no range checks of its own.
 */
export class ByteWriter {
  #bytes: Uint8Array;
  #length = 0;

  /**
   * 64 by default: V8 keeps a typed array of up to 64 bytes on the JS heap, while a larger one gets
   * an ArrayBuffer of its own outside it, which costs several times more to make and to collect;
   * most ByteWriters hold one record or one tag, and the buffer doubles when it must.
   */
  constructor(initialCapacity = 64) {
    this.#bytes = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Forgets what was written and keeps the capacity: a scratch buffer reused for every tag. */
  reset(): void {
    this.#length = 0;
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
    }
    this.#length = needed;
    return at;
  }

  // Every write reserves first and only then reads #bytes: reserving may replace it.

  u8(value: number): void {
    const at = this.#reserve(1);
    this.#bytes[at] = value;
  }

  u16(value: number): void {
    this.#littleEndian(value, 2);
  }

  i16(value: number): void {
    this.#littleEndian(value, 2);
  }

  u32(value: number): void {
    this.#littleEndian(value, 4);
  }

  i32(value: number): void {
    this.#littleEndian(value, 4);
  }

  i64(value: bigint): void {
    scratchView.setBigInt64(0, value, true);
    this.#scratch(8);
  }

  u64(value: bigint): void {
    scratchView.setBigUint64(0, value, true);
    this.#scratch(8);
  }

  f32(value: number): void {
    scratchView.setFloat32(0, value, true);
    this.#scratch(4);
  }

  f64(value: number): void {
    scratchView.setFloat64(0, value, true);
    this.#scratch(8);
  }

  /** The low `count` bytes of an integer (two's complement for a negative one), least significant first. */
  #littleEndian(value: number, count: number): void {
    const at = this.#reserve(count);
    for (let i = 0; i < count; i++) this.#bytes[at + i] = (value >>> (8 * i)) & 0xff;
  }

  /** The first `count` bytes of the scratch buffer. */
  #scratch(count: number): void {
    const at = this.#reserve(count);
    for (let i = 0; i < count; i++) this.#bytes[at + i] = scratch[i]!;
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

  /**
   * Appends `text` as UTF-8 (a name or a namespace: JS strings checked when they came in). ASCII
   * is copied code unit by code unit, which spares TextEncoder's allocation of a new array.
   */
  utf8(text: string): void {
    const at = this.#reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) {
        this.#length = at + i;
        this.bytes(encoder.encode(text.slice(i)));
        return;
      }
      this.#bytes[at + i] = unit;
    }
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
