// The Ballast host agent: `npm run agent -- [--listen HOST:PORT] [--token-file F] [--state-dir D] [--allow-actions]`.
// Plain Node (through tsx): nothing here may import a module marked `server-only`.
import { endpointFromEnv, formatEndpoint } from "../collect/endpoint";
import { loadOrCreateCertificate } from "./certificate";
import { localEngine } from "./localEngine";
import { OptionsError, parseAgentOptions } from "./options";
import { createAgentServer } from "./server";
import { readOrCreateToken } from "./token";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

function start() {
  const options = parseAgentOptions(process.argv.slice(2), process.env);
  const endpoint = endpointFromEnv(process.env);
  const certificate = loadOrCreateCertificate(options.stateDir);
  let token = readOrCreateToken(options.tokenFile);
  const server = createAgentServer({
    cert: certificate.cert,
    key: certificate.key,
    token: () => token.token,
    allowActions: options.allowActions,
    engine: localEngine(endpoint),
    containerdRoot: options.containerdRoot,
    log,
  });
  server.listen(options.port, options.host, () => {
    const where = options.host.includes(":") ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
    log(`ballast-agent listening on https://${where} for engine ${formatEndpoint(endpoint)}; deletions ${options.allowActions ? "allowed" : "disabled"}`);
    console.log(`fingerprint sha256 ${certificate.fingerprint}`);
    if (token.created) console.log(`token ${token.token} (written to ${options.tokenFile}; shown only this once)`);
    else log(`token read from ${options.tokenFile}`);
  });
  server.on("error", (error) => {
    log(`cannot listen: ${error.message}`);
    process.exit(1);
  });
  process.on("SIGHUP", () => {
    try {
      token = readOrCreateToken(options.tokenFile);
      if (token.created) console.log(`token ${token.token} (written to ${options.tokenFile}; shown only this once)`);
      log(`token re-read from ${options.tokenFile}`);
    } catch (error) {
      log(`SIGHUP: kept the previous token: ${(error as Error).message}`);
    }
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
}

try {
  start();
} catch (error) {
  console.error(`ballast-agent: ${error instanceof OptionsError ? error.message : (error as Error).message}`);
  process.exit(2);
}
