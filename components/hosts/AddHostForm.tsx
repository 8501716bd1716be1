"use client";
import { useState, type FormEvent } from "react";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { useAddHostMutation } from "@/lib/queries/useAddHostMutation";
import { usePermissions, useSessionQuery } from "@/lib/queries/useSessionQuery";

export function AddHostForm() {
  const [name, setName] = useState("");
  const [endpoint, setEndpoint] = useState("");
  const [token, setToken] = useState("");
  const [fingerprint, setFingerprint] = useState("");
  // https:// is a Ballast host agent: it needs the token and fingerprint the agent printed at start.
  const isAgent = endpoint.trim().startsWith("https://");
  const add = useAddHostMutation();
  const session = useSessionQuery();
  const permissions = usePermissions();
  // Once accounts exist, only a signed-in admin may add hosts (the API answers 401/403 otherwise).
  const mustSignIn = session.data?.accountsExist === true && !session.data.user;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name, endpoint, ...(isAgent ? { agent: { token, fingerprint } } : {}) },
      { onSuccess: () => (setName(""), setEndpoint(""), setToken(""), setFingerprint("")) },
    );
  };
  if (session.isLoading || (!mustSignIn && !permissions.has("manageHosts"))) return null;
  return (
    <section className="panel" aria-label="Add a host">
      <h2>Add a Docker host</h2>
      <p className="meta">
        <code>unix:///var/run/docker.sock</code>, <code>tcp://host:2375</code>, <code>ssh://user@host</code> (uses the SSH agent), or{" "}
        <code>https://host:9443</code> for a Ballast host agent (adds log and disk sizes; paste the token and fingerprint it printed). For TLS, use the API with
        certificate paths (see the README).
      </p>
      {mustSignIn && <SignInPanel purpose="Adding hosts needs a signed-in admin." />}
      <form className="inline" onSubmit={submit}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="ci-runner-1" required />
        </label>
        <label>
          Endpoint
          <input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="tcp://10.0.0.5:2375" required />
        </label>
        {isAgent && (
          <>
            <label>
              Agent token
              <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" required />
            </label>
            <label>
              Agent fingerprint
              <input value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} placeholder="sha256 AA:BB:…" required />
            </label>
          </>
        )}
        <button type="submit" disabled={add.isPending || mustSignIn}>
          {add.isPending ? "Adding…" : "Add host"}
        </button>
      </form>
      {add.error && (
        <div className="error-box" role="alert">
          {add.error.message}
        </div>
      )}
    </section>
  );
}
