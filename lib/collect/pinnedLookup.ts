import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";

// DNS rebinding: a name checked by endpointSafety.ts must not be resolved again when the connection
// is made, or it could resolve to a safe address at the check and to 169.254.169.254 at connect. Node's
// sockets take a `lookup` option; this one answers with the addresses that were checked, for the
// checked name only, so every transport connects to exactly what was checked without a second lookup.

const notFound = (message: string) => Object.assign(new Error(message), { code: "ENOTFOUND" });

function familyOf(options: LookupOptions | number): number {
  const family = typeof options === "number" ? options : options.family;
  if (family === "IPv4") return 4;
  if (family === "IPv6") return 6;
  return typeof family === "number" ? family : 0;
}

/** A `lookup` for net/tls/http(s) that returns `addresses` for `host` and refuses any other name. */
export function pinnedLookup(host: string, addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    if (hostname.toLowerCase() !== host.toLowerCase()) return callback(notFound(`${hostname} was not checked before connecting`), "", 4);
    const family = familyOf(options as LookupOptions | number);
    const matching = addresses.filter((entry) => family === 0 || entry.family === family);
    if (matching.length === 0) return callback(notFound(`${hostname} has no checked IPv${family} address`), "", 4);
    if (typeof options === "object" && options.all) return callback(null, [...matching]);
    callback(null, matching[0].address, matching[0].family);
  };
}
