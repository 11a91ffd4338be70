import { WS_E_QUOTA_EXCEEDED } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * Reading an HTTP body under a size quota: buffered input reads the whole body into one buffer
 * ("When receiving with buffered input, the entire message is read into a buffer before the
 * application has access to it") but never holds more than the limit — a Content-Length above it
 * is refused before one byte is read, a chunked body as soon as it passes it. The caller then
 * destroys the source (the connection cannot be reused with an unread body on it).
 */

export function quotaExceeded(what: string, limit: number, property: string, size?: number): WsError {
  const actual = size === undefined ? "more" : `${size}`;
  return new WsError(WS_E_QUOTA_EXCEEDED, `${what} has ${actual} bytes, above ${property} (${limit} bytes)`);
}

/** The Content-Length of a head, or null when there is none (chunked) or it is not a plain decimal. */
export function declaredLength(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return null;
  return Number(text.trim());
}

/**
 * The whole body as one Uint8Array. `mapError` turns a failure of the source (a reset connection)
 * into the WsError to throw; the quota error is thrown as it is.
 */
export async function readBodyLimited(
  source: AsyncIterable<Uint8Array>,
  limit: number,
  length: number | null,
  what: string,
  property: string,
  mapError: (error: unknown) => Error,
): Promise<Uint8Array> {
  if (length !== null && length > limit) throw quotaExceeded(what, limit, property, length);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.byteLength;
      if (total > limit) throw quotaExceeded(what, limit, property);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof WsError && error.hr === WS_E_QUOTA_EXCEEDED) throw error;
    throw mapError(error);
  }
  return concat(chunks, total);
}

export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Streamed input: the body as it arrives, failing once more than `limit` bytes came (the caller's
 * `onEnd` runs in every case, to release the connection or destroy it).
 */
export async function* limitedStream(
  source: AsyncIterable<Uint8Array>,
  limit: number,
  length: number | null,
  what: string,
  property: string,
  mapError: (error: unknown) => Error,
  onEnd: (completed: boolean) => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  let completed = false;
  try {
    if (length !== null && length > limit) throw quotaExceeded(what, limit, property, length);
    let total = 0;
    try {
      for await (const chunk of source) {
        total += chunk.byteLength;
        if (total > limit) throw quotaExceeded(what, limit, property);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof WsError && error.hr === WS_E_QUOTA_EXCEEDED) throw error;
      throw mapError(error);
    }
    completed = true;
  } finally {
    onEnd(completed);
  }
}
