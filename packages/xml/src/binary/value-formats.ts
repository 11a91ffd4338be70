/**
 * Conversions for the text values that the record model keeps as raw bytes (records.ts): the GUID
 * layout of UuidText/UniqueIdText and the DECIMAL layout of DecimalText. Keeping the bytes in the
 * model makes a decoded document encode back exactly, whatever the reserved bits held; these helpers
 * are for the code that needs the value.
 */

const HEX = "0123456789abcdef";

function hex(byte: number): string {
  return HEX[byte >> 4]! + HEX[byte & 15]!;
}

/**
 * The text of a 16-byte GUID as [MC-NBFX] 2.2.3.24 prints it: Data1, Data2 and Data3 are
 * little-endian integers, Data4 is eight bytes in order, all lower case
 * (00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF is 33221100-5544-7766-8899-aabbccddeeff).
 */
export function uuidToString(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a UUID has 16 bytes, not ${bytes.length}`);
  const b = (i: number) => hex(bytes[i]!);
  return (
    b(3) +
    b(2) +
    b(1) +
    b(0) +
    "-" +
    b(5) +
    b(4) +
    "-" +
    b(7) +
    b(6) +
    "-" +
    b(8) +
    b(9) +
    "-" +
    b(10) +
    b(11) +
    b(12) +
    b(13) +
    b(14) +
    b(15)
  );
}

const UUID_TEXT = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** The 16 wire bytes of a UUID written as text (the inverse of uuidToString; an "urn:uuid:" prefix is accepted). */
export function uuidFromString(text: string): Uint8Array {
  const match = UUID_TEXT.exec(text.startsWith("urn:uuid:") ? text.slice(9) : text);
  if (!match) throw new RangeError(`not a UUID: ${JSON.stringify(text)}`);
  const digits = match.slice(1).join("");
  const inOrder = Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16));
  // Data1..Data3 are stored little-endian: reverse their bytes.
  return Uint8Array.from([
    inOrder[3]!,
    inOrder[2]!,
    inOrder[1]!,
    inOrder[0]!,
    inOrder[5]!,
    inOrder[4]!,
    inOrder[7]!,
    inOrder[6]!,
    ...inOrder.slice(8),
  ]);
}

/** A DECIMAL ([MS-OAUT] 2.2.26): value = (negative ? -1 : 1) * mantissa / 10^scale. */
export interface DecimalParts {
  /** 0 to 28. */
  readonly scale: number;
  readonly negative: boolean;
  /** The 96-bit unsigned integer Hi32:Lo64. */
  readonly mantissa: bigint;
}

/** Reads the wReserved(2) scale(1) sign(1) Hi32(4) Lo64(8) layout, little-endian. */
export function decimalParts(bytes: Uint8Array): DecimalParts {
  if (bytes.length !== 16) throw new RangeError(`a DECIMAL has 16 bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const hi = BigInt(view.getUint32(4, true));
  const lo = view.getBigUint64(8, true);
  return { scale: bytes[2]!, negative: bytes[3] === 0x80, mantissa: (hi << 64n) | lo };
}

/** The 16 bytes of a DECIMAL; the reserved field is zero. */
export function decimalFromParts(parts: DecimalParts): Uint8Array {
  if (!Number.isInteger(parts.scale) || parts.scale < 0 || parts.scale > 28)
    throw new RangeError(`DECIMAL scale ${parts.scale} is not 0..28`);
  if (parts.mantissa < 0n || parts.mantissa >= 1n << 96n) throw new RangeError("DECIMAL mantissa does not fit in 96 bits");
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  bytes[2] = parts.scale;
  bytes[3] = parts.negative ? 0x80 : 0;
  view.setUint32(4, Number(parts.mantissa >> 64n), true);
  view.setBigUint64(8, parts.mantissa & 0xffffffffffffffffn, true);
  return bytes;
}

/** The decimal digits of a DECIMAL, with a point only when there is a fractional part ("5.123456"). */
export function decimalToString(bytes: Uint8Array): string {
  const { scale, negative, mantissa } = decimalParts(bytes);
  let digits = mantissa.toString().padStart(scale + 1, "0");
  if (scale > 0) {
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, "").replace(/\.$/, "");
  }
  return negative && mantissa !== 0n ? `-${digits}` : digits;
}
