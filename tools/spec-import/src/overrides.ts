/**
 * Parameters whose TypeScript type the mechanical rules cannot know: what a `void*` or a base
 * struct pointer really carries. Each entry says why.
 */
export const PARAM_TS_OVERRIDES: Record<string, { ts: string; why: string }> = {
  "WsAlloc.ptr": { ts: "Ref<Uint8Array | null>", why: "WsAlloc returns a block of `size` bytes, accounted to the heap" },
  "WsDecodeUrl.outUrl": { ts: "Ref<WS_ANY_URL | null>", why: "WS_URL* points at a scheme-specific WS_*_URL" },
  "WsEncodeUrl.url": { ts: "WS_ANY_URL", why: "WS_URL* points at a scheme-specific WS_*_URL" },
};

/**
 * Functions that do not hold every handle parameter for the threading guard. WsAsyncExecute
 * passes its WS_ERROR on to each step, which uses it for the operations it starts; holding it
 * would make every such nested call a breach of the contract.
 */
export const HOLDS_OVERRIDES: Record<string, { holds: string[]; why: string }> = {
  WsAsyncExecute: { holds: [], why: "the error is lent to each WS_ASYNC_FUNCTION step for its own calls" },
};

/**
 * Struct fields whose TypeScript type the rules cannot know. A JS object has no offsets, so the
 * serializer's offsets are the names of the properties that hold the values.
 */
export const FIELD_TS_OVERRIDES: Record<string, { ts: string; why: string }> = {
  "WS_FIELD_DESCRIPTION.offset": { ts: "string", why: "the name of the struct value's property that holds the field" },
  "WS_UNION_DESCRIPTION.enumOffset": { ts: "string", why: "the name of the property that holds the union's selector" },
};
