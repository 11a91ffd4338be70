import { describe, expect, it } from "vitest";
import { encodeBase64 } from "./base64.js";
import { formatGuid, formatUniqueId } from "./format-guid.js";

const ascii = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("GUIDs", () => {
  it("writes the zero GUID (Windows)", () => {
    expect(formatGuid(new Uint8Array(16))).toBe("00000000-0000-0000-0000-000000000000");
    expect(formatUniqueId(new Uint8Array(16))).toBe("urn:uuid:00000000-0000-0000-0000-000000000000");
  });

  it("reads Data1 to Data3 little-endian from memory, in lower case ([MC-NBFX] 2.2.3.24 and 2.2.3.29)", () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 0x11);
    expect(formatGuid(bytes)).toBe("33221100-5544-7766-8899-aabbccddeeff");
    expect(formatUniqueId(bytes)).toBe("urn:uuid:33221100-5544-7766-8899-aabbccddeeff");
    expect(formatGuid(Uint8Array.from({ length: 16 }, (_, i) => i))).toBe("03020100-0504-0706-0809-0a0b0c0d0e0f");
  });
});

describe("encodeBase64", () => {
  it('pads with = (Windows: "test" is dGVzdA==)', () => {
    const enc = (s: string) => ascii(encodeBase64(new TextEncoder().encode(s)));
    expect(enc("")).toBe("");
    expect(enc("t")).toBe("dA==");
    expect(enc("te")).toBe("dGU=");
    expect(enc("tes")).toBe("dGVz");
    expect(enc("test")).toBe("dGVzdA==");
    expect(enc("test\0")).toBe("dGVzdAA=");
  });

  it("encodes every byte value as RFC 4648 does", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 6; n++) {
      const bytes = all.subarray(250 - n);
      expect(ascii(encodeBase64(bytes))).toBe(Buffer.from(bytes).toString("base64"));
    }
    expect(ascii(encodeBase64(all))).toBe(Buffer.from(all).toString("base64"));
  });
});
