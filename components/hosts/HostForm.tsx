"use client";
import { useState, type FormEvent } from "react";
import type { HostSummary } from "@/lib/api/types";
import { useSaveHostMutation, useTestConnectionMutation, type HostFields, type HostSaved } from "@/lib/queries/useHostMutations";
import { ConnectionTestResult } from "./ConnectionTestResult";

type Props = { host: HostSummary | null; defaultIntervalSec: number; onDone: (saved: HostSaved) => void; onCancel?: () => void };

const kindOf = (endpoint: string) => (endpoint.startsWith("https://") ? "agent" : endpoint.startsWith("tcp://") ? "tcp" : "other");

/** Add or edit one host. Test connection tries the endpoint as typed, before anything is saved. */
export function HostForm({ host, defaultIntervalSec, onDone, onCancel }: Props) {
  const [name, setName] = useState(host?.name ?? "");
  const [endpoint, setEndpoint] = useState(host?.endpoint ?? "");
  const [tls, setTls] = useState({ caPath: "", certPath: "", keyPath: "", verify: true });
  const [agent, setAgent] = useState({ token: "", fingerprint: host?.agent?.fingerprint ?? "" });
  const [interval, setIntervalSec] = useState(String(host?.pollIntervalSec ?? defaultIntervalSec));
  const [price, setPrice] = useState(host?.pricePerGbMonth == null ? "" : String(host.pricePerGbMonth));
  const test = useTestConnectionMutation();
  const save = useSaveHostMutation();
  const kind = kindOf(endpoint.trim());
  // TLS paths are never sent back by the API: when editing, empty fields keep the stored files.
  const tlsGiven = kind === "tcp" && tls.caPath !== "" && tls.certPath !== "" && tls.keyPath !== "";
  const agentGiven = kind === "agent" && agent.token !== "" && agent.fingerprint !== "";

  const fields = (): HostFields => ({
    name: name.trim(),
    endpoint: endpoint.trim(),
    tls: tlsGiven ? tls : null,
    agent: agentGiven ? agent : null,
    pollIntervalSec: Number(interval),
    pricePerGbMonth: price.trim() === "" ? null : Number(price),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: host?.id ?? null, fields: fields(), agentChanged: agentGiven }, { onSuccess: onDone });
  };
  const label = host ? `Edit host ${host.name}` : "Add a host";
  return (
    <form className="host-form" aria-label={label} onSubmit={submit}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="ci-runner-1" required />
      </label>
      <label>
        Endpoint
        <input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="tcp://10.0.0.5:2376 or https://host:9443 (agent)" required />
      </label>
      <p className="meta">
        Direct engine: <code>unix:///var/run/docker.sock</code>, <code>tcp://host:2376</code> (TLS files below), <code>ssh://user@host</code> (SSH agent, known
        host key). Ballast agent: <code>https://host:9443</code> with the token and fingerprint the agent printed.
      </p>
      {kind === "tcp" && (
        <fieldset>
          <legend>TLS (mutual){host?.tls ? " — leave empty to keep the stored files" : ""}</legend>
          <label>
            CA certificate path
            <input value={tls.caPath} onChange={(e) => setTls({ ...tls, caPath: e.target.value })} placeholder="/etc/ballast/ca.pem" />
          </label>
          <label>
            Client certificate path
            <input value={tls.certPath} onChange={(e) => setTls({ ...tls, certPath: e.target.value })} placeholder="/etc/ballast/cert.pem" />
          </label>
          <label>
            Client key path
            <input value={tls.keyPath} onChange={(e) => setTls({ ...tls, keyPath: e.target.value })} placeholder="/etc/ballast/key.pem" />
          </label>
          <label className="check">
            <input type="checkbox" checked={tls.verify} onChange={(e) => setTls({ ...tls, verify: e.target.checked })} /> Verify the engine&apos;s certificate
          </label>
        </fieldset>
      )}
      {kind === "agent" && (
        <fieldset>
          <legend>Ballast agent{host?.kind === "agent" ? " — leave the token empty to keep it" : ""}</legend>
          <label>
            Agent token
            <input type="password" value={agent.token} onChange={(e) => setAgent({ ...agent, token: e.target.value })} autoComplete="off" />
          </label>
          <label>
            Agent fingerprint
            <input value={agent.fingerprint} onChange={(e) => setAgent({ ...agent, fingerprint: e.target.value })} placeholder="SHA-256 AB:CD:…" />
          </label>
        </fieldset>
      )}
      <label>
        Poll interval (seconds)
        <input type="number" min={10} value={interval} onChange={(e) => setIntervalSec(e.target.value)} required />
      </label>
      <label>
        Price, $ per GB-month (empty: the default)
        <input type="number" min={0} step="any" value={price} onChange={(e) => setPrice(e.target.value)} />
      </label>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={test.isPending || endpoint.trim() === ""}
          onClick={() => test.mutate({ endpoint: endpoint.trim(), tls: tlsGiven ? tls : null, agent: agentGiven ? agent : null })}
        >
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : host ? "Save changes" : "Add host"}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {test.data && <ConnectionTestResult result={test.data} />}
      {(test.error || save.error) && (
        <div className="error-box" role="alert">
          {(save.error ?? test.error)?.message}
        </div>
      )}
    </form>
  );
}
