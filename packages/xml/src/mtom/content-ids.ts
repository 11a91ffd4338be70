/** .NET's DateTime ticks (100 ns) from 0001-01-01 to 1970-01-01. */
const UNIX_EPOCH_TICKS = 621355968000000000n;

/**
 * The Content-ID of the `index`-th binary part a writer makes (1 for the first). WWSAPI documents
 * no form for these ids; this is the form WCF gives them (XmlMtomWriter.GenerateUriForMimePart:
 * `http://tempuri.org/{index}/{DateTime.Now.Ticks}`), which the golden captures show
 * (`http://tempuri.org/1/639310343067705520`) and which WCF peers have always read. The ticks,
 * local time in 100 ns units since 0001-01-01, make ids of different messages differ; within one
 * message the index does.
 */
export function partContentId(index: number, now: Date = new Date()): string {
  const localMs = BigInt(now.getTime() - now.getTimezoneOffset() * 60_000);
  return `http://tempuri.org/${index}/${UNIX_EPOCH_TICKS + localMs * 10_000n}`;
}
