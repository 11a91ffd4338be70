/** What a call threw, for tests that check the HRESULT and message of a WsError. */
export function thrownBy(call: () => unknown): { hr: number; message: string } | undefined {
  try {
    call();
  } catch (e) {
    const error = e as { hr: number; message: string };
    return { hr: error.hr, message: error.message };
  }
  return undefined;
}
