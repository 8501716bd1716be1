import { PollFailure } from "./pollFailure";

// Engine API version negotiation, as the Docker CLI does it: read /version, then send every request
// under /v<x>/ where x is the highest version both sides support. Docker 29 refuses anything below 1.44
// ("client version 1.41 is too old"), and an unversioned request gets the engine's newest shapes
// (at 1.52 /system/df changes shape), so Ballast never sends unversioned requests after /version.

/** The Engine API versions Ballast reads: Docker 20.10 (1.41) to Docker 29 (1.52). */
export const SUPPORTED_API = { min: "1.41", max: "1.52" } as const;

export type EngineApi = {
  /** What every request is sent under (`/v<apiVersion>/…`). */
  apiVersion: string;
  /** The newest version the engine speaks (`/version` ApiVersion). */
  maxApiVersion: string;
  /** The oldest version the engine accepts (`/version` MinAPIVersion). */
  minApiVersion: string;
  /** The engine's release (`/version` Version). */
  engineVersion: string;
};

const VERSION = /^(\d+)\.(\d+)$/;

/** Orders "1.9" < "1.41" < "1.52" numerically (never as strings). */
export function compareApiVersions(a: string, b: string): number {
  const [, aMajor, aMinor] = VERSION.exec(a) ?? [, "0", "0"];
  const [, bMajor, bMinor] = VERSION.exec(b) ?? [, "0", "0"];
  return Number(aMajor) - Number(bMajor) || Number(aMinor) - Number(bMinor);
}

export const apiAtLeast = (version: string, minimum: string) => compareApiVersions(version, minimum) >= 0;

/**
 * The highest version both sides support, or a PollFailure `unsupported_api` naming both ranges.
 * Engines before 1.25 send no MinAPIVersion; they are older than Ballast's range anyway.
 */
export function negotiateApiVersion(engine: { Version: string; ApiVersion: string; MinAPIVersion?: string | null }, endpoint: string): EngineApi {
  if (!VERSION.test(engine.ApiVersion)) {
    throw new PollFailure("invalid_response", `${endpoint} reports API version "${engine.ApiVersion}", which is not a version number`);
  }
  const engineMin = engine.MinAPIVersion && VERSION.test(engine.MinAPIVersion) ? engine.MinAPIVersion : engine.ApiVersion;
  const highest = compareApiVersions(engine.ApiVersion, SUPPORTED_API.max) < 0 ? engine.ApiVersion : SUPPORTED_API.max;
  const lowest = compareApiVersions(engineMin, SUPPORTED_API.min) > 0 ? engineMin : SUPPORTED_API.min;
  if (compareApiVersions(highest, lowest) < 0) {
    throw new PollFailure(
      "unsupported_api",
      `${endpoint} (Docker ${engine.Version}) speaks Engine API ${engineMin}–${engine.ApiVersion}; Ballast reads ${SUPPORTED_API.min}–${SUPPORTED_API.max}`,
    );
  }
  return { apiVersion: highest, maxApiVersion: engine.ApiVersion, minApiVersion: engineMin, engineVersion: engine.Version };
}
