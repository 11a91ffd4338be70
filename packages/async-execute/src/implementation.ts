import { WsAsyncExecute } from "./async-execute.js";
import type { AsyncExecuteImplementation } from "./gen/implementation.js";

/**
 * The functions of @wwsapi/async-execute implemented so far; the generated flat API dispatches to
 * them and returns E_NOTIMPL for the rest (docs/api-status.md).
 */
export const implementation = { WsAsyncExecute } satisfies Partial<AsyncExecuteImplementation>;
