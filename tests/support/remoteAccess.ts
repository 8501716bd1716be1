import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Real TLS certificates and a real sshd for testing tcp+TLS and ssh:// endpoints on this machine.

const openssl = (args: string[], cwd: string) => execFileSync("openssl", args, { cwd, stdio: "pipe" });

/** A CA, a server certificate for 127.0.0.1 and the name localhost, and a client certificate, as dockerd's TLS docs make them. */
export function makeTlsFiles(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=ballast-test-ca"], dir);
  for (const [name, ext] of [
    ["server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"],
    ["client", "extendedKeyUsage=clientAuth"],
  ]) {
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}-key.pem`, "-out", `${name}.csr`, "-subj", `/CN=${name}`], dir);
    openssl(
      [
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-out",
        `${name}-cert.pem`,
        "-days",
        "2",
        "-extfile",
        `${name}.ext`,
      ],
      dir,
    );
  }
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca-key.pem", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=other-ca"], dir);
  const file = (name: string) => path.join(dir, name);
  return {
    ca: file("ca.pem"),
    otherCa: file("other-ca.pem"),
    serverCert: file("server-cert.pem"),
    serverKey: file("server-key.pem"),
    clientCert: file("client-cert.pem"),
    clientKey: file("client-key.pem"),
  };
}

/**
 * An sshd on 127.0.0.1:port that lets root in with a fresh key (held by a fresh ssh-agent) and points
 * the session's DOCKER_HOST at `dockerHost`, so `ssh://root@127.0.0.1:port` reaches that engine the
 * way the Docker CLI does (`docker system dial-stdio` on the remote side).
 */
export async function startSshd(dir: string, port: number, dockerHost: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync("/run/sshd", { recursive: true });
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "host_key")]);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "client_key")]);
  fs.copyFileSync(path.join(dir, "client_key.pub"), path.join(dir, "authorized_keys"));
  fs.writeFileSync(
    path.join(dir, "sshd_config"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${path.join(dir, "host_key")}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "StrictModes no",
      "UsePAM no",
      `SetEnv DOCKER_HOST=${dockerHost}`,
    ].join("\n"),
  );
  const sshd: ChildProcess = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", path.join(dir, "sshd_config")], { stdio: "ignore" });
  const agentSocket = path.join(dir, "agent.sock");
  const agent: ChildProcess = spawn("ssh-agent", ["-D", "-a", agentSocket], { stdio: "ignore" });
  for (let i = 0; i < 50 && !fs.existsSync(agentSocket); i++) await new Promise((r) => setTimeout(r, 100));
  execFileSync("ssh-add", [path.join(dir, "client_key")], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, stdio: "pipe" });
  await new Promise((r) => setTimeout(r, 500));
  // What `ssh-keyscan` prints is what a person would add to known_hosts after checking it.
  const knownHosts = path.join(dir, "known_hosts");
  fs.writeFileSync(
    knownHosts,
    execFileSync("ssh-keyscan", ["-p", String(port), "-t", "ed25519", "127.0.0.1"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  );
  return {
    agentSocket,
    knownHosts,
    stop: () => {
      sshd.kill("SIGTERM");
      agent.kill("SIGTERM");
    },
  };
}
