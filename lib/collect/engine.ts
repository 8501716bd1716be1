import "server-only";
import type { LookupAddress } from "node:dns";
import { setMaxListeners } from "node:events";
import fs from "node:fs";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import net from "node:net";
import Docker from "dockerode";
import { AGENT_PREFIX } from "@/lib/agent/protocol";
import { config } from "@/lib/config";
import { agentDial, queryString } from "./agentTransport";
import { negotiateApiVersion, type EngineApi } from "./apiVersion";
import { formatEndpoint, type Endpoint } from "./endpoint";
import { checkEndpoint, type Resolver } from "./endpointSafety";
import { pinnedLookup } from "./pinnedLookup";
import { answerCapFor } from "./answerCaps";
import { PipelineBroken, pipelinedGets } from "./pipelinedGets";
import { versionResponse } from "./engineResponses";
import { hostVerifierFor } from "./knownHosts";
import { PollFailure, remoteText, toPollFailure } from "./pollFailure";

// The only module that imports dockerode (STYLE.md). It exposes a tiny JSON client over dockerode's
// modem so that every response is read with a byte cap and a deadline: a hostile or broken endpoint
// cannot make Ballast buffer gigabytes or hang a poll forever. Its first request reads /version and
// negotiates the API version; every request after that goes to /v<negotiated><path> (apiVersion.ts).

export type EngineClientOptions = {
  /** Deadline for one request, connect to last byte. */
  timeoutMs: number;
  /** Largest response body accepted; larger answers fail with `too_large`. */
  maxResponseBytes: number;
  /**
   * Aborts every request of this client (the poller's per-host deadline): the sockets close, so a
   * hanging engine cannot keep a poll slot busy after its deadline. The abort reason is thrown.
   */
  signal?: AbortSignal;
  /** How host names are resolved for the safety check and then connected to (default dns.lookup); tests inject their own. */
  resolve?: Resolver;
};

/** BALLAST_ENGINE_TIMEOUT_MS and BALLAST_MAX_RESPONSE_BYTES (lib/config.ts). */
export function defaultEngineOptions(): EngineClientOptions {
  const { BALLAST_ENGINE_TIMEOUT_MS, BALLAST_MAX_RESPONSE_BYTES } = config();
  return { timeoutMs: BALLAST_ENGINE_TIMEOUT_MS, maxResponseBytes: BALLAST_MAX_RESPONSE_BYTES };
}

export type EngineMethod = "GET" | "POST" | "DELETE";

export type EngineClient = {
  /** Display form of the endpoint, without secrets. */
  readonly endpoint: string;
  /** The negotiated API version and the engine's own range (read once per client). */
  api(): Promise<EngineApi>;
  /** One request under `/v<negotiated>`; `path` is the unversioned API path ("/system/df"). */
  request(method: EngineMethod, path: string, query?: Record<string, unknown>): Promise<unknown>;
  /**
   * Requests worth running at once. ssh:// opens one SSH connection per request, and OpenSSH drops
   * connections past its MaxStartups (10 by default) while they authenticate: keep under it there.
   */
  readonly parallelRequests?: number;
  /**
   * Several GETs (unversioned paths) at once, answers in the order asked: each the JSON value or what
   * `request` would have thrown for it. Only where requests can be pipelined (unix sockets, plain TCP).
   */
  getMany?(paths: string[]): Promise<ManyAnswer[]>;
  /** A GET whose answer is one JSON value per line (`/events` with `until`), read like `request`. */
  requestLines?(path: string, query?: Record<string, unknown>): Promise<unknown[]>;
  /** For a Ballast host agent: GET one of the agent's own endpoints (`/info`, `/logs`, `/disk`); absent otherwise. */
  agent?: { get(path: string): Promise<unknown> };
};

export type ManyAnswer = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Error from an engine that answered with a non-2xx status (kept apart from transport failures). */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "EngineHttpError";
  }
}

/**
 * A keep-alive pool whose sockets connect to the checked addresses only (pinnedLookup.ts). The host name
 * stays the request's host, so TLS sends it as SNI and checks the certificate against it.
 */
function pinnedPool(protocol: "http" | "https", host: string, addresses: LookupAddress[] | null): http.Agent | undefined {
  if (!addresses) return undefined;
  // The same settings as Node's global agent, which these requests used before.
  const settings = { keepAlive: true, scheduling: "lifo" as const, timeout: 5_000, lookup: pinnedLookup(host, addresses) };
  return protocol === "https" ? new https.Agent(settings) : new http.Agent(settings);
}

