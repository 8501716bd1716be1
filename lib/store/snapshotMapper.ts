// Pure conversions between stored rows and HostSnapshot parts. BigInt → number happens here
// (byte counts stay far below 2^53), never by patching BigInt.prototype.

export const toNumber = (value: bigint | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));
export const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};
