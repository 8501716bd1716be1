"use client";
import { useState, type FormEvent } from "react";
import { formatTime } from "@/components/format";
import { QueryState } from "@/components/ui/QueryState";
import { ROLES, roleAtMost, type Role } from "@/lib/analysis/roles";
import { useSessionQuery } from "@/lib/queries/useSessionQuery";
import { useCreateTokenMutation, useRevokeTokenMutation, useTokensQuery } from "@/lib/queries/useTokensQuery";

/** The signed-in person's API tokens: created with their role or less, shown once, revocable. */
export function TokensSection() {
  const session = useSessionQuery();
  const role = session.data?.user?.role ?? "viewer";
  const tokens = useTokensQuery(Boolean(session.data?.user));
  const create = useCreateTokenMutation();
  const revoke = useRevokeTokenMutation();
  const [name, setName] = useState("");
  const [tokenRole, setTokenRole] = useState<Role>("viewer");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, role: tokenRole }, { onSuccess: () => setName("") });
  };
  return (
    <section className="panel" aria-label="API tokens">
      <h2>API tokens</h2>
      <p className="meta">
        Scripts send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with its role, never above yours; it is shown once.
      </p>
      <form className="inline" onSubmit={submit}>
        <label>
          Token name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Token role
          <select value={tokenRole} onChange={(e) => setTokenRole(e.target.value as Role)}>
            {ROLES.filter((r) => roleAtMost(r, role)).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.data && (
        <p role="status">
          New token (copy it now, it is not shown again): <code data-testid="new-token">{create.data.token}</code>
        </p>
      )}
      {(create.error || revoke.error) && (
        <div className="error-box" role="alert">
          {(create.error ?? revoke.error)?.message}
        </div>
      )}
      <QueryState isLoading={tokens.isLoading} error={tokens.error}>
        <table aria-label="Your tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data?.tokens ?? []).map((token) => (
              <tr key={token.id} aria-label={`Token ${token.name}`}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{token.role}</td>
                <td>{formatTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatTime(token.lastUsedAt) : "never"}</td>
                <td>
                  {token.revokedAt ? (
                    "revoked"
                  ) : (
                    <button type="button" className="secondary" onClick={() => revoke.mutate(token.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
