export {
  Channel,
  type ChannelCallOptions,
  type ChannelPropertyList,
  type ChannelReceiveOptions,
  type ChannelSendOptions,
} from "./channel.js";
export { Listener } from "./listener.js";
export { Message } from "./message.js";
