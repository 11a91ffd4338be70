/** Small texts the fault functions share. */

/** The language of a reason made for a null WS_ERROR: the default WS_ERROR_PROPERTY_LANGID's (0x0409). */
export const DEFAULT_LANGID_TAG = "en-US";

/** An HRESULT as C prints it: 0x803D0013. */
export const hresultText = (hr: number): string => `0x${(hr >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
