import {
  E_INVALIDARG,
  ref,
  S_OK,
  type WS_ANY_URL,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_HEAP,
  WS_HEAP_PROPERTY_REQUESTED_SIZE,
  WS_URL_FLAGS_NO_PATH_COLLAPSE,
  WS_URL_HTTP_SCHEME_TYPE,
  WS_URL_NETTCP_SCHEME_TYPE,
  WsAlloc,
  WsCombineUrl,
  WsCreateError,
  WsCreateHeap,
  WsDecodeUrl,
  WsEncodeUrl,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorString,
  WsGetHeapProperty,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";

/**
 * These tests cover the flat functions' wiring: the heap charge and the flat-API behaviour. The URL
 * codecs themselves are tested in decode-url.test.ts, encode-url.test.ts and combine-url.test.ts.
 *
 * The implementation charges a decoded URL as 96 bytes (a native WS_*_URL struct) plus 2 bytes per
 * UTF-16 code unit of host, portAsString, path, query and fragment; an encoded or combined URL as 2
 * bytes per code unit.
 */
const URL_STRUCT_BYTES = 96;

const heaps: WS_HEAP[] = [];
const errors: WS_ERROR[] = [];
afterEach(() => {
  for (const heap of heaps.splice(0)) if (!heap.freed) WsFreeHeap(heap);
  for (const error of errors.splice(0)) if (!error.freed) WsFreeError(error);
});

function createHeap(maxSize: number): WS_HEAP {
  const out = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, maxSize, null, out, null)).toBe(S_OK);
  const heap = out.value;
  if (heap === null) throw new Error("WsCreateHeap returned S_OK without setting the out parameter");
  heaps.push(heap);
  return heap;
}

function createError(): WS_ERROR {
  const out = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, out)).toBe(S_OK);
  const error = out.value;
  if (error === null) throw new Error("WsCreateError returned S_OK without setting the out parameter");
  errors.push(error);
  return error;
}

function requested(heap: WS_HEAP): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetHeapProperty(heap, WS_HEAP_PROPERTY_REQUESTED_SIZE, value, null)).toBe(S_OK);
  return value.value;
}

function errorString(error: WS_ERROR, index: number): string {
  const value = ref("");
  expect(WsGetErrorString(error, index, value)).toBe(S_OK);
  return value.value;
}

function decode(url: string, heap: WS_HEAP, flags = 0): WS_ANY_URL {
  const out = ref<WS_ANY_URL | null>(null);
  expect(WsDecodeUrl(url, flags, heap, out, null)).toBe(S_OK);
  if (out.value === null) throw new Error("WsDecodeUrl returned S_OK without setting the out parameter");
  return out.value;
}

