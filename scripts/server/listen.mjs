// Where the dashboard listens. An install without accounts lets anyone who reaches it add hosts and
// poll them, so it listens on 127.0.0.1 only; it binds to every interface only once accounts exist,
// or where the operator said so explicitly (BALLAST_LISTEN, or HOSTNAME as Next.js reads it).

/** Parses "host", "host:port", "[v6]:port" or ":port". */
export function parseListen(text) {
  const value = text.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (v6) return { host: v6[1], port: v6[2] ? Number(v6[2]) : null };
  const hostPort = /^([^:]*):(\d+)$/.exec(value);
  if (hostPort) return { host: hostPort[1] || null, port: Number(hostPort[2]) };
  return { host: value, port: null };
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {boolean} accountsExist
 * @returns {{ host: string | null, port: number, why: string }} host null = every interface
 */
export function resolveListen(env, accountsExist) {
  const defaultPort = Number(env.PORT || 3000);
  if (env.BALLAST_LISTEN?.trim()) {
    const { host, port } = parseListen(env.BALLAST_LISTEN);
    return { host, port: port ?? defaultPort, why: "BALLAST_LISTEN" };
  }
  if (env.HOSTNAME?.trim()) return { host: env.HOSTNAME.trim(), port: defaultPort, why: "HOSTNAME" };
  if (accountsExist) return { host: null, port: defaultPort, why: "accounts exist" };
  return { host: "127.0.0.1", port: defaultPort, why: "no accounts" };
}

export function listenMessage({ host, port, why }) {
  const where = host === null ? `every interface, port ${port}` : `${host}:${port}`;
  if (why === "no accounts")
    return `[ballast] No accounts exist, so Ballast listens on 127.0.0.1:${port} only (anyone who reaches it could add and poll hosts). Set BALLAST_ADMIN_USER and BALLAST_ADMIN_PASSWORD to serve others, or BALLAST_LISTEN to choose the address yourself.`;
  return `[ballast] listening on ${where} (${why})`;
}
