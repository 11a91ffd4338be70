/**
 * The bytes a stream reader has received since it last made the buffer it reads from: one
 * growable array, emptied (not replaced) each time its bytes are copied into a new buffer, so that
 * a long stream does not allocate a staging array per buffer. What it holds is bounded by the stream
 * buffer size (WsFillReader asks for no more than fits), so it stays about that large.
 */
export class Staging {
  private data: Uint8Array;
  private used = 0;

  constructor(capacity = 256) {
    this.data = new Uint8Array(capacity);
  }

  get length(): number {
    return this.used;
  }

  append(bytes: Uint8Array): void {
    const needed = this.used + bytes.length;
    if (needed > this.data.length) {
      const grown = new Uint8Array(Math.max(needed, this.data.length * 2));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    this.data.set(bytes, this.used);
    this.used = needed;
  }

  /** The bytes held, as a view that is valid until the next append or clear. */
  view(): Uint8Array {
    return this.data.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }
}
