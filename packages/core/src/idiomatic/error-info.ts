import { WsAddErrorString, WsCreateError, WsFreeError, WsGetErrorProperty, WsGetErrorString, WsResetError } from "../gen/api.js";
import {
  type WS_ERROR_PROPERTY_ID,
  WS_ERROR_PROPERTY_LANGID,
  WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE,
  WS_ERROR_PROPERTY_STRING_COUNT,
} from "../gen/enums.js";
import type { WS_ERROR } from "../gen/handles.js";
import type { WS_ERROR_PROPERTY } from "../gen/structs.js";
import { beginPromiseCall } from "../runtime/outcomes.js";
import { ref } from "../types/native.js";
import { throwOnFailure } from "./throw-on-failure.js";

/**
 * WS_ERROR, idiomatically: pass `info.handle` as the flat API's `error` argument, then read
 * `info.strings`. (Named ErrorInfo so as not to shadow JavaScript's Error.)
 */
export class ErrorInfo implements Disposable {
  private constructor(readonly handle: WS_ERROR) {}

  static create(options: { langId?: number } = {}): ErrorInfo {
    const error = ref<WS_ERROR | null>(null);
    const properties: WS_ERROR_PROPERTY[] | null =
      options.langId === undefined ? null : [{ id: WS_ERROR_PROPERTY_LANGID, value: options.langId }];
    beginPromiseCall();
    throwOnFailure(WsCreateError(properties, error));
    return new ErrorInfo(error.value!);
  }

  /** Every string, most recently added first, as WsGetErrorString numbers them. */
  get strings(): string[] {
    const count = this.property(WS_ERROR_PROPERTY_STRING_COUNT);
    return Array.from({ length: count }, (_, index) => {
      const text = ref("");
      beginPromiseCall();
      throwOnFailure(WsGetErrorString(this.handle, index, text));
      return text.value;
    });
  }

  get langId(): number {
    return this.property(WS_ERROR_PROPERTY_LANGID);
  }

  get originalErrorCode(): number {
    return this.property(WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE);
  }

  add(text: string): void {
    beginPromiseCall();
    throwOnFailure(WsAddErrorString(this.handle, text));
  }

  reset(): void {
    beginPromiseCall();
    throwOnFailure(WsResetError(this.handle));
  }

  [Symbol.dispose](): void {
    if (!this.handle.freed) WsFreeError(this.handle);
  }

  private property(id: WS_ERROR_PROPERTY_ID): number {
    const value = ref<unknown>(0);
    beginPromiseCall();
    throwOnFailure(WsGetErrorProperty(this.handle, id, value));
    return value.value as number;
  }
}
