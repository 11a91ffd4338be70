/**
 * @wwsapi/channels/internal: what @wwsapi/service-model (and later security) needs from the channel
 * layer without going through the flat API, whose threading guard would find the handles held by
 * the outer call. Not a public API: it may change in any release.
 */
import type { ChannelsImplementation } from "../gen/implementation.js";
import { implementation } from "../implementation.js";

export { receivedFault } from "../faults/index.js";
export { ListenerObject } from "../listener/index.js";
export { messageOf } from "../message/index.js";

/** The channels implementation table, typed as the complete interface (all 63 functions are implemented). */
export const channelsImplementation: ChannelsImplementation = implementation;
