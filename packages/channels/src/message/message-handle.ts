import type { WS_MESSAGE } from "@wwsapi/core";
import type { MessageObject } from "./message-object.js";

/** The message behind a handle the flat API has checked. */
export const messageOf = (message: WS_MESSAGE): MessageObject => message as unknown as MessageObject;
