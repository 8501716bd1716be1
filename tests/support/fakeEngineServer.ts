import http from "node:http";
import type net from "node:net";

// A FAKE Engine API server, for fault injection only (and scale benchmarks): it answers like a Docker
// engine until told to misbehave. Never used where a test claims to check Docker's real behaviour.

export type FakeRoute = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startFakeEngineServer(routes: Record<string, FakeRoute>, port = 0): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0].replace(/^\/v1\.\d+/, "");
    // "*" answers any path without a route of its own (per-id paths such as /containers/{id}/json).
    const route = routes[path] ?? routes["*"];
    if (route) return route(req, res);
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: `page not found: ${path}` }));
  });
  // Client and server share one event loop in tests: a long parse must not let the server's idle timer
  // close a keep-alive socket the client is about to reuse (a flaky ECONNRESET, not the engine's doing).
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address() as net.AddressInfo;
  return {
    endpoint: `tcp://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const sendJson =
  (body: unknown, status = 200): FakeRoute =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

export const ENGINE_BASICS: Record<string, FakeRoute> = {
  "/version": sendJson({ Version: "20.10.24", ApiVersion: "1.41" }),
  "/info": sendJson({
    ID: "FAKE",
    Name: "fake",
    Driver: "overlay2",
    DockerRootDir: "/var/lib/docker",
    OperatingSystem: "fake",
    Architecture: "x86_64",
    KernelVersion: "6",
    NCPU: 2,
    MemTotal: 1,
  }),
};

/** An empty engine: answers every call a poll makes, with nothing in it. */
export const EMPTY_ENGINE: Record<string, FakeRoute> = {
  ...ENGINE_BASICS,
  "/system/df": sendJson({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] }),
  "/images/json": sendJson([]),
};
