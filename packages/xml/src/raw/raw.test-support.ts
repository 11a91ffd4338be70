import {
  type HRESULT,
  ref,
  S_OK,
  type WS_ERROR,
  type WS_WRITE_CALLBACK,
  type WS_XML_NODE,
  type WS_XML_READER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_RAW,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BYTES,
  WsCreateError,
  WsGetErrorString,
} from "@wwsapi/core";
import { expect } from "vitest";
import { WsCreateWriter, WsGetReaderNode, WsGetWriterProperty, WsSetOutput } from "../index.js";

/** Helpers for the raw encoding's tests, which drive the flat API as an application does. */

export const RAW_WRITER = { encodingType: WS_XML_WRITER_ENCODING_TYPE_RAW } as never;
export const BUFFER_OUTPUT = { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER } as never;

export function newError(): WS_ERROR {
  const error = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, error)).toBe(S_OK);
  return error.value!;
}

export function firstString(error: WS_ERROR): string {
  const s = ref("");
  WsGetErrorString(error, 0, s);
  return s.value;
}

export function newWriter(): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  return writer.value!;
}

export function rawWriter(properties: WS_XML_WRITER_PROPERTY[] | null = null): WS_XML_WRITER {
  const writer = newWriter();
  expect(WsSetOutput(writer, RAW_WRITER, BUFFER_OUTPUT, properties)).toBe(S_OK);
  return writer;
}

export function writtenBytes(writer: WS_XML_WRITER): number[] {
  const value = ref<unknown>(null);
  expect(WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, value)).toBe(S_OK);
  return [...(value.value as Uint8Array)];
}

/** A WS_WRITE_CALLBACK that keeps a copy of every buffer it is given, one entry per call. */
export function collector() {
  const sink = {
    writes: [] as number[][],
    callback: ((_state: unknown, buffers: readonly Uint8Array[] | null): HRESULT => {
      sink.writes.push((buffers ?? []).flatMap((b) => [...b]));
      return S_OK;
    }) as WS_WRITE_CALLBACK,
  };
  return sink;
}

export function streamOutput(callback: WS_WRITE_CALLBACK) {
  return { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: callback, writeCallbackState: null } as never;
}

export function currentNode(reader: WS_XML_READER): WS_XML_NODE {
  const node = ref<WS_XML_NODE | null>(null);
  expect(WsGetReaderNode(reader, node)).toBe(S_OK);
  return node.value!;
}
