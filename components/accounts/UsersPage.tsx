"use client";
import { useState, type FormEvent } from "react";
import { QueryState } from "@/components/ui/QueryState";
import { ROLES, type Role } from "@/lib/analysis/roles";
import { usePermissions } from "@/lib/queries/useSessionQuery";
import { useAddUserMutation, useUsersQuery } from "@/lib/queries/useUsersQuery";
import { UserRowControls } from "./UserRowControls";

function AddUserForm() {
  const add = useAddUserMutation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ username, password, role }, { onSuccess: () => (setUsername(""), setPassword("")) });
  };
  return (
    <section className="panel" aria-label="Add a user">
      <h2>Add a user</h2>
      <form className="inline" onSubmit={submit}>
        <label>
          User name
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          Password
          <input type="password" value={password} minLength={8} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending}>
          Add user
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

/** Admins manage accounts: viewer reads, approver also polls and approves cleanups, admin also manages hosts, prices and users. */
export function UsersPage() {
  const mayManage = usePermissions().has("manageUsers");
  const users = useUsersQuery(mayManage);
  if (!mayManage) return <p className="meta">Only an admin may manage users.</p>;
  return (
    <>
      <h1>Users</h1>
      <p className="meta">
        viewer: reads everything · approver: also polls hosts and approves cleanups · admin: also adds hosts, changes prices and manages users. Changing a role
        or password, or disabling a user, signs that user out everywhere. Every change is in the audit log.
      </p>
      <AddUserForm />
      <div className="panel">
        <QueryState isLoading={users.isLoading} error={users.error}>
          <table aria-label="Users">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>State</th>
                <th>Password</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {(users.data?.users ?? []).map((user) => (
                <UserRowControls key={`${user.id}:${user.updatedAt}`} user={user} />
              ))}
            </tbody>
          </table>
        </QueryState>
      </div>
    </>
  );
}
