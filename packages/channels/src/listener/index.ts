/** The WS_LISTENER functions. */
export {
  WsAbortListener,
  WsAcceptChannel,
  WsCloseListener,
  WsCreateChannelForListener,
  WsCreateListener,
  WsFreeListener,
  WsGetListenerProperty,
  WsOpenListener,
  WsResetListener,
  WsSetListenerProperty,
} from "./listener-functions.js";
export { ListenerObject } from "./listener-object.js";
