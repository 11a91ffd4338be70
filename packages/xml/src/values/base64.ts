const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Base64 (RFC 4648, with "=" padding, no line breaks), as ASCII bytes: WS_XML_BASE64_TEXT and
 * WsWriteBytes in text ("When writing in a text encoding, it will emit the bytes encoded in
 * base64"; Windows writes "test" as "dGVzdA==").
 */
export function encodeBase64(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out[o++] = ALPHABET.charCodeAt(b0 >> 2);
    out[o++] = ALPHABET.charCodeAt(((b0 & 3) << 4) | ((b1 ?? 0) >> 4));
    out[o++] = b1 === undefined ? 0x3d : ALPHABET.charCodeAt(((b1 & 15) << 2) | ((b2 ?? 0) >> 6));
    out[o++] = b2 === undefined ? 0x3d : ALPHABET.charCodeAt(b2 & 63);
  }
  return out;
}
