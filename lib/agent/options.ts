import path from "node:path";
import { parseArgs } from "node:util";

// The agent's command line. Each flag has an environment equivalent (documented in the README), for
// systemd units and container runs; a flag wins over its variable.

export type AgentOptions = {
  host: string;
  port: number;
  stateDir: string;
  tokenFile: string;
  allowActions: boolean;
  /** containerd's root when it is not where Docker puts it; null: look in the usual places. */
  containerdRoot: string | null;
};

export class OptionsError extends Error {}

export const DEFAULT_LISTEN = "127.0.0.1:9443";

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535) throw new OptionsError(`--listen ${value}: use HOST:PORT, like ${DEFAULT_LISTEN} or [::1]:9443`);
  return { host: match[1] ?? match[2], port };
}

const truthy = (value: string | undefined) => value !== undefined && ["1", "true", "yes"].includes(value.toLowerCase());

export function parseAgentOptions(argv: string[], env: Record<string, string | undefined>): AgentOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        listen: { type: "string" },
        "token-file": { type: "string" },
        "state-dir": { type: "string" },
        "allow-actions": { type: "boolean" },
        "containerd-root": { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  const stateDir = path.resolve(values["state-dir"] ?? env.BALLAST_AGENT_STATE_DIR ?? "data/agent");
  return {
    ...parseListen(values.listen ?? env.BALLAST_AGENT_LISTEN ?? DEFAULT_LISTEN),
    stateDir,
    tokenFile: path.resolve(values["token-file"] ?? env.BALLAST_AGENT_TOKEN_FILE ?? path.join(stateDir, "token")),
    allowActions: values["allow-actions"] ?? truthy(env.BALLAST_AGENT_ALLOW_ACTIONS),
    containerdRoot: values["containerd-root"] ?? env.BALLAST_AGENT_CONTAINERD_ROOT ?? null,
  };
}
