"use client";
import { useState } from "react";
import { SignInPanel } from "@/components/auth/SignInPanel";
import { usePermissions, useSessionQuery } from "@/lib/queries/useSessionQuery";
import { HostForm } from "./HostForm";

/** The fleet page's way to add a host: the hosts page's form (Test connection, TLS, agent), for admins only. */
export function AddHostPanel({ defaultIntervalSec }: { defaultIntervalSec: number }) {
  const session = useSessionQuery();
  const permissions = usePermissions();
  // A new key empties the form after each host added.
  const [added, setAdded] = useState(0);
  // Once accounts exist, only a signed-in admin may add hosts (the API answers 401/403 otherwise).
  const mustSignIn = session.data?.accountsExist === true && !session.data.user;
  if (session.isLoading || (!mustSignIn && !permissions.has("manageHosts"))) return null;
  return (
    <section className="panel" aria-label="Add a host">
      <h2>Add a Docker host</h2>
      {mustSignIn ? (
        <SignInPanel purpose="Adding hosts needs a signed-in admin." />
      ) : (
        <HostForm key={added} host={null} defaultIntervalSec={defaultIntervalSec} onDone={() => setAdded((n) => n + 1)} />
      )}
      {added > 0 && (
        <p className="meta" role="status">
          Host added; its first poll has run. Edit, disable or delete hosts on the Hosts page.
        </p>
      )}
    </section>
  );
}
