import net from "node:net";

// A plain TCP pipe on a loopback address of the test's choosing (127.0.0.5, say) to a real server
// elsewhere on loopback. It counts the connections it took, so a test can tell which address a client
// really dialled. It only moves bytes: the server behind it is a real dockerd, sshd or agent.

export type TcpForwarder = { host: string; port: number; connections(): number; close(): Promise<void> };

export async function startTcpForwarder(host: string, port: number, target: { host: string; port: number }): Promise<TcpForwarder> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    host,
    port,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
