import {
  E_INVALIDARG,
  ref,
  S_OK,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
  type WS_ERROR,
  type WS_ERROR_PROPERTY,
  type WS_ERROR_PROPERTY_ID,
  WS_ERROR_PROPERTY_LANGID,
  WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE,
  WS_ERROR_PROPERTY_STRING_COUNT,
  type WS_HEAP,
  WsAddErrorString,
  WsAlloc,
  WsCopyError,
  WsCreateError,
  WsCreateHeap,
  WsError,
  WsFreeError,
  WsFreeHeap,
  WsGetErrorProperty,
  WsGetErrorString,
  WsResetError,
  WsSetErrorProperty,
} from "@wwsapi/core";
// The failure of the flat call just made (what the Promise adapters read): the only place the message
// of a failure that had no live WS_ERROR to be recorded on can be seen.
import { takeFailure } from "@wwsapi/core/internal";
import { afterEach, describe, expect, it } from "vitest";

/** The texts HRESULT_MEANINGS gives (the FormatMessage texts of the Windows SDK). */
const QUOTA_EXCEEDED_TEXT = "The limits of the object would be exceeded in completing the operation.";
const INVALID_FORMAT_TEXT = "The data being interpreted did not meet the expectations of the code that was interpreting it.";
/** The implementation's default LANGID (en-US); WWSAPI uses the current user's default UI language. */
const DEFAULT_LANGID = 0x0409;

const created: WS_ERROR[] = [];
const heaps: WS_HEAP[] = [];

afterEach(() => {
  for (const error of created.splice(0)) if (!error.freed) WsFreeError(error);
  for (const heap of heaps.splice(0)) if (!heap.freed) WsFreeHeap(heap);
});

/**
 * WS_ERROR_PROPERTY.value is generated from the C `void*` as a Uint8Array, but the implementation
 * reads the property's value (a LANGID, an HRESULT) as a number; the cast bridges the two.
 */
function property(id: WS_ERROR_PROPERTY_ID, value: number): WS_ERROR_PROPERTY {
  return { id, value: value as unknown as Uint8Array };
}

function createError(properties: readonly WS_ERROR_PROPERTY[] | null = null): WS_ERROR {
  const out = ref<WS_ERROR | null>(null);
  expect(WsCreateError(properties, out)).toBe(S_OK);
  const error = out.value;
  if (error === null) throw new Error("WsCreateError returned S_OK without setting the out parameter");
  created.push(error);
  return error;
}

function createHeap(maxSize: number, trimSize: number): WS_HEAP {
  const out = ref<WS_HEAP | null>(null);
  expect(WsCreateHeap(maxSize, trimSize, null, out, null)).toBe(S_OK);
  const heap = out.value;
  if (heap === null) throw new Error("WsCreateHeap returned S_OK without setting the out parameter");
  heaps.push(heap);
  return heap;
}

function getProperty(error: WS_ERROR, id: WS_ERROR_PROPERTY_ID): unknown {
  const value = ref<unknown>(undefined);
  expect(WsGetErrorProperty(error, id, value)).toBe(S_OK);
  return value.value;
}

function getString(error: WS_ERROR, index: number): string {
  const value = ref("");
  expect(WsGetErrorString(error, index, value)).toBe(S_OK);
  return value.value;
}

/** Every string WsGetErrorString serves, index 0 first, as many as STRING_COUNT says. */
function allStrings(error: WS_ERROR): string[] {
  const count = getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT);
  expect(typeof count).toBe("number");
  return Array.from({ length: count as number }, (_, i) => getString(error, i));
}

/** Asserts `call` throws a WsError with exactly `hr` and returns it. */
function expectThrowsWsError(call: () => void, hr: number): WsError {
  let thrown: unknown;
  try {
    call();
  } catch (caught) {
    thrown = caught;
  }
  expect(thrown).toBeInstanceOf(WsError);
  expect((thrown as WsError).hr).toBe(hr);
  return thrown as WsError;
}

