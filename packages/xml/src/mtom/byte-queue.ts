/**
 * Bytes that arrive at the end and are consumed from the front (what a stream reader has buffered
 * and not read yet). Consumed bytes are dropped when room is needed, so the queue holds about what
 * is unread; views it hands out are valid until the next append.
 */
export class ByteQueue {
  private data = new Uint8Array(256);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  /** The unread bytes (a view). */
  view(): Uint8Array {
    return this.data.subarray(this.start, this.end);
  }

  append(bytes: Uint8Array): void {
    if (this.end + bytes.length > this.data.length) {
      const unread = this.length;
      const target =
        unread + bytes.length <= this.data.length ? this.data : new Uint8Array(Math.max(this.data.length * 2, unread + bytes.length));
      if (target === this.data) this.data.copyWithin(0, this.start, this.end);
      else target.set(this.data.subarray(this.start, this.end));
      this.data = target;
      this.start = 0;
      this.end = unread;
    }
    this.data.set(bytes, this.end);
    this.end += bytes.length;
  }

  consume(count: number): void {
    this.start += count;
    if (this.start === this.end) this.start = this.end = 0;
  }
}
