/**
 * The base of every handle object. The generated flat API keeps the threading contract (design
 * §5) in `pendingOperation`: the name of the function that holds a single-threaded handle, or
 * null. Handles are recognised by `handleType`, not by class, so that handles made by one copy of
 * a package are accepted by another.
 */
export type Threading = "single" | "free";

export interface WsHandle<Type extends string = string, T extends Threading = Threading> {
  readonly handleType: Type;
  readonly threading: T;
  /** The function holding this handle now (single-threaded handles only), or null. */
  readonly pendingOperation: string | null;
  /** True once the handle's free function ran; every later use fails with E_INVALIDARG. */
  readonly freed: boolean;
}

interface MutableHandle {
  handleType: string;
  pendingOperation: string | null;
  freed: boolean;
}

export abstract class HandleBase<Type extends string, T extends Threading> implements WsHandle<Type, T> {
  pendingOperation: string | null = null;
  freed = false;
  constructor(
    readonly handleType: Type,
    readonly threading: T,
  ) {}
}

export function isHandle(value: unknown, type: string): boolean {
  return typeof value === "object" && value !== null && (value as MutableHandle).handleType === type && !(value as MutableHandle).freed;
}

export function acquire(handle: WsHandle, operation: string): void {
  (handle as MutableHandle).pendingOperation = operation;
}

export function release(handle: WsHandle): void {
  (handle as MutableHandle).pendingOperation = null;
}

/** Marks a handle freed; called by the free functions' implementations. */
export function markFreed(handle: WsHandle): void {
  (handle as MutableHandle).freed = true;
}
