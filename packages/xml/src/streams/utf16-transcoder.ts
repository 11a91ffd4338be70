import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

const encoder = new TextEncoder();

/**
 * UTF-16 text from a stream, turned into the UTF-8 the text scanner reads as the bytes arrive. A
 * delivery may end inside a code unit or between the two halves of a surrogate pair: those bytes
 * wait for the next one (TextDecoder's streaming mode). A byte order mark at the start is dropped,
 * as buffer input drops it (text-input.ts). What is not UTF-16 — an unpaired surrogate, an odd
 * byte at the end of the data — is WS_E_INVALID_FORMAT, as it is for buffer input.
 */
export class Utf16Transcoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  /** Input bytes taken so far, for the position in an error. */
  private consumed = 0;

  constructor(littleEndian: boolean) {
    this.decoder = new TextDecoder(littleEndian ? "utf-16le" : "utf-16be", { fatal: true });
  }

  /** The UTF-8 of `bytes`, less what waits for the bytes that complete it. */
  push(bytes: Uint8Array): Uint8Array {
    return this.run(() => this.decoder.decode(bytes, { stream: true }), bytes.length);
  }

  /** The end of the data: what waits must be nothing. */
  finish(): Uint8Array {
    return this.run(() => this.decoder.decode(), 0);
  }

  private run(decode: () => string, count: number): Uint8Array {
    let text: string;
    try {
      text = decode();
    } catch {
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `XML reader: the stream is not valid UTF-16 (an unpaired surrogate or an odd number of bytes), within bytes ${this.consumed} to ${this.consumed + count}.`,
      );
    }
    this.consumed += count;
    return encoder.encode(text);
  }
}