describe("WsCreateError", () => {
  it("creates an empty error object with no properties (null or an empty array)", () => {
    for (const properties of [null, []]) {
      const error = createError(properties);
      expect(error.handleType).toBe("WS_ERROR");
      expect(error.freed).toBe(false);
      expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
      expect(getProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(S_OK); // NOERROR, the documented default
      expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(DEFAULT_LANGID);
    }
  });

  it("takes WS_ERROR_PROPERTY_LANGID as a create property and returns it from WsGetErrorProperty", () => {
    const error = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
  });

  it("refuses LANGID 0 with E_INVALIDARG (WS_ERROR_PROPERTY_ID: 'This value may not be zero')", () => {
    const out = ref<WS_ERROR | null>(null);
    expect(WsCreateError([property(WS_ERROR_PROPERTY_LANGID, 0)], out)).toBe(E_INVALIDARG);
    expect(out.value).toBeNull();
    expect(takeFailure(E_INVALIDARG).message).toBe("WsCreateError: WS_ERROR_PROPERTY_LANGID must be a non-zero LANGID (0x0001-0xFFFF).");
  });

  it("refuses a LANGID that is not a 16-bit number with E_INVALIDARG", () => {
    for (const langId of [0x10000, -1, 1.5]) {
      const out = ref<WS_ERROR | null>(null);
      expect(WsCreateError([property(WS_ERROR_PROPERTY_LANGID, langId)], out)).toBe(E_INVALIDARG);
      expect(out.value).toBeNull();
    }
  });

  it("refuses WS_ERROR_PROPERTY_STRING_COUNT as a create property with E_INVALIDARG (it is read only)", () => {
    const out = ref<WS_ERROR | null>(null);
    expect(WsCreateError([property(WS_ERROR_PROPERTY_STRING_COUNT, 3)], out)).toBe(E_INVALIDARG);
    expect(out.value).toBeNull();
    expect(takeFailure(E_INVALIDARG).message).toBe("WsCreateError: WS_ERROR_PROPERTY_STRING_COUNT is read-only.");
  });

  it("refuses a non-array properties argument and a non-object out parameter, naming the parameter", () => {
    const out = ref<WS_ERROR | null>(null);
    expect(WsCreateError({} as unknown as WS_ERROR_PROPERTY[], out)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe(
      "WsCreateError: parameter 'properties' must be an array or null, not an object (Object).",
    );
    expect(WsCreateError(null, null as unknown as typeof out)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe(
      "WsCreateError: parameter 'error' must be a Ref (an object whose value the function sets), not null.",
    );
    expect(out.value).toBeNull();
  });
});

describe("WsAddErrorString / WsGetErrorString", () => {
  it("serves the most recently added string at index 0 (WsGetErrorString docs)", () => {
    const error = createError();
    expect(WsAddErrorString(error, "first")).toBe(S_OK);
    expect(WsAddErrorString(error, "second")).toBe(S_OK);
    expect(WsAddErrorString(error, "third")).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(3);
    expect(getString(error, 0)).toBe("third");
    expect(getString(error, 1)).toBe("second");
    expect(getString(error, 2)).toBe("first");
  });

  it("keeps strings exactly as added, including the empty string", () => {
    const error = createError();
    expect(WsAddErrorString(error, "")).toBe(S_OK);
    expect(WsAddErrorString(error, "ümlaut \u{1F600}\n")).toBe(S_OK);
    expect(allStrings(error)).toEqual(["ümlaut \u{1F600}\n", ""]);
  });

  it("returns E_INVALIDARG for an index past the last string and leaves the out parameter alone", () => {
    const error = createError();
    const out = ref("unchanged");
    expect(WsGetErrorString(error, 0, out)).toBe(E_INVALIDARG);
    expect(out.value).toBe("unchanged");
    expect(takeFailure(E_INVALIDARG).message).toBe("WsGetErrorString: index 0 is out of range; the error object has 0 string(s).");

    expect(WsAddErrorString(error, "only")).toBe(S_OK);
    expect(WsGetErrorString(error, 1, out)).toBe(E_INVALIDARG);
    expect(out.value).toBe("unchanged");
    expect(WsGetErrorString(error, 0xffffffff, out)).toBe(E_INVALIDARG);
    expect(out.value).toBe("unchanged");
  });

  it("returns E_INVALIDARG for an index that is not a ULONG (negative, fractional)", () => {
    const error = createError();
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    const out = ref("unchanged");
    expect(WsGetErrorString(error, -1, out)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe(
      "WsGetErrorString: parameter 'index' must be an integer from 0 to 4294967295, not number -1.",
    );
    expect(WsGetErrorString(error, 0.5, out)).toBe(E_INVALIDARG);
    expect(out.value).toBe("unchanged");
  });

  it("returns E_INVALIDARG for a string argument that is not a string, adding nothing", () => {
    const error = createError();
    expect(WsAddErrorString(error, 42 as unknown as string)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsAddErrorString: parameter 'string' must be a string, not number 42.");
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
  });
});

describe("WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE and WS_ERROR_PROPERTY_STRING_COUNT", () => {
  it("adds the original error code's text as one more string, at the LAST index (WsGetErrorString docs)", () => {
    const error = createError();
    expect(WsAddErrorString(error, "older")).toBe(S_OK);
    expect(WsAddErrorString(error, "newer")).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(2);

    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_QUOTA_EXCEEDED)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(3);
    expect(allStrings(error)).toEqual(["newer", "older", QUOTA_EXCEEDED_TEXT]);

    // A string added afterwards still goes to index 0; the code's text stays last.
    expect(WsAddErrorString(error, "newest")).toBe(S_OK);
    expect(allStrings(error)).toEqual(["newest", "newer", "older", QUOTA_EXCEEDED_TEXT]);
  });

  it("counts the original error code's text even when no string was added", () => {
    const error = createError();
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_INVALID_FORMAT)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(1);
    expect(getString(error, 0)).toBe(INVALID_FORMAT_TEXT);
  });

  it("replaces the text when the code changes, and drops it when the code is set back to NOERROR", () => {
    const error = createError();
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_QUOTA_EXCEEDED)).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_INVALID_FORMAT)).toBe(S_OK);
    expect(allStrings(error)).toEqual(["a", INVALID_FORMAT_TEXT]);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, S_OK)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(1);
    expect(allStrings(error)).toEqual(["a"]);
  });

  it("refuses to set WS_ERROR_PROPERTY_STRING_COUNT with E_INVALIDARG (the property is read only)", () => {
    const error = createError();
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_STRING_COUNT, 5)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsSetErrorProperty: WS_ERROR_PROPERTY_STRING_COUNT is read-only.");
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(1);
  });

  it("refuses an ORIGINAL_ERROR_CODE that is not a 32-bit signed HRESULT, keeping the previous code", () => {
    const error = createError();
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, 1.5)).toBe(E_INVALIDARG);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, "E_FAIL")).toBe(E_INVALIDARG);
    expect(getProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
  });

  it("refuses a property id that is not a WS_ERROR_PROPERTY_ID with E_INVALIDARG", () => {
    const error = createError();
    const out = ref<unknown>("unchanged");
    expect(WsGetErrorProperty(error, 3 as WS_ERROR_PROPERTY_ID, out)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe(
      "WsGetErrorProperty: parameter 'id' must be a WS_ERROR_PROPERTY_ID value, not number 3.",
    );
    expect(out.value).toBe("unchanged");
    expect(WsSetErrorProperty(error, 3 as WS_ERROR_PROPERTY_ID, 1)).toBe(E_INVALIDARG);
  });

  it("sets WS_ERROR_PROPERTY_LANGID with WsSetErrorProperty after WsResetError, refusing 0", () => {
    const error = createError();
    expect(WsResetError(error)).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_LANGID, 0x040c)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x040c);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_LANGID, 0)).toBe(E_INVALIDARG);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x040c);
  });

  // BUG: WS_ERROR_PROPERTY_ID docs, WS_ERROR_PROPERTY_LANGID: "This value can only be set when the error
  // object is first created, or after it has been reset using WsResetError." The implementation lets
  // WsSetErrorProperty change the LANGID at any time, even while the error holds strings.
  it("refuses to change LANGID while the error holds strings added since creation or the last reset", () => {
    const error = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(WsAddErrorString(error, "a German message")).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_LANGID, 0x0409)).toBe(E_INVALIDARG);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
  });
});

