import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Node-only modules stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "dockerode", "docker-modem", "ssh2", "cpu-features"],
  poweredByHeader: false,
};

export default nextConfig;