function dockerodeOptions(endpoint: Endpoint, addresses: LookupAddress[] | null): Docker.DockerOptions {
  // Every field is set explicitly: docker-modem merges DOCKER_HOST from the environment otherwise.
  const base = { host: undefined, port: undefined, socketPath: undefined, protocol: undefined } as Docker.DockerOptions;
  switch (endpoint.kind) {
    case "unix":
      return { ...base, socketPath: endpoint.socketPath };
    case "tcp":
      // docker-modem hands `agent` to http(s).request (its types leave it out).
      if (!endpoint.tls)
        return {
          ...base,
          host: endpoint.host,
          port: endpoint.port,
          protocol: "http",
          agent: pinnedPool("http", endpoint.host, addresses),
        } as Docker.DockerOptions;
      return {
        ...base,
        host: endpoint.host,
        port: endpoint.port,
        protocol: "https",
        agent: pinnedPool("https", endpoint.host, addresses),
        ca: fs.readFileSync(endpoint.tls.caPath),
        cert: fs.readFileSync(endpoint.tls.certPath),
        key: fs.readFileSync(endpoint.tls.keyPath),
        ...(endpoint.tls.verify ? {} : { checkServerIdentity: () => undefined }),
      } as Docker.DockerOptions;
    case "agent":
      throw new Error("agent endpoints use the agent transport, not dockerode");
    case "ssh":
      return {
        ...base,
        // ssh2 connects to exactly this address (the checked one, not the name again) ...
        host: addresses ? addresses[0].address : endpoint.host,
        port: endpoint.port,
        protocol: "ssh",
        username: endpoint.username,
        // ... while the host key is looked up by the name, as OpenSSH does (CheckHostIP is off by default):
        // an unknown or changed key refuses the connection.
        sshOptions: { agent: config().SSH_AUTH_SOCK, readyTimeout: 20_000, hostVerifier: hostVerifierFor(endpoint.host, endpoint.port) },
      } as Docker.DockerOptions;
  }
}

function readBody(res: IncomingMessage, maxBytes: number, endpoint: string): Promise<Buffer> {
  const tooLarge = () => new PollFailure("too_large", `${endpoint} sent more than ${maxBytes} bytes in one answer; refusing to read it`);
  // A declared length over the cap is refused before reading a byte; a declared length within it is read
  // into one buffer of that size (no second copy when the chunks are joined: a large answer costs its
  // size once, not twice). Without a length (chunked), the chunks are joined at the end. Read with
  // listeners, not `for await`: a cold poll reads ~2,500 small answers, and the async iterator's
  // per-stream setup was a measurable part of its CPU (issue 14).
  const declared = Number(res.headers["content-length"]);
  const sized = res.headers["content-length"] !== undefined && Number.isSafeInteger(declared) && declared >= 0;
  if (sized && declared > maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const whole = sized ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let total = 0;
    const fail = (error: unknown) => {
      res.off("data", onData);
      reject(error);
    };
    const onData = (bytes: Buffer) => {
      if (total + bytes.length > (whole ? declared : maxBytes)) {
        fail(tooLarge());
        res.destroy();
        return;
      }
      if (whole) bytes.copy(whole, total);
      else chunks.push(bytes);
      total += bytes.length;
    };
    res.on("data", onData);
    res.once("error", fail);
    // Closed before its end (the connection dropped, the request aborted): never resolve a cut answer.
    res.once("close", () => (res.readableEnded ? undefined : fail(res.errored ?? new Error("the answer ended early"))));
    res.once("end", () => resolve(whole ? whole.subarray(0, total) : Buffer.concat(chunks)));
  });
}

/** An error answer is read up to here: Docker's are a one-line JSON {"message"}. */
const ERROR_BODY_CAP = 64 * 1024;

/** Every status reaches `send` as a stream: docker-modem would read an error body whole, without a cap. */
const ALL_STATUSES = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i + 100, true]));

/**
 * Docker's own error text from an error answer: the `message` of its JSON body. Null for any other
 * body (HTML, text, another service's reply): that is never shown to anyone.
 */
function dockerMessageOf(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { message?: unknown };
    return typeof parsed?.message === "string" ? parsed.message : null;
  } catch {
    return null;
  }
}

type Dial = (method: EngineMethod, path: string, query: Record<string, unknown>, signal: AbortSignal) => Promise<IncomingMessage>;

function modemDial(docker: Docker): Dial {
  return (method, path, query, signal) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `${path}?`,
          method,
          options: { ...query },
          isStream: true,
          abortSignal: signal,
          statusCodes: ALL_STATUSES,
        } as never,
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as IncomingMessage)),
      );
    });
}

/**
 * GETs over unix sockets and plain TCP straight through node:http with a keep-alive pool, without
 * docker-modem: a cold poll sends one GET per image (inspect or history), and docker-modem's per-request
 * work (URL building and parsing, header copies, a new unix connection each time) was about half of the
 * poll's CPU in Ballast at 651 images (issue 14). Everything else (POST/DELETE, TLS, ssh) keeps
 * docker-modem, whose body and header handling the actions rely on.
 */
