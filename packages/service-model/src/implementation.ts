import type { ServiceModelImplementation } from "./gen/implementation.js";

/**
 * The functions of @wwsapi/service-model implemented so far; the generated flat API dispatches to them and
 * returns E_NOTIMPL for the rest (docs/api-status.md).
 */
export const implementation = {} satisfies Partial<ServiceModelImplementation>;
