import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/** The value of each base64 character (RFC 4648 §4 alphabet), -1 for any other byte. */
const SEXTET = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) SEXTET["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;

const EQUALS = 0x3d;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export interface DecodeStep {
  /** Where the input goes on. */
  next: number;
  /** Bytes written to the output. */
  written: number;
}

/**
 * An incremental decoder of xs:base64Binary (WsReadBytes: "decodes the characters as bytes
 * according to the base64 specification"). The characters may arrive in pieces (several text nodes,
 * several calls) and a group of four may straddle them; decoded bytes that do not fit the caller's
 * buffer wait for the next call, so at most two are held. White space between characters is
 * allowed, as xs:base64Binary's lexical space allows it. '=' may only pad the last one or two
 * characters of the final group, and nothing but white space may follow it.
 */
export class Base64Decoder {
  private bits = 0;
  private sextets = 0;
  private padding = 0;
  private ended = false;
  private held: number[] = [];

  /** Whether the characters so far end on a group boundary (a complete base64 text). */
  get complete(): boolean {
    return this.sextets === 0 && this.padding === 0;
  }

  /** Writes the bytes held from an earlier call; returns how many. */
  drain(out: Uint8Array, at: number): number {
    let written = 0;
    while (this.held.length > 0 && at + written < out.length) out[at + written++] = this.held.shift()!;
    return written;
  }

  /**
   * Decodes `input` from `from` into `out` from `at`, until the input is used up or `out` is full.
   * `where` names the input's position for messages.
   */
  decode(input: Uint8Array, from: number, out: Uint8Array, at: number, where: (offset: number) => string): DecodeStep {
    let i = from;
    let written = 0;
    while (i < input.length && at + written < out.length) {
      const c = input[i]!;
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (this.ended) throw new WsError(WS_E_INVALID_FORMAT, `base64 text goes on after the '=' that ends it, ${where(i)}.`);
      if (c === EQUALS) {
        if (this.sextets < 2)
          throw new WsError(WS_E_INVALID_FORMAT, `'=' can only pad the last one or two characters of a group of four, ${where(i)}.`);
        i++;
        if (++this.padding + this.sextets === 4) written += this.finishPadded(out, at + written);
        continue;
      }
      const value = SEXTET[c]!;
      if (value < 0 || this.padding > 0) {
        const what =
          value < 0 ? `the byte 0x${c.toString(16).padStart(2, "0")} is not a base64 character` : "a base64 character follows '='";
        throw new WsError(WS_E_INVALID_FORMAT, `${what}, ${where(i)}.`);
      }
      i++;
      this.bits = (this.bits << 6) | value;
      if (++this.sextets === 4) {
        written += this.emit(out, at + written, [(this.bits >> 16) & 0xff, (this.bits >> 8) & 0xff, this.bits & 0xff]);
        this.bits = 0;
        this.sextets = 0;
      }
    }
    return { next: i, written };
  }

  /** "xx==" carries one byte, "xxx=" two; the unused low bits are ignored, as most decoders do. */
  private finishPadded(out: Uint8Array, at: number): number {
    const bytes = this.sextets === 2 ? [(this.bits >> 4) & 0xff] : [(this.bits >> 10) & 0xff, (this.bits >> 2) & 0xff];
    this.bits = 0;
    this.sextets = 0;
    this.padding = 0;
    this.ended = true;
    return this.emit(out, at, bytes);
  }

  private emit(out: Uint8Array, at: number, bytes: number[]): number {
    let written = 0;
    for (const b of bytes) {
      if (at + written < out.length) out[at + written++] = b;
      else this.held.push(b);
    }
    return written;
  }
}
