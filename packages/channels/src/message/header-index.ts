import { E_INVALIDARG, WS_E_INVALID_FORMAT, WS_REPEATING_HEADER, type WS_REPEATING_HEADER_OPTION, WS_SINGLETON_HEADER } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/**
 * The repeatingOption / headerIndex rules WsGetCustomHeader and WsGetMappedHeader share:
 * WS_SINGLETON_HEADER needs headerIndex 0 and at most one header of the name (more is
 * WS_E_INVALID_FORMAT); WS_REPEATING_HEADER takes the headerIndex-th. `found` is how many headers
 * of the name there are; `what` names them in the message ("header a:b", "mapped header X-Trace").
 */
export function checkHeaderIndex(
  fn: string,
  repeatingOption: WS_REPEATING_HEADER_OPTION,
  headerIndex: number,
  found: number,
  what: string,
): void {
  if (repeatingOption === WS_SINGLETON_HEADER) {
    if (headerIndex !== 0) throw new WsError(E_INVALIDARG, `${fn}: headerIndex must be 0 with WS_SINGLETON_HEADER, not ${headerIndex}.`);
    if (found > 1) throw new WsError(WS_E_INVALID_FORMAT, `${fn}: the ${what} appears ${found} times; WS_SINGLETON_HEADER expects one.`);
  } else if (repeatingOption !== WS_REPEATING_HEADER) {
    throw new WsError(E_INVALIDARG, `${fn}: repeatingOption ${repeatingOption} is not a WS_REPEATING_HEADER_OPTION.`);
  }
}