describe("WsResetError", () => {
  it("clears the strings and the original error code but keeps the LANGID given at creation", () => {
    const error = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    expect(WsAddErrorString(error, "b")).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_QUOTA_EXCEEDED)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(3);

    expect(WsResetError(error)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
    expect(getProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
    expect(WsGetErrorString(error, 0, ref(""))).toBe(E_INVALIDARG);

    // The object is reusable.
    expect(WsAddErrorString(error, "c")).toBe(S_OK);
    expect(allStrings(error)).toEqual(["c"]);
  });

  // BUG: WsResetError docs: 'The "reset" effect of this function returns the error object to the state
  // set at instantiation' and 'Properties that have been set using the WsSetErrorProperty function are
  // released.' The implementation keeps a LANGID set by WsSetErrorProperty instead of going back to the
  // one the error object was created with.
  it("returns a LANGID set by WsSetErrorProperty to the one set at instantiation", () => {
    const error = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(WsResetError(error)).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_LANGID, 0x040c)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x040c);
    expect(WsResetError(error)).toBe(S_OK);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
  });
});

describe("WsCopyError", () => {
  it("copies the strings, the original error code and the LANGID", () => {
    const source = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(WsAddErrorString(source, "older")).toBe(S_OK);
    expect(WsAddErrorString(source, "newer")).toBe(S_OK);
    expect(WsSetErrorProperty(source, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_QUOTA_EXCEEDED)).toBe(S_OK);
    const destination = createError();

    expect(WsCopyError(source, destination)).toBe(S_OK);
    expect(allStrings(destination)).toEqual(["newer", "older", QUOTA_EXCEEDED_TEXT]);
    expect(getProperty(destination, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(3);
    expect(getProperty(destination, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(getProperty(destination, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
    // The source is unchanged.
    expect(allStrings(source)).toEqual(["newer", "older", QUOTA_EXCEEDED_TEXT]);
  });

  it("replaces the destination's previous strings and code rather than appending to them", () => {
    const source = createError();
    expect(WsAddErrorString(source, "from source")).toBe(S_OK);
    const destination = createError();
    expect(WsAddErrorString(destination, "old 1")).toBe(S_OK);
    expect(WsAddErrorString(destination, "old 2")).toBe(S_OK);
    expect(WsSetErrorProperty(destination, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_INVALID_FORMAT)).toBe(S_OK);

    expect(WsCopyError(source, destination)).toBe(S_OK);
    expect(allStrings(destination)).toEqual(["from source"]);
    expect(getProperty(destination, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(S_OK);
  });

  it("makes an independent copy: later changes to either object do not show in the other", () => {
    const source = createError();
    expect(WsAddErrorString(source, "shared")).toBe(S_OK);
    const destination = createError();
    expect(WsCopyError(source, destination)).toBe(S_OK);
    expect(WsAddErrorString(source, "source only")).toBe(S_OK);
    expect(WsAddErrorString(destination, "destination only")).toBe(S_OK);
    expect(allStrings(source)).toEqual(["source only", "shared"]);
    expect(allStrings(destination)).toEqual(["destination only", "shared"]);
  });

  it("copies an error object onto itself without changing it", () => {
    const error = createError([property(WS_ERROR_PROPERTY_LANGID, 0x0407)]);
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    expect(WsAddErrorString(error, "b")).toBe(S_OK);
    expect(WsSetErrorProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE, WS_E_QUOTA_EXCEEDED)).toBe(S_OK);
    expect(WsCopyError(error, error)).toBe(S_OK);
    expect(allStrings(error)).toEqual(["b", "a", QUOTA_EXCEEDED_TEXT]);
    expect(getProperty(error, WS_ERROR_PROPERTY_LANGID)).toBe(0x0407);
    expect(error.pendingOperation).toBeNull();
  });

  it("returns E_INVALIDARG when either error object is missing (WsCopyError: 'One of the error objects is NULL')", () => {
    const error = createError();
    expect(WsAddErrorString(error, "kept")).toBe(S_OK);
    expect(WsCopyError(null as unknown as WS_ERROR, error)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsCopyError: parameter 'source' must be a live WS_ERROR, not null.");
    expect(WsCopyError(error, null as unknown as WS_ERROR)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsCopyError: parameter 'destination' must be a live WS_ERROR, not null.");
    expect(allStrings(error)).toEqual(["kept"]);
  });
});

describe("WsFreeError", () => {
  it("marks the error freed; every later use returns E_INVALIDARG saying the WS_ERROR was freed", () => {
    const error = createError();
    const other = createError();
    expect(WsAddErrorString(error, "a")).toBe(S_OK);
    expect(WsFreeError(error)).toBeUndefined();
    expect(error.freed).toBe(true);

    const uses: [string, () => number][] = [
      ["WsAddErrorString: parameter 'error'", () => WsAddErrorString(error, "b")],
      ["WsGetErrorString: parameter 'error'", () => WsGetErrorString(error, 0, ref(""))],
      ["WsGetErrorProperty: parameter 'error'", () => WsGetErrorProperty(error, WS_ERROR_PROPERTY_STRING_COUNT, ref<unknown>(0))],
      ["WsSetErrorProperty: parameter 'error'", () => WsSetErrorProperty(error, WS_ERROR_PROPERTY_LANGID, 0x0407)],
      ["WsResetError: parameter 'error'", () => WsResetError(error)],
      ["WsCopyError: parameter 'source'", () => WsCopyError(error, other)],
      ["WsCopyError: parameter 'destination'", () => WsCopyError(other, error)],
      ["WsCreateHeap: parameter 'error'", () => WsCreateHeap(1024, 512, null, ref<WS_HEAP | null>(null), error)],
    ];
    for (const [named, use] of uses) {
      expect(use()).toBe(E_INVALIDARG);
      const message = takeFailure(E_INVALIDARG).message;
      expect(message).toContain(named);
      expect(message).toContain("not a freed WS_ERROR");
    }
    // Nothing was copied into the live error from the freed one.
    expect(getProperty(other, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(0);
  });

  it("throws a WsError with E_INVALIDARG when the error is freed twice", () => {
    const error = createError();
    WsFreeError(error);
    const thrown = expectThrowsWsError(() => WsFreeError(error), E_INVALIDARG);
    expect(thrown.message).toBe("WsFreeError: parameter 'error' must be a live WS_ERROR, not a freed WS_ERROR.");
    expect(thrown.code).toBe("E_INVALIDARG");
  });

  it("records a freed WS_ERROR passed as a handle parameter on the live WS_ERROR of that call", () => {
    const freed = createError();
    WsFreeError(freed);
    const error = createError();
    const heap = createHeap(64, 64);
    expect(WsAlloc(freed as unknown as WS_HEAP, 8, ref<Uint8Array | null>(null), error)).toBe(E_INVALIDARG);
    expect(getString(error, 0)).toBe("WsAlloc: parameter 'heap' must be a live WS_HEAP, not a freed WS_ERROR.");
    expect(WsAlloc(heap, 8, ref<Uint8Array | null>(null), error)).toBe(S_OK);
  });
});

describe("non-handles passed as a WS_ERROR", () => {
  it("returns E_INVALIDARG with a message naming the parameter and what was passed", () => {
    const notAnError = {} as unknown as WS_ERROR;
    expect(WsAddErrorString(notAnError, "a")).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsAddErrorString: parameter 'error' must be a live WS_ERROR, not an object (Object).");
    expect(WsGetErrorString(notAnError, 0, ref(""))).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsGetErrorString: parameter 'error' must be a live WS_ERROR, not an object (Object).");
    expect(WsResetError(undefined as unknown as WS_ERROR)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsResetError: parameter 'error' must be a live WS_ERROR, not undefined.");
    // The optional error parameter of other functions is checked the same way.
    expect(WsCreateHeap(1024, 512, null, ref<WS_HEAP | null>(null), notAnError)).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe(
      "WsCreateHeap: parameter 'error' must be a live WS_ERROR or null, not an object (Object).",
    );
  });

  it("returns E_INVALIDARG for a handle of another type (a WS_HEAP) passed as a WS_ERROR", () => {
    const heap = createHeap(64, 64);
    expect(WsAddErrorString(heap as unknown as WS_ERROR, "a")).toBe(E_INVALIDARG);
    expect(takeFailure(E_INVALIDARG).message).toBe("WsAddErrorString: parameter 'error' must be a live WS_ERROR, not a WS_HEAP.");
  });

  it("makes WsFreeError throw a WsError with E_INVALIDARG naming the parameter", () => {
    const thrown = expectThrowsWsError(() => WsFreeError({} as unknown as WS_ERROR), E_INVALIDARG);
    expect(thrown.message).toBe("WsFreeError: parameter 'error' must be a live WS_ERROR, not an object (Object).");
  });
});

describe("a failing call with an error object", () => {
  it("records the failure's message on the WS_ERROR passed (WsAlloc past the heap's quota)", () => {
    const heap = createHeap(16, 16);
    const error = createError();
    const ptr = ref<Uint8Array | null>(null);
    expect(WsAlloc(heap, 17, ptr, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(ptr.value).toBeNull();
    const message = getString(error, 0);
    expect(message).toContain("WsAlloc");
    expect(message).toContain("17 bytes");
    expect(message).toContain("maximum size of 16 bytes");
    // The error object is left free for the next call.
    expect(error.pendingOperation).toBeNull();
  });

  it("adds the new failure's strings in front of the strings already on the error object", () => {
    const heap = createHeap(16, 16);
    const error = createError();
    expect(WsAddErrorString(error, "added by the application")).toBe(S_OK);
    expect(WsAlloc(heap, 17, ref<Uint8Array | null>(null), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(getString(error, 0)).toContain("maximum size of 16 bytes");
    expect(getString(error, 1)).toBe("added by the application");
  });

  it("records an argument error of the call on the WS_ERROR passed, naming the parameter", () => {
    const error = createError();
    expect(WsAlloc({} as unknown as WS_HEAP, 8, ref<Uint8Array | null>(null), error)).toBe(E_INVALIDARG);
    expect(getString(error, 0)).toBe("WsAlloc: parameter 'heap' must be a live WS_HEAP, not an object (Object).");
  });

  // WS_ERROR_PROPERTY_ID docs, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE: "If the error was not mapped from an
  // implementation specific value to a standard error, then this property will have the value NOERROR."
  it("leaves ORIGINAL_ERROR_CODE at NOERROR for a failure that was not mapped from another code", () => {
    const heap = createHeap(16, 16);
    const error = createError();
    expect(WsAlloc(heap, 17, ref<Uint8Array | null>(null), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(getProperty(error, WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE)).toBe(S_OK);
    // So the message is the only string: no HRESULT text is counted after it.
    expect(getProperty(error, WS_ERROR_PROPERTY_STRING_COUNT)).toBe(1);
  });
});
