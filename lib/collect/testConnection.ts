import "server-only";
import { z } from "zod";
import { createEngineClient } from "./engine";
import type { Endpoint } from "./endpoint";
import { PollFailure, toPollFailure } from "./pollFailure";

// "Test connection" before a host is saved: the two cheapest calls a poll makes (/version, which also
// negotiates the API version, and /info), with a short deadline, so a person learns the cause — dns,
// refused, tls, auth, host_key, timeout, not_docker, unsupported_api — before the poller does.

export type ConnectionTest =
  | { ok: true; engine: { id: string; name: string; version: string; apiVersion: string; os: string; storageDriver: string } }
  | { ok: false; error: { code: string; message: string } };

const TEST_TIMEOUT_MS = 10_000;

const infoShape = z.object({
  ID: z.string(),
  Name: z.string().default(""),
  OperatingSystem: z.string().default(""),
  Driver: z.string().default(""),
  ServerVersion: z.string().default(""),
});

export async function testConnection(endpoint: Endpoint, display: string): Promise<ConnectionTest> {
  const client = createEngineClient(endpoint, { timeoutMs: TEST_TIMEOUT_MS, maxResponseBytes: 4 * 1024 * 1024 });
  try {
    const api = await client.api();
    const info = infoShape.safeParse(await client.request("GET", "/info"));
    if (!info.success) throw new PollFailure("not_docker", `${display} answered /info, but not like a Docker engine`);
    const { ID, Name, OperatingSystem, Driver, ServerVersion } = info.data;
    return { ok: true, engine: { id: ID, name: Name, version: ServerVersion, apiVersion: api.apiVersion, os: OperatingSystem, storageDriver: Driver } };
  } catch (error) {
    const failure = error instanceof PollFailure ? error : toPollFailure(error, display);
    return { ok: false, error: { code: failure.code, message: failure.message } };
  }
}
