import {
  ref,
  type WS_ELEMENT_DESCRIPTION,
  WS_READ_REQUIRED_POINTER,
  WS_READ_REQUIRED_VALUE,
  WS_WRITE_REQUIRED_POINTER,
  WS_WRITE_REQUIRED_VALUE,
} from "@wwsapi/core";
import { WsReadElement, WsWriteElement } from "../serialization/index.js";
import { xmlString } from "../text-utils/xml-string.js";
import type { AbsentFix } from "./absent-fields.js";
import { guarded, type HeapLike, heapHandle, type ReaderLike, readerHandle, type WriterLike, writerHandle } from "./guarded-call.js";
import { isPointerType, type TypeDef } from "./value-types.js";

export interface ReadOptions {
  /** The heap the value's data is accounted on (WS_HEAP quota); by default a heap without maximum (guarded-call.ts). */
  readonly heap?: HeapLike;
}

/** A top-level element of a typed value: what a message body or a WsReadElement call reads. */
export interface ElementType<T> {
  /** The WS_ELEMENT_DESCRIPTION, for WsReadElement / WsWriteElement and WsReadBody / WsWriteBody. */
  readonly element: WS_ELEMENT_DESCRIPTION;
  /**
   * Reads the element, which must be next (after white space and comments), and its content; the
   * reader is left after its end element. A mismatch is a WsError (WS_E_INVALID_FORMAT).
   */
  read(reader: ReaderLike, options?: ReadOptions): T;
  /** Writes the element with the value, where the writer is. */
  write(writer: WriterLike, value: T): void;
}

/**
 * The element `localName` in `ns` holding a value of `def`, as WsReadElement and WsWriteElement
 * read and write it. The implementation functions are called directly, under the threading guard
 * (guarded-call.ts). Values are read with WS_READ_REQUIRED_VALUE (WS_READ_REQUIRED_POINTER for the
 * pointer types WS_WSZ and WS_XML_BUFFER, which allow no other required option), and written the
 * same way. `fix` is a struct's pass over what was read (absent-fields.ts).
 */
export function elementOf<T>(def: TypeDef<T>, localName: string, ns: string, fix?: AbsentFix): ElementType<T> {
  const element: WS_ELEMENT_DESCRIPTION = {
    elementLocalName: xmlString(localName),
    elementNs: xmlString(ns),
    type: def.type,
    typeDescription: def.typeDescription,
  };
  const pointer = isPointerType(def.type);
  const readOption = pointer ? WS_READ_REQUIRED_POINTER : WS_READ_REQUIRED_VALUE;
  const writeOption = pointer ? WS_WRITE_REQUIRED_POINTER : WS_WRITE_REQUIRED_VALUE;
  return {
    element,
    read(reader: ReaderLike, options: ReadOptions = {}): T {
      const fn = "WsReadElement";
      const handle = readerHandle(fn, reader);
      const heap = heapHandle(fn, options.heap);
      const value = ref<unknown>(null);
      guarded(fn, [handle, heap], () => WsReadElement(handle, element, readOption, heap, value, null));
      if (fix !== undefined) fix(value.value as Record<string, unknown>);
      return value.value as T;
    },
    write(writer: WriterLike, value: T): void {
      const fn = "WsWriteElement";
      const handle = writerHandle(fn, writer);
      guarded(fn, [handle], () => WsWriteElement(handle, element, writeOption, value, null));
    },
  };
}
