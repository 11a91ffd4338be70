/** @wwsapi/channels: see README.md for what it covers and docs/api-status.md for what is implemented. */
export * from "./gen/index.js";
export {
  Channel,
  type ChannelCallOptions,
  type ChannelPropertyList,
  type ChannelReceiveOptions,
  type ChannelSendOptions,
  Listener,
  Message,
} from "./idiomatic/index.js";