function directGetDial(endpoint: Endpoint, addresses: LookupAddress[] | null): Dial | null {
  const target =
    endpoint.kind === "unix"
      ? { socketPath: endpoint.socketPath, agent: new http.Agent({ keepAlive: true, scheduling: "lifo", timeout: 5_000 }) }
      : endpoint.kind === "tcp" && !endpoint.tls
        ? {
            host: endpoint.host,
            port: endpoint.port,
            agent: pinnedPool("http", endpoint.host, addresses) ?? new http.Agent({ keepAlive: true, timeout: 5_000 }),
          }
        : null;
  if (!target) return null;
  const send = (method: EngineMethod, path: string, signal: AbortSignal, retried: boolean): Promise<IncomingMessage> =>
    new Promise<IncomingMessage>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      // The signal is listened to here rather than handed to http.request, whose per-request signal
      // plumbing (end-of-stream watchers on the request) cost more than this one listener (issue 14).
      const req = http.request({ ...target, method, path }, resolve);
      const onAbort = () => req.destroy(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      req.once("close", () => signal.removeEventListener("abort", onAbort));
      req.on("error", (error: NodeJS.ErrnoException) =>
        // A pooled connection the other end closed while idle (a restarted engine, a proxy's timeout)
        // fails the next request on it before any answer: a GET is sent once more, on a new connection.
        !retried && req.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE") && !signal.aborted
          ? resolve(send(method, path, signal, true))
          : reject(error),
      );
      req.end();
    });
  return (method, path, query, signal) => send(method, `${path}${queryString(query)}`, signal, false);
}

