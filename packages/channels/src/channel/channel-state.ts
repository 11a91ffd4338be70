import {
  WS_CHANNEL_STATE_ACCEPTING,
  WS_CHANNEL_STATE_CLOSED,
  WS_CHANNEL_STATE_CLOSING,
  WS_CHANNEL_STATE_CREATED,
  WS_CHANNEL_STATE_FAULTED,
  WS_CHANNEL_STATE_OPEN,
  WS_CHANNEL_STATE_OPENING,
  WS_E_INVALID_OPERATION,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { ChannelObject } from "./channel-object.js";

const NAMES: Readonly<Record<number, string>> = {
  [WS_CHANNEL_STATE_CREATED]: "WS_CHANNEL_STATE_CREATED",
  [WS_CHANNEL_STATE_OPENING]: "WS_CHANNEL_STATE_OPENING",
  [WS_CHANNEL_STATE_ACCEPTING]: "WS_CHANNEL_STATE_ACCEPTING",
  [WS_CHANNEL_STATE_OPEN]: "WS_CHANNEL_STATE_OPEN",
  [WS_CHANNEL_STATE_FAULTED]: "WS_CHANNEL_STATE_FAULTED",
  [WS_CHANNEL_STATE_CLOSING]: "WS_CHANNEL_STATE_CLOSING",
  [WS_CHANNEL_STATE_CLOSED]: "WS_CHANNEL_STATE_CLOSED",
};

export const channelStateName = (state: number): string => NAMES[state] ?? `WS_CHANNEL_STATE ${state}`;

/**
 * WS_E_INVALID_OPERATION unless the channel is in one of `allowed` (WS_CHANNEL_STATE: "Using a
 * function not shown for a given state will result in an WS_E_INVALID_OPERATION error").
 */
export function requireChannelState(functionName: string, channel: ChannelObject, ...allowed: number[]): void {
  if (allowed.includes(channel.state)) return;
  throw new WsError(
    WS_E_INVALID_OPERATION,
    `${functionName}: the channel is in ${channelStateName(channel.state)}; ${functionName} needs ${allowed.map(channelStateName).join(" or ")}.`,
  );
}
