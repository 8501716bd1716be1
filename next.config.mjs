// Plain JavaScript, not next.config.ts: a TypeScript config makes every server start load Next's SWC
// compiler to read it (about 30 MB of resident memory for the server's whole life; issue 14).

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "dockerode", "docker-modem", "ssh2", "cpu-features"],
  poweredByHeader: false,
};

export default nextConfig;
