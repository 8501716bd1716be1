"use client";
import { useState, type FormEvent } from "react";
import { useLoginMutation, useLogoutMutation, useSessionQuery } from "@/lib/queries/useSessionQuery";

/** Sign-in form when nobody is signed in, else who is and a sign-out button. */
export function SignInPanel({ purpose }: { purpose: string }) {
  const session = useSessionQuery();
  const login = useLoginMutation();
  const logout = useLogoutMutation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const user = session.data?.user ?? null;
  if (session.isLoading) return null;
  if (user) {
    return (
      <p className="meta" aria-label="Session">
        Signed in as <strong>{user.username}</strong> ·{" "}
        <button type="button" className="secondary" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password }, { onSuccess: () => setPassword("") });
  };
  return (
    <section className="panel" aria-label="Sign in">
      <h2>Sign in</h2>
      <p className="meta">{purpose} Admins add accounts on the Users page; the first admin comes from BALLAST_ADMIN_USER and BALLAST_ADMIN_PASSWORD.</p>
      <form className="inline" onSubmit={submit}>
        <label>
          User name
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={login.isPending}>
          Sign in
        </button>
      </form>
      {login.error && (
        <div className="error-box" role="alert">
          {login.error.message}
        </div>
      )}
    </section>
  );
}
