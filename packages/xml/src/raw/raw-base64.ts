import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/** The value of each base64 character (RFC 4648 §4), -1 for white space, -2 for anything else. */
const VALUES = new Int8Array(256).fill(-2);
for (let i = 0; i < 64; i++) VALUES["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
for (const c of [0x20, 0x09, 0x0a, 0x0d]) VALUES[c] = -1;
const PAD = 0x3d;

/**
 * Base64 characters written to a raw document, decoded into the bytes they stand for as they come:
 * "only characters representing base64 encoded bytes may be written". Characters arrive in pieces
 * (WsWriteChars called again and again), so a group of four may span calls; the bytes of a group
 * are emitted once it is complete. White space between characters is skipped, as the reader's
 * base64 decoding skips it (WsReadBytes). "=" padding ends the data: after a padded group nothing
 * but white space may follow. Anything else is WS_E_INVALID_FORMAT, and nothing of the piece is
 * taken.
 */
export class RawBase64Decoder {
  private readonly group = new Uint8Array(4);
  private filled = 0;
  private padded = false;

  /** Whether characters of an unfinished group are waiting. */
  get pending(): boolean {
    return this.filled > 0;
  }

  /** Whether the data has ended with padding. */
  get ended(): boolean {
    return this.padded;
  }

  /** The bytes the characters in `utf8` complete. */
  decode(fn: string, utf8: Uint8Array): Uint8Array {
    // Checked first, so that a bad piece changes nothing.
    let filled = this.filled;
    let padded = this.padded;
    let padsInGroup = 0;
    let count = 0;
    for (let i = 0; i < utf8.length; i++) {
      const c = utf8[i]!;
      const value = VALUES[c]!;
      if (value === -1) continue;
      if (padded && filled === 0) throw invalid(fn, `a character follows the "=" padding that ended the base64 data (at byte ${i})`);
      if (c === PAD) {
        if (filled < 2) throw invalid(fn, `"=" at byte ${i} cannot stand in the first two places of a group of four`);
        padsInGroup++;
      } else if (value < 0) {
        throw invalid(fn, `the character at byte ${i} is not a base64 character`);
      } else if (padsInGroup > 0) {
        throw invalid(fn, `a base64 character follows "=" within its group (at byte ${i})`);
      }
      filled++;
      if (filled === 4) {
        count += 3 - padsInGroup;
        if (padsInGroup > 0) padded = true;
        filled = 0;
        padsInGroup = 0;
      }
    }
    const out = new Uint8Array(count);
    let o = 0;
    for (let i = 0; i < utf8.length; i++) {
      const c = utf8[i]!;
      if (VALUES[c] === -1) continue;
      this.group[this.filled++] = c;
      if (this.filled < 4) continue;
      this.filled = 0;
      const [c0, c1, c2, c3] = this.group as unknown as [number, number, number, number];
      const v0 = VALUES[c0]!;
      const v1 = VALUES[c1]!;
      out[o++] = (v0 << 2) | (v1 >> 4);
      if (c2 === PAD) continue;
      const v2 = VALUES[c2]!;
      out[o++] = ((v1 & 15) << 4) | (v2 >> 2);
      if (c3 === PAD) continue;
      out[o++] = ((v2 & 3) << 6) | VALUES[c3]!;
    }
    this.padded = padded;
    return out;
  }
}

function invalid(fn: string, what: string): WsError {
  return new WsError(WS_E_INVALID_FORMAT, `${fn}: ${what}; a raw document is written as base64 characters only.`);
}