export function createEngineClient(endpoint: Endpoint, options: EngineClientOptions = defaultEngineOptions()): EngineClient {
  const display = formatEndpoint(endpoint);

  // Checked before the first byte is sent, once per client: a refused endpoint is never dialled, and the
  // transport is built on the addresses that were checked, so a host name is resolved exactly once
  // (endpointSafety.ts, pinnedLookup.ts). A failed check (DNS down) is tried again on the next request.
  let transport: Promise<Dial> | null = null;
  let checkedAddresses: LookupAddress[] | null = null;
  const connect = () => {
    if (transport) return transport;
    const attempt = checkEndpoint(endpoint, undefined, options.resolve).then((checked): Dial => {
      if (checked.refusal !== null) throw new PollFailure("bad_endpoint", checked.refusal);
      checkedAddresses = checked.addresses;
      if (endpoint.kind === "agent") {
        const viaAgent = agentDial(endpoint, checked.addresses, display);
        return (method, path, query, signal) => viaAgent(method, `${path}${queryString(query)}`, signal);
      }
      const modem = modemDial(new Docker(dockerodeOptions(endpoint, checked.addresses)));
      const direct = directGetDial(endpoint, checked.addresses);
      return direct ? (method, path, query, signal) => (method === "GET" ? direct : modem)(method, path, query, signal) : modem;
    });
    attempt.catch(() => transport === attempt && (transport = null));
    transport = attempt;
    return attempt;
  };

  // The client's signal aborts every request in flight through one listener (one per request would
  // pass Node's 10-listener warning with a poll's parallel requests).
  const active = new Set<AbortController>();
  options.signal?.addEventListener("abort", () => active.forEach((controller) => controller.abort(options.signal?.reason)), { once: true });
  /** A controller aborted with the client's signal (now, if it already is); delete it from `active` when done. */
  const openController = () => {
    const controller = new AbortController();
    if (options.signal?.aborted) controller.abort(options.signal.reason);
    else active.add(controller);
    return controller;
  };

  async function send(method: EngineMethod, path: string, query: Record<string, unknown> = {}, lines = false): Promise<unknown> {
    let dial: Dial;
    try {
      dial = await connect();
    } catch (error) {
      throw toPollFailure(error, display);
    }
    // One controller per request, aborted by its deadline or by the client's signal: cheaper than
    // AbortSignal.timeout + AbortSignal.any, which a cold poll's ~2,500 requests paid for each (issue 14).
    const controller = openController();
    const signal = controller.signal;
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const res = await dial(method, path, query, signal);
      const status = res.statusCode ?? 200;
      if (status >= 300) {
        const message = dockerMessageOf(await readBody(res, ERROR_BODY_CAP, display));
        throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status, json: message === null ? undefined : { message } });
      }
      // Each kind of request has its own cap (answerCaps.ts), under BALLAST_MAX_RESPONSE_BYTES.
      const body = await readBody(res, answerCapFor(path, options.maxResponseBytes), display);
      if (body.length === 0) return lines ? [] : null;
      try {
        const text = body.toString("utf8");
        return lines ? text.split("\n").flatMap((line) => (line.trim() ? [JSON.parse(line)] : [])) : JSON.parse(text);
      } catch {
        throw new PollFailure("not_docker", `${display} answered ${path} with something that is not JSON: is it a Docker engine?`);
      }
    } catch (error) {
      if (options.signal?.aborted) throw toPollFailure(options.signal.reason, display);
      if (signal.aborted) throw new PollFailure("timeout", `${display} did not answer ${path} within ${options.timeoutMs / 1000} s`);
      const e = error as { statusCode?: number; json?: { message?: string }; message?: string };
      if (typeof e.statusCode === "number") {
        const engineMessage = e.json?.message;
        if (typeof engineMessage === "string") throw new EngineHttpError(e.statusCode, remoteText(engineMessage));
        // A 404 without Docker's JSON error body comes from something that is not a Docker engine; any
        // other status without it is reported by its number only (the body is not Docker's words).
        if (e.statusCode !== 404) throw new EngineHttpError(e.statusCode, `HTTP ${e.statusCode} without a Docker error message`);
      }
      throw toPollFailure(error, display);
    } finally {
      clearTimeout(timer);
      active.delete(controller);
    }
  }

  let negotiated: Promise<EngineApi> | null = null;
  const api = () => {
    if (negotiated) return negotiated;
    // /version is the one unversioned request: every engine answers it, whatever versions it accepts.
    const attempt = send("GET", "/version").then((body) => {
      const parsed = versionResponse.safeParse(body);
      if (!parsed.success) throw new PollFailure("invalid_response", `${display} answered /version in an unexpected shape: is it a Docker engine?`);
      return negotiateApiVersion(parsed.data, display);
    });
    // A failed negotiation (engine down) is tried again on the next call.
    attempt.catch(() => negotiated === attempt && (negotiated = null));
    negotiated = attempt;
    return attempt;
  };
  const request = async (method: EngineMethod, path: string, query: Record<string, unknown> = {}) =>
    send(method, `/v${(await api()).apiVersion}${path}`, query);
  const requestLines = async (path: string, query: Record<string, unknown> = {}) =>
    (await send("GET", `/v${(await api()).apiVersion}${path}`, query, true)) as unknown[];

  // Pipelined GETs (pipelinedGets.ts) where node:http's direct dial is used: unix sockets and plain TCP.
  // What the pipeline cannot read as it expects (an error status, a broken connection, not JSON) is sent
  // again through `request`, so every answer fails exactly as it did one request at a time.
  const openSocket =
    endpoint.kind === "unix"
      ? () => net.connect(endpoint.socketPath)
      : endpoint.kind === "tcp" && !endpoint.tls
        ? () =>
            net.connect({ host: endpoint.host, port: endpoint.port, ...(checkedAddresses ? { lookup: pinnedLookup(endpoint.host, checkedAddresses) } : {}) })
        : null;
  const getMany = async (paths: string[]): Promise<ManyAnswer[]> => {
    try {
      await connect();
    } catch (error) {
      throw toPollFailure(error, display);
    }
    const prefix = `/v${(await api()).apiVersion}`;
    // One abort signal for the batch's connections (each listens to it).
    const controller = openController();
    setMaxListeners(0, controller.signal);
    const answers = pipelinedGets(
      paths.map((path) => `${prefix}${path}`),
      {
        connect: openSocket!,
        host: endpoint.kind === "tcp" ? `${endpoint.host}:${endpoint.port}` : "docker",
        connections: 16,
        capFor: (path) => answerCapFor(path, options.maxResponseBytes),
        timeoutMs: options.timeoutMs,
        signal: controller.signal,
        display,
      },
    );
    void Promise.allSettled(answers).then(() => active.delete(controller));
    const oneByOne = (path: string): Promise<ManyAnswer> =>
      request("GET", path).then(
        (value): ManyAnswer => ({ ok: true, value }),
        (error: unknown): ManyAnswer => ({ ok: false, error }),
      );
    return Promise.all(
      answers.map(async (answer, index): Promise<ManyAnswer> => {
        try {
          const { status, body } = await answer;
          if (status >= 200 && status < 300) return { ok: true, value: body.length === 0 ? null : JSON.parse(body.toString("utf8")) };
        } catch (error) {
          if (options.signal?.aborted) return { ok: false, error: toPollFailure(options.signal.reason, display) };
          if (!(error instanceof PipelineBroken || error instanceof SyntaxError)) return { ok: false, error };
        }
        return oneByOne(paths[index]);
      }),
    );
  };

  // The agent's own endpoints skip the API version prefix that engine paths get: same reading rules.
  const agent = endpoint.kind === "agent" ? { get: (path: string) => send("GET", `${AGENT_PREFIX}${path}`) } : undefined;
  const parallelRequests = endpoint.kind === "ssh" ? 8 : 32;
  return { endpoint: display, api, request, requestLines, parallelRequests, ...(agent ? { agent } : {}), ...(openSocket ? { getMany } : {}) };
}
