/**
 * @wwsapi/channels/internal: what @wwsapi/service-model (and later security) needs from the channel
 * layer without going through the flat API, whose threading guard would find the handles held by
 * the outer call. Not a public API: it may change in any release.
 */

export { receivedFault } from "../faults/index.js";
export { implementation as channelsImplementation } from "../implementation.js";
export { ListenerObject } from "../listener/index.js";
export { messageOf } from "../message/index.js";
