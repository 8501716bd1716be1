"use client";
import Link from "next/link";
import { useState } from "react";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { QueryState } from "@/components/ui/QueryState";
import type { HostSummary } from "@/lib/api/types";
import { useHostsQuery } from "@/lib/queries/useHostsQuery";
import { useSetHostEnabledMutation } from "@/lib/queries/useHostMutations";
import { useSessionQuery } from "@/lib/queries/useSessionQuery";
import { formatTime } from "@/components/format";
import { DeleteHostDialog } from "./DeleteHostDialog";
import { HostForm } from "./HostForm";
import { HostStatusBadge } from "./HostStatusBadge";

type Editing = { kind: "add" } | { kind: "edit"; host: HostSummary } | { kind: "delete"; host: HostSummary } | null;

/** Hosts management: every host in one table, with add, edit, enable/disable and delete (admins only). */
export function HostsManager({ defaultIntervalSec }: { defaultIntervalSec: number }) {
  const query = useHostsQuery();
  const session = useSessionQuery();
  const toggle = useSetHostEnabledMutation();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const hosts = query.data?.hosts ?? [];
  const mustSignIn = session.data?.accountsExist === true && !session.data.user?.canManageHosts;
  const done = (message: string) => (setEditing(null), setNotice(message));
  return (
    <>
      <h1>Hosts</h1>
      {mustSignIn && <SignInPanel purpose="Managing hosts needs a signed-in admin." />}
      {notice && (
        <div className="info-box" role="status" aria-label="Notice">
          {notice}
        </div>
      )}
      <section className="panel" aria-label="Hosts">
        <QueryState isLoading={query.isLoading && !query.data} error={query.error} isEmpty={hosts.length === 0} empty={<p>No hosts yet: add one below.</p>}>
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th>Endpoint</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Interval</th>
                <th>Last poll</th>
                <th>Snapshots</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((host) => (
                <tr key={host.id} aria-label={`Host ${host.name}`}>
                  <td>
                    <Link href={`/hosts/${host.id}`}>{host.name}</Link>
                  </td>
                  <td>
                    <code>{host.endpoint}</code>
                  </td>
                  <td>{host.kind === "agent" ? "agent" : "engine"}</td>
                  <td>
                    <HostStatusBadge host={host} />
                  </td>
                  <td className="num">{host.pollIntervalSec} s</td>
                  <td>{host.lastPollAt ? formatTime(host.lastPollAt) : "never"}</td>
                  <td className="num">{host.snapshotCount}</td>
                  <td>
                    <div className="actions">
                      <button className="secondary" disabled={mustSignIn} onClick={() => (setNotice(null), setEditing({ kind: "edit", host }))}>
                        Edit
                      </button>
                      <button
                        className="secondary"
                        disabled={mustSignIn || toggle.isPending}
                        onClick={() =>
                          toggle.mutate(
                            { id: host.id, enabled: !host.enabled },
                            { onSuccess: () => setNotice(`${host.name} ${host.enabled ? "disabled" : "enabled"}.`) },
                          )
                        }
                      >
                        {host.enabled ? "Disable" : "Enable"}
                      </button>
                      <button className="danger" disabled={mustSignIn} onClick={() => (setNotice(null), setEditing({ kind: "delete", host }))}>
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </QueryState>
        {toggle.error && (
          <div className="error-box" role="alert">
            {toggle.error.message}
          </div>
        )}
      </section>
      {editing?.kind === "delete" && <DeleteHostDialog host={editing.host} onDone={done} onCancel={() => setEditing(null)} />}
      <section className="panel" aria-label={editing?.kind === "edit" ? `Editing ${editing.host.name}` : "New host"}>
        <h2>{editing?.kind === "edit" ? `Edit ${editing.host.name}` : "Add a host"}</h2>
        {editing?.kind === "edit" ? (
          <HostForm
            key={editing.host.id}
            host={editing.host}
            defaultIntervalSec={defaultIntervalSec}
            onDone={(saved) => done(saved.newSeries ? saved.newSeries.message : `${editing.host.name} saved.`)}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <HostForm key="new" host={null} defaultIntervalSec={defaultIntervalSec} onDone={() => done("Host added; its first poll has run.")} />
        )}
      </section>
    </>
  );
}
