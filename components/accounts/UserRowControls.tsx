"use client";
import { useState } from "react";
import { ROLES, type Role } from "@/lib/analysis/roles";
import { useChangeUserMutation, type UserRow } from "@/lib/queries/useUsersQuery";

/** One account: its role, a password reset and enable/disable; each change signs the user out everywhere. */
export function UserRowControls({ user }: { user: UserRow }) {
  const change = useChangeUserMutation();
  const [password, setPassword] = useState("");
  return (
    <tr aria-label={`User ${user.username}`}>
      <td>{user.username}</td>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          disabled={change.isPending}
          onChange={(e) => change.mutate({ id: user.id, role: e.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? "disabled" : "enabled"}</td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ id: user.id, password }, { onSuccess: () => setPassword("") });
          }}
        >
          <input
            type="password"
            aria-label={`New password for ${user.username}`}
            value={password}
            minLength={8}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            required
          />
          <button type="submit" className="secondary" disabled={change.isPending}>
            Reset password
          </button>
        </form>
      </td>
      <td>
        <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate({ id: user.id, disabled: !user.disabled })}>
          {user.disabled ? "Enable" : "Disable"}
        </button>
        {change.error && (
          <span className="error-box" role="alert">
            {change.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