describe("WsDecodeUrl", () => {
  it("returns S_OK and a WS_HTTP_URL-shaped object for http://host:81/a?b#c", () => {
    const heap = createHeap(4096);
    const out = ref<WS_ANY_URL | null>(null);
    expect(WsDecodeUrl("http://host:81/a?b#c", 0, heap, out, null)).toBe(S_OK);
    const { url, ...fields } = out.value!;
    expect(fields).toEqual({
      scheme: WS_URL_HTTP_SCHEME_TYPE,
      host: "host",
      port: 81,
      portAsString: "81",
      path: "/a",
      query: "b",
      fragment: "c",
    });
    // C layout: the embedded WS_URL is the struct itself.
    expect(url).toBe(out.value);
  });

  it("charges 96 bytes plus 2 per character of host+portAsString+path+query+fragment to the heap", () => {
    const heap = createHeap(4096);
    decode("http://host:81/a?b#c", heap);
    // host "host" 4 + portAsString "81" 2 + path "/a" 2 + query "b" 1 + fragment "c" 1 = 10 characters.
    expect(requested(heap)).toBe(URL_STRUCT_BYTES + 2 * 10);
    expect(requested(heap)).toBe(116);
    // A second decode adds its own charge.
    decode("net.tcp://h/", heap);
    expect(requested(heap)).toBe(116 + URL_STRUCT_BYTES + 2 * (1 + 0 + 1 + 0 + 0));
  });

  it("charges the decoded strings: escapes count once unescaped, and a default port has no portAsString", () => {
    const heap = createHeap(4096);
    const url = decode("http://host/%41b%20c", heap);
    expect(url.path).toBe("/Ab c");
    expect(url.port).toBe(80);
    expect(url.portAsString).toBe("");
    expect(requested(heap)).toBe(URL_STRUCT_BYTES + 2 * ("host".length + "/Ab c".length));
    expect(requested(heap)).toBe(114);
  });

  it("returns WS_E_QUOTA_EXCEEDED when the heap is too small for the result, charging nothing", () => {
    const heap = createHeap(115); // one byte short of the 116 the URL needs
    const error = createError();
    const out = ref<WS_ANY_URL | null>(null);
    expect(WsDecodeUrl("http://host:81/a?b#c", 0, heap, out, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(out.value).toBeNull();
    expect(requested(heap)).toBe(0);
    expect(errorString(error, 0)).toBe(
      "WsDecodeUrl: allocating 116 bytes for the decoded URL would exceed the heap's maximum size of 115 bytes (0 already allocated).",
    );
  });

  it("succeeds on a heap of exactly the size the result needs", () => {
    const heap = createHeap(116);
    expect(decode("http://host:81/a?b#c", heap).host).toBe("host");
    expect(requested(heap)).toBe(116);
  });

  it("counts earlier allocations against the quota", () => {
    const heap = createHeap(200);
    expect(WsAlloc(heap, 100, ref<Uint8Array | null>(null), null)).toBe(S_OK);
    const out = ref<WS_ANY_URL | null>(null);
    expect(WsDecodeUrl("http://host:81/a?b#c", 0, heap, out, null)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(out.value).toBeNull();
    expect(requested(heap)).toBe(100);
  });

  it("returns WS_E_INVALID_FORMAT for a malformed URL, records why on the WS_ERROR and charges nothing", () => {
    const heap = createHeap(4096);
    const error = createError();
    const out = ref<WS_ANY_URL | null>(null);
    expect(WsDecodeUrl("http:host", 0, heap, out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(out.value).toBeNull();
    expect(requested(heap)).toBe(0);
    const message = errorString(error, 0);
    expect(message).toContain("WsDecodeUrl");
    expect(message).toContain('missing "//" after "http:"');
    expect(message).toContain('"http:host"');

    expect(WsDecodeUrl("gopher://host/", 0, heap, out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorString(error, 0)).toContain('unrecognized scheme "gopher"');
    expect(WsDecodeUrl("", 0, heap, out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(errorString(error, 0)).toBe("WsDecodeUrl: the URL is empty");
    expect(out.value).toBeNull();
  });

  it("refuses bad arguments with E_INVALIDARG, naming the parameter", () => {
    const heap = createHeap(4096);
    const error = createError();
    const out = ref<WS_ANY_URL | null>(null);
    expect(WsDecodeUrl(42 as unknown as string, 0, heap, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsDecodeUrl: parameter 'url' must be a string, not number 42.");
    expect(WsDecodeUrl("http://host/", -1, heap, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsDecodeUrl: parameter 'flags' must be an integer from 0 to 4294967295, not number -1.");
    expect(WsDecodeUrl("http://host/", 0, error as unknown as WS_HEAP, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsDecodeUrl: parameter 'heap' must be a live WS_HEAP, not a WS_ERROR.");
    expect(WsDecodeUrl("http://host/", 0x100, heap, out, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toContain("WsDecodeUrl: invalid flags 0x100");
    expect(out.value).toBeNull();
    expect(requested(heap)).toBe(0);
  });

  it("refuses a freed heap with E_INVALIDARG", () => {
    const heap = createHeap(4096);
    WsFreeHeap(heap);
    const error = createError();
    expect(WsDecodeUrl("http://host/", 0, heap, ref<WS_ANY_URL | null>(null), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsDecodeUrl: parameter 'heap' must be a live WS_HEAP, not a freed WS_HEAP.");
  });
});

describe("WsEncodeUrl", () => {
  it("encodes a decoded URL back and charges 2 bytes per character of the result", () => {
    const heap = createHeap(4096);
    const url = decode("http://host:81/a?b#c", heap);
    const before = requested(heap) as number;
    const out = ref("");
    expect(WsEncodeUrl(url, 0, heap, out, null)).toBe(S_OK);
    expect(out.value).toBe("http://host:81/a?b#c");
    expect(requested(heap)).toBe(before + 2 * "http://host:81/a?b#c".length);
    expect(requested(heap)).toBe(116 + 40);
  });

  it("escapes what needs escaping, and charges the escaped length", () => {
    const heap = createHeap(4096);
    const out = ref("");
    const url: WS_ANY_URL = {
      scheme: WS_URL_NETTCP_SCHEME_TYPE,
      host: "host",
      port: 0,
      portAsString: "",
      path: "/a b",
      query: "",
      fragment: "",
    };
    expect(WsEncodeUrl(url, 0, heap, out, null)).toBe(S_OK);
    expect(out.value).toBe("net.tcp://host/a%20b");
    expect(requested(heap)).toBe(2 * 20);
  });

  it("returns WS_E_QUOTA_EXCEEDED when the heap is one byte too small, leaving the out parameter alone", () => {
    const heap = createHeap(39); // "http://host:81/a?b#c" needs 40
    const error = createError();
    const url: WS_ANY_URL = {
      scheme: WS_URL_HTTP_SCHEME_TYPE,
      host: "host",
      port: 81,
      portAsString: "81",
      path: "/a",
      query: "b",
      fragment: "c",
    };
    const out = ref("unchanged");
    expect(WsEncodeUrl(url, 0, heap, out, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(out.value).toBe("unchanged");
    expect(requested(heap)).toBe(0);
    expect(errorString(error, 0)).toBe(
      "WsEncodeUrl: allocating 40 bytes for the encoded URL would exceed the heap's maximum size of 39 bytes (0 already allocated).",
    );
    const exact = createHeap(40);
    expect(WsEncodeUrl(url, 0, exact, out, null)).toBe(S_OK);
    expect(out.value).toBe("http://host:81/a?b#c");
  });

  it("returns WS_E_INVALID_FORMAT for a scheme that is not a WS_URL_SCHEME_TYPE, recorded on the WS_ERROR", () => {
    const heap = createHeap(4096);
    const error = createError();
    const out = ref("unchanged");
    const url = { url: { scheme: 9 }, host: "h", port: 0, portAsString: "", path: "", query: "", fragment: "" } as unknown as WS_ANY_URL;
    expect(WsEncodeUrl(url, 0, heap, out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(out.value).toBe("unchanged");
    expect(requested(heap)).toBe(0);
    expect(errorString(error, 0)).toContain("WsEncodeUrl: unrecognized scheme type 9");
  });

  it("refuses a url that is not an object with E_INVALIDARG", () => {
    const heap = createHeap(4096);
    const error = createError();
    expect(WsEncodeUrl(null as unknown as WS_ANY_URL, 0, heap, ref(""), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsEncodeUrl: parameter 'url' must be an object, not null.");
  });
});

describe("WsCombineUrl", () => {
  it("resolves a reference against a base and charges 2 bytes per character of the result", () => {
    const heap = createHeap(4096);
    const out = ref("");
    expect(WsCombineUrl("http://a/b/c/d;p?q", "../g", 0, heap, out, null)).toBe(S_OK);
    expect(out.value).toBe("http://a/b/g");
    expect(requested(heap)).toBe(2 * "http://a/b/g".length);
    expect(requested(heap)).toBe(24);

    expect(WsCombineUrl("http://a/b/c/d;p?q", "g?y#s", 0, heap, out, null)).toBe(S_OK);
    expect(out.value).toBe("http://a/b/c/g?y#s");
    expect(requested(heap)).toBe(24 + 2 * 18);
  });

  it("passes the flags to the codec (WS_URL_FLAGS_NO_PATH_COLLAPSE keeps dot segments)", () => {
    const heap = createHeap(4096);
    const out = ref("");
    expect(WsCombineUrl("http://a/b/", "./c/../d", WS_URL_FLAGS_NO_PATH_COLLAPSE, heap, out, null)).toBe(S_OK);
    expect(out.value).toBe("http://a/b/./c/../d");
    expect(requested(heap)).toBe(2 * "http://a/b/./c/../d".length);
  });

  it("returns WS_E_QUOTA_EXCEEDED when the heap is too small for the result", () => {
    const heap = createHeap(23); // "http://a/b/g" needs 24
    const error = createError();
    const out = ref("unchanged");
    expect(WsCombineUrl("http://a/b/c/d;p?q", "../g", 0, heap, out, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(out.value).toBe("unchanged");
    expect(requested(heap)).toBe(0);
    expect(errorString(error, 0)).toBe(
      "WsCombineUrl: allocating 24 bytes for the combined URL would exceed the heap's maximum size of 23 bytes (0 already allocated).",
    );
  });

  it("returns WS_E_INVALID_FORMAT for a malformed base URL, recorded on the WS_ERROR", () => {
    const heap = createHeap(4096);
    const error = createError();
    const out = ref("unchanged");
    expect(WsCombineUrl("not a url", "g", 0, heap, out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(out.value).toBe("unchanged");
    expect(requested(heap)).toBe(0);
    const message = errorString(error, 0);
    expect(message).toContain("WsCombineUrl");
    expect(message).toContain('"not a url"');
  });

  it("refuses a referenceUrl that is not a string with E_INVALIDARG", () => {
    const heap = createHeap(4096);
    const error = createError();
    expect(WsCombineUrl("http://a/", undefined as unknown as string, 0, heap, ref(""), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsCombineUrl: parameter 'referenceUrl' must be a string, not undefined.");
  });
});
